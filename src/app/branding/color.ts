/**
 * Colour maths for tenant branding, pure and framework-free: the plain hex colours tenants almost
 * always configure, WCAG relative luminance and contrast, and the choices derived from them (the text
 * colour on a brand colour, whether a brand colour needs a border to stand out).
 *
 * Only `#rgb` and `#rrggbb` are read here, in the initial bundle. Every other notation (`#rgba`,
 * `#rrggbbaa`, `rgb()`, `hsl()`, the colour names) needs the full parser, `color-parser.ts`, a lazy
 * chunk loaded only for such a value ({@link loadColorParser}): until it arrives the default colour
 * applies. Either way a tenant value reaches the page only as `#rrggbb`, or not at all.
 */
import type { normalizeCssColor } from './color-parser';

/** The full parser's reading of a tenant colour: `#rrggbb`, or `null` when it is not a colour (see `color-parser.ts`). */
export type ColorParser = typeof normalizeCssColor;

/** WCAG AA contrast for normal text. */
export const TEXT_CONTRAST = 4.5;

/** WCAG AA contrast for user-interface components and their boundaries (1.4.11). */
export const NON_TEXT_CONTRAST = 3;

/** The dark text colour used on light brand colours (falls back to black where it is not enough). */
export const DARK_TEXT = '#111111';

/** The light text colour used on dark brand colours. */
export const LIGHT_TEXT = '#ffffff';

// As long as the full parser's limit: a longer value is not a colour but an attempt.
const MAX_COLOR_LENGTH = 64;

/** A plain hex colour (`#rgb`, `#rrggbb`, any case, spaces around) as `#rrggbb`; anything else is `null`. */
export function normalizeHexColor(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_COLOR_LENGTH) return null;
  const text = value.trim().toLowerCase();
  if (!/^#(?:[0-9a-f]{3}){1,2}$/.test(text)) return null;
  return text.length === 4 ? text.replace(/\w/g, '$&$&') : text;
}

/**
 * Whether reading a value takes the full parser: a string that is not blank and not plain hex (it may
 * be a colour in another notation, which only the full parser can tell).
 */
export function needsColorParser(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    value.length <= MAX_COLOR_LENGTH &&
    value.trim() !== '' &&
    normalizeHexColor(value) === null
  );
}

/** Loads the full colour parser with the table of colour names: a lazy chunk, since tenants almost always configure plain hex. */
export function loadColorParser(): Promise<ColorParser> {
  return import('./color-parser').then((module) => module.normalizeCssColor);
}

/**
 * A tenant colour as an opaque `#rrggbb` (translucent ones flattened over white): plain hex always,
 * other notations only with the full `parser` (see {@link loadColorParser}); otherwise `null`.
 */
export function normalizeColor(value: unknown, parser?: ColorParser): string | null {
  return normalizeHexColor(value) ?? parser?.(value) ?? null;
}

/** Relative luminance (WCAG 2.x) of a `#rrggbb` colour, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = (hex.match(/[0-9a-f]{2}/gi) ?? []).map((pair) => {
    const c = Number.parseInt(pair, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two `#rrggbb` colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * The text colour for a `#rrggbb` background that meets WCAG AA (4.5:1): white when it reaches
 * 4.5:1, else near-black, else black. One of white and black always reaches 4.58:1 or more, so the
 * result is readable for every background.
 */
export function readableTextOn(background: string): string {
  const candidates = [LIGHT_TEXT, DARK_TEXT, '#000000'];
  const readable = candidates.find((text) => contrastRatio(background, text) >= TEXT_CONTRAST);
  return (
    readable ??
    (contrastRatio(background, LIGHT_TEXT) >= contrastRatio(background, '#000000')
      ? LIGHT_TEXT
      : '#000000')
  );
}

/**
 * The border a filled control in colour `fill` needs to stand out from the `backgrounds` it sits on
 * (all `#rrggbb`): `null` when the fill itself reaches 3:1 against every one of them (WCAG 1.4.11),
 * otherwise a colour that does (the readable text colour of the first background).
 */
export function borderToStandOut(fill: string, backgrounds: readonly string[]): string | null {
  const standsOut = backgrounds.every(
    (background) => contrastRatio(fill, background) >= NON_TEXT_CONTRAST,
  );
  if (standsOut || backgrounds[0] === undefined) return null;
  return readableTextOn(backgrounds[0]);
}
