/**
 * The response headers the password_set page's servers must send, per kind of response: one table
 * for every server that serves the page (the Node production server, `server/production.ts`, and a
 * reverse proxy configured to serve the built files itself), so their tests check the same
 * expectations and the servers cannot drift apart.
 *
 * Deliberately framework-free and written out literally (not derived from `security-headers.ts`): it
 * is what the servers are checked against, not how they build their headers.
 */

/** The kinds of response the servers send. */
export type ResponseKind =
  /** The page (`/identity/password_set` and the other page paths): HTML with the base URL injected. */
  | 'page'
  /** A hashed bundle (`main-ABCD2345.js`, `chunk-….js`, `styles-….css`): immutable. */
  | 'hashedScript'
  /** A translation file (`i18n/<lang>.json`). */
  | 'translation'
  /** Any other built or deployed file: SVG logos and backgrounds, theme JSON, the favicon. */
  | 'staticFile'
  /** A path with nothing behind it. */
  | 'notFound'
  /** The health check, `GET /ping`. */
  | 'health'
  /** A JSON API (the emulator's E3, E5 and E7 stand-ins for cidaas). */
  | 'api';

/**
 * What a header must be: the exact value (a string), a value matching a pattern (a RegExp), or absent
 * (`null`). Header names are lower case; a header a kind does not list is not checked.
 */
export type HeaderExpectation = string | RegExp | null;

/** The expectations of one kind of response, by lower-case header name. */
export type HeaderExpectations = Readonly<Record<string, HeaderExpectation>>;

/** What the expectations depend on: the server's configuration. */
export interface ExpectedHeadersConfig {
  /** The cidaas origin the page talks to and posts to, when not the page's own. */
  readonly cidaasOrigin?: string | undefined;
  /** The breached-password range API's origin, when the page is configured with one: `connect-src` only. */
  readonly pwnedPasswordsOrigin?: string | undefined;
  /** Extra `form-action` sources (the applications cidaas redirects to). */
  readonly formActionExtra?: readonly string[] | undefined;
  /** Whether the server sends `Strict-Transport-Security` (behind TLS). */
  readonly hsts: boolean;
}

/** The CSP of everything that is not the page or an API: nothing loads or runs, and the document is sandboxed. */
export const EXPECTED_FILE_CSP = "default-src 'none';style-src 'unsafe-inline';sandbox";

/** The CSP of a JSON API response. */
export const EXPECTED_API_CSP = "default-src 'none';frame-ancestors 'none'";

/** The Permissions-Policy of the page: every powerful feature denied. */
export const EXPECTED_PERMISSIONS_POLICY =
  'accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), ' +
  'microphone=(), midi=(), payment=(), serial=(), usb=(), xr-spatial-tracking=()';

/** `Strict-Transport-Security` when sent: one year, subdomains included. */
export const EXPECTED_HSTS = 'max-age=31536000; includeSubDomains';

/** The page's CSP for a configuration (directives in this order, separated by `;` without spaces). */
export function expectedPageCsp(config: Omit<ExpectedHeadersConfig, 'hsts'> = {}): string {
  const unique = (sources: readonly string[]): string => [...new Set(sources)].join(' ');
  const cidaas = config.cidaasOrigin === undefined ? [] : [config.cidaasOrigin];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' https: data:",
    "font-src 'self'",
    `connect-src ${unique(["'self'", ...cidaas, ...(config.pwnedPasswordsOrigin === undefined ? [] : [config.pwnedPasswordsOrigin])])}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${unique(["'self'", ...cidaas, ...(config.formActionExtra ?? [])])}`,
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types angular angular#bundler',
  ].join(';');
}

// The headers only a document needs: never on files or API answers (they would be bytes for nothing).
const NO_DOCUMENT_HEADERS: HeaderExpectations = {
  'permissions-policy': null,
  'referrer-policy': null,
  'x-frame-options': null,
  'cross-origin-opener-policy': null,
  'origin-agent-cluster': null,
  'x-dns-prefetch-control': null,
  'x-download-options': null,
  'x-permitted-cross-domain-policies': null,
  'x-xss-protection': null,
};

/** A file's validators: a strong or weak entity tag and an HTTP date. */
const ETAG = /^(?:W\/)?"[^"]+"$/;
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** The expected headers of every kind of response, for a server configured as given. */
export function expectedHeaders(
  config: ExpectedHeadersConfig,
): Readonly<Record<ResponseKind, HeaderExpectations>> {
  const always: HeaderExpectations = {
    'x-content-type-options': 'nosniff',
    'strict-transport-security': config.hsts ? EXPECTED_HSTS : null,
    'x-powered-by': null,
    server: null,
  };
  const nonDocument: HeaderExpectations = {
    ...always,
    ...NO_DOCUMENT_HEADERS,
    'content-security-policy': EXPECTED_FILE_CSP,
    'cross-origin-resource-policy': 'same-origin',
  };
  // Ranges are not served: with compression they would describe bytes of another representation.
  const file: HeaderExpectations = {
    ...nonDocument,
    vary: 'Accept-Encoding',
    'accept-ranges': null,
    'content-range': null,
  };
  return {
    page: {
      ...always,
      'content-security-policy': expectedPageCsp(config),
      'permissions-policy': EXPECTED_PERMISSIONS_POLICY,
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
      'cache-control': 'no-store',
      'content-type': /^text\/html; charset=utf-8$/i,
      vary: 'Accept-Encoding',
      etag: null,
      'last-modified': null,
      'accept-ranges': null,
    },
    hashedScript: {
      ...file,
      'cache-control': 'public, max-age=31536000, immutable',
      'content-type': /^(?:text|application)\/javascript; charset=utf-8$/i,
      // Never revalidated: validators would be bytes for nothing.
      etag: null,
      'last-modified': null,
    },
    translation: {
      ...file,
      'cache-control': 'no-cache',
      'content-type': /^application\/json; charset=utf-8$/i,
      etag: ETAG,
      'last-modified': HTTP_DATE,
    },
    staticFile: {
      ...file,
      'cache-control': 'no-cache',
      etag: ETAG,
      'last-modified': HTTP_DATE,
    },
    notFound: {
      ...nonDocument,
      'cache-control': 'no-store',
      'content-type': /^text\/plain; charset=utf-8$/i,
    },
    health: {
      ...nonDocument,
      'cache-control': 'no-store',
      'content-type': /^text\/plain; charset=utf-8$/i,
    },
    api: {
      ...nonDocument,
      'content-security-policy': EXPECTED_API_CSP,
      'cache-control': 'no-store',
      'content-type': /^application\/json; charset=utf-8$/i,
    },
  };
}

/**
 * The differences between the expectations and a response's headers, one readable line each (empty
 * when they match). `header` returns a header's value by lower-case name, or `null`/`undefined` when
 * absent (e.g. `(name) => response.headers.get(name)` for a fetch `Response`).
 */
export function headerMismatches(
  expected: HeaderExpectations,
  header: (name: string) => string | null | undefined,
): string[] {
  const mismatches: string[] = [];
  for (const [name, expectation] of Object.entries(expected)) {
    const actual = header(name) ?? null;
    const matches =
      expectation === null
        ? actual === null
        : actual !== null &&
          (typeof expectation === 'string' ? actual === expectation : expectation.test(actual));
    if (!matches) {
      mismatches.push(
        `${name}: expected ${expectation === null ? 'no header' : String(expectation)}, got ${actual === null ? 'no header' : JSON.stringify(actual)}`,
      );
    }
  }
  return mismatches;
}
