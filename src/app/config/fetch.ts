import { InjectionToken } from '@angular/core';

/** What the page sends with a GET: request headers, and a signal that cancels the request. */
export interface FetchInit {
  readonly headers: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Whether cookies go along; the browser's default (same-origin) when absent. */
  readonly credentials?: RequestCredentials;
}

/** The part of a fetch `Response` the page reads. */
export interface FetchResponse {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}

/**
 * The part of `fetch` the page uses. The browser's `fetch` is one; a test provides a fake that needs
 * no `Response` class (jsdom has none).
 */
export type Fetch = (url: string, init: FetchInit) => Promise<FetchResponse>;

/** The `fetch` the page's GETs go through; tests provide a fake. */
export const FETCH = new InjectionToken<Fetch>('FETCH', {
  providedIn: 'root',
  // Looked up per call rather than bound once, so an environment without fetch fails only if it makes a request.
  factory: () => (url, init) => globalThis.fetch(url, init),
});

/**
 * An answer the caller cannot use: a status outside 200–299 (with its body, parsed as JSON when it
 * is JSON, else as text), or a 2xx whose body is not JSON. {@link toApiError} interprets it.
 */
export class HttpFailure extends Error {
  constructor(
    /** The HTTP status. */
    readonly status: number,
    /** The response body: parsed JSON, or the raw text when it is not JSON. */
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
    this.name = 'HttpFailure';
  }
}

/** Options of {@link getJson}. */
export interface GetJsonOptions {
  /** Extra request headers (e.g. `Accept-Language`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Gives up after this many milliseconds with a `TimeoutError`; no limit when absent. */
  readonly timeoutMs?: number;
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The error {@link getJson} throws when its time is up (the name `toApiError` maps to `timeout`). */
function timeoutError(): DOMException {
  return new DOMException('The request took too long', 'TimeoutError');
}

/**
 * GETs a URL and returns its JSON body, or `null` for an empty body (such as a 204). Throws
 * {@link HttpFailure} for a status outside 200–299 or a 2xx body that is not JSON, a `TimeoutError`
 * when `timeoutMs` passes first, and whatever `fetch` rejects with otherwise (a `TypeError` when the
 * network fails). The one place where the page's GETs touch the wire.
 */
export async function getJson(
  fetch: Fetch,
  url: string,
  options: GetJsonOptions = {},
): Promise<unknown> {
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort(timeoutError());
        }, options.timeoutMs);
  try {
    const response = await fetch(url, {
      headers: { Accept: 'application/json', ...options.headers },
      signal: controller.signal,
    });
    const text = await response.text();
    if (!response.ok) throw new HttpFailure(response.status, parseJsonOrText(text));
    if (text === '') return null;
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpFailure(response.status, text);
    }
  } catch (error) {
    // Browsers differ in what an aborted fetch rejects with; our own flag says whether it was the timeout.
    throw timedOut ? timeoutError() : error;
  } finally {
    clearTimeout(timer);
  }
}
