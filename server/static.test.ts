import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { EXPECTED_FILE_CSP, expectedHeaders, headerMismatches } from './expected-headers';
import { PERMISSIONS_POLICY } from './security-headers';
import { startEmulator, type TestEmulator } from './testing';

const INDEX =
  '<!doctype html><html><body><ps-root></ps-root><script src="main-ABCD2345.js"></script></body></html>';

let dist: string;
let emulator: TestEmulator;
before(async () => {
  dist = mkdtempSync(join(tmpdir(), 'password-set-dist-'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'main-ABCD2345.js'), 'console.log(1);');
  writeFileSync(join(dist, 'styles-WXYZ6789.css'), 'body{}');
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  mkdirSync(join(dist, 'i18n'));
  writeFileSync(join(dist, 'i18n', 'en.json'), '{"a":"b"}');
  mkdirSync(join(dist, 'themes'));
  writeFileSync(
    join(dist, 'themes', 'preview.html'),
    '<!doctype html><title>Preview</title><script src="/main-ABCD2345.js"></script>',
  );
  emulator = await startEmulator({ distDir: dist });
});
after(async () => {
  await emulator.close();
  rmSync(dist, { recursive: true, force: true });
});

const EXPECTED_CSP =
  "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' https: data:;font-src 'self';connect-src 'self';" +
  "object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none';require-trusted-types-for 'script';trusted-types angular angular#bundler";

describe('serving the built page', () => {
  for (const path of [
    '/identity/password_set',
    '/password_set',
    '/identity/password_set_success',
  ]) {
    it(`serves index.html at ${path} (any query) with no-store`, async () => {
      const response = await emulator.fetch(`${path}?lsid=x&requestId=y&error=track_expired`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.match(response.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(await response.text(), INDEX);
    });
  }

  it('caches hashed bundles for a year, revalidates i18n and other files', async () => {
    for (const file of ['/main-ABCD2345.js', '/styles-WXYZ6789.css']) {
      const response = await emulator.fetch(file);
      assert.equal(response.status, 200, file);
      assert.equal(
        response.headers.get('cache-control'),
        'public, max-age=31536000, immutable',
        file,
      );
    }
    const i18n = await emulator.fetch('/i18n/en.json');
    assert.equal(i18n.status, 200);
    assert.equal(i18n.headers.get('cache-control'), 'no-cache');
    assert.deepEqual(await i18n.json(), { a: 'b' });
    assert.equal((await emulator.fetch('/favicon.svg')).headers.get('cache-control'), 'no-cache');
  });

  it('has no directory indexes, no traversal, and an escaped 404 page', async () => {
    for (const path of [
      '/i18n/',
      '/i18n',
      '/..%2f..%2fetc%2fpasswd',
      '/%2e%2e/package.json',
      '/nothing',
    ]) {
      const response = await emulator.fetch(path);
      assert.equal(response.status, 404, path);
    }
    const page = await (await emulator.fetch('/%3Cscript%3Ealert(1)%3C/script%3E')).text();
    assert.match(page, /Not found/);
    assert.doesNotMatch(page, /<script>/);
  });

  it('sends the security headers on pages, emulator pages, redirects and unknown paths; no HSTS', async () => {
    const responses = await Promise.all([
      emulator.fetch('/identity/password_set'),
      emulator.fetch('/'),
      emulator.fetch('/authz-srv/authz'),
      emulator.fetch('/nothing'),
    ]);
    for (const response of responses) {
      assert.equal(response.headers.get('content-security-policy'), EXPECTED_CSP);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('permissions-policy'), PERMISSIONS_POLICY);
      assert.equal(response.headers.get('strict-transport-security'), null);
      assert.equal(response.headers.get('x-powered-by'), null);
    }
  });

  it('sends the JSON APIs (E3, E5, E7) an API policy and no document headers, also on their errors', async () => {
    const responses = await Promise.all([
      emulator.fetch('/public-srv/public/x'),
      emulator.fetch('/registration-setup-srv/public/list?acceptlanguage=en&requestId=x'),
      emulator.fetch('/token-srv/prelogin/metadata/x'),
    ]);
    const expected = expectedHeaders({ hsts: false }).api;
    for (const response of responses) {
      assert.deepEqual(
        headerMismatches(expected, (name) => response.headers.get(name)),
        [],
        response.url,
      );
    }
  });

  it('sends the built files, the theme logos and the control API the CSP under which nothing runs', async () => {
    const responses = await Promise.all([
      emulator.fetch('/main-ABCD2345.js'),
      emulator.fetch('/i18n/en.json'),
      emulator.fetch('/favicon.svg'),
      emulator.fetch('/__emulator/faults'),
    ]);
    for (const response of responses) {
      assert.equal(response.status, 200, response.url);
      assert.equal(
        response.headers.get('content-security-policy'),
        EXPECTED_FILE_CSP,
        response.url,
      );
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', response.url);
      assert.equal(response.headers.get('permissions-policy'), null, response.url);
    }
  });

  it('never treats an HTML file from disk as the page: it gets the CSP under which nothing runs', async () => {
    const response = await emulator.fetch('/themes/preview.html');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(response.headers.get('content-security-policy'), EXPECTED_FILE_CSP);
  });
});

describe('when the page is not built', () => {
  let bare: TestEmulator;
  before(async () => {
    bare = await startEmulator({
      distDir: join(tmpdir(), 'password-set-dist-that-does-not-exist'),
    });
  });
  after(() => bare.close());

  it('answers 503 at the page paths saying to run npm run build; the emulator still works', async () => {
    const response = await bare.fetch('/identity/password_set?lsid=x');
    assert.equal(response.status, 503);
    assert.match(await response.text(), /npm run build/);
    assert.equal((await bare.fetch('/')).status, 200);
    assert.equal((await bare.fetch('/main-ABCD2345.js')).status, 404);
  });
});
