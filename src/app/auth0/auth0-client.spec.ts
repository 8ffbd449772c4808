import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { apiErrorOf } from '../../testing/api-error-of';
import { FakeFetch } from '../../testing/fake-fetch';
import { CIDAAS_REQUEST_TIMEOUT_MS } from '../cidaas/cidaas-client';
import { FETCH } from '../config/fetch';
import { Auth0Client } from './auth0-client';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhdXRoMHwxIn0.c2lnbmF0dXJl';
const CONTEXT_PATH = 'auth0/password_set/context';

let http: FakeFetch;

function setup(): Auth0Client {
  http = new FakeFetch();
  TestBed.configureTestingModule({ providers: [{ provide: FETCH, useValue: http.fetch }] });
  return TestBed.inject(Auth0Client);
}

describe('Auth0Client.getContext', () => {
  afterEach(() => http.verify());

  it('asks the page server (same origin, relative URL) with the session token and reads the context', async () => {
    const client = setup();
    const result = client.getContext(TOKEN);
    const request = http.expectOne(CONTEXT_PATH);
    expect(request.url).toBe(`${CONTEXT_PATH}?session_token=${TOKEN}`);
    request.respond({
      email: 'first.login@example.com',
      reason: 'first_login',
      expires_at: '2026-11-22T10:05:00Z',
      password_policy: { minimumLength: 12 },
    });
    expect(await result).toEqual({
      email: 'first.login@example.com',
      reason: 'first_login',
      expiresAt: '2026-11-22T10:05:00Z',
      passwordPolicy: { minimumLength: 12 },
    });
  });

  it.each([
    [
      'a forged, expired or used token (400)',
      () => http.expectOne(CONTEXT_PATH).respond({ error: 'track_expired' }, 400),
      { kind: 'expired', code: 'track_expired' },
    ],
    [
      'a server error',
      () => http.expectOne(CONTEXT_PATH).respondText('oops', 500),
      { kind: 'server', status: 500 },
    ],
    ['a dropped connection', () => http.expectOne(CONTEXT_PATH).failNetwork(), { kind: 'network' }],
    [
      'a body that is not JSON',
      () => http.expectOne(CONTEXT_PATH).respondText('<html>', 200),
      { kind: 'bad-response' },
    ],
    [
      'a JSON body that is not an object',
      () => http.expectOne(CONTEXT_PATH).respond(['x']),
      { kind: 'bad-response' },
    ],
  ])('maps %s to its ApiError', async (_name, answer, expected) => {
    const client = setup();
    const result = apiErrorOf(client.getContext(TOKEN));
    answer();
    expect(await result).toEqual(expected);
  });

  it('gives up after CIDAAS_REQUEST_TIMEOUT_MS with a timeout error', async () => {
    jest.useFakeTimers();
    try {
      const client = setup();
      let settled = false;
      const result = apiErrorOf(client.getContext(TOKEN)).finally(() => (settled = true));
      http.expectOne(CONTEXT_PATH);
      await jest.advanceTimersByTimeAsync(CIDAAS_REQUEST_TIMEOUT_MS - 1);
      expect(settled).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(await result).toEqual({ kind: 'timeout' });
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('Auth0Client.setPassword', () => {
  afterEach(() => {
    TestBed.inject(DOCUMENT).documentElement.removeAttribute('lang');
    jest.restoreAllMocks();
  });

  function submitted(): Record<string, string>[] {
    const bodies: Record<string, string>[] = [];
    jest.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(function (
      this: HTMLFormElement,
    ) {
      expect(this.method).toBe('post');
      expect(this.action).toMatch(/\/auth0\/password_set$/);
      bodies.push(Object.fromEntries(new FormData(this) as unknown as Iterable<[string, string]>));
    });
    return bodies;
  }

  it("posts the token, the state from the page's URL, the passwords and the page's language as a real form", () => {
    const client = setup();
    const bodies = submitted();
    TestBed.inject(DOCUMENT).documentElement.lang = 'de';
    client.setPassword({
      sessionToken: TOKEN,
      state: 'st-1',
      password: 'New-pass-12!',
      confirmPassword: 'New-pass-12!',
    });
    expect(bodies).toEqual([
      {
        session_token: TOKEN,
        state: 'st-1',
        password: 'New-pass-12!',
        confirm_password: 'New-pass-12!',
        ui_locales: 'de',
      },
    ]);
  });

  it('leaves the language out when the page has none', () => {
    const client = setup();
    const bodies = submitted();
    client.setPassword({ sessionToken: TOKEN, state: 'st-1', password: 'a', confirmPassword: 'a' });
    expect(bodies).toEqual([
      { session_token: TOKEN, state: 'st-1', password: 'a', confirm_password: 'a' },
    ]);
  });
});
