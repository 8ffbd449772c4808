import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import { pick, startEmulator, startSignIn, type TestEmulator } from '../testing';
import { globToRegExp, parseFaultSpec } from './faults';

describe('globToRegExp', () => {
  it('matches * within one segment and ** across segments, everything else literally', () => {
    assert.ok(globToRegExp('/public-srv/public/*').test('/public-srv/public/abc'));
    assert.ok(!globToRegExp('/public-srv/public/*').test('/public-srv/public/abc/def'));
    assert.ok(globToRegExp('/public-srv/**').test('/public-srv/public/abc/def'));
    assert.ok(globToRegExp('/**/fields').test('/user-srv/public/fields'));
    assert.ok(!globToRegExp('/a.b').test('/aXb'));
    assert.ok(globToRegExp('/(x)+[y]').test('/(x)+[y]'));
    assert.ok(!globToRegExp('/token-srv/*').test('/token-srv/prelogin/x'));
  });
});

describe('parseFaultSpec', () => {
  it('rejects malformed specs with a message', () => {
    for (const bad of [null, [], {}, { path: 'no-slash', status: 500 }, { path: '/x' }, { path: '/x', status: 99 }, { path: '/x', delayMs: -1 }, { path: '/x', times: 0, status: 500 }, { path: '/x', body: 1 }, { path: '/x', drop: 'yes' }]) {
      assert.equal(typeof parseFaultSpec(bad), 'string', JSON.stringify(bad));
    }
    assert.deepEqual(parseFaultSpec({ path: '/x', status: 503, times: 2 }), { path: '/x', status: 503, times: 2, delayMs: undefined, drop: undefined, body: undefined, contentType: undefined });
  });
});

describe('fault injection over HTTP', () => {
  let emulator: TestEmulator;
  let requestId: string;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());
  beforeEach(async () => {
    await emulator.reset();
    requestId = await startSignIn(emulator);
  });

  it('answers a status with the default JSON envelope, unlimited by default; DELETE clears', async () => {
    const added = await emulator.sendJson('/__emulator/faults', { path: '/public-srv/public/*', status: 503 });
    assert.equal(added.status, 201);
    assert.equal(pick(await added.json(), 'status'), 503);
    for (let i = 0; i < 3; i++) {
      const response = await emulator.fetch(`/public-srv/public/${requestId}`);
      assert.equal(response.status, 503);
      assert.deepEqual(await response.json(), { success: false, status: 503, error: 'emulated_fault', error_description: 'Injected by the cidaas emulator' });
    }
    assert.equal((await emulator.fetch(`/registration-setup-srv/public/list?requestId=${requestId}`)).status, 200, 'other paths unaffected');
    const cleared = await emulator.sendJson('/__emulator/faults', undefined, 'DELETE');
    assert.deepEqual(await cleared.json(), { cleared: 1 });
    assert.equal((await emulator.fetch(`/public-srv/public/${requestId}`)).status, 200);
  });

  it('sends a raw garbage body (status 200 with broken JSON)', async () => {
    await emulator.sendJson('/__emulator/faults', { path: '/registration-setup-srv/**', status: 200, body: '{"success":tru' });
    const response = await emulator.fetch(`/registration-setup-srv/public/list?requestId=${requestId}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    await assert.rejects(response.json(), SyntaxError);
  });

  it('delays once with times:1 (then behaves normally), using the real handler', async () => {
    await emulator.sendJson('/__emulator/faults', { path: `/public-srv/public/${requestId}`, delayMs: 150, times: 1 });
    const started = performance.now();
    const slow = await emulator.fetch(`/public-srv/public/${requestId}`);
    const slowMs = performance.now() - started;
    assert.equal(slow.status, 200, 'a delay-only fault continues to the endpoint');
    // Timers may fire a millisecond early relative to performance.now(); the bound only proves a real wait.
    assert.ok(slowMs >= 145, `delayed ${slowMs} ms`);
    // times:1 used it up: the fault is gone, so the next request is not delayed.
    assert.deepEqual(await (await emulator.fetch('/__emulator/faults')).json(), { faults: [] });
    assert.equal((await emulator.fetch(`/public-srv/public/${requestId}`)).status, 200);
  });

  it('delays and then fails', async () => {
    await emulator.sendJson('/__emulator/faults', { path: '/token-srv/**', delayMs: 50, status: 500, times: 1 });
    const started = performance.now();
    const response = await emulator.fetch('/token-srv/prelogin/metadata/0b8f4a52-7f43-4a57-9a55-3a3a3a3a3a3a');
    assert.equal(response.status, 500);
    assert.ok(performance.now() - started >= 45);
    assert.equal((await emulator.fetch('/token-srv/prelogin/metadata/0b8f4a52-7f43-4a57-9a55-3a3a3a3a3a3a')).status, 204);
  });

  it('drops the connection: the client sees a network error', async () => {
    await emulator.sendJson('/__emulator/faults', { path: '/public-srv/**', drop: true, times: 1 });
    await assert.rejects(emulator.fetch(`/public-srv/public/${requestId}`), TypeError);
    assert.equal((await emulator.fetch(`/public-srv/public/${requestId}`)).status, 200);
  });

  it('applies to form posts and pages too, but never to /__emulator', async () => {
    await emulator.sendJson('/__emulator/faults', { path: '/**', status: 502 });
    assert.equal((await emulator.postForm('/login-srv/precheck/continue/x', {})).status, 502);
    assert.equal((await emulator.fetch('/identity/password_set')).status, 502);
    assert.equal((await emulator.fetch('/__emulator/faults')).status, 200);
  });

  it('rejects invalid specs with 400', async () => {
    const response = await emulator.sendJson('/__emulator/faults', { path: '/x', status: 'bad' });
    assert.equal(response.status, 400);
    assert.match(String(pick(await response.json(), 'error_description')), /status/);
  });
});
