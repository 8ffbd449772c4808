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

describe('GET /identity/login', () => {
  it('renders an accessible login form posting to /login-srv/login', async () => {
    const requestId = await startSignIn(emulator);
    const response = await emulator.fetch(`/identity/login?requestId=${requestId}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const page = await response.text();
    assert.match(page, /<html lang="en">/);
    assert.match(page, /<meta name="viewport"/);
    assert.match(page, /<form method="post" action="\/login-srv\/login">/);
    assert.match(page, /<label for="username">Email<\/label>/);
    assert.match(page, /id="username"[^>]*autocomplete="username"/);
    assert.match(page, /<label for="password">Password<\/label>/);
    assert.match(page, /id="password"[^>]*autocomplete="current-password"/);
    assert.match(page, new RegExp(`<input type="hidden" name="requestId" value="${requestId}">`));
    assert.match(page, /Acme Demo/);
    assert.doesNotMatch(page, /Wrong email or password/);
    assert.doesNotMatch(page, /<script/i);
  });

  it('shows the error for error=invalid_credentials', async () => {
    const requestId = await startSignIn(emulator);
    const page = await (
      await emulator.fetch(`/identity/login?requestId=${requestId}&error=invalid_credentials`)
    ).text();
    assert.match(page, /role="alert"[^>]*>Wrong email or password/);
  });

  it('speaks German when the request asked for it', async () => {
    const requestId = await startSignIn(emulator, { ui_locales: 'de-AT' });
    const page = await (await emulator.fetch(`/identity/login?requestId=${requestId}`)).text();
    assert.match(page, /<html lang="de">/);
    assert.match(page, /Passwort/);
  });

  it('says the request expired for an unknown or missing requestId, with a link to /', async () => {
    for (const query of [
      '?requestId=0b8f4a52-7f43-4a57-9a55-3a3a3a3a3a3a',
      '',
      '?requestId=%3Cb%3E',
    ]) {
      const response = await emulator.fetch(`/identity/login${query}`);
      assert.equal(response.status, 400);
      const page = await response.text();
      assert.match(page, /expired/);
      assert.match(page, /href="\/"/);
      assert.doesNotMatch(page, /<b>/);
    }
  });
});

describe('POST /login-srv/login', () => {
  it('answers 400 HTML for an unknown request', async () => {
    const response = await emulator.postForm('/login-srv/login', {
      username: 'regular.user@example.com',
      password: 'Regular-2026',
      requestId: 'nope',
    });
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
  });

  it('sends wrong credentials back to the login page (unknown user, wrong password, missing fields)', async () => {
    const requestId = await startSignIn(emulator, { ui_locales: 'de' });
    const attempts: ReadonlyArray<Readonly<Record<string, string>>> = [
      { username: 'nobody@example.com', password: 'x' },
      { username: 'regular.user@example.com', password: 'regular-2026' },
      {},
    ];
    for (const fields of attempts) {
      const response = await emulator.postForm('/login-srv/login', { ...fields, requestId });
      assert.equal(response.status, 302);
      const location = locationOf(response, emulator.baseUrl);
      assert.equal(location.pathname, '/identity/login');
      assert.equal(location.searchParams.get('requestId'), requestId);
      assert.equal(location.searchParams.get('error'), 'invalid_credentials');
      assert.equal(location.searchParams.get('ui_locales'), 'de');
    }
  });

  it('sends a user who must change the password to password_set with lsid, requestId and ui_locales', async () => {
    const requestId = await startSignIn(emulator, { ui_locales: 'de-CH' });
    const response = await emulator.postForm('/login-srv/login', {
      username: 'Flagged.User@Example.com ',
      password: 'Flagged-2026',
      requestId,
    });
    assert.equal(response.status, 302);
    const location = response.headers.get('location') ?? '';
    assert.match(
      location,
      /^\/identity\/password_set\?lsid=[0-9a-f-]{36}&requestId=[0-9a-f-]{36}&ui_locales=de-CH$/,
    );
    assert.ok(location.includes(requestId));
  });

  it('sends a regular user straight to the redirect_uri with code and state', async () => {
    const requestId = await startSignIn(emulator, {}, 'the-state');
    const response = await emulator.postForm('/login-srv/login', {
      username: 'regular.user@example.com',
      password: 'Regular-2026',
      requestId,
    });
    const location = locationOf(response, emulator.baseUrl);
    assert.equal(`${location.origin}${location.pathname}`, callbackOf(emulator));
    assert.equal(location.searchParams.get('state'), 'the-state');
    assert.ok(location.searchParams.get('code'));
  });

  it('does not crash on a JSON body or garbage', async () => {
    const json = await emulator.fetch('/login-srv/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    assert.equal(json.status, 400);
    const garbage = await emulator.fetch('/login-srv/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '%%%&&&==',
    });
    assert.equal(garbage.status, 400);
  });
});
