import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import {
  locationOf,
  pick,
  signInToPasswordSet,
  startEmulator,
  submitPasswordChange,
  type TestEmulator,
} from '../../testing';

let emulator: TestEmulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.close());
beforeEach(() => emulator.reset());

describe('test-control API (enabled)', () => {
  it('POST /__emulator/users creates (201 {sub, username}) and replaces users, keeping the sub', async () => {
    const created = await emulator.sendJson('/__emulator/users', {
      username: 'Test.User@example.com',
      password: 'Start-Pass-1',
      mustChangePassword: true,
      reason: 'admin_required',
    });
    assert.equal(created.status, 201);
    const body: unknown = await created.json();
    assert.equal(pick(body, 'username'), 'test.user@example.com');
    assert.match(String(pick(body, 'sub')), /^[0-9a-f-]{36}$/);
    assert.deepEqual(Object.keys(Object(body)).sort(), ['sub', 'username']);

    const replaced = await emulator.sendJson('/__emulator/users', {
      username: 'test.user@example.com',
      password: 'Other-Pass-2',
      mustChangePassword: false,
    });
    assert.equal(pick(await replaced.json(), 'sub'), pick(body, 'sub'));
    const login = await emulator.sendJson('/__emulator/login-sessions', {
      username: 'test.user@example.com',
      password: 'Other-Pass-2',
    });
    assert.equal(login.status, 409);
  });

  it('POST /__emulator/users validates its input', async () => {
    for (const bad of [
      {},
      { username: 'a@b.c' },
      { username: 'a@b.c', password: 'x', mustChangePassword: 'yes' },
      { username: 'a@b.c', password: 'x', reason: 'bored' },
      { username: 'a@b.c', password: 'x', previousPasswords: [1] },
    ]) {
      const response = await emulator.sendJson('/__emulator/users', bad);
      assert.equal(response.status, 400, JSON.stringify(bad));
      assert.equal(pick(await response.json(), 'error'), 'invalid_request');
    }
  });

  it('previousPasswords become the history', async () => {
    await emulator.sendJson('/__emulator/users', {
      username: 'h@example.com',
      password: 'Current-Pass-1',
      mustChangePassword: true,
      previousPasswords: ['Older-Pass-2!'],
    });
    const state: unknown = await (
      await emulator.fetch('/__emulator/state/users/h@example.com')
    ).json();
    assert.equal(pick(state, 'historyLength'), 1);
    const session = await signInToPasswordSet(emulator, 'h@example.com', 'Current-Pass-1');
    const response = await submitPasswordChange(emulator, session.lsid, {
      old_password: 'Current-Pass-1',
      new_password: 'Older-Pass-2!',
    });
    assert.equal(
      locationOf(response, emulator.baseUrl).searchParams.get('error'),
      'password_already_used',
    );
  });

  it('PUT /__emulator/clients/:id merges fields and replaces the policy; creates new clients', async () => {
    const response = await emulator.sendJson(
      '/__emulator/clients/demo-client',
      { client_display_name: 'Other', password_policy: { noOfDigits: 3 } },
      'PUT',
    );
    assert.equal(response.status, 200);
    const client: unknown = await response.json();
    assert.equal(pick(client, 'client_display_name'), 'Other');
    assert.equal(pick(client, 'primaryColor'), '#2455c3');
    assert.deepEqual(pick(client, 'password_policy'), { noOfDigits: 3 });

    const created: unknown = await (
      await emulator.sendJson('/__emulator/clients/bare-client', { client_name: 'Bare' }, 'PUT')
    ).json();
    assert.deepEqual(created, { client_id: 'bare-client', client_name: 'Bare' });

    assert.equal(
      (await emulator.sendJson('/__emulator/clients/demo-client', { primaryColor: 5 }, 'PUT'))
        .status,
      400,
    );
    assert.equal(
      (await emulator.sendJson('/__emulator/clients/demo-client', { password_policy: [] }, 'PUT'))
        .status,
      400,
    );
    assert.equal(
      (await emulator.sendJson('/__emulator/clients/demo-client', [1], 'PUT')).status,
      400,
    );
  });

  it('POST /__emulator/login-sessions returns {requestId, lsid, url} ready for the page', async () => {
    const response = await emulator.sendJson('/__emulator/login-sessions', {
      username: 'new.user@example.com',
      password: 'Welcome-2026',
      ui_locales: 'de',
    });
    assert.equal(response.status, 201);
    const body: unknown = await response.json();
    const requestId = String(pick(body, 'requestId'));
    const lsid = String(pick(body, 'lsid'));
    assert.equal(
      pick(body, 'url'),
      `/identity/password_set?lsid=${lsid}&requestId=${requestId}&ui_locales=de`,
    );
    assert.equal((await emulator.fetch(`/token-srv/prelogin/metadata/${lsid}`)).status, 200);
    assert.equal((await emulator.fetch(`/public-srv/public/${requestId}`)).status, 200);
    // Default redirect_uri is this origin's /callback.
    const done = await submitPasswordChange(emulator, lsid, {
      old_password: 'Welcome-2026',
      new_password: 'Fresh-Password-9',
    });
    const location = locationOf(done, emulator.baseUrl);
    assert.equal(`${location.origin}${location.pathname}`, `${emulator.baseUrl}/callback`);
  });

  it('POST /__emulator/login-sessions: 400 for wrong credentials or bad input, 409 when no change is needed', async () => {
    const wrong = await emulator.sendJson('/__emulator/login-sessions', {
      username: 'new.user@example.com',
      password: 'nope',
    });
    assert.equal(wrong.status, 400);
    assert.equal(pick(await wrong.json(), 'error'), 'invalid_credentials');
    const regular = await emulator.sendJson('/__emulator/login-sessions', {
      username: 'regular.user@example.com',
      password: 'Regular-2026',
    });
    assert.equal(regular.status, 409);
    assert.equal(pick(await regular.json(), 'error'), 'no_password_change_required');
    const badClient = await emulator.sendJson('/__emulator/login-sessions', {
      username: 'new.user@example.com',
      password: 'Welcome-2026',
      client_id: 'x',
    });
    assert.equal(badClient.status, 400);
    const badRedirect = await emulator.sendJson('/__emulator/login-sessions', {
      username: 'new.user@example.com',
      password: 'Welcome-2026',
      redirect_uri: 'http://evil.example/callback',
    });
    assert.equal(badRedirect.status, 400);
  });

  it('POST /__emulator/tracks/:lsid/expire expires a track (E7 204, E8 track_expired); 404 when unknown', async () => {
    const session = await signInToPasswordSet(emulator, 'new.user@example.com', 'Welcome-2026');
    const response = await emulator.sendJson(`/__emulator/tracks/${session.lsid}/expire`, {});
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { lsid: session.lsid, expired: true });
    assert.equal(
      (await emulator.fetch(`/token-srv/prelogin/metadata/${session.lsid}`)).status,
      204,
    );
    const submit = await submitPasswordChange(emulator, session.lsid, {
      old_password: 'Welcome-2026',
      new_password: 'Fresh-Password-9',
    });
    assert.equal(locationOf(submit, emulator.baseUrl).searchParams.get('error'), 'track_expired');
    assert.equal(
      (
        await emulator.sendJson(
          '/__emulator/tracks/0b8f4a52-7f43-4a57-9a55-3a3a3a3a3a3a/expire',
          {},
        )
      ).status,
      404,
    );
  });

  it('POST /__emulator/clock moves time forward', async () => {
    const session = await signInToPasswordSet(emulator, 'new.user@example.com', 'Welcome-2026');
    const response = await emulator.sendJson('/__emulator/clock', { advanceMs: 60 * 60 * 1000 });
    assert.equal(response.status, 200);
    assert.equal(
      (await emulator.fetch(`/token-srv/prelogin/metadata/${session.lsid}`)).status,
      204,
    );
    assert.equal((await emulator.sendJson('/__emulator/clock', { advanceMs: -1 })).status, 400);
  });

  it('GET /__emulator/state/users/:username shows flags and counts, never hashes', async () => {
    const response = await emulator.fetch('/__emulator/state/users/flagged.user@example.com');
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.doesNotMatch(text, /scrypt/);
    assert.deepEqual(JSON.parse(text), {
      username: 'flagged.user@example.com',
      mustChangePassword: true,
      reason: 'admin_required',
      historyLength: 2,
      failedAttempts: 0,
      lockedUntil: null,
    });
    assert.equal((await emulator.fetch('/__emulator/state/users/nobody@example.com')).status, 404);
  });

  it('POST /__emulator/reset restores the seed and clears sessions and faults', async () => {
    const session = await signInToPasswordSet(emulator, 'new.user@example.com', 'Welcome-2026');
    await submitPasswordChange(emulator, session.lsid, {
      old_password: 'Welcome-2026',
      new_password: 'Fresh-Password-9',
    });
    await emulator.sendJson(
      '/__emulator/clients/demo-client',
      { client_display_name: 'Changed' },
      'PUT',
    );
    await emulator.sendJson('/__emulator/faults', { path: '/public-srv/**', status: 503 });

    const reset = await emulator.sendJson('/__emulator/reset', {});
    assert.equal(reset.status, 200);
    assert.deepEqual(await reset.json(), { ok: true });

    const state: unknown = await (
      await emulator.fetch('/__emulator/state/users/new.user@example.com')
    ).json();
    assert.equal(pick(state, 'mustChangePassword'), true);
    assert.equal(pick(state, 'historyLength'), 0);
    assert.equal(emulator.store.getTrack(session.lsid), undefined);
    assert.equal(emulator.store.getClient('demo-client')?.client_display_name, 'Acme Demo');
    assert.deepEqual(await (await emulator.fetch('/__emulator/faults')).json(), { faults: [] });
  });

  it('answers JSON errors for malformed JSON and unknown control paths', async () => {
    const broken = await emulator.fetch('/__emulator/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    assert.equal(broken.status, 400);
    assert.equal(pick(await broken.json(), 'error'), 'invalid_request');
    const unknown = await emulator.fetch('/__emulator/nothing');
    assert.equal(unknown.status, 404);
    assert.equal(pick(await unknown.json(), 'error'), 'not_found');
  });
});

describe('test-control API (disabled)', () => {
  let disabled: TestEmulator;
  before(async () => {
    disabled = await startEmulator({ control: false });
  });
  after(() => disabled.close());

  it('answers 404 for everything under /__emulator/', async () => {
    const requests: ReadonlyArray<Promise<Response>> = [
      disabled.sendJson('/__emulator/reset', {}),
      disabled.sendJson('/__emulator/users', {
        username: 'a@b.c',
        password: 'x',
        mustChangePassword: true,
      }),
      disabled.sendJson('/__emulator/clients/demo-client', {}, 'PUT'),
      disabled.sendJson('/__emulator/login-sessions', {
        username: 'new.user@example.com',
        password: 'Welcome-2026',
      }),
      disabled.sendJson('/__emulator/faults', { path: '/**', status: 500 }),
      disabled.fetch('/__emulator/state/users/new.user@example.com'),
    ];
    for (const response of await Promise.all(requests)) assert.equal(response.status, 404);
    assert.equal(disabled.store.findUser('a@b.c'), undefined);
    assert.deepEqual(disabled.faults.list(), []);
  });
});

describe('test-control API: requests another site could send', () => {
  /** A fault registered through the store, so each test can see whether a refused request changed anything. */
  const MARKER = { path: '/marker', status: 418 } as const;
  beforeEach(() => {
    emulator.faults.add(MARKER);
  });

  // What a page on any site can send without a CORS preflight: forms and text, to every state-changing endpoint.
  const FORGEABLE: ReadonlyArray<readonly [string, string]> = [
    ['POST', '/__emulator/reset'],
    ['POST', '/__emulator/faults'],
    ['DELETE', '/__emulator/faults'],
    ['POST', '/__emulator/users'],
    ['PUT', '/__emulator/clients/demo-client'],
    ['POST', '/__emulator/login-sessions'],
    ['POST', '/__emulator/clock'],
  ];

  it('refuses form and text bodies (415), with or without an Origin, and changes nothing', async () => {
    for (const [method, path] of FORGEABLE) {
      for (const contentType of [
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'text/plain',
        undefined,
      ]) {
        for (const origin of ['http://evil.example', undefined]) {
          const headers: Record<string, string> = {};
          if (contentType !== undefined) headers['content-type'] = contentType;
          if (origin !== undefined) headers['origin'] = origin;
          const response = await emulator.fetch(path, {
            method,
            headers,
            body: method === 'DELETE' ? undefined : 'path=%2F**&status=500',
          });
          const label = `${method} ${path} ${contentType ?? 'no type'} ${origin ?? 'no origin'}`;
          assert.equal(response.status, origin === undefined ? 415 : 403, label);
          assert.equal(
            pick(await response.json(), 'error'),
            origin === undefined ? 'unsupported_media_type' : 'forbidden',
            label,
          );
          assert.equal(response.headers.get('access-control-allow-origin'), null, label);
        }
      }
    }
    assert.deepEqual(
      emulator.faults.list().map((fault) => fault.path),
      ['/marker'],
    );
  });

  it('refuses JSON from another origin, from an opaque one (Origin: null) and a cross-site fetch (403)', async () => {
    const own = new URL(emulator.baseUrl);
    const foreign: ReadonlyArray<Readonly<Record<string, string>>> = [
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { origin: `http://localhost:${own.port}` }, // same site, another origin
      { origin: `https://${own.host}` }, // another scheme
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const extra of foreign) {
      const response = await emulator.fetch('/__emulator/faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...extra },
        body: JSON.stringify({ path: '/**', status: 500 }),
      });
      assert.equal(response.status, 403, JSON.stringify(extra));
    }
    assert.equal(emulator.faults.list().length, 1);
  });

  it('takes JSON from its own origin, and from clients that send no Origin (test runners, curl)', async () => {
    const sameOrigin = await emulator.fetch('/__emulator/faults', {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        origin: emulator.baseUrl,
        'sec-fetch-site': 'same-origin',
      },
      body: JSON.stringify({ path: '/same-origin', status: 500 }),
    });
    assert.equal(sameOrigin.status, 201);
    const noOrigin = await emulator.fetch('/__emulator/reset', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(noOrigin.status, 200);
    assert.deepEqual(emulator.faults.list(), []);
  });

  it('answers reads (GET) to anyone, but never with CORS headers: another site cannot read them', async () => {
    const response = await emulator.fetch('/__emulator/faults', {
      headers: { origin: 'http://evil.example' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});
