import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/**
 * The URL parameters that carry cidaas' answer to one submit. The page reads them once, then removes
 * them from the address bar, so that a reload (or Back to this entry) shows a clean form rather than
 * an error that no longer applies.
 */
export const ONE_TIME_PARAMS: readonly string[] = [
  'error',
  'error_description',
  'error_code',
  'retry_after',
];

function decodedName(pair: string): string {
  const name = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/**
 * A query string (`?a=1&b=2`, or `''`) without the {@link ONE_TIME_PARAMS}. Every other parameter
 * (`lsid`, `requestId`, `ui_locales`, `rprq`, unknown ones) stays exactly as it was written, in order.
 */
export function withoutOneTimeParams(search: string): string {
  const pairs = search.replace(/^\?/, '').split('&');
  const kept = pairs.filter((pair) => !ONE_TIME_PARAMS.includes(decodedName(pair)));
  if (kept.length === pairs.length) return search;
  return kept.some((pair) => pair !== '') ? `?${kept.join('&')}` : '';
}

/**
 * Reads the page's query string and, when it holds a one-time error, takes that error out of the
 * address bar with `history.replaceState` (same entry, same state; the path and hash are kept).
 */
export function readPageQuery(document: Document): URLSearchParams {
  const { location } = document;
  const query = new URLSearchParams(location.search);
  const clean = withoutOneTimeParams(location.search);
  if (clean !== location.search) {
    const history = document.defaultView?.history;
    try {
      history?.replaceState(history.state, '', `${location.pathname}${clean}${location.hash}`);
    } catch {
      // A browser that refuses (a sandboxed frame): the error shows again on reload, nothing worse.
    }
  }
  return query;
}

/**
 * The query string the page was opened with (`lsid`, `requestId`, `ui_locales`, errors, …). The page
 * reads it once ({@link readPageQuery}): the login session in it is never lost, and only the one-time
 * error parameters leave the address bar.
 */
export const PAGE_QUERY = new InjectionToken<URLSearchParams>('PAGE_QUERY', {
  providedIn: 'root',
  factory: () => readPageQuery(inject(DOCUMENT)),
});
