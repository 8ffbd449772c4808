import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/**
 * The query string the page was opened with (`lsid`, `requestId`, `ui_locales`, errors, …). The page
 * reads it once: it never changes the URL, so the login session in it is never lost.
 */
export const PAGE_QUERY = new InjectionToken<URLSearchParams>('PAGE_QUERY', {
  providedIn: 'root',
  factory: () => new URLSearchParams(inject(DOCUMENT).location.search),
});
