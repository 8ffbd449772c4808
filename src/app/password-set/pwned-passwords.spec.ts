/**
 * @jest-environment node
 */
// Node, not jsdom: the check hashes with WebCrypto (`crypto.subtle`), which jsdom does not provide.
import { createHash } from 'node:crypto';
import type { Fetch, FetchInit, FetchResponse } from '../config/fetch';
import { normalizePassword } from '../../contract/password-policy';
import {
  CHECK_DEBOUNCE_MS,
  RANGE_TIMEOUT_MS,
  breachCount,
  countInRange,
  sha1Hex,
  watchBreaches,
} from './pwned-passwords';

const BASE = 'https://range.example';

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex').toUpperCase();
}

/** A range answer with the given `SUFFIX:COUNT` lines and padding, CRLF-separated as the real API sends it. */
function rangeBody(lines: readonly string[]): string {
  return [...lines, `${'0'.repeat(35)}:0`, `${'F'.repeat(35)}:0`]
    .map((line) => `${line}\r\n`)
    .join('');
}

interface Call {
  readonly url: string;
  readonly init: FetchInit;
}

/** A fake fetch that records its calls and answers each with `answer(url)`. */
function fakeFetch(answer: (url: string, init: FetchInit) => Promise<FetchResponse>): {
  fetch: Fetch;
  calls: Call[];
} {
  const calls: Call[] = [];
  return {
    calls,
    fetch: (url, init) => {
      calls.push({ url, init });
      return answer(url, init);
    },
  };
}

function ok(body: string, status = 200): Promise<FetchResponse> {
  return Promise.resolve({
    ok: status >= 200 && status < 300,
    status,
    text: () => Promise.resolve(body),
  });
}

describe('sha1Hex', () => {
  it.each([
    ['password', '5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8'],
    ['Password123!', sha1('Password123!')],
    ['ä', sha1('ä')],
  ])('%p → the upper-case hex SHA-1 of its UTF-8 bytes', async (password, expected) => {
    expect(await sha1Hex(password)).toBe(expected);
  });
});

describe('countInRange', () => {
  const suffix = sha1('password').slice(5);

  it('finds the suffix, whatever its case, and returns its count', () => {
    expect(countInRange(rangeBody([`${suffix.toLowerCase()}:3861493`]), suffix)).toBe(3861493);
  });

  it('is 0 when the suffix is absent', () => {
    expect(countInRange(rangeBody(['1E4C9B93F3F0682250B6CF8331B7EE68FD9:12']), suffix)).toBe(0);
  });

  it('ignores padding: a suffix listed with a count of 0 is not a breach', () => {
    expect(countInRange(rangeBody([`${suffix}:0`]), suffix)).toBe(0);
  });

  it.each([['<html>Service unavailable</html>'], ['ABC:1'], [`${suffix}:many`]])(
    'throws on an answer that is not a range answer: %p',
    (body) => {
      expect(() => countInRange(body, suffix)).toThrow();
    },
  );
});

describe('breachCount', () => {
  const password = 'Password123!';
  const hash = sha1(password);

  it('asks for the 5-character prefix only, with padding and without cookies, and finds the suffix locally', async () => {
    const { fetch, calls } = fakeFetch(() => ok(rangeBody([`${hash.slice(5)}:42`])));
    expect(await breachCount(fetch, BASE, password)).toBe(42);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(`${BASE}/range/${hash.slice(0, 5)}`);
    expect(calls[0]?.init.headers).toEqual({ 'Add-Padding': 'true' });
    expect(calls[0]?.init.credentials).toBe('omit');
    expect(JSON.stringify(calls)).not.toContain(hash.slice(5));
    expect(JSON.stringify(calls)).not.toContain(password);
  });

  it('hashes the password it is given: the page passes it NFC-normalized, as it posts it', async () => {
    const decomposed = 'Cafe\u0301-Sunny-42';
    const { fetch, calls } = fakeFetch(() => ok(''));
    await breachCount(fetch, BASE, normalizePassword(decomposed));
    expect(calls[0]?.url).toBe(`${BASE}/range/${sha1(decomposed.normalize('NFC')).slice(0, 5)}`);
  });

  it('rejects on a status outside 2xx', async () => {
    const { fetch } = fakeFetch(() => ok('', 503));
    await expect(breachCount(fetch, BASE, password)).rejects.toThrow('HTTP 503');
  });

  it(`gives up after ${RANGE_TIMEOUT_MS} ms`, async () => {
    jest.useFakeTimers();
    try {
      let aborted = false;
      const { fetch } = fakeFetch(
        (_url, init) =>
          new Promise((_resolve, reject) => {
            const abort = () => {
              aborted = true;
              reject(new DOMException('aborted', 'AbortError'));
            };
            // As fetch does: a signal aborted before the call (the hash took longer than the wait)
            // rejects at once.
            if (init.signal?.aborted) abort();
            else init.signal?.addEventListener('abort', abort);
          }),
      );
      const result = breachCount(fetch, BASE, password);
      const settled = expect(result).rejects.toThrow();
      await jest.advanceTimersByTimeAsync(RANGE_TIMEOUT_MS - 1);
      expect(aborted).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await settled;
      expect(aborted).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});

/** A stand-in for the new-password input: its value, and the events the check listens to. */
class FakeField extends EventTarget {
  value = '';

  type(value: string): void {
    this.value = value;
    this.dispatchEvent(new Event('input'));
  }

  leave(): void {
    this.dispatchEvent(new Event('blur'));
  }
}

/**
 * Lets what is pending run (timers due now, promises, WebCrypto's digests, which finish outside the
 * timers) without moving the fake clock: until `done` holds, or for 200 turns of the event loop.
 */
async function settle(done?: () => boolean): Promise<void> {
  for (let round = 0; round < (done ? 100_000 : 200); round += 1) {
    if (done?.()) return;
    await new Promise((resolve) => setImmediate(resolve));
    await jest.advanceTimersByTimeAsync(0);
  }
}

describe('watchBreaches', () => {
  const breached = 'Password123!';
  const fresh = 'Sunny-Meadow-42';
  let field: FakeField;
  let reports: string[];
  let stop: () => void;

  beforeEach(() => {
    // setImmediate stays real: settle() lets WebCrypto's digest, which completes outside the timers, finish.
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    field = new FakeField();
    reports = [];
  });
  afterEach(() => {
    stop();
    jest.useRealTimers();
  });

  function watch(fetch: Fetch): void {
    // The fake has the part of an input the check uses.
    const input = field as unknown as HTMLInputElement;
    stop = watchBreaches({
      field: input,
      fetch,
      baseUrl: BASE,
      normalize: normalizePassword,
      report: (password) => reports.push(password),
    });
  }

  const rangeApi = () =>
    fakeFetch((url) =>
      ok(
        rangeBody(url.endsWith(sha1(breached).slice(0, 5)) ? [`${sha1(breached).slice(5)}:9`] : []),
      ),
    );

  it(`checks once typing has paused for ${CHECK_DEBOUNCE_MS} ms, and reports a breached password`, async () => {
    const { fetch, calls } = rangeApi();
    watch(fetch);
    field.type('Pass');
    await jest.advanceTimersByTimeAsync(CHECK_DEBOUNCE_MS - 1);
    field.type(breached);
    await jest.advanceTimersByTimeAsync(CHECK_DEBOUNCE_MS - 1);
    expect(calls).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    await settle(() => reports.length > 0);
    expect(calls).toHaveLength(1);
    expect(reports).toEqual([breached]);
  });

  it('checks at once when the user leaves the field, and not again for the same password', async () => {
    const { fetch, calls } = rangeApi();
    watch(fetch);
    field.type(fresh);
    field.leave();
    await settle(() => reports.length > 0);
    expect(calls).toHaveLength(1);
    expect(reports).toEqual(['']);
    await jest.advanceTimersByTimeAsync(CHECK_DEBOUNCE_MS);
    field.leave();
    await settle();
    expect(calls).toHaveLength(1);
  });

  it('checks a password typed before it started watching, after the same pause', async () => {
    const { fetch, calls } = rangeApi();
    field.value = breached;
    watch(fetch);
    await jest.advanceTimersByTimeAsync(CHECK_DEBOUNCE_MS - 1);
    expect(calls).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    await settle(() => reports.length > 0);
    expect(reports).toEqual([breached]);
  });

  it('checks nothing while the field is empty', async () => {
    const { fetch, calls } = rangeApi();
    watch(fetch);
    field.type('');
    field.leave();
    await jest.advanceTimersByTimeAsync(CHECK_DEBOUNCE_MS);
    await settle();
    expect(calls).toHaveLength(0);
  });

  it('drops the answer for a password the user has changed since: the newer check wins', async () => {
    const answers: ((response: FetchResponse) => void)[] = [];
    const { fetch, calls } = fakeFetch(
      (_url, init) =>
        new Promise((resolve, reject) => {
          answers.push(resolve);
          init.signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          );
        }),
    );
    watch(fetch);
    field.type(breached);
    field.leave();
    await settle(() => calls.length === 1);
    field.type(fresh);
    field.leave();
    await settle(() => calls.length === 2);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.init.signal?.aborted).toBe(true);
    answers[0]?.({
      ok: true,
      status: 200,
      text: () => Promise.resolve(rangeBody([`${sha1(breached).slice(5)}:9`])),
    });
    answers[1]?.({ ok: true, status: 200, text: () => Promise.resolve(rangeBody([])) });
    await settle(() => reports.length > 0);
    await settle();
    expect(reports).toEqual(['']);
  });

  it('reports nothing when the check fails, and tries the same password again when the user leaves the field again', async () => {
    let fail = true;
    const { fetch, calls } = fakeFetch((url) =>
      fail
        ? Promise.reject(new TypeError('Failed to fetch'))
        : rangeApi().fetch(url, { headers: {} }),
    );
    watch(fetch);
    field.type(breached);
    field.leave();
    await settle(() => calls.length === 1);
    await settle();
    expect(reports).toEqual([]);
    fail = false;
    field.leave();
    await settle(() => reports.length > 0);
    expect(calls).toHaveLength(2);
    expect(reports).toEqual([breached]);
  });

  it('stops listening when stopped', async () => {
    const { fetch, calls } = rangeApi();
    watch(fetch);
    stop();
    field.type(breached);
    field.leave();
    await jest.advanceTimersByTimeAsync(CHECK_DEBOUNCE_MS);
    await settle();
    expect(calls).toHaveLength(0);
  });
});
