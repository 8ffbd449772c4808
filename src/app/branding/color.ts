/**
 * Colour maths for tenant branding, pure and framework-free: a strict parser for the CSS colours a
 * tenant may configure, WCAG relative luminance and contrast, and the choices derived from them (the
 * text colour on a brand colour, whether a brand colour needs a border to stand out).
 *
 * Nothing a tenant configures reaches the page as written: a value either parses into channels that
 * are written back as `#rrggbb`, or it is rejected (`null`).
 *
 * Hand-written rather than a colour library (e.g. colord): the strictness is the point. Those parsers
 * accept what we refuse (hsl/hwb/lab, `#rgba`, mixed separators), so re-serializing their output
 * would still let those through; the grammar here is the few forms a tenant's brand colour needs.
 */

/** CSS colour names to `#rrggbb` (the table in `css-named-colors.ts`, loaded only when needed). */
export type NamedColors = Readonly<Record<string, string>>;

/** Whether a value is a bare word, i.e. can only be a colour name: reading it needs the {@link NamedColors}. */
export function isColorName(value: unknown): boolean {
  return typeof value === 'string' && /^\s*[a-z]+\s*$/i.test(value);
}

/**
 * Loads the table of CSS colour names: a lazy chunk (size in the README's performance section), since
 * tenants almost always
 * configure hex colours.
 */
export function loadNamedColors(): Promise<NamedColors> {
  return import('./css-named-colors').then((module) => module.CSS_NAMED_COLORS);
}

/** An sRGB colour: channels 0–255 (integers), alpha 0–1. */
export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

/** WCAG AA contrast for normal text. */
export const TEXT_CONTRAST = 4.5;

/** WCAG AA contrast for user-interface components and their boundaries (1.4.11). */
export const NON_TEXT_CONTRAST = 3;

/** The dark text colour used on light brand colours (falls back to black where it is not enough). */
export const DARK_TEXT = '#111111';

/** The light text colour used on dark brand colours. */
export const LIGHT_TEXT = '#ffffff';

// Longer than any colour written by hand; a longer value is not a colour but an attempt.
const MAX_COLOR_LENGTH = 64;

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/;
const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?`;
const NUMBER_OR_PERCENT = `${NUMBER}%?`;
const HUE = `${NUMBER}(?:deg|grad|rad|turn)?`;
// rgb(1, 2, 3), rgba(1,2,3,0.5), rgb(1 2 3), rgb(1 2 3 / 50%): the legacy comma and the modern space syntax.
const RGB_COMMA = new RegExp(
  `^rgba?\\(\\s*(${NUMBER_OR_PERCENT})\\s*,\\s*(${NUMBER_OR_PERCENT})\\s*,\\s*(${NUMBER_OR_PERCENT})\\s*(?:,\\s*(${NUMBER_OR_PERCENT})\\s*)?\\)$`,
);
const RGB_SPACE = new RegExp(
  `^rgba?\\(\\s*(${NUMBER_OR_PERCENT})\\s+(${NUMBER_OR_PERCENT})\\s+(${NUMBER_OR_PERCENT})\\s*(?:\\/\\s*(${NUMBER_OR_PERCENT})\\s*)?\\)$`,
);
const HSL_COMMA = new RegExp(
  `^hsla?\\(\\s*(${HUE})\\s*,\\s*(${NUMBER}%)\\s*,\\s*(${NUMBER}%)\\s*(?:,\\s*(${NUMBER_OR_PERCENT})\\s*)?\\)$`,
);
const HSL_SPACE = new RegExp(
  `^hsla?\\(\\s*(${HUE})\\s+(${NUMBER}%?)\\s+(${NUMBER}%?)\\s*(?:\\/\\s*(${NUMBER_OR_PERCENT})\\s*)?\\)$`,
);

const clamp = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, value));

/** A channel (`0`–`255` or `0%`–`100%`), clamped and rounded as CSS does. */
function channel(text: string): number {
  const value = Number.parseFloat(text);
  return Math.round(clamp(text.endsWith('%') ? (value * 255) / 100 : value, 0, 255));
}

/** An alpha value (`0`–`1` or `0%`–`100%`); absent means opaque. */
function alpha(text: string | undefined): number {
  if (text === undefined) return 1;
  const value = Number.parseFloat(text);
  return clamp(text.endsWith('%') ? value / 100 : value, 0, 1);
}

/** A hue in degrees, normalized to 0–360. */
function hueDegrees(text: string): number {
  const value = Number.parseFloat(text);
  const degrees = text.endsWith('grad')
    ? value * 0.9
    : text.endsWith('rad')
      ? (value * 180) / Math.PI
      : text.endsWith('turn')
        ? value * 360
        : value;
  return ((degrees % 360) + 360) % 360;
}

function fromHex(hex: string): Rgba {
  const digits =
    hex.length <= 4 ? [...hex].map((digit) => digit + digit) : (hex.match(/../g) ?? []);
  const [r = 0, g = 0, b = 0] = digits.slice(0, 3).map((pair) => Number.parseInt(pair, 16));
  const a = digits[3] === undefined ? 1 : Number.parseInt(digits[3], 16) / 255;
  return { r, g, b, a };
}

function fromHsl(hue: number, saturation: number, lightness: number, a: number): Rgba {
  const s = clamp(saturation, 0, 100) / 100;
  const l = clamp(lightness, 0, 100) / 100;
  const f = (n: number): number => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return { r: f(0), g: f(8), b: f(4), a };
}

/**
 * Parses a CSS colour a tenant may configure: hex (`#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`),
 * `rgb()`/`rgba()` and `hsl()`/`hsla()` (comma or space syntax) and the names in `namedColors` (none
 * unless given). Everything else (`var()`, `url()`, `expression()`, `currentcolor`, several values,
 * `;`, `}` …) is `null`.
 */
export function parseCssColor(value: unknown, namedColors: NamedColors = {}): Rgba | null {
  if (typeof value !== 'string' || value.length > MAX_COLOR_LENGTH) return null;
  const text = value.trim().toLowerCase();
  const hex = HEX.exec(text);
  if (hex?.[1] !== undefined) return fromHex(hex[1]);
  if (Object.hasOwn(namedColors, text)) {
    const named = namedColors[text];
    return named === undefined ? null : fromHex(named.slice(1));
  }
  const rgb = RGB_COMMA.exec(text) ?? RGB_SPACE.exec(text);
  if (rgb?.[1] !== undefined && rgb[2] !== undefined && rgb[3] !== undefined) {
    // CSS does not mix numbers and percentages among the three channels.
    if (new Set([rgb[1], rgb[2], rgb[3]].map((part) => part.endsWith('%'))).size > 1) return null;
    return { r: channel(rgb[1]), g: channel(rgb[2]), b: channel(rgb[3]), a: alpha(rgb[4]) };
  }
  const hsl = HSL_COMMA.exec(text) ?? HSL_SPACE.exec(text);
  if (hsl?.[1] !== undefined && hsl[2] !== undefined && hsl[3] !== undefined) {
    return fromHsl(
      hueDegrees(hsl[1]),
      Number.parseFloat(hsl[2]),
      Number.parseFloat(hsl[3]),
      alpha(hsl[4]),
    );
  }
  return null;
}

/** Writes an opaque colour as `#rrggbb` (alpha is ignored: flatten translucent colours first). */
export function toHex(color: Rgba): string {
  return `#${[color.r, color.g, color.b].map((part) => Math.round(part).toString(16).padStart(2, '0')).join('')}`;
}

/** The colour seen when `color` is painted over the opaque `backdrop` (alpha compositing). */
export function flatten(color: Rgba, backdrop: Rgba): Rgba {
  const mix = (top: number, bottom: number): number =>
    Math.round(top * color.a + bottom * (1 - color.a));
  return {
    r: mix(color.r, backdrop.r),
    g: mix(color.g, backdrop.g),
    b: mix(color.b, backdrop.b),
    a: 1,
  };
}

/**
 * Parses a tenant colour and returns it as an opaque `#rrggbb`, translucent colours flattened over
 * `backdrop` (a `#rrggbb`); `null` when the value is not a colour (or a name not in `namedColors`).
 */
export function normalizeColor(
  value: unknown,
  backdrop = '#ffffff',
  namedColors: NamedColors = {},
): string | null {
  const color = parseCssColor(value, namedColors);
  if (color === null) return null;
  return toHex(color.a < 1 ? flatten(color, fromHex(backdrop.slice(1))) : color);
}

/** Relative luminance (WCAG 2.x) of a `#rrggbb` colour, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const { r, g, b } = fromHex(hex.replace(/^#/, ''));
  const linear = (value: number): number => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
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
