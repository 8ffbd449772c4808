import { isLoopbackHostname, isSecureUrl } from '../../contract/url-safety';
import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/** Name of the `<meta>` element in `index.html` that carries the deploy-time cidaas base URL. */
export const CIDAAS_BASE_URL_META = 'cidaas-base-url';

/**
 * Resolves the configured base URL against the page's origin. Only `https:` URLs, or any URL on the
 * page's own origin, are accepted (so a tampered value cannot send passwords elsewhere over plain
 * HTTP) — plus `http:` between two loopback origins, for local development. Anything else falls
 * back to the page's origin. The result has no trailing slash.
 */
export function resolveCidaasBaseUrl(
  configured: string | null | undefined,
  pageOrigin: string,
): string {
  const value = configured?.trim();
  if (!value) return pageOrigin;
  let url: URL;
  try {
    url = new URL(value, pageOrigin);
  } catch {
    return pageOrigin;
  }
  const sameOrigin = url.origin === pageOrigin;
  // Plain http only between two loopback origins: local development.
  if (!sameOrigin && !isSecureUrl(url, isLoopbackHostname(new URL(pageOrigin).hostname)))
    return pageOrigin;
  if (url.username || url.password || url.search || url.hash) return pageOrigin;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * The cidaas base URL (tenant authority), e.g. `https://demo.cidaas.de`. Read once from the
 * `<meta name="cidaas-base-url">` element in `index.html`, so a deployment sets it without a rebuild
 * and without an extra request; defaults to the page's own origin.
 */
export const CIDAAS_BASE_URL = new InjectionToken<string>('CIDAAS_BASE_URL', {
  providedIn: 'root',
  factory: () => {
    const document = inject(DOCUMENT);
    const configured = document
      .querySelector(`meta[name="${CIDAAS_BASE_URL_META}"]`)
      ?.getAttribute('content');
    return resolveCidaasBaseUrl(configured, document.location.origin);
  },
});
