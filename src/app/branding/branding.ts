import type { ClientInfo } from '../cidaas/cidaas-types';

/** Validated branding from client info: only values that are safe to put on the page. */
export interface Branding {
  /** The name shown above the form, as text. */
  readonly displayName: string | null;
  /** An `https:` (or same-origin) logo URL. */
  readonly logoUrl: string | null;
  /** The primary colour as `#rrggbb`. */
  readonly primaryColor: string | null;
  /** Text colour readable on {@link primaryColor} (WCAG AA contrast). */
  readonly onPrimaryColor: string | null;
}

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Normalizes a `#rgb`/`#rrggbb` colour to `#rrggbb`, or `null` when it is anything else. */
export function parseHexColor(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  if (!HEX_COLOR.test(trimmed)) return null;
  const hex = trimmed.slice(1).toLowerCase();
  return hex.length === 3 ? `#${[...hex].map((digit) => digit + digit).join('')}` : `#${hex}`;
}

/** Relative luminance of a `#rrggbb` colour (WCAG 2.x). */
export function relativeLuminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/** Whichever of near-black or white text has the higher contrast on the given background. */
export function readableTextOn(background: string): '#ffffff' | '#111111' {
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, '#111111') ? '#ffffff' : '#111111';
}

/** Accepts `https:` URLs and URLs on the page's own origin; everything else (`javascript:`, `http:`, `data:`) is `null`. */
export function safeUrl(value: string | null | undefined, pageOrigin: string): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed, pageOrigin);
    if (url.origin === pageOrigin || url.protocol === 'https:') return url.href;
  } catch {
    return null;
  }
  return null;
}

/** Validates the branding values of client info; anything invalid is dropped for the default theme. */
export function brandingFromClientInfo(info: ClientInfo | null, pageOrigin: string): Branding {
  const displayName = (info?.client_display_name ?? info?.client_name ?? '').trim().slice(0, 80);
  const primaryColor = parseHexColor(info?.primaryColor);
  return {
    displayName: displayName || null,
    logoUrl: safeUrl(info?.logo_uri, pageOrigin),
    primaryColor,
    onPrimaryColor: primaryColor ? readableTextOn(primaryColor) : null,
  };
}
