/**
 * The deploy-time tenant theme, `themes/<client_id>.json` next to the page: the validated shape and
 * the default theme's colours it is measured against. The parser is in `tenant-theme-parser.ts`,
 * loaded only together with the theme file (see `TenantThemes`), so it stays out of the initial bundle.
 */
import { safeUrl } from './branding';
import { type NamedColors, TEXT_CONTRAST, contrastRatio, normalizeColor } from './color';

/** A colour scheme of the page (`prefers-color-scheme`). */
export type ColorScheme = 'light' | 'dark';

/** The default theme's colours per scheme, as in `src/styles.css` (a test keeps the two in step). */
export const DEFAULT_COLORS: Readonly<
  Record<
    ColorScheme,
    {
      readonly pageBackground: string;
      readonly surface: string;
      readonly primary: string;
      readonly text: readonly string[];
    }
  >
> = {
  // `text`: every text colour of the scheme (text, muted text, link, danger) that must stay readable.
  light: {
    pageBackground: '#f3f5f8',
    surface: '#ffffff',
    primary: '#2455c3',
    text: ['#1a1d23', '#4a5160', '#1d4ed8', '#b42318'],
  },
  dark: {
    pageBackground: '#0f1115',
    surface: '#1a1d23',
    primary: '#2455c3',
    text: ['#eef0f4', '#b3b9c5', '#9ec1ff', '#ff8a80'],
  },
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

/** The value checks the theme parser shares with the cidaas branding, handed to it by the eager code. */
export interface ThemeValueChecks {
  /** A safe image URL (see `safeUrl`), or `null`. */
  readonly url: (value: unknown) => string | null;
  /** A CSS colour as `#rrggbb` (see `normalizeColor`), or `null`. */
  readonly color: (value: unknown) => string | null;
  /** A background colour on which every text colour of the scheme keeps WCAG AA, as `#rrggbb`, or `null`. */
  readonly background: (value: unknown, scheme: ColorScheme) => string | null;
}

/** The checks for the theme values of a page served from `pageOrigin` (colour names read with `namedColors`). */
export function themeValueChecks(
  pageOrigin: string,
  namedColors: NamedColors = {},
): ThemeValueChecks {
  return {
    url: (value) => safeUrl(value, pageOrigin),
    color: (value) => normalizeColor(value, undefined, namedColors),
    background: (value, scheme) => {
      const color = normalizeColor(value, undefined, namedColors);
      if (color === null) return null;
      return DEFAULT_COLORS[scheme].text.every(
        (text) => contrastRatio(color, text) >= TEXT_CONTRAST,
      )
        ? color
        : null;
    },
  };
}
