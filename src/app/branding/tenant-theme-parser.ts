/**
 * Parses and validates a deploy-time tenant theme (`themes/<client_id>.json`) like the cidaas branding
 * values. Each value is checked on its own; an invalid one is dropped (the cidaas branding or the
 * default theme applies), never passed through. Loaded lazily, together with the theme file.
 *
 * Type-only imports on purpose: the URL and colour checks, which the eager cidaas branding needs too,
 * come in as {@link ThemeValueChecks}. A value import from the main bundle would make the bundler move
 * the shared code into one more initial file, costing more than this lazy chunk saves.
 */
import type { ColorScheme, SchemeTokens, TenantTheme, ThemeValueChecks } from './tenant-theme';

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
const FAMILY_NAME =
  /^(?:"([\p{L}\p{N} -]{1,48})"|'([\p{L}\p{N} -]{1,48})'|([\p{L}\p{N} -]{1,48}))$/u;
const CSS_WIDE_KEYWORDS = new Set([
  'inherit',
  'initial',
  'unset',
  'revert',
  'revert-layer',
  'default',
]);
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
  return typeof value === 'number' && Number.isFinite(value) && value >= 24 && value <= 96
    ? Math.round(value)
    : null;
}

function property(object: unknown, name: string): unknown {
  return typeof object === 'object' &&
    object !== null &&
    !Array.isArray(object) &&
    Object.hasOwn(object, name)
    ? Reflect.get(object, name)
    : undefined;
}

function schemeTokens(value: unknown, scheme: ColorScheme, checks: ThemeValueChecks): SchemeTokens {
  const tokens: { -readonly [K in keyof SchemeTokens]: SchemeTokens[K] } = {};
  const primary = checks.color(property(value, 'primary'));
  const accent = checks.color(property(value, 'accent'));
  const pageBackground = checks.background(property(value, 'pageBackground'), scheme);
  const surface = checks.background(property(value, 'surface'), scheme);
  const logo = checks.url(property(value, 'logo'));
  const backgroundImage = checks.url(property(value, 'backgroundImage'));
  if (primary) tokens.primary = primary;
  if (accent) tokens.accent = accent;
  if (pageBackground) tokens.pageBackground = pageBackground;
  if (surface) tokens.surface = surface;
  if (logo) tokens.logo = logo;
  if (backgroundImage) tokens.backgroundImage = backgroundImage;
  return tokens;
}

/**
 * Validates a parsed `themes/<client_id>.json` with the value checks of the page's origin (see
 * `themeValueChecks`). Returns `null` when it is not a JSON object; otherwise a theme with the valid
 * values only (unknown keys and invalid values are ignored).
 */
export function parseTenantTheme(json: unknown, checks: ThemeValueChecks): TenantTheme | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const theme: { -readonly [K in keyof TenantTheme]: TenantTheme[K] } = {
    light: schemeTokens(property(json, 'light'), 'light', checks),
    dark: schemeTokens(property(json, 'dark'), 'dark', checks),
  };
  const radius = parseRadius(property(json, 'radius'));
  const fontFamily = parseFontFamily(property(json, 'fontFamily'));
  const logoHeight = parseLogoHeight(property(json, 'logoHeight'));
  const backgroundImage = checks.url(property(json, 'backgroundImage'));
  if (radius !== null) theme.radius = radius;
  if (fontFamily !== null) theme.fontFamily = fontFamily;
  if (logoHeight !== null) theme.logoHeight = logoHeight;
  if (backgroundImage !== null) theme.backgroundImage = backgroundImage;
  return theme;
}
