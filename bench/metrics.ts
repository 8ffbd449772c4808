/**
 * Pure helpers of the benchmark (`npm run bench`): statistics over runs, the kind of each request,
 * and the depth of the request dependency chain (sequential round trips). No I/O, so they are unit
 * tested in `metrics.test.ts`.
 */

/** What a request is for, as the critical-path byte breakdown groups them. */
export type RequestKind = 'html' | 'js' | 'css' | 'translation' | 'api' | 'other';

/** Every request kind on the critical path, in report order (`other`, e.g. the favicon or logo, is not). */
export const CRITICAL_KINDS: readonly RequestKind[] = ['html', 'js', 'css', 'translation', 'api'];

/** One network request as the benchmark records it (times in ms from navigation start). */
export interface RecordedRequest {
  /** The browser's request id (CDP `Network.requestId`). */
  readonly id: string;
  readonly url: string;
  readonly kind: RequestKind;
  /** When the request was sent. */
  readonly start: number;
  /** When its last byte arrived (or it failed). */
  readonly end: number;
  /** Bytes over the wire, headers included (CDP `encodedDataLength`). */
  readonly transferredBytes: number;
  /** The body, gzip-compressed at level 6 by the benchmark: what a compressing server would send. */
  readonly gzipBytes: number;
  /** For a document: its inline `<style>` elements' CSS, gzip level 6 (initial CSS that came with the HTML); else 0. */
  readonly inlineCssGzipBytes: number;
  /** The URL of the document or script that started the request, when the browser says so. */
  readonly initiatorUrl: string | null;
}

/** Median and spread of a series of numbers. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** `(max - min) / median`, or 0 for a median of 0: how noisy the series was. */
  readonly relativeSpread: number;
  readonly runs: number;
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

/** Median, min, max and relative spread of a non-empty series. */
export function summarize(values: readonly number[]): Summary {
  const mid = median(values);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return {
    median: mid,
    min,
    max,
    relativeSpread: mid === 0 ? 0 : (max - min) / mid,
    runs: values.length,
  };
}

const API_PREFIXES = [
  '/public-srv/',
  '/registration-setup-srv/',
  '/token-srv/',
  '/login-srv/',
  '/authz-srv/',
  '/users-srv/',
];

/** Classifies a request by its URL path and (for the document) resource type. */
export function classifyRequest(url: string, resourceType: string): RequestKind {
  const path = new URL(url).pathname;
  if (resourceType === 'Document') return 'html';
  if (API_PREFIXES.some((prefix) => path.startsWith(prefix))) return 'api';
  if (/\/i18n\/[^/]+\.json$/.test(path)) return 'translation';
  if (path.endsWith('.js') || path.endsWith('.mjs')) return 'js';
  if (path.endsWith('.css')) return 'css';
  return 'other';
}

/**
 * The depth of each request in the dependency chain: the document is 1, and every other request is
 * one more than its parent. The parent is the request the browser names as initiator (the document
 * for parser-found files, the script for fetches) when that request was recorded; otherwise the
 * deepest request that had finished before this one started (a request cannot depend on one still
 * in flight). Returns the depth per request id.
 */
export function chainDepths(requests: readonly RecordedRequest[]): Map<string, number> {
  const depths = new Map<string, number>();
  const byStart = [...requests].sort((a, b) => a.start - b.start);
  for (const request of byStart) {
    const named =
      request.initiatorUrl === null
        ? undefined
        : byStart.find(
            (other) =>
              other.url === request.initiatorUrl &&
              other.start <= request.start &&
              other !== request,
          );
    let parentDepth = 0;
    if (named !== undefined) {
      parentDepth = depths.get(named.id) ?? 0;
    } else {
      for (const other of byStart) {
        if (other !== request && other.end <= request.start)
          parentDepth = Math.max(parentDepth, depths.get(other.id) ?? 0);
      }
    }
    depths.set(request.id, parentDepth + 1);
  }
  return depths;
}

/** Sequential round trips on the critical path: the deepest critical request that started before the form was usable. */
export function criticalRoundTrips(requests: readonly RecordedRequest[], usableAt: number): number {
  const depths = chainDepths(requests);
  let deepest = 0;
  for (const request of requests) {
    if (CRITICAL_KINDS.includes(request.kind) && request.start <= usableAt)
      deepest = Math.max(deepest, depths.get(request.id) ?? 0);
  }
  return deepest;
}

/** The CSS of a document's `<style>` elements, concatenated (what the page ships as initial CSS inside its HTML). */
export function inlineStyleText(html: string): string {
  return [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)]
    .map((match) => match[1] ?? '')
    .join('');
}

/**
 * Initial JS+CSS, gzip-equivalent, of the requests started before `usableAt`: scripts, stylesheets,
 * and the CSS documents carry inline.
 */
export function initialJsCssGzip(requests: readonly RecordedRequest[], usableAt: number): number {
  return requests
    .filter((request) => request.start <= usableAt)
    .reduce(
      (sum, request) =>
        sum +
        (request.kind === 'js' || request.kind === 'css' ? request.gzipBytes : 0) +
        request.inlineCssGzipBytes,
      0,
    );
}

/** Bytes per kind (transferred and gzip-equivalent) of the requests started before `usableAt`. */
export function bytesByKind(
  requests: readonly RecordedRequest[],
  usableAt: number,
): Record<RequestKind, { transferred: number; gzip: number; count: number }> {
  const totals: Record<RequestKind, { transferred: number; gzip: number; count: number }> = {
    html: { transferred: 0, gzip: 0, count: 0 },
    js: { transferred: 0, gzip: 0, count: 0 },
    css: { transferred: 0, gzip: 0, count: 0 },
    translation: { transferred: 0, gzip: 0, count: 0 },
    api: { transferred: 0, gzip: 0, count: 0 },
    other: { transferred: 0, gzip: 0, count: 0 },
  };
  for (const request of requests) {
    if (request.start > usableAt) continue;
    const entry = totals[request.kind];
    entry.transferred += request.transferredBytes;
    entry.gzip += request.gzipBytes;
    entry.count += 1;
  }
  return totals;
}
