import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/** Name of the `<meta>` element in `index.html` that carries the deploy-time cidaas base URL. */
export const CIDAAS_BASE_URL_META = 'cidaas-base-url';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether both URLs are on this machine (local development, where plain `http:` is normal). */
function bothLoopback(url: URL, pageOrigin: string): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) && LOOPBACK_HOSTS.has(new URL(pageOrigin).hostname);
}

/**
 * Resolves the configured base URL against the page's origin. Only `https:` URLs, or any URL on the
 * page's own origin, are accepted (so a tampered value cannot send passwords elsewhere over plain
 * HTTP) — plus `http:` between two loopback origins, for local development. Anything else falls
 * back to the page's origin. The result has no trailing slash.
 */
export function resolveCidaasBaseUrl(configured: string | null | undefined, pageOrigin: string): string {
  const value = configured?.trim();
  if (!value) return pageOrigin;
  let url: URL;
  try {
    url = new URL(value, pageOrigin);
  } catch {
    return pageOrigin;
  }
  const sameOrigin = url.origin === pageOrigin;
  const allowedProtocol = url.protocol === 'https:' || (url.protocol === 'http:' && bothLoopback(url, pageOrigin));
  if (!sameOrigin && !allowedProtocol) return pageOrigin;
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
    const configured = document.querySelector(`meta[name="${CIDAAS_BASE_URL_META}"]`)?.getAttribute('content');
    return resolveCidaasBaseUrl(configured, document.location.origin);
  },
});
