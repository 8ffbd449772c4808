import { FakeFetch } from '../../testing/fake-fetch';
import { HttpFailure, getJson } from './fetch';

const TARGET = 'https://tenant.example.com/public-srv/public/abc';

/** What an HttpFailure carries, for comparing; anything else as it is. */
function failure(error: unknown): unknown {
  return error instanceof HttpFailure ? { status: error.status, body: error.body } : error;
}

/** Settles a promise into a value or an error, so a test can look at either. */
async function outcome(promise: Promise<unknown>): Promise<{ value?: unknown; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

describe('getJson', () => {
  let fake: FakeFetch;
  beforeEach(() => (fake = new FakeFetch()));
  afterEach(() => fake.verify());

  it('GETs the URL asking for JSON, with the extra headers, and returns the parsed body', async () => {
    const result = getJson(fake.fetch, TARGET, { headers: { 'Accept-Language': 'de' } });
    const request = fake.expectOne(TARGET);
    expect(request.url).toBe(TARGET);
    expect(request.header('Accept')).toBe('application/json');
    expect(request.header('Accept-Language')).toBe('de');
    request.respond({ success: true, data: [1, 2] });
    expect(await result).toEqual({ success: true, data: [1, 2] });
  });

  it('returns null for an empty body (E7 answers 204)', async () => {
    const result = getJson(fake.fetch, TARGET);
    fake.expectOne(TARGET).respondText('', 204);
    expect(await result).toBeNull();
  });

  it('throws an HttpFailure with the parsed body for a status outside 2xx', async () => {
    const result = outcome(getJson(fake.fetch, TARGET));
    fake.expectOne(TARGET).respond({ code: 'PUB10002' }, 400);
    expect(failure((await result).error)).toEqual({ status: 400, body: { code: 'PUB10002' } });
  });

  it('keeps a body that is not JSON as text in the HttpFailure', async () => {
    const result = outcome(getJson(fake.fetch, TARGET));
    fake.expectOne(TARGET).respondText('Bad gateway', 502);
    expect(failure((await result).error)).toEqual({ status: 502, body: 'Bad gateway' });
  });

  it('throws an HttpFailure with the 2xx status when a 2xx body is not JSON', async () => {
    const result = outcome(getJson(fake.fetch, TARGET));
    fake.expectOne(TARGET).respondText('<html>proxy error</html>', 200);
    expect(failure((await result).error)).toEqual({
      status: 200,
      body: '<html>proxy error</html>',
    });
  });

  it('passes the TypeError of a network failure through', async () => {
    const result = outcome(getJson(fake.fetch, TARGET));
    fake.expectOne(TARGET).failNetwork();
    expect((await result).error).toBeInstanceOf(TypeError);
  });

  describe('with a timeout', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('aborts the request and throws a TimeoutError when the time is up, not before', async () => {
      let settled = false;
      const result = outcome(getJson(fake.fetch, TARGET, { timeoutMs: 1_000 })).finally(
        () => (settled = true),
      );
      const request = fake.expectOne(TARGET);
      await jest.advanceTimersByTimeAsync(999);
      expect(settled).toBe(false);
      expect(request.init.signal?.aborted).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(request.init.signal?.aborted).toBe(true);
      const { error } = await result;
      expect(error).toBeInstanceOf(DOMException);
      expect(error instanceof DOMException && error.name).toBe('TimeoutError');
    });

    it('stops the clock once the answer is in', async () => {
      const result = getJson(fake.fetch, TARGET, { timeoutMs: 1_000 });
      const request = fake.expectOne(TARGET);
      request.respond({ ok: 1 });
      expect(await result).toEqual({ ok: 1 });
      expect(jest.getTimerCount()).toBe(0);
      expect(request.init.signal?.aborted).toBe(false);
    });
  });
});
