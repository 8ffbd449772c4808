import { isLoopbackHostname, isSecureUrl } from '../../contract/url-safety';
import type { ClientInfo } from '../../contract/cidaas-types';
import { type NamedColors, normalizeColor } from './color';

/** Which legal document a footer link points to (the key of its label under `footer.`). */
export type FooterLinkKind = 'privacy' | 'terms' | 'imprint';

/** A validated footer link. */
export interface FooterLink {
  /** Which document it is. */
  readonly kind: FooterLinkKind;
  /** An `https:` (or same-origin) URL. */
  readonly url: string;
}

/** Validated branding from client info: only values that are safe to put on the page. */
export interface Branding {
  /** The client id, when it is safe to use in a file name (`themes/<client_id>.json`). */
  readonly clientId: string | null;
  /** The name shown above the form, as text. */
  readonly displayName: string | null;
  /** An `https:` (or same-origin) logo URL. */
  readonly logoUrl: string | null;
  /** The primary colour as `#rrggbb`. */
  readonly primaryColor: string | null;
  /** The accent colour as `#rrggbb` (used for links where it is readable). */
  readonly accentColor: string | null;
  /** An `https:` (or same-origin) full-bleed background image URL. */
  readonly backgroundUrl: string | null;
  /** The footer links, in display order (privacy, terms, imprint), valid ones only. */
  readonly links: readonly FooterLink[];
  /** The copyright line, as text. */
  readonly copyright: string | null;
}

/** The branding when cidaas gives none: the default theme. */
export const DEFAULT_BRANDING: Branding = {
  clientId: null,
  displayName: null,
  logoUrl: null,
  primaryColor: null,
  accentColor: null,
  backgroundUrl: null,
  links: [],
  copyright: null,
};

// Client ids become a file name: letters, digits, `-` and `_` only (no dots, so no `..`, no slashes).
const SAFE_CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

// C0/C1 controls and the bidirectional overrides/isolates, which could reorder the text around them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_AND_BIDI = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Whether the page runs in development: its own origin is a loopback host (`localhost`,
 * `127.0.0.1`, `[::1]`). Only then are `http:` URLs on a loopback host accepted.
 */
export function isDevelopmentOrigin(pageOrigin: string): boolean {
  try {
    return isLoopbackHostname(new URL(pageOrigin).hostname);
  } catch {
    return false;
  }
}

/**
 * Accepts `https:` URLs and URLs on the page's own origin (relative ones resolve against it); in
 * development (see {@link isDevelopmentOrigin}) also `http:` URLs on a loopback host. Everything else
 * (`javascript:`, `data:`, other `http:`, URLs with credentials) is `null`.
 */
export function safeUrl(value: unknown, pageOrigin: string): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(trimmed, pageOrigin);
  } catch {
    return null;
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.username !== '' ||
    url.password !== ''
  )
    return null;
  return url.origin === pageOrigin || isSecureUrl(url, isDevelopmentOrigin(pageOrigin))
    ? url.href
    : null;
}

/** Text a tenant configured, made safe to show: controls and bidi overrides removed, spaces collapsed, length capped; `null` when empty. */
export function safeText(value: unknown, maxLength: number): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(CONTROL_AND_BIDI, ' ').replace(/\s+/g, ' ').trim();
  return text ? [...text].slice(0, maxLength).join('') : null;
}

// What a name a tenant configured must not contain: markup (it would show as cut code), bidi controls.
const NOT_A_NAME = /[<>\u202a-\u202e\u2066-\u2069]/;

/**
 * A name a tenant configured (the display name, the client name), if it is a valid one: plain text
 * (no markup, no bidi controls), at most `maxLength` characters once spaces are collapsed. A name that
 * fails is dropped whole, never cut or shown as code: `null`, so the caller falls back.
 */
export function safeName(value: unknown, maxLength: number): string | null {
  if (typeof value !== 'string' || NOT_A_NAME.test(value)) return null;
  const text = safeText(value, Number.MAX_SAFE_INTEGER);
  return text !== null && [...text].length <= maxLength ? text : null;
}

/** The client id when it is safe to use in a file name, else `null`. */
export function safeClientId(value: unknown): string | null {
  return typeof value === 'string' && SAFE_CLIENT_ID.test(value) ? value : null;
}

/**
 * Validates the branding values of client info; anything invalid is dropped for the default theme.
 * Colour names are read only with `namedColors` (see `loadNamedColors`).
 */
export function brandingFromClientInfo(
  info: ClientInfo | null,
  pageOrigin: string,
  namedColors: NamedColors = {},
): Branding {
  if (info === null) return DEFAULT_BRANDING;
  const links: FooterLink[] = [];
  const candidates: readonly [FooterLinkKind, string | undefined][] = [
    ['privacy', info.policy_uri],
    ['terms', info.tos_uri],
    ['imprint', info.imprint_uri],
  ];
  for (const [kind, value] of candidates) {
    const url = safeUrl(value, pageOrigin);
    if (url !== null) links.push({ kind, url });
  }
  return {
    clientId: safeClientId(info.client_id),
    displayName: safeName(info.client_display_name, 80) ?? safeName(info.client_name, 80),
    logoUrl: safeUrl(info.logo_uri, pageOrigin),
    primaryColor: normalizeColor(info.primaryColor, undefined, namedColors),
    accentColor: normalizeColor(info.accentColor, undefined, namedColors),
    backgroundUrl: safeUrl(info.backgroundUri, pageOrigin),
    links,
    copyright: safeText(info.copy_right_info, 200),
  };
}
