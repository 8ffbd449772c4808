import type { Fetch, FetchInit, FetchResponse } from '../app/config/fetch';

/** The URL without its query string, e.g. `https://tenant.example.com/registration-setup-srv/public/list`. */
function pathOf(url: string): string {
  const queryStart = url.indexOf('?');
  return queryStart === -1 ? url : url.slice(0, queryStart);
}

/** How a test picks requests: the URL without its query string, or a predicate. */
export type RequestMatch = string | ((request: FakeRequest) => boolean);

/** One request the {@link FakeFetch} received; the test answers it (or not) like a server would. */
export class FakeRequest {
  /** Whether the request is answered, failed or aborted. */
  settled = false;

  constructor(
    /** The URL exactly as the page passed it to `fetch`. */
    readonly url: string,
    /** The headers and signal the page passed. */
    readonly init: FetchInit,
    private readonly resolve: (response: FetchResponse) => void,
    private readonly reject: (reason: unknown) => void,
  ) {
    init.signal?.addEventListener('abort', () => {
      // Like the real fetch: an aborted request rejects with the signal's reason.
      if (!this.settled) this.settle(() => this.reject(init.signal?.reason));
    });
  }

  /** The URL without its query string. */
  get path(): string {
    return pathOf(this.url);
  }

  /** The query parameters of the URL. */
  get query(): URLSearchParams {
    const queryStart = this.url.indexOf('?');
    return new URLSearchParams(queryStart === -1 ? '' : this.url.slice(queryStart + 1));
  }

  /** A request header by name, case-insensitively; `undefined` when absent. */
  header(name: string): string | undefined {
    const wanted = name.toLowerCase();
    return Object.entries(this.init.headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
  }

  /** Answers with `body` as JSON (`null` and `undefined` answer with an empty body). */
  respond(body: unknown, status = 200): void {
    this.respondText(body === null || body === undefined ? '' : JSON.stringify(body), status);
  }

  /** Answers with a raw body, e.g. an HTML error page from a proxy. */
  respondText(text: string, status = 200): void {
    this.settle(() =>
      this.resolve({
        ok: status >= 200 && status < 300,
        status,
        text: () => Promise.resolve(text),
      }),
    );
  }

  /** Fails like a dropped connection or a DNS error: `fetch` rejects with a `TypeError`. */
  failNetwork(): void {
    this.settle(() => this.reject(new TypeError('Failed to fetch')));
  }

  private settle(action: () => void): void {
    if (this.settled) throw new Error(`${this.url} was already answered`);
    this.settled = true;
    action();
  }
}

/**
 * A fake `fetch` for the `FETCH` token: records every request and leaves it open until the test
 * answers it, in the manner of Angular's `HttpTestingController`.
 */
export class FakeFetch {
  /** Every request received, in order. */
  readonly requests: FakeRequest[] = [];

  /** The function to provide as `FETCH`. */
  readonly fetch: Fetch = (url, init) =>
    new Promise<FetchResponse>((resolve, reject) => {
      this.requests.push(new FakeRequest(url, init, resolve, reject));
    });

  /** The open request that matches; fails unless there is exactly one. */
  expectOne(match: RequestMatch): FakeRequest {
    const [request, ...others] = this.open().filter(matcher(match));
    if (request === undefined || others.length > 0) {
      throw new Error(
        `Expected one open request for ${describeMatch(match)}, found ${others.length + (request ? 1 : 0)}; open: ${this.describeOpen()}`,
      );
    }
    return request;
  }

  /** Fails if any request, open or answered, matches. */
  expectNone(match: RequestMatch): void {
    const found = this.requests.filter(matcher(match));
    if (found.length > 0)
      throw new Error(
        `Expected no request for ${describeMatch(match)}, found ${found.map((request) => request.url).join(', ')}`,
      );
  }

  /** The requests not answered yet. */
  open(): FakeRequest[] {
    return this.requests.filter((request) => !request.settled);
  }

  /** Fails if a request is still open. */
  verify(): void {
    if (this.open().length > 0) throw new Error(`Unanswered requests: ${this.describeOpen()}`);
  }

  private describeOpen(): string {
    return (
      this.open()
        .map((request) => request.url)
        .join(', ') || 'none'
    );
  }
}

function matcher(match: RequestMatch): (request: FakeRequest) => boolean {
  return typeof match === 'string' ? (request) => request.path === match : match;
}

function describeMatch(match: RequestMatch): string {
  return typeof match === 'string' ? match : 'a predicate';
}
