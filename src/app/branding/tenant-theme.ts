/**
 * The deploy-time tenant theme, `themes/<client_id>.json` next to the page: parsed and validated like
 * the cidaas branding values. Each value is checked on its own; an invalid one is dropped (the
 * cidaas branding or the default theme applies), never passed through.
 */
import { safeUrl } from './branding';
import { TEXT_CONTRAST, contrastRatio, normalizeColor } from './color';

/** A colour scheme of the page (`prefers-color-scheme`). */
export type ColorScheme = 'light' | 'dark';

/** The default theme's colours per scheme, as in `src/styles.css` (a test keeps the two in step). */
export const DEFAULT_COLORS: Readonly<
  Record<ColorScheme, { readonly pageBackground: string; readonly surface: string; readonly primary: string; readonly text: readonly string[] }>
> = {
  // `text`: every text colour of the scheme (text, muted text, link, danger) that must stay readable.
  light: { pageBackground: '#f3f5f8', surface: '#ffffff', primary: '#2455c3', text: ['#1a1d23', '#4a5160', '#1d4ed8', '#b42318'] },
  dark: { pageBackground: '#0f1115', surface: '#1a1d23', primary: '#2455c3', text: ['#eef0f4', '#b3b9c5', '#9ec1ff', '#ff8a80'] },
};

/** The validated tokens of one colour scheme; absent means "not set by the theme". */
export interface SchemeTokens {
  /** Primary (button) colour, `#rrggbb`. */
  readonly primary?: string;
  /** Accent (link) colour, `#rrggbb`. */
  readonly accent?: string;
  /** Page background colour, `#rrggbb`; only accepted when the scheme's text stays readable on it. */
  readonly pageBackground?: string;
  /** Card colour, `#rrggbb`; only accepted when the scheme's text stays readable on it. */
  readonly surface?: string;
  /** Logo URL for this scheme (e.g. a light logo for dark mode). */
  readonly logo?: string;
  /** Background image URL for this scheme. */
  readonly backgroundImage?: string;
}

/** A validated tenant theme. */
export interface TenantTheme {
  /** Tokens for `prefers-color-scheme: light`. */
  readonly light: SchemeTokens;
  /** Tokens for `prefers-color-scheme: dark`. */
  readonly dark: SchemeTokens;
  /** Corner radius of controls, `<n>px` (0–24) or `<n>rem` (0–1.5). */
  readonly radius?: string;
  /** Font stack: whitelisted family names and generic families, re-quoted. */
  readonly fontFamily?: string;
  /** Logo height in CSS pixels (24–96). */
  readonly logoHeight?: number;
  /** Background image URL for both schemes (a scheme's own wins). */
  readonly backgroundImage?: string;
}

const GENERIC_FAMILIES = new Set([
  'serif',
  'sans-serif',
  'monospace',
  'cursive',
  'fantasy',
  'system-ui',
  'ui-serif',
  'ui-sans-serif',
  'ui-monospace',
  'ui-rounded',
  'math',
  'emoji',
  'fangsong',
  '-apple-system',
  'blinkmacsystemfont',
]);
// A family name: letters (any script), digits, spaces and hyphens; optionally in matching quotes.
const FAMILY_NAME = /^(?:"([\p{L}\p{N} -]{1,48})"|'([\p{L}\p{N} -]{1,48})'|([\p{L}\p{N} -]{1,48}))$/u;
const CSS_WIDE_KEYWORDS = new Set(['inherit', 'initial', 'unset', 'revert', 'revert-layer', 'default']);
const MAX_FAMILIES = 10;

/**
 * Validates a font stack (`Inter, "Segoe UI", system-ui, sans-serif`): at most ten families, each a
 * generic family or a name made of letters, digits, spaces and hyphens. Returns it normalized (names
 * in double quotes, generic families bare), or `null` when any part is not allowed.
 */
export function parseFontFamily(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 400) return null;
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length === 0 || parts.length > MAX_FAMILIES) return null;
  const families: string[] = [];
  for (const part of parts) {
    const lower = part.toLowerCase();
    if (GENERIC_FAMILIES.has(lower)) {
      families.push(lower === 'blinkmacsystemfont' ? 'BlinkMacSystemFont' : lower);
      continue;
    }
    const match = FAMILY_NAME.exec(part);
    const name = (match?.[1] ?? match?.[2] ?? match?.[3])?.trim().replace(/\s+/g, ' ');
    if (!name || CSS_WIDE_KEYWORDS.has(name.toLowerCase())) return null;
    families.push(`"${name}"`);
  }
  return families.join(', ');
}

/** Validates a corner radius: `<n>px` from 0 to 24 or `<n>rem` from 0 to 1.5; `null` otherwise. */
export function parseRadius(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{1,2}(?:\.\d{1,3})?)(px|rem)$/.exec(value.trim());
  if (!match?.[1] || !match[2]) return null;
  const size = Number.parseFloat(match[1]);
  const max = match[2] === 'px' ? 24 : 1.5;
  return size <= max ? `${size}${match[2]}` : null;
}

/** Validates a logo height: a number of CSS pixels from 24 to 96; `null` otherwise. */
export function parseLogoHeight(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 24 && value <= 96 ? Math.round(value) : null;
}

function property(object: unknown, name: string): unknown {
  return typeof object === 'object' && object !== null && !Array.isArray(object) && Object.hasOwn(object, name)
    ? Reflect.get(object, name)
    : undefined;
}

/** A background colour is accepted only when every text colour of the scheme keeps WCAG AA on it. */
function readableBackground(value: unknown, scheme: ColorScheme): string | null {
  const color = normalizeColor(value);
  if (color === null) return null;
  return DEFAULT_COLORS[scheme].text.every((text) => contrastRatio(color, text) >= TEXT_CONTRAST) ? color : null;
}

function schemeTokens(value: unknown, scheme: ColorScheme, pageOrigin: string): SchemeTokens {
  const tokens: { -readonly [K in keyof SchemeTokens]: SchemeTokens[K] } = {};
  const primary = normalizeColor(property(value, 'primary'));
  const accent = normalizeColor(property(value, 'accent'));
  const pageBackground = readableBackground(property(value, 'pageBackground'), scheme);
  const surface = readableBackground(property(value, 'surface'), scheme);
  const logo = safeUrl(property(value, 'logo'), pageOrigin);
  const backgroundImage = safeUrl(property(value, 'backgroundImage'), pageOrigin);
  if (primary) tokens.primary = primary;
  if (accent) tokens.accent = accent;
  if (pageBackground) tokens.pageBackground = pageBackground;
  if (surface) tokens.surface = surface;
  if (logo) tokens.logo = logo;
  if (backgroundImage) tokens.backgroundImage = backgroundImage;
  return tokens;
}

/**
 * Validates a parsed `themes/<client_id>.json`. Returns `null` when it is not a JSON object; otherwise
 * a theme with the valid values only (unknown keys and invalid values are ignored).
 */
export function parseTenantTheme(json: unknown, pageOrigin: string): TenantTheme | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const theme: { -readonly [K in keyof TenantTheme]: TenantTheme[K] } = {
    light: schemeTokens(property(json, 'light'), 'light', pageOrigin),
    dark: schemeTokens(property(json, 'dark'), 'dark', pageOrigin),
  };
  const radius = parseRadius(property(json, 'radius'));
  const fontFamily = parseFontFamily(property(json, 'fontFamily'));
  const logoHeight = parseLogoHeight(property(json, 'logoHeight'));
  const backgroundImage = safeUrl(property(json, 'backgroundImage'), pageOrigin);
  if (radius !== null) theme.radius = radius;
  if (fontFamily !== null) theme.fontFamily = fontFamily;
  if (logoHeight !== null) theme.logoHeight = logoHeight;
  if (backgroundImage !== null) theme.backgroundImage = backgroundImage;
  return theme;
}
