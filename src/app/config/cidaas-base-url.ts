import { isLoopbackHostname, isSecureUrl } from '../../contract/url-safety';
import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/** Name of the `<meta>` element in `index.html` that carries the deploy-time cidaas base URL. */
export const CIDAAS_BASE_URL_META = 'cidaas-base-url';

/**
 * Resolves a configured URL against the page's origin. Only `https:` URLs, or any URL on the page's
 * own origin, are accepted (so a tampered value cannot send passwords elsewhere over plain HTTP) —
 * plus `http:` between two loopback origins, for local development. `null` for anything else and for
 * nothing configured. The result has no trailing slash.
 */
export function resolveConfiguredUrl(
  configured: string | null | undefined,
  pageOrigin: string,
): string | null {
  const value = configured?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value, pageOrigin);
  } catch {
    return null;
  }
  // Plain http only between two loopback origins: local development.
  if (
    url.origin !== pageOrigin &&
    !isSecureUrl(url, isLoopbackHostname(new URL(pageOrigin).hostname))
  )
    return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** {@link resolveConfiguredUrl} for the cidaas base URL: the page's origin when none (or none usable) is configured. */
export function resolveCidaasBaseUrl(
  configured: string | null | undefined,
  pageOrigin: string,
): string {
  return resolveConfiguredUrl(configured, pageOrigin) ?? pageOrigin;
}

/**
 * A URL the deployment configures in `<meta name="…">` of `index.html` (so one build serves every
 * tenant, without an extra request), resolved by {@link resolveConfiguredUrl}. Call it in an injection
 * context.
 */
export function configuredUrl(name: string): string | null {
  const document = inject(DOCUMENT);
  return resolveConfiguredUrl(
    document.querySelector(`meta[name="${name}"]`)?.getAttribute('content'),
    document.location.origin,
  );
}

/**
 * The cidaas base URL (tenant authority), e.g. `https://demo.cidaas.de`. Read once from the
 * `<meta name="cidaas-base-url">` element in `index.html`, so a deployment sets it without a rebuild
 * and without an extra request; defaults to the page's own origin.
 */
export const CIDAAS_BASE_URL = new InjectionToken<string>('CIDAAS_BASE_URL', {
  providedIn: 'root',
  factory: () => configuredUrl(CIDAAS_BASE_URL_META) ?? inject(DOCUMENT).location.origin,
});
