/**
 * The security headers of every response, in one place for both servers: the production server
 * (`server/production.ts`) and the local cidaas emulator (`server/emulator/app.ts`).
 *
 * The Content-Security-Policy is strict: scripts only from the page's own origin (the Angular build
 * has no inline script), no plugins, no `<base>` hijacking, no framing, Trusted Types enforced for
 * every DOM XSS sink (`angular` and `angular#bundler` are the policies Angular itself creates), and
 * network and form targets limited to the page's origin plus the configured cidaas base URL.
 *
 * **`form-action` and the redirect after the password change.** The page submits a real top-level
 * form POST to cidaas (E8), and cidaas answers with a 302 to the application's `redirect_uri`, on any
 * origin. Chromium enforces `form-action` on every redirect that follows a form submission, not only
 * on the form's own target, so with `form-action 'self' <cidaas>` the final redirect to an application
 * on another origin is blocked and the user is stuck on a blank page, although the password was
 * changed. We keep `form-action` tight and make the trade-off explicit: the deployment lists the
 * applications' origins in `formActionExtra` (the production server reads `FORM_ACTION_EXTRA`). A
 * tenant with many or unknown applications may list the scheme source `https:`, which allows any
 * HTTPS target: weaker (a script-less injection could post a form to any HTTPS site), but still no
 * plain HTTP and no `javascript:`; the rest of the policy is unchanged.
 *
 * **Everything that is not the page** (files, theme logos, 404s, the health check, APIs) gets a CSP
 * under which nothing loads or runs ({@link FILE_CONTENT_SECURITY_POLICY_DIRECTIVES},
 * {@link API_CONTENT_SECURITY_POLICY_DIRECTIVES}): an SVG with a script, opened directly, must not
 * run it on the page's origin. What each kind of response carries is listed in
 * `server/expected-headers.ts`, the table the tests check the servers against.
 */
import type { ServerResponse } from 'node:http';

import type { RequestHandler } from 'express';
import helmet from 'helmet';
import onHeaders from 'on-headers';

/** What the security headers depend on. */
export interface SecurityHeaderOptions {
  /**
   * The origin of the cidaas base URL (`https://acme.cidaas.de`), when it differs from the page's own
   * origin: allowed for `connect-src` (the API calls) and `form-action` (the E8 form POST). An origin,
   * not a URL with a path: a CSP source with a path matches that path only.
   */
  readonly cidaasOrigin?: string | undefined;
  /**
   * The origin of the breached-password range API the page is configured with (`https://api.pwnedpasswords.com`):
   * allowed for `connect-src` only. An origin, for the same reason as `cidaasOrigin`.
   */
  readonly pwnedPasswordsOrigin?: string | undefined;
  /** More `form-action` sources: the origins of the applications cidaas redirects to after the change (see the module's JSDoc). */
  readonly formActionExtra?: readonly string[] | undefined;
  /** Whether to send `Strict-Transport-Security` (the production server behind TLS, not the http emulator). */
  readonly hsts: boolean;
  /**
   * The paths of JSON APIs (the emulator's E3, E5 and E7): they get the CSP of
   * {@link API_CONTENT_SECURITY_POLICY_DIRECTIVES} and the headers that apply to any response, not
   * the document headers a page needs, whatever their content type.
   */
  readonly apiPaths?: RegExp | undefined;
}

/**
 * The Content-Security-Policy directives of a JSON API response (as OWASP's REST Security Cheat Sheet
 * advises): nothing may load, run or frame it, should a browser ever render one as a document.
 */
export const API_CONTENT_SECURITY_POLICY_DIRECTIVES: Readonly<Record<string, string[]>> = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * The Content-Security-Policy directives of every response that is neither the page (HTML) nor an API:
 * the built files (scripts, styles, translations), a tenant's theme files and logos, 404s, the health
 * check. Nothing may load or run, and `sandbox` (without `allow-scripts`) gives the document a unique
 * opaque origin should a browser render one: an SVG logo with a `<script>`, opened directly, runs
 * nothing on the page's origin. Inline styles stay allowed so SVG and XML still render as drawn.
 */
export const FILE_CONTENT_SECURITY_POLICY_DIRECTIVES: Readonly<Record<string, string[]>> = {
  defaultSrc: ["'none'"],
  styleSrc: ["'unsafe-inline'"],
  sandbox: [],
};

/** The Permissions-Policy of the page (and every HTML response): it needs none of these features, so no frame or script may use them. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/** `max-age` of `Strict-Transport-Security`: one year, in seconds. */
export const HSTS_MAX_AGE_SECONDS = 31_536_000;

/**
 * The Content-Security-Policy directives (helmet's camelCase names) for the given cidaas origin and
 * extra form targets. Styles allow `'unsafe-inline'` because Angular adds component styles as
 * `<style>` elements at run time; scripts never do.
 */
export function contentSecurityPolicyDirectives(
  options: Omit<SecurityHeaderOptions, 'hsts'> = {},
): Record<string, string[]> {
  const cidaas = options.cidaasOrigin === undefined ? [] : [options.cidaasOrigin];
  const unique = (sources: readonly string[]): string[] => [...new Set(sources)];
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'https:', 'data:'],
    fontSrc: ["'self'"],
    connectSrc: unique([
      "'self'",
      ...cidaas,
      ...(options.pwnedPasswordsOrigin === undefined ? [] : [options.pwnedPasswordsOrigin]),
    ]),
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: unique(["'self'", ...cidaas, ...(options.formActionExtra ?? [])]),
    frameAncestors: ["'none'"],
    requireTrustedTypesFor: ["'script'"],
    trustedTypes: ['angular', 'angular#bundler'],
  };
}

/** What a response is, for its security headers. */
export type ResponseRole = 'document' | 'file' | 'api';

const HTML = /^\s*text\/html\s*(?:;|$)/i;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const filesFromDisk = new WeakSet<ServerResponse>();

/**
 * Marks a response as a file served from disk (call it from a static handler's `setHeaders`): it gets
 * the file headers whatever its content type, so an HTML or SVG file a deployment adds next to the
 * page is never treated as the page.
 */
export function markFileFromDisk(res: ServerResponse): void {
  filesFromDisk.add(res);
}

/**
 * What a response is, decided when its headers are written (its content type and status are known by
 * then): an API (by path), a file from disk, a document (HTML, or a redirect: a redirect's
 * `Referrer-Policy` still governs the request it leads to), or, for anything else, a file.
 */
export function responseRole(res: ServerResponse, isApiPath: boolean): ResponseRole {
  if (isApiPath) return 'api';
  if (filesFromDisk.has(res)) return 'file';
  if (REDIRECT_STATUSES.has(res.statusCode)) return 'document';
  const type = res.getHeader('content-type');
  return typeof type === 'string' && HTML.test(type) ? 'document' : 'file';
}

/**
 * The middleware that sets the security headers, by what the response turns out to be
 * ({@link responseRole}), just before its headers are written:
 * - documents (the page, the emulator's pages, redirects): helmet with the page's CSP,
 *   `Referrer-Policy: no-referrer` (the page URL carries the `lsid`), `X-Frame-Options: DENY` for old
 *   browsers, `nosniff`, `Cross-Origin-Opener-Policy: same-origin`, HSTS when asked, and the
 *   Permissions-Policy;
 * - files and every other non-HTML response: `nosniff`, `Cross-Origin-Resource-Policy: same-origin`,
 *   HSTS, and the CSP of {@link FILE_CONTENT_SECURITY_POLICY_DIRECTIVES};
 * - APIs: the same, with the CSP of {@link API_CONTENT_SECURITY_POLICY_DIRECTIVES}.
 */
export function securityHeaders(options: SecurityHeaderOptions): RequestHandler {
  const strictTransportSecurity = options.hsts
    ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true }
    : false;
  const helmetDocumentHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: contentSecurityPolicyDirectives(options),
    },
    strictTransportSecurity,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    xContentTypeOptions: true,
  });
  // Scripts, styles, translations, images and API answers are never rendered as documents: the headers
  // that only govern documents (framing, referrer, permissions, …: about 700 bytes) would be paid on
  // every file and API call of a slow first load for nothing. What matters stays, with a CSP that lets
  // nothing run should one be opened directly.
  const nonDocumentHeaders = (cspDirectives: Readonly<Record<string, string[]>>) =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: cspDirectives },
      strictTransportSecurity,
      xContentTypeOptions: true,
      crossOriginResourcePolicy: { policy: 'same-origin' },
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      referrerPolicy: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xFrameOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    });
  const headersFor: Record<ResponseRole, RequestHandler> = {
    document: (req, res, next) => {
      res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
      helmetDocumentHeaders(req, res, next);
    },
    file: nonDocumentHeaders(FILE_CONTENT_SECURITY_POLICY_DIRECTIVES),
    api: nonDocumentHeaders(API_CONTENT_SECURITY_POLICY_DIRECTIVES),
  };
  return (req, res, next) => {
    const isApiPath = options.apiPaths?.test(req.path) === true;
    onHeaders(res, () => {
      // helmet's middlewares set their headers synchronously; there is nothing to continue to here.
      headersFor[responseRole(res, isApiPath)](req, res, () => undefined);
    });
    next();
  };
}
