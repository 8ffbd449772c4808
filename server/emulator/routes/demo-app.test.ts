import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import { locationOf, startEmulator, type TestEmulator } from '../../testing';

let emulator: TestEmulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.close());
beforeEach(() => emulator.reset());

function hiddenInputs(page: string): Map<string, string> {
  const inputs = new Map<string, string>();
  for (const match of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    inputs.set(match[1] ?? '', (match[2] ?? '').replaceAll('&amp;', '&'));
  }
  return inputs;
}

describe('demo application GET /', () => {
  it('offers a Sign in form that starts E1 for the demo client with this origin as redirect_uri', async () => {
    const response = await emulator.fetch('/');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const page = await response.text();
    assert.match(page, /<h1>Acme Demo application<\/h1>/);
    assert.match(page, /<form method="get" action="\/authz-srv\/authz">/);
    assert.match(page, /<button type="submit">Sign in<\/button>/);
    const inputs = hiddenInputs(page);
    assert.equal(inputs.get('client_id'), 'demo-client');
    assert.equal(inputs.get('redirect_uri'), `${emulator.baseUrl}/callback`);
    assert.equal(inputs.get('response_type'), 'code');
    assert.equal(inputs.get('scope'), 'openid profile email');
    assert.ok((inputs.get('state') ?? '').length >= 16);
    assert.ok((inputs.get('nonce') ?? '').length >= 16);
    assert.equal(inputs.has('ui_locales'), false);
    for (const text of [
      'new.user@example.com',
      'Welcome-2026',
      'flagged.user@example.com',
      'Flagged-2026',
      'regular.user@example.com',
      'Regular-2026',
    ]) {
      assert.ok(page.includes(text), text);
    }

    // Submitting the form as a browser would reaches the login page.
    const start = await emulator.fetch(
      `/authz-srv/authz?${new URLSearchParams([...inputs]).toString()}`,
    );
    assert.equal(locationOf(start, emulator.baseUrl).pathname, '/identity/login');
  });

  it('passes ?ui_locales on, escaped', async () => {
    const page = await (
      await emulator.fetch(`/?ui_locales=${encodeURIComponent('de "x"<y>')}`)
    ).text();
    assert.equal(hiddenInputs(page).get('ui_locales'), 'de &quot;x&quot;&lt;y&gt;');
    assert.doesNotMatch(page, /<y>/);
  });

  it('uses a fresh state on every render', async () => {
    const first = hiddenInputs(await (await emulator.fetch('/')).text()).get('state');
    const second = hiddenInputs(await (await emulator.fetch('/')).text()).get('state');
    assert.notEqual(first, second);
  });
});

describe('demo application GET /callback', () => {
  it('shows the error page (400) for missing, unknown or used codes', async () => {
    for (const query of ['', '?code=unknown&state=x']) {
      const response = await emulator.fetch(`/callback${query}`);
      assert.equal(response.status, 400);
      assert.match(await response.text(), /Sign-in failed/);
    }
  });

  it('redeems a code from a direct login once and escapes the state', async () => {
    const requestId = locationOf(
      await emulator.fetch(
        `/authz-srv/authz?client_id=demo-client&response_type=code&redirect_uri=${encodeURIComponent(`${emulator.baseUrl}/callback`)}&state=${encodeURIComponent('<i>s</i>')}`,
      ),
      emulator.baseUrl,
    ).searchParams.get('requestId');
    const login = await emulator.postForm('/login-srv/login', {
      username: 'regular.user@example.com',
      password: 'Regular-2026',
      requestId: requestId ?? '',
    });
    const callback = locationOf(login, emulator.baseUrl);
    const response = await emulator.fetch(`${callback.pathname}${callback.search}`);
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.match(page, /Signed in as regular\.user@example\.com/);
    assert.ok(page.includes('&lt;i&gt;s&lt;/i&gt;'));
    assert.ok(page.includes(callback.searchParams.get('code') ?? 'missing'));
    assert.match(page, /<a href="\/">/);
    assert.equal((await emulator.fetch(`${callback.pathname}${callback.search}`)).status, 400);
  });

  it('refuses an expired code (injected clock)', async () => {
    const requestId = locationOf(
      await emulator.fetch(
        `/authz-srv/authz?client_id=demo-client&response_type=code&redirect_uri=${encodeURIComponent(`${emulator.baseUrl}/callback`)}`,
      ),
      emulator.baseUrl,
    ).searchParams.get('requestId');
    const login = await emulator.postForm('/login-srv/login', {
      username: 'regular.user@example.com',
      password: 'Regular-2026',
      requestId: requestId ?? '',
    });
    emulator.advance(10 * 60 * 1000);
    const callback = locationOf(login, emulator.baseUrl);
    assert.equal((await emulator.fetch(`${callback.pathname}${callback.search}`)).status, 400);
  });
});
