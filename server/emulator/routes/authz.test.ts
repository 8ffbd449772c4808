import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import {
  callbackOf,
  locationOf,
  startEmulator,
  startSignIn,
  type TestEmulator,
} from '../../testing';

let emulator: TestEmulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.close());
beforeEach(() => emulator.reset());

function authz(params: Readonly<Record<string, string>>): Promise<Response> {
  return emulator.fetch(`/authz-srv/authz?${new URLSearchParams(params).toString()}`);
}

describe('E1 GET /authz-srv/authz', () => {
  const valid = (): Record<string, string> => ({
    client_id: 'demo-client',
    redirect_uri: callbackOf(emulator),
    response_type: 'code',
    scope: 'openid profile email',
    state: 's',
    nonce: 'n',
  });

  it('creates a login request and redirects to the login page', async () => {
    const response = await authz(valid());
    assert.equal(response.status, 302);
    const location = locationOf(response, emulator.baseUrl);
    assert.equal(location.pathname, '/identity/login');
    const requestId = location.searchParams.get('requestId');
    assert.match(
      requestId ?? '',
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.equal(location.searchParams.has('ui_locales'), false);
    const stored = emulator.store.getLoginRequest(requestId ?? '');
    assert.equal(stored?.state, 's');
    assert.equal(stored?.nonce, 'n');
    assert.equal(stored?.scope, 'openid profile email');
  });

  it('passes ui_locales on to the login page', async () => {
    const location = locationOf(
      await authz({ ...valid(), ui_locales: 'de-CH en' }),
      emulator.baseUrl,
    );
    assert.equal(location.searchParams.get('ui_locales'), 'de-CH en');
  });

  it('accepts localhost and 127.0.0.1 callbacks on any port', async () => {
    for (const uri of [
      'http://localhost:1/callback',
      'http://127.0.0.1:65535/callback',
      'http://localhost/callback',
    ]) {
      assert.equal((await authz({ ...valid(), redirect_uri: uri })).status, 302, uri);
    }
  });

  it('answers 400 HTML for an unknown or missing client_id, never redirecting', async () => {
    const cases: ReadonlyArray<Readonly<Record<string, string>>> = [
      { ...valid(), client_id: 'nope' },
      { redirect_uri: callbackOf(emulator), response_type: 'code' },
    ];
    for (const params of cases) {
      const response = await authz(params);
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('location'), null);
      assert.match(response.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await response.text(), /Unknown application/);
    }
  });

  it('answers 400 HTML for redirect URIs that are not registered, never redirecting', async () => {
    const bad = [
      '',
      'https://localhost:4200/callback',
      'http://evil.example/callback',
      'http://localhost@evil.example/callback',
      'http://localhost:4200/callback/../other',
      'http://localhost:4200/callbackx',
      'http://localhost:4200/callback?x=1',
      'http://localhost:4200/callback#x',
      'http://user:pw@localhost:4200/callback',
      'javascript:alert(1)//localhost/callback',
      '/callback',
      'http://localhost.evil.example/callback',
    ];
    for (const uri of bad) {
      const response = await authz({ ...valid(), redirect_uri: uri });
      assert.equal(response.status, 400, uri);
      assert.equal(response.headers.get('location'), null, uri);
    }
  });

  it('requires response_type=code', async () => {
    const response = await authz({ ...valid(), response_type: 'token' });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
  });

  it('escapes nothing into the error page it did not write (no reflection of parameters)', async () => {
    const response = await authz({ ...valid(), client_id: '<script>alert(1)</script>' });
    assert.doesNotMatch(await response.text(), /<script>/);
  });
});

describe('E12 GET /authz-srv/authz/resolve_redirect/:requestId', () => {
  it('redirects a known request back to the login page with its ui_locales', async () => {
    const requestId = await startSignIn(emulator, { ui_locales: 'de' });
    const response = await emulator.fetch(`/authz-srv/authz/resolve_redirect/${requestId}`);
    assert.equal(response.status, 302);
    const location = locationOf(response, emulator.baseUrl);
    assert.equal(location.pathname, '/identity/login');
    assert.equal(location.searchParams.get('requestId'), requestId);
    assert.equal(location.searchParams.get('ui_locales'), 'de');
  });

  it('answers 400 HTML "expired, start again" for unknown and malformed ids', async () => {
    for (const id of ['0b8f4a52-7f43-4a57-9a55-3a3a3a3a3a3a', 'garbage']) {
      const response = await emulator.fetch(`/authz-srv/authz/resolve_redirect/${id}`);
      assert.equal(response.status, 400);
      const page = await response.text();
      assert.match(page, /expired/);
      assert.match(page, /href="\/"/);
    }
  });
});
