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
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** What the security headers depend on. */
export interface SecurityHeaderOptions {
  /**
   * The origin of the cidaas base URL (`https://acme.cidaas.de`), when it differs from the page's own
   * origin: allowed for `connect-src` (the API calls) and `form-action` (the E8 form POST). An origin,
   * not a URL with a path: a CSP source with a path matches that path only.
   */
  readonly cidaasOrigin?: string | undefined;
  /** More `form-action` sources: the origins of the applications cidaas redirects to after the change (see the module's JSDoc). */
  readonly formActionExtra?: readonly string[] | undefined;
  /** Whether to send `Strict-Transport-Security` (the production server behind TLS, not the http emulator). */
  readonly hsts: boolean;
  /**
   * The paths of JSON APIs (the emulator's E3, E5 and E7): they get the CSP of
   * {@link API_CONTENT_SECURITY_POLICY_DIRECTIVES} and the headers that apply to any response, not
   * the document headers a page needs.
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

/** The Permissions-Policy of every response: the page needs none of these features, so no frame or script may use them. */
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
export function contentSecurityPolicyDirectives(options: Omit<SecurityHeaderOptions, 'hsts'> = {}): Record<string, string[]> {
  const cidaas = options.cidaasOrigin === undefined ? [] : [options.cidaasOrigin];
  const unique = (sources: readonly string[]): string[] => [...new Set(sources)];
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'https:', 'data:'],
    fontSrc: ["'self'"],
    connectSrc: unique(["'self'", ...cidaas]),
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: unique(["'self'", ...cidaas, ...(options.formActionExtra ?? [])]),
    frameAncestors: ["'none'"],
    requireTrustedTypesFor: ["'script'"],
    trustedTypes: ['angular', 'angular#bundler'],
  };
}

/**
 * The middleware that sets the security headers: helmet (CSP as above, `Referrer-Policy: no-referrer`
 * because the page URL carries the `lsid`, `X-Frame-Options: DENY` for old browsers,
 * `X-Content-Type-Options: nosniff`, `Cross-Origin-Opener-Policy: same-origin`, HSTS when asked)
 * and the Permissions-Policy.
 */
export function securityHeaders(options: SecurityHeaderOptions): RequestHandler {
  const strictTransportSecurity = options.hsts ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true } : false;
  const documentHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicyDirectives(options) },
    strictTransportSecurity,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    xContentTypeOptions: true,
  });
  // Scripts, styles, translations, images and API answers are never rendered as documents: the headers
  // that only govern documents (the page's CSP, framing, referrer, permissions, …: about 850 bytes)
  // would be paid on every file and API call of a slow first load for nothing. What matters stays.
  const nonDocumentHeaders = (cspDirectives: Readonly<Record<string, string[]>> | null) =>
    helmet({
      contentSecurityPolicy: cspDirectives === null ? false : { useDefaults: false, directives: cspDirectives },
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
  const assetHeaders = nonDocumentHeaders(null);
  const apiHeaders = nonDocumentHeaders(API_CONTENT_SECURITY_POLICY_DIRECTIVES);
  return (req, res, next) => {
    if (isStaticAssetPath(req.path)) {
      assetHeaders(req, res, next);
      return;
    }
    if (options.apiPaths?.test(req.path) === true) {
      apiHeaders(req, res, next);
      return;
    }
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    documentHeaders(req, res, next);
  };
}

const STATIC_ASSET = /\.(?:js|mjs|css|json|svg|png|jpe?g|gif|webp|avif|ico|woff2?)$/i;

/**
 * Whether a path names a static file (by its extension) rather than a page: such responses get only
 * the headers that apply to files (`nosniff`, CORP, HSTS). Pages and anything unknown get all; the
 * APIs named by {@link SecurityHeaderOptions.apiPaths} get those of files plus a CSP of their own.
 */
export function isStaticAssetPath(path: string): boolean {
  return STATIC_ASSET.test(path);
}
