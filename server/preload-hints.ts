/// <reference path="./negotiator.d.ts" />
/**
 * Preload hints for the page's start-up requests. The page needs the client info (E3), the field
 * setup (E5), the track metadata (E7) and its language's translation file; it can only ask for
 * them once its script has downloaded and started. The server already knows the URL, so it names
 * those requests in a `Link: <…>; rel=preload; as=fetch; crossorigin` header and the browser fetches
 * them while the script is still downloading: HTML → (JS ∥ data), instead of HTML → JS → data.
 *
 * The URLs come from the page's own code (the same parameter parsing, language negotiation and URL
 * builders), so a hint always names exactly what the page will fetch; a hint it would not use is
 * never sent.
 */
import type { Request } from 'express';
import Negotiator from 'negotiator';

import { cidaasUrls } from '../src/contract/cidaas-urls';
import { negotiateLanguage } from '../src/app/i18n/locale';
import { startupTranslationFile } from '../src/app/i18n/message-files';
import { parsePageParams } from '../src/contract/page-params';

/** What the hints depend on besides the request. */
export interface PreloadSettings {
  /** The cidaas base URL without a trailing slash; `''` when cidaas is the page's own origin. */
  readonly cidaasBaseUrl: string;
  /** The page's `<base href>` (where `i18n/<lang>.json` is resolved), e.g. `/`. */
  readonly baseHref: string;
}

/** The URLs the page will fetch at start-up for this query and these browser languages, in request order. */
export function startupFetchUrls(
  query: URLSearchParams,
  browserLanguages: readonly string[],
  settings: PreloadSettings,
): string[] {
  const params = parsePageParams(query);
  // Dead ends, Auth0 mode and an already-expired track fetch little or nothing worth a hint.
  if (!params.ok || params.platform !== 'cidaas' || params.error?.code === 'track_expired')
    return [];
  const language = negotiateLanguage(params.uiLocales, browserLanguages);
  const base = settings.cidaasBaseUrl;
  const urls: string[] = [];
  urls.push(`${settings.baseHref}${startupTranslationFile(language)}`);
  // E3 asks for its texts with `Accept-Language`, which a preload cannot set: the browser sends its
  // own. Hint it only when that header already leads to the page's language.
  if (negotiateLanguage(null, browserLanguages) === language)
    urls.push(cidaasUrls.clientInfo(base, params.requestId));
  urls.push(cidaasUrls.fieldSetup(base, params.requestId, language));
  if (params.target.mode === 'change')
    urls.push(cidaasUrls.preloginMetadata(base, params.target.lsid));
  return urls;
}

/**
 * {@link startupFetchUrls} for the page at `path`. The success page fetches none of them: its URL,
 * `?requestId&suggested_action=LOGIN&trackId` as cidaas documents E11's redirect, is no login track,
 * although `trackId` reads like one of the `lsid`'s aliases.
 */
export function startupFetchUrlsAt(
  path: string,
  query: URLSearchParams,
  browserLanguages: readonly string[],
  settings: PreloadSettings,
): string[] {
  return /\/password_set_success$/.test(path)
    ? []
    : startupFetchUrls(query, browserLanguages, settings);
}

/** The `Link` header value that preloads `urls` as CORS fetches (what the page's `fetch()` reuses), or `null`. */
export function preloadLinkHeader(urls: readonly string[]): string | null {
  return urls.length === 0
    ? null
    : urls.map((url) => `<${url}>; rel=preload; as=fetch; crossorigin`).join(', ');
}

/**
 * How many of the `Accept-Language` header's entries the hints consider: the first ten, in header
 * order. Browsers send a handful; a header of thousands (a 14 kB one took a request from 3 to 30 ms
 * to parse and negotiate in the review; 2 ms here) costs no more than ten.
 */
export const MAX_ACCEPT_LANGUAGES = 10;

/** The longest `Accept-Language` entry considered (a language tag and its q-value); longer ones are skipped. */
export const MAX_ACCEPT_LANGUAGE_ENTRY_LENGTH = 64;

/**
 * The browser's languages from an `Accept-Language` header, by preference (q), like
 * `navigator.languages`: at most {@link MAX_ACCEPT_LANGUAGES} entries from the start of the header,
 * each at most {@link MAX_ACCEPT_LANGUAGE_ENTRY_LENGTH} characters; `*` is not a language.
 */
export function browserLanguagesOf(header: string | undefined): string[] {
  if (header === undefined) return [];
  // split() with a limit stops scanning once it has that many entries: the rest is never read.
  const entries = header
    .split(',', MAX_ACCEPT_LANGUAGES)
    .filter((entry) => entry.length <= MAX_ACCEPT_LANGUAGE_ENTRY_LENGTH);
  return new Negotiator({ headers: { 'accept-language': entries.join(',') } })
    .languages()
    .filter((language) => language !== '*');
}

/** The `Link` header for a request for the page (asset links first, then data), or `null` when there is nothing to preload. */
export function preloadLinkHeaderFor(
  req: Request,
  settings: PreloadSettings,
  assetLinks: readonly string[] = [],
): string | null {
  const query = new URLSearchParams(
    req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '',
  );
  const browserLanguages = browserLanguagesOf(req.get('accept-language'));
  const links = [
    ...assetLinks,
    preloadLinkHeader(startupFetchUrlsAt(req.path, query, browserLanguages, settings)),
  ].filter((link) => link !== null);
  return links.length === 0 ? null : links.join(', ');
}

const BASE_HREF = /<base\s+href="([^"]*)"/i;

/** The `<base href>` of the built `index.html` (`/` when it has none). */
export function baseHrefOf(indexHtml: string): string {
  const href = BASE_HREF.exec(indexHtml)?.[1] ?? '/';
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * `Link` entries for the page's own start-up files, read from the built `index.html`: its stylesheet
 * (`rel=preload; as=style`) and module scripts (`rel=modulepreload`), with their `crossorigin` and
 * `integrity`, so the browser reuses them for the tags. Sent before the data hints: the script is the
 * longest download, and naming it in the response headers starts it before the body is parsed.
 */
export function assetPreloadLinks(
  indexHtml: string,
  baseHref: string = baseHrefOf(indexHtml),
): string[] {
  const links: string[] = [];
  for (const match of indexHtml.matchAll(/<(link|script)\b([^>]*)>/gi)) {
    const attributes = match[2] ?? '';
    const attribute = (name: string) =>
      new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(attributes)?.[1];
    const integrity = attribute('integrity');
    const extra = `${attribute('crossorigin') !== undefined || match[1] === 'script' ? '; crossorigin' : ''}${integrity ? `; integrity="${integrity}"` : ''}`;
    const rel = attribute('rel');
    if (match[1]?.toLowerCase() === 'link' && rel === 'stylesheet' && attribute('href'))
      links.push(`<${baseHref}${attribute('href')}>; rel=preload; as=style${extra}`);
    if (match[1]?.toLowerCase() === 'link' && rel === 'modulepreload' && attribute('href'))
      links.push(`<${baseHref}${attribute('href')}>; rel=modulepreload${extra}`);
    if (match[1]?.toLowerCase() === 'script' && attribute('type') === 'module' && attribute('src'))
      links.push(`<${baseHref}${attribute('src')}>; rel=modulepreload${extra}`);
  }
  return links;
}
