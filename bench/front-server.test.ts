import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { startEmulator, type TestEmulator } from '../server/testing';
import { REFERENCE_PAGE_PATH, createFrontApp } from './front-server';

describe('the bench front server', () => {
  let emulator: TestEmulator;
  let front: Server;
  let origin: string;
  let distDir: string;

  before(async () => {
    distDir = mkdtempSync(join(tmpdir(), 'bench-front-'));
    writeFileSync(
      join(distDir, 'index.html'),
      '<!doctype html><meta name="cidaas-base-url" content=""><p>page</p>',
    );
    // Big and repetitive enough to be compressed (the compression threshold is 1 kB).
    writeFileSync(join(distDir, 'main-ABCD1234.js'), 'console.log("x");\n'.repeat(500));
    emulator = await startEmulator({ distDir });
    front = createFrontApp({
      distDir,
      emulatorOrigin: emulator.baseUrl,
      referenceDir: join(__dirname, 'reference'),
    }).listen(0, '127.0.0.1');
    await once(front, 'listening');
    const address = front.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    origin = `http://127.0.0.1:${(address satisfies AddressInfo).port}`;
  });

  after(async () => {
    front.closeAllConnections();
    front.close();
    await emulator.close();
    rmSync(distDir, { recursive: true, force: true });
  });

  it('serves the page through the production app: no-store HTML, compressed immutable bundles', async () => {
    const page = await fetch(`${origin}/identity/password_set?lsid=x`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(await page.text(), /<p>page<\/p>/);
    const script = await fetch(`${origin}/main-ABCD1234.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    assert.equal(script.status, 200);
    assert.equal(script.headers.get('content-encoding'), 'gzip');
    assert.match(script.headers.get('cache-control') ?? '', /immutable/);
  });

  it('serves the reference under the same CSP, with its own script file', async () => {
    const reference = await fetch(`${origin}${REFERENCE_PAGE_PATH}?lsid=x&requestId=y`);
    assert.equal(reference.status, 200);
    assert.match(reference.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(
      reference.headers.get('content-security-policy') ?? '',
      /require-trusted-types-for 'script'/,
    );
    const html = await reference.text();
    assert.match(html, /<script src="reference\.js" type="module"><\/script>/);
    assert.doesNotMatch(html, /<script>(?!<)/, 'no inline script');
    const script = await fetch(`${origin}/bench-reference/reference.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
  });

  it('forwards everything else to the emulator, request bodies included', async () => {
    const session = await fetch(`${origin}/__emulator/login-sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'new.user@example.com', password: 'Welcome-2026' }),
    });
    assert.equal(session.status, 201);
    const body: unknown = await session.json();
    const requestId =
      typeof body === 'object' && body !== null ? Reflect.get(body, 'requestId') : undefined;
    assert.equal(typeof requestId, 'string');
    const clientInfo = await fetch(`${origin}/public-srv/public/${String(requestId)}`);
    assert.equal(clientInfo.status, 200);
    const info: unknown = await clientInfo.json();
    assert.equal(
      typeof info === 'object' && info !== null ? Reflect.get(info, 'success') : undefined,
      true,
    );
    const missing = await fetch(`${origin}/no-such-path`);
    assert.equal(missing.status, 404);
  });
});
