import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import fc from 'fast-check';

import { pick, startEmulator, startSignIn, type TestEmulator } from '../testing';
import { compileGlob, MAX_GLOB_LENGTH, parseFaultSpec } from './faults';

/** The glob semantics as a RegExp (how globs used to be compiled): the oracle for short inputs, where backtracking is harmless. */
function globAsRegExp(glob: string): RegExp {
  const source = glob
    .split('**')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

describe('compileGlob', () => {
  it('matches * within one segment and ** across segments, everything else literally', () => {
    assert.ok(compileGlob('/public-srv/public/*')('/public-srv/public/abc'));
    assert.ok(!compileGlob('/public-srv/public/*')('/public-srv/public/abc/def'));
    assert.ok(compileGlob('/public-srv/public/*')('/public-srv/public/'));
    assert.ok(compileGlob('/public-srv/**')('/public-srv/public/abc/def'));
    assert.ok(compileGlob('/**/fields')('/user-srv/public/fields'));
    assert.ok(compileGlob('/**')('/'));
    assert.ok(!compileGlob('/a.b')('/aXb'));
    assert.ok(compileGlob('/(x)+[y]')('/(x)+[y]'));
    assert.ok(compileGlob('/a?b')('/a?b'));
    assert.ok(!compileGlob('/token-srv/*')('/token-srv/prelogin/x'));
    assert.ok(compileGlob('/***')('/a/b'), 'three stars are **');
    assert.ok(!compileGlob('/x')('/x/'));
    assert.ok(compileGlob('/caf\u00e9/\u{1F600}')('/caf\u00e9/\u{1F600}'));
  });

  it('agrees with the RegExp semantics on any short glob and path', () => {
    const alphabet = fc.constantFrom('a', 'b', '/', '*', '.', '\u{1F600}');
    const text = fc.array(alphabet, { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (glob, path) => {
        const pathWithoutStars = path.replace(/\*/g, 'a');
        assert.equal(
          compileGlob(glob)(pathWithoutStars),
          globAsRegExp(glob).test(pathWithoutStars),
          `${glob} ~ ${pathWithoutStars}`,
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('answers at once for a glob that makes a backtracking RegExp run for ages: /*a*a*a…b on a long path', () => {
    const glob = `/${'*a'.repeat(30)}b`;
    const path = `/${'a'.repeat(8000)}`;
    const started = performance.now();
    assert.equal(compileGlob(glob)(path), false);
    assert.equal(compileGlob(`/${'*a'.repeat(30)}`)(path), true);
    assert.equal(compileGlob(`/**${'a**'.repeat(30)}b`)(`${path}/b`), true);
    const elapsed = performance.now() - started;
    // About 30 × 8,000 steps each; the RegExp needed more than C(8000, 30) before it could say no.
    assert.ok(elapsed < 500, `${elapsed.toFixed(0)} ms`);
  });
});

describe('parseFaultSpec', () => {
  it('rejects malformed specs with a message', () => {
    for (const bad of [
      null,
      [],
      {},
      { path: 'no-slash', status: 500 },
      { path: `/${'a'.repeat(MAX_GLOB_LENGTH)}`, status: 500 },
      { path: '/x' },
      { path: '/x', status: 99 },
      { path: '/x', delayMs: -1 },
      { path: '/x', times: 0, status: 500 },
      { path: '/x', body: 1 },
      { path: '/x', drop: 'yes' },
    ]) {
      assert.equal(typeof parseFaultSpec(bad), 'string', JSON.stringify(bad));
    }
    assert.deepEqual(parseFaultSpec({ path: '/x', status: 503, times: 2 }), {
      path: '/x',
      status: 503,
      times: 2,
      delayMs: undefined,
      drop: undefined,
      body: undefined,
      contentType: undefined,
    });
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
    const added = await emulator.sendJson('/__emulator/faults', {
      path: '/public-srv/public/*',
      status: 503,
    });
    assert.equal(added.status, 201);
    assert.equal(pick(await added.json(), 'status'), 503);
    for (let i = 0; i < 3; i++) {
      const response = await emulator.fetch(`/public-srv/public/${requestId}`);
      assert.equal(response.status, 503);
      assert.deepEqual(await response.json(), {
        success: false,
        status: 503,
        error: 'emulated_fault',
        error_description: 'Injected by the cidaas emulator',
      });
    }
    assert.equal(
      (await emulator.fetch(`/registration-setup-srv/public/list?requestId=${requestId}`)).status,
      200,
      'other paths unaffected',
    );
    const cleared = await emulator.sendJson('/__emulator/faults', undefined, 'DELETE');
    assert.deepEqual(await cleared.json(), { cleared: 1 });
    assert.equal((await emulator.fetch(`/public-srv/public/${requestId}`)).status, 200);
  });

  it('keeps answering with a pathological glob registered (/*a*a*a…b) and a long path requested', async () => {
    assert.equal(
      (await emulator.sendJson('/__emulator/faults', { path: `/${'*a'.repeat(40)}b`, status: 503 }))
        .status,
      201,
    );
    const started = performance.now();
    const missed = await emulator.fetch(`/${'a'.repeat(4000)}`);
    const elapsed = performance.now() - started;
    assert.equal(missed.status, 404);
    assert.ok(elapsed < 1000, `${elapsed.toFixed(0)} ms`);
    assert.equal(
      (await emulator.fetch(`/${'a'.repeat(40)}b`)).status,
      503,
      'it still applies where it matches',
    );
    assert.equal((await emulator.fetch(`/public-srv/public/${requestId}`)).status, 200);
  });

  it('sends a raw garbage body (status 200 with broken JSON)', async () => {
    await emulator.sendJson('/__emulator/faults', {
      path: '/registration-setup-srv/**',
      status: 200,
      body: '{"success":tru',
    });
    const response = await emulator.fetch(
      `/registration-setup-srv/public/list?requestId=${requestId}`,
    );
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    await assert.rejects(response.json(), SyntaxError);
  });

  it('delays once with times:1 (then behaves normally), using the real handler', async () => {
    await emulator.sendJson('/__emulator/faults', {
      path: `/public-srv/public/${requestId}`,
      delayMs: 150,
      times: 1,
    });
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
    await emulator.sendJson('/__emulator/faults', {
      path: '/token-srv/**',
      delayMs: 50,
      status: 500,
      times: 1,
    });
    const started = performance.now();
    const response = await emulator.fetch(
      '/token-srv/prelogin/metadata/0b8f4a52-7f43-4a57-9a55-3a3a3a3a3a3a',
    );
    assert.equal(response.status, 500);
    assert.ok(performance.now() - started >= 45);
    assert.equal(
      (await emulator.fetch('/token-srv/prelogin/metadata/0b8f4a52-7f43-4a57-9a55-3a3a3a3a3a3a'))
        .status,
      204,
    );
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
