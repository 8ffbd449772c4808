import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  brotliCompressSync,
  brotliDecompressSync,
  constants as zlibConstants,
  gunzipSync,
  gzipSync,
} from 'node:zlib';

import { auth0PasswordSetConfigFromEnv, auth0PasswordSetRoutes } from './auth0/password-set';
import {
  EXPECTED_FILE_CSP,
  expectedHeaders,
  headerMismatches,
  type ResponseKind,
} from './expected-headers';
import {
  auth0Mode,
  ConfigurationError,
  createProductionApp,
  createProductionServer,
  DEFAULT_SERVER_LIMITS,
  escapeHtmlAttribute,
  injectCidaasBaseUrl,
  injectPageSetting,
  readProductionConfig,
  type ServerLimits,
} from './production';
import { headerValue, rawRequest, type RawResponse } from './raw-http';
import { DEFAULT_DIST_DIR } from './static';
import { spawnProduction } from './testing';

const INDEX = [
  '<!doctype html><html><head>',
  '<meta name="referrer" content="no-referrer">',
  '<meta name="cidaas-base-url" content="">',
  '<meta name="pwned-passwords-base-url" content="">',
  // Like the real page's inlined stylesheet: enough bytes to be worth compressing (over 1 kB).
  `<style>${'.card{margin:0 auto;padding:24px;border-radius:8px}'.repeat(40)}</style>`,
  '</head><body><ps-root></ps-root><script src="main-ABCD2345.js" type="module"></script></body></html>',
].join('\n');
// A tenant's logo with a script in it: opened directly, it must not run on the page's origin.
const HOSTILE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>document.title = "pwned"</script><rect width="10" height="10"/></svg>';
// Big and repetitive enough to be compressed (the threshold is 1 kB).
const BUNDLE = `console.log(${JSON.stringify('hosted page bundle '.repeat(2000))});`;
// A bundle the build did not precompress (e.g. built with plain `ng build`).
const LAZY_CHUNK = `export const text = ${JSON.stringify('lazy chunk without siblings '.repeat(2000))};`;

/** Writes a fake build into a new temporary folder. */
function makeDist(): string {
  const dist = mkdtempSync(join(tmpdir(), 'password-set-prod-'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'main-ABCD2345.js'), BUNDLE);
  // What `npm run build` writes next to it: brotli 11 and gzip 9 (the server compresses on the fly at brotli 5).
  writeFileSync(
    join(dist, 'main-ABCD2345.js.br'),
    brotliCompressSync(BUNDLE, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  writeFileSync(join(dist, 'main-ABCD2345.js.gz'), gzipSync(BUNDLE, { level: 9 }));
  writeFileSync(join(dist, 'chunk-LAZY2345.js'), LAZY_CHUNK);
  writeFileSync(join(dist, 'chunk-QRST6789.js'), 'export const x = 1;');
  // Named by the chunk optimizer (base64url hash), as the build's lazy chunks are.
  writeFileSync(join(dist, 'chunk-xXU-NWo_.js'), 'export const y = 2;');
  writeFileSync(join(dist, 'styles-WXYZ6789.css'), 'body{}');
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // Five megabytes, to hold a response open across a shutdown.
  writeFileSync(join(dist, 'large-file.bin'), Buffer.alloc(5 * 1024 * 1024, 7));
  mkdirSync(join(dist, 'i18n'));
  writeFileSync(join(dist, 'i18n', 'en.json'), '{"a":"b"}');
  mkdirSync(join(dist, 'themes'));
  writeFileSync(join(dist, 'themes', 'acme-logo.svg'), HOSTILE_SVG);
  writeFileSync(join(dist, 'themes', 'acme.json'), '{"light":{"primary":"#2455c3"}}');
  return dist;
}

/** The body of a raw response as text, decoded as its Content-Encoding says. */
function decodeBody(response: RawResponse): string {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.body).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(response.body).toString('utf8');
  assert.equal(encoding, undefined, 'an encoding this test does not know');
  return response.body.toString('utf8');
}

function listen(server: Server): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    server.once('listening', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('no TCP address'));
        return;
      }
      resolveUrl(`http://127.0.0.1:${(address satisfies AddressInfo).port}`);
    });
    server.once('error', reject);
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolveClosed) => {
    server.close(() => resolveClosed());
    server.closeAllConnections();
  });
}

describe('readProductionConfig', () => {
  it('defaults: port 8080, all interfaces, the repository dist folder, the page origin as base URL, HSTS on', () => {
    assert.deepEqual(readProductionConfig({}), {
      port: 8080,
      host: '0.0.0.0',
      distDir: DEFAULT_DIST_DIR,
      cidaasBaseUrl: undefined,
      formActionExtra: [],
      pwnedPasswordsBaseUrl: undefined,
      hsts: true,
      limits: DEFAULT_SERVER_LIMITS,
    });
  });

  it('reads PORT, HOST and PAGE_DIST_DIR', () => {
    const config = readProductionConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      PAGE_DIST_DIR: '/srv/page',
    });
    assert.equal(config.port, 0);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.distDir, '/srv/page');
  });

  for (const port of ['-1', '65536', '80.5', 'http', ' 80']) {
    it(`refuses PORT=${JSON.stringify(port)}`, () => {
      assert.throws(() => readProductionConfig({ PORT: port }), ConfigurationError);
    });
  }

  const accepted: ReadonlyArray<readonly [string, string | undefined, string]> = [
    ['https://acme.cidaas.de', undefined, 'https://acme.cidaas.de'],
    ['https://acme.cidaas.de/', 'production', 'https://acme.cidaas.de'],
    ['https://example.com/tenant/', 'production', 'https://example.com/tenant'],
    ['http://localhost:4200', 'development', 'http://localhost:4200'],
    ['http://127.0.0.1:4200/', undefined, 'http://127.0.0.1:4200'],
  ];
  for (const [value, nodeEnv, expected] of accepted) {
    it(`accepts CIDAAS_BASE_URL=${value} (NODE_ENV=${nodeEnv ?? 'unset'}) as ${expected}`, () => {
      assert.equal(
        readProductionConfig({ CIDAAS_BASE_URL: value, NODE_ENV: nodeEnv }).cidaasBaseUrl,
        expected,
      );
    });
  }

  const refused: ReadonlyArray<readonly [string, string | undefined, RegExp]> = [
    ['http://localhost:4200', 'production', /https: URL/],
    ['http://acme.cidaas.de', undefined, /https: URL/],
    ['javascript:alert(1)', undefined, /https: URL/],
    ['acme.cidaas.de', undefined, /absolute URL/],
    ['https://user:secret@acme.cidaas.de', undefined, /credentials/],
    ['https://acme.cidaas.de/?x=1', undefined, /query/],
  ];
  for (const [value, nodeEnv, message] of refused) {
    it(`refuses CIDAAS_BASE_URL=${value} (NODE_ENV=${nodeEnv ?? 'unset'}) with a clear message`, () => {
      assert.throws(
        () => readProductionConfig({ CIDAAS_BASE_URL: value, NODE_ENV: nodeEnv }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigurationError);
          assert.match(error.message, /CIDAAS_BASE_URL/);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }

  it('reads MAX_CONNECTIONS and KEEP_ALIVE_TIMEOUT_SECONDS', () => {
    const limits = readProductionConfig({
      MAX_CONNECTIONS: '200',
      KEEP_ALIVE_TIMEOUT_SECONDS: '65',
    }).limits;
    assert.deepEqual(limits, {
      ...DEFAULT_SERVER_LIMITS,
      maxConnections: 200,
      keepAliveTimeoutMs: 65_000,
    });
  });

  for (const [name, value] of [
    ['MAX_CONNECTIONS', '0'],
    ['MAX_CONNECTIONS', 'many'],
    ['MAX_CONNECTIONS', '-5'],
    ['KEEP_ALIVE_TIMEOUT_SECONDS', '0'],
    ['KEEP_ALIVE_TIMEOUT_SECONDS', '1.5'],
    ['KEEP_ALIVE_TIMEOUT_SECONDS', '601'],
  ] as const) {
    it(`refuses ${name}=${value} with a message naming it`, () => {
      assert.throws(
        () => readProductionConfig({ [name]: value }),
        (error: unknown) => error instanceof ConfigurationError && error.message.includes(name),
      );
    });
  }

  it('reads FORM_ACTION_EXTRA as origins separated by spaces or commas, and accepts the scheme source https:', () => {
    const config = readProductionConfig({
      FORM_ACTION_EXTRA: ' https://app.example.com, https://shop.example.com:8443/  https: ',
    });
    assert.deepEqual(config.formActionExtra, [
      'https://app.example.com',
      'https://shop.example.com:8443',
      'https:',
    ]);
  });

  for (const entry of [
    'http://app.example.com',
    'https://app.example.com/callback',
    "'unsafe-inline'",
    '*',
  ]) {
    it(`refuses FORM_ACTION_EXTRA=${entry}`, () => {
      assert.throws(
        () => readProductionConfig({ FORM_ACTION_EXTRA: entry, NODE_ENV: 'production' }),
        /FORM_ACTION_EXTRA/,
      );
    });
  }
});

describe('injectCidaasBaseUrl', () => {
  it('writes the base URL into the meta element and leaves the rest alone', () => {
    const html = injectCidaasBaseUrl(INDEX, 'https://acme.cidaas.de');
    assert.equal(
      html,
      INDEX.replace(
        'name="cidaas-base-url" content=""',
        'name="cidaas-base-url" content="https://acme.cidaas.de"',
      ),
    );
  });

  it('escapes the value for an HTML attribute', () => {
    assert.equal(escapeHtmlAttribute(`a"b'c<d>e&f`), 'a&quot;b&#39;c&lt;d&gt;e&amp;f');
    const html = injectCidaasBaseUrl(INDEX, 'https://x.example/"><script>alert(1)</script>');
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(
      html,
      /content="https:\/\/x\.example\/&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/,
    );
  });

  it('refuses an index.html without exactly one such element', () => {
    assert.throws(() => injectCidaasBaseUrl('<html></html>', 'https://acme.cidaas.de'), /found 0/);
    const twice = INDEX.replace('</head>', '<meta content="" name="cidaas-base-url"></head>');
    assert.throws(() => injectCidaasBaseUrl(twice, 'https://acme.cidaas.de'), /found 2/);
  });
});

describe('readProductionConfig: PWNED_PASSWORDS_BASE_URL', () => {
  it('is off unless set', () => {
    assert.equal(
      readProductionConfig({ PWNED_PASSWORDS_BASE_URL: ' ' }).pwnedPasswordsBaseUrl,
      undefined,
    );
  });

  it('takes an https: URL (or local http outside production), without its trailing slash', () => {
    assert.equal(
      readProductionConfig({ PWNED_PASSWORDS_BASE_URL: 'https://api.pwnedpasswords.com/' })
        .pwnedPasswordsBaseUrl,
      'https://api.pwnedpasswords.com',
    );
    assert.equal(
      readProductionConfig({ PWNED_PASSWORDS_BASE_URL: 'http://127.0.0.1:4200/pwned-passwords' })
        .pwnedPasswordsBaseUrl,
      'http://127.0.0.1:4200/pwned-passwords',
    );
  });

  for (const [value, nodeEnv] of [
    ['http://api.pwnedpasswords.com', undefined],
    ['http://localhost:4200', 'production'],
    ['https://api.pwnedpasswords.com/?x=1', undefined],
  ] as const) {
    it(`refuses ${value} (NODE_ENV=${nodeEnv ?? 'unset'}), naming the variable`, () => {
      assert.throws(
        () => readProductionConfig({ PWNED_PASSWORDS_BASE_URL: value, NODE_ENV: nodeEnv }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigurationError);
          assert.match(error.message, /PWNED_PASSWORDS_BASE_URL/);
          return true;
        },
      );
    });
  }

  it('needs a build with exactly one <meta name="pwned-passwords-base-url">', () => {
    assert.throws(
      () =>
        injectPageSetting(
          INDEX.replace('<meta name="pwned-passwords-base-url" content="">', ''),
          'pwned-passwords-base-url',
          'https://x.example',
        ),
      /found 0/,
    );
    const html = injectPageSetting(
      INDEX,
      'pwned-passwords-base-url',
      'https://x.example/"><script>',
    );
    assert.match(
      html,
      /<meta name="pwned-passwords-base-url" content="https:\/\/x\.example\/&quot;&gt;&lt;script&gt;">/,
    );
    assert.match(html, /<meta name="cidaas-base-url" content="">/);
  });
});

describe('the production app', () => {
  let dist: string;
  let server: Server;
  let baseUrl: string;
  before(async () => {
    dist = makeDist();
    const app = createProductionApp({
      distDir: dist,
      cidaasBaseUrl: 'https://acme.cidaas.de/tenant',
      formActionExtra: ['https://app.example.com'],
      pwnedPasswordsBaseUrl: 'https://api.pwnedpasswords.com',
      hsts: true,
    });
    server = app.listen(0, '127.0.0.1');
    baseUrl = await listen(server);
  });
  after(async () => {
    await close(server);
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html with the configured base URL and no-store at every page path and /index.html', async () => {
    for (const path of [
      '/identity/password_set?lsid=x&requestId=y',
      '/password_set',
      '/identity/password_set_success',
      '/index.html',
    ]) {
      const response = await rawRequest(baseUrl, path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers['cache-control'], 'no-store', path);
      assert.match(String(response.headers['content-type']), /^text\/html/, path);
      const html = response.body.toString('utf8');
      assert.match(
        html,
        /<meta name="cidaas-base-url" content="https:\/\/acme\.cidaas\.de\/tenant">/,
        path,
      );
      assert.match(
        html,
        /<meta name="pwned-passwords-base-url" content="https:\/\/api\.pwnedpasswords\.com">/,
        path,
      );
      assert.match(html, /main-ABCD2345\.js/, path);
    }
  });

  it('caches hashed bundles and chunks for a year without validators, revalidates i18n and unhashed files', async () => {
    for (const path of [
      '/main-ABCD2345.js',
      '/chunk-QRST6789.js',
      '/chunk-xXU-NWo_.js',
      '/styles-WXYZ6789.css',
    ]) {
      const response = await rawRequest(baseUrl, path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable', path);
      assert.equal(response.headers['etag'], undefined, path);
      assert.equal(response.headers['last-modified'], undefined, path);
    }
    for (const path of ['/i18n/en.json', '/favicon.svg']) {
      const response = await rawRequest(baseUrl, path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers['cache-control'], 'no-cache', path);
      assert.match(String(response.headers['etag']), /^W\/"/, path);
      assert.notEqual(response.headers['last-modified'], undefined, path);
    }
  });

  it('has no emulator routes, no test-control API, no directory indexes and no traversal', async () => {
    const paths = [
      '/__emulator/reset',
      '/__emulator/faults',
      '/__emulator/login-sessions',
      '/',
      '/callback',
      '/authz-srv/authz',
      '/public-srv/public/3f0c4a1e-1b2c-4d5e-8f90-0123456789ab',
      '/login-srv/precheck/continue/x',
      '/emulator-assets/login.css',
      '/i18n/',
      '/i18n',
      '/..%2fpackage.json',
      '/%2e%2e/package.json',
    ];
    for (const path of paths) {
      const response = await rawRequest(baseUrl, path);
      assert.equal(response.status, 404, path);
      assert.equal(response.headers['cache-control'], 'no-store', path);
    }
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await fetch(`${baseUrl}/__emulator/reset`, { method, redirect: 'manual' });
      assert.equal(response.status, 404, method);
    }
    const posted = await fetch(`${baseUrl}/login-srv/precheck/continue/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'old_password=a&new_password=b&confirm_password=b',
      redirect: 'manual',
    });
    assert.equal(posted.status, 404);
  });

  it('answers GET /ping with pong, text/plain, no-store', async () => {
    const response = await rawRequest(baseUrl, '/ping');
    assert.equal(response.status, 200);
    assert.equal(response.body.toString('utf8'), 'pong');
    assert.match(String(response.headers['content-type']), /^text\/plain/);
    assert.equal(response.headers['cache-control'], 'no-store');
  });

  // Each kind of response, by a few of its paths: files with precompressed siblings and without, a
  // tenant's theme files, 404s of file and other paths.
  const KIND_SAMPLES: ReadonlyArray<readonly [ResponseKind, string]> = [
    [
      'page',
      '/identity/password_set?lsid=1ea61648-fbe7-4673-bb8b-18a06d8addd8&requestId=9080d117-43e2-4a03-8215-a9f7a03e2999',
    ],
    ['page', '/password_set'],
    ['page', '/identity/password_set_success'],
    ['page', '/index.html'],
    ['hashedScript', '/main-ABCD2345.js'],
    ['hashedScript', '/chunk-LAZY2345.js'],
    ['hashedScript', '/chunk-QRST6789.js'],
    ['hashedScript', '/chunk-xXU-NWo_.js'],
    ['translation', '/i18n/en.json'],
    ['staticFile', '/favicon.svg'],
    ['staticFile', '/themes/acme-logo.svg'],
    ['staticFile', '/themes/acme.json'],
    ['notFound', '/nothing'],
    ['notFound', '/missing-file.js'],
    ['notFound', '/themes/unknown-client.json'],
    ['notFound', '/__emulator/reset'],
    ['notFound', '/main-ABCD2345.js.br'],
    ['health', '/ping'],
  ];

  it('sends each kind of response the headers of the shared table (server/expected-headers.ts), whatever the encoding', async () => {
    const expected = expectedHeaders({
      cidaasOrigin: 'https://acme.cidaas.de',
      pwnedPasswordsOrigin: 'https://api.pwnedpasswords.com',
      formActionExtra: ['https://app.example.com'],
      hsts: true,
    });
    const expectedStatus: Readonly<Record<ResponseKind, number>> = {
      page: 200,
      hashedScript: 200,
      translation: 200,
      staticFile: 200,
      notFound: 404,
      health: 200,
      api: 200,
    };
    for (const [kind, path] of KIND_SAMPLES) {
      for (const acceptEncoding of ['gzip, deflate, br, zstd', 'gzip', 'identity']) {
        const response = await rawRequest(baseUrl, path, { 'accept-encoding': acceptEncoding });
        assert.equal(response.status, expectedStatus[kind], `${path} (${acceptEncoding})`);
        assert.deepEqual(
          headerMismatches(expected[kind], (name) => headerValue(response.headers, name)),
          [],
          `${kind} ${path} (${acceptEncoding})`,
        );
      }
    }
  });

  it('sends every non-HTML response a CSP under which nothing loads or runs, SVG logos in particular', async () => {
    for (const path of [
      '/themes/acme-logo.svg',
      '/favicon.svg',
      '/main-ABCD2345.js',
      '/i18n/en.json',
      '/themes/acme.json',
      '/nothing',
      '/ping',
    ]) {
      const { headers } = await rawRequest(baseUrl, path);
      assert.doesNotMatch(String(headers['content-type']), /^text\/html/, path);
      const directives = String(headers['content-security-policy']).split(';');
      assert.ok(
        directives.includes("default-src 'none'"),
        `${path}: ${headers['content-security-policy']}`,
      );
      assert.ok(directives.includes('sandbox'), `${path}: ${headers['content-security-policy']}`);
    }
    const logo = await rawRequest(baseUrl, '/themes/acme-logo.svg');
    assert.equal(logo.headers['content-type'], 'image/svg+xml');
    assert.equal(logo.body.toString('utf8'), HOSTILE_SVG);
  });

  it('sends the precompressed .br to a client that accepts brotli: its bytes, the type, the immutable cache header and Vary', async () => {
    for (const acceptEncoding of ['br', 'gzip, deflate, br', 'gzip;q=1, br;q=0.5', '*']) {
      const response = await rawRequest(baseUrl, '/main-ABCD2345.js', {
        'accept-encoding': acceptEncoding,
      });
      assert.equal(response.status, 200, acceptEncoding);
      assert.equal(response.headers['content-encoding'], 'br', acceptEncoding);
      assert.deepEqual(
        response.body,
        readFileSync(join(dist, 'main-ABCD2345.js.br')),
        acceptEncoding,
      );
      assert.equal(brotliDecompressSync(response.body).toString('utf8'), BUNDLE, acceptEncoding);
      assert.match(
        String(response.headers['content-type']),
        /^(?:text|application)\/javascript; charset=utf-8$/i,
        acceptEncoding,
      );
      assert.equal(
        response.headers['content-length'],
        String(response.body.length),
        acceptEncoding,
      );
      assert.equal(
        response.headers['cache-control'],
        'public, max-age=31536000, immutable',
        acceptEncoding,
      );
      assert.equal(response.headers['vary'], 'Accept-Encoding', acceptEncoding);
    }
  });

  it('sends the precompressed .gz to a client that accepts gzip but not brotli', async () => {
    for (const acceptEncoding of ['gzip', 'gzip, deflate', 'br;q=0, gzip']) {
      const response = await rawRequest(baseUrl, '/main-ABCD2345.js', {
        'accept-encoding': acceptEncoding,
      });
      assert.equal(response.headers['content-encoding'], 'gzip', acceptEncoding);
      assert.deepEqual(
        response.body,
        readFileSync(join(dist, 'main-ABCD2345.js.gz')),
        acceptEncoding,
      );
      assert.equal(gunzipSync(response.body).toString('utf8'), BUNDLE, acceptEncoding);
      assert.equal(
        response.headers['cache-control'],
        'public, max-age=31536000, immutable',
        acceptEncoding,
      );
      assert.equal(response.headers['vary'], 'Accept-Encoding', acceptEncoding);
    }
  });

  it('sends the plain file to a client that accepts no compression, still with Vary', async () => {
    const requests: ReadonlyArray<Readonly<Record<string, string>>> = [
      { 'accept-encoding': 'identity' },
      {},
    ];
    for (const headers of requests) {
      const response = await rawRequest(baseUrl, '/main-ABCD2345.js', headers);
      assert.equal(response.headers['content-encoding'], undefined, JSON.stringify(headers));
      assert.equal(response.body.toString('utf8'), BUNDLE, JSON.stringify(headers));
      assert.equal(
        response.headers['cache-control'],
        'public, max-age=31536000, immutable',
        JSON.stringify(headers),
      );
      assert.equal(response.headers['vary'], 'Accept-Encoding', JSON.stringify(headers));
    }
  });

  it('compresses a file without precompressed siblings on the fly, brotli or gzip as the client accepts', async () => {
    const brotli = await rawRequest(baseUrl, '/chunk-LAZY2345.js', {
      'accept-encoding': 'gzip, deflate, br',
    });
    assert.equal(brotli.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(brotli.body).toString('utf8'), LAZY_CHUNK);
    assert.ok(
      brotli.body.length < LAZY_CHUNK.length / 10,
      `brotli: ${brotli.body.length} of ${LAZY_CHUNK.length} bytes`,
    );
    assert.match(String(brotli.headers['vary']), /Accept-Encoding/i);
    assert.equal(brotli.headers['cache-control'], 'public, max-age=31536000, immutable');

    const gzip = await rawRequest(baseUrl, '/chunk-LAZY2345.js', { 'accept-encoding': 'gzip' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gzip.body).toString('utf8'), LAZY_CHUNK);

    const plain = await rawRequest(baseUrl, '/chunk-LAZY2345.js', {
      'accept-encoding': 'identity',
    });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString('utf8'), LAZY_CHUNK);
  });

  it('does not serve the precompressed siblings by their own names: 404, plain text, whatever the encoding', async () => {
    for (const path of [
      '/main-ABCD2345.js.br',
      '/main-ABCD2345.js.gz',
      '/main-ABCD2345.js%2Ebr',
      '/main-ABCD2345.js%2egz',
    ]) {
      for (const acceptEncoding of ['br', 'identity']) {
        const response = await rawRequest(baseUrl, path, { 'accept-encoding': acceptEncoding });
        assert.equal(response.status, 404, `${path} ${acceptEncoding}`);
        assert.equal(response.headers['cache-control'], 'no-store', `${path} ${acceptEncoding}`);
        assert.equal(response.headers['content-encoding'], undefined, `${path} ${acceptEncoding}`);
        assert.equal(response.body.toString('utf8'), 'Not found', `${path} ${acceptEncoding}`);
      }
    }
  });

  it('answers a malformed URL with a plain 4xx and keeps serving', async () => {
    const response = await rawRequest(baseUrl, '/i18n/%E0%A4%A.json');
    assert.ok(response.status >= 400 && response.status < 500, String(response.status));
    assert.doesNotMatch(response.body.toString('utf8'), /at .*\.js|Error:/);
    assert.equal((await rawRequest(baseUrl, '/ping')).status, 200);
  });

  it('serves index.html only as the page: any other spelling of it is a 404, never the file on disk', async () => {
    const spellings = [
      '/%69ndex.html',
      '/%49NDEX.HTML',
      '/index%2ehtml',
      '/index%2Ehtml',
      '/%69ndex%2ehtml',
      '/i18n/..%2findex.html',
      '/i18n/..%2Findex.html',
      '/i18n/%2e%2e/index.html',
      '/i18n/%2e%2e%2findex.html',
      '/%2e/index.html',
      '/.%2findex.html',
      '//index.html',
      '/%2findex.html',
      '/%5cindex.html',
      '/\\index.html',
      '/i18n\\..\\index.html',
      '/i18n%5c..%5cindex.html',
      // Double encoding (a proxy in front may decode once more).
      '/%2569ndex.html',
      '/index%252ehtml',
      '/i18n/..%252findex.html',
      // index.html anywhere else.
      '/i18n/index.html',
      '/themes/index.html',
      '/themes/INDEX.html',
    ];
    for (const path of spellings) {
      for (const acceptEncoding of ['identity', 'br']) {
        const response = await rawRequest(baseUrl, path, { 'accept-encoding': acceptEncoding });
        assert.equal(response.status, 404, `${path} (${acceptEncoding})`);
        assert.equal(response.headers['cache-control'], 'no-store', path);
        assert.equal(response.body.toString('utf8'), 'Not found', path);
      }
    }
    // The page's own spellings (Express routes ignore case and a trailing slash) get the served copy.
    for (const path of ['/index.html', '/INDEX.HTML', '/index.html/']) {
      const response = await rawRequest(baseUrl, path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers['cache-control'], 'no-store', path);
      assert.match(
        response.body.toString('utf8'),
        /content="https:\/\/acme\.cidaas\.de\/tenant"/,
        path,
      );
    }
  });

  it('ignores Range: a 200 with the whole representation, never a 206 of bytes that do not match its encoding', async () => {
    const injected = injectPageSetting(
      injectCidaasBaseUrl(INDEX, 'https://acme.cidaas.de/tenant'),
      'pwned-passwords-base-url',
      'https://api.pwnedpasswords.com',
    );
    const files: ReadonlyArray<readonly [string, string]> = [
      ['/chunk-LAZY2345.js', LAZY_CHUNK], // compressed on the fly
      ['/main-ABCD2345.js', BUNDLE], // precompressed siblings
      ['/i18n/en.json', '{"a":"b"}'],
      ['/themes/acme-logo.svg', HOSTILE_SVG],
      ['/identity/password_set', injected],
    ];
    for (const [path, content] of files) {
      for (const acceptEncoding of ['br', 'gzip', 'identity']) {
        for (const range of ['bytes=0-99', 'bytes=100-', 'bytes=-50', 'bytes=0-0,5-9']) {
          const response = await rawRequest(baseUrl, path, {
            'accept-encoding': acceptEncoding,
            range,
          });
          const label = `${path} (${acceptEncoding}, ${range})`;
          assert.equal(response.status, 200, label);
          assert.equal(response.headers['content-range'], undefined, label);
          assert.equal(response.headers['accept-ranges'], undefined, label);
          assert.equal(decodeBody(response), content, label);
        }
      }
    }
  });

  it('compresses the page once at start-up: brotli 11 or gzip 9 as the client prefers, with a Content-Length and Vary', async () => {
    const injected = injectPageSetting(
      injectCidaasBaseUrl(INDEX, 'https://acme.cidaas.de/tenant'),
      'pwned-passwords-base-url',
      'https://api.pwnedpasswords.com',
    );
    const cases: ReadonlyArray<readonly [string | undefined, string | undefined]> = [
      ['gzip, deflate, br, zstd', 'br'], // what Chromium sends: equal rating, brotli is smaller
      ['br', 'br'],
      ['*', 'br'],
      ['gzip', 'gzip'],
      ['gzip;q=1, br;q=0.5', 'gzip'],
      ['deflate', undefined],
      ['identity', undefined],
      ['br;q=0, gzip;q=0', undefined],
      [undefined, undefined],
    ];
    for (const [acceptEncoding, encoding] of cases) {
      const response = await rawRequest(
        baseUrl,
        '/identity/password_set?lsid=x',
        acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
      );
      const label = String(acceptEncoding);
      assert.equal(response.status, 200, label);
      assert.equal(response.headers['content-encoding'], encoding, label);
      assert.equal(response.headers['vary'], 'Accept-Encoding', label);
      // A buffer ready before the request: its length is known, nothing is streamed through a compressor.
      assert.equal(response.headers['content-length'], String(response.body.length), label);
      assert.equal(response.headers['transfer-encoding'], undefined, label);
      assert.equal(decodeBody(response), injected, label);
    }
    const brotli = await rawRequest(baseUrl, '/identity/password_set', { 'accept-encoding': 'br' });
    assert.deepEqual(
      brotli.body,
      brotliCompressSync(injected, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(injected),
        },
      }),
    );
    const gzip = await rawRequest(baseUrl, '/identity/password_set', { 'accept-encoding': 'gzip' });
    assert.deepEqual(gzip.body, gzipSync(injected, { level: 9 }));
    const head = await rawRequest(
      baseUrl,
      '/identity/password_set',
      { 'accept-encoding': 'br' },
      'HEAD',
    );
    assert.equal(head.headers['content-length'], String(brotli.body.length));
    assert.equal(head.body.length, 0);
  });

  it('considers only the first ten Accept-Language entries for the preload hints, however long the header', async () => {
    const unsupported = Array.from(
      { length: 10 },
      (_, index) => `x${String.fromCharCode(97 + index)}`,
    );
    const query =
      '?lsid=1ea61648-fbe7-4673-bb8b-18a06d8addd8&requestId=9080d117-43e2-4a03-8215-a9f7a03e2999';
    const eleventh = await rawRequest(baseUrl, `/identity/password_set${query}`, {
      'accept-language': [...unsupported, 'de'].join(', '),
    });
    assert.match(String(eleventh.headers['link']), /<\/i18n\/en\.json>; rel=preload/);
    const tenth = await rawRequest(baseUrl, `/identity/password_set${query}`, {
      'accept-language': [...unsupported.slice(0, 9), 'de'].join(', '),
    });
    assert.match(String(tenth.headers['link']), /<\/i18n\/de\.json>; rel=preload/);
    // 14 kB of languages, as the review sent: answered, with the hints of the first entries.
    const huge = ['fr-FR', ...Array.from({ length: 2000 }, (_, index) => `x${index}`)]
      .join(',')
      .slice(0, 14_000);
    const response = await rawRequest(baseUrl, `/identity/password_set${query}`, {
      'accept-language': huge,
    });
    assert.equal(response.status, 200);
    assert.match(String(response.headers['link']), /<\/i18n\/fr\.json>; rel=preload/);
  });

  it('sends no HSTS when told not to', async () => {
    const app = createProductionApp({
      distDir: dist,
      cidaasBaseUrl: undefined,
      formActionExtra: [],
      hsts: false,
    });
    const plainServer = app.listen(0, '127.0.0.1');
    try {
      const { headers, body } = await rawRequest(
        await listen(plainServer),
        '/identity/password_set',
      );
      assert.equal(headers['strict-transport-security'], undefined);
      assert.match(
        String(headers['content-security-policy']),
        /connect-src 'self';.*form-action 'self';/,
      );
      assert.equal(body.toString('utf8'), INDEX);
    } finally {
      await close(plainServer);
    }
  });

  it('mounts extra routes (the Auth0 mode) before the page', async () => {
    const auth0 = auth0PasswordSetRoutes(
      auth0PasswordSetConfigFromEnv({
        AUTH0_DOMAIN: 'acme.eu.auth0.com',
        AUTH0_CLIENT_ID: 'client',
        AUTH0_CLIENT_SECRET: 'secret',
        SESSION_TOKEN_SECRET: 'x'.repeat(40),
        AUTH0_CONNECTION_POLICY: '{"passwordPolicy":"good"}',
      }),
    );
    const app = createProductionApp(
      {
        distDir: dist,
        cidaasBaseUrl: undefined,
        formActionExtra: ['https://acme.eu.auth0.com'],
        hsts: true,
      },
      [auth0],
    );
    const server = app.listen(0, '127.0.0.1');
    try {
      const url = await listen(server);
      const context = await rawRequest(url, '/auth0/password_set/context?session_token=a.b.c');
      assert.equal(context.status, 400);
      assert.match(context.body.toString('utf8'), /track_expired/);
      // A JSON answer, not a document: the CSP under which nothing runs.
      assert.equal(context.headers['content-security-policy'], EXPECTED_FILE_CSP);
      const page = await rawRequest(url, '/identity/password_set');
      assert.equal(page.status, 200);
      assert.match(
        String(page.headers['content-security-policy']),
        /form-action 'self' https:\/\/acme\.eu\.auth0\.com/,
      );
    } finally {
      await close(server);
    }
  });

  it("allows the origin of Auth0's /continue in form-action: the custom domain when there is one, else the tenant; nothing without AUTH0_DOMAIN", () => {
    const env = {
      AUTH0_DOMAIN: 'acme.eu.auth0.com',
      AUTH0_CLIENT_ID: 'client',
      AUTH0_CLIENT_SECRET: 'secret',
      SESSION_TOKEN_SECRET: 'x'.repeat(40),
      AUTH0_CONNECTION_POLICY: '{}',
    };
    assert.deepEqual(auth0Mode(env).tenantOrigin, ['https://acme.eu.auth0.com']);
    assert.deepEqual(auth0Mode({ ...env, AUTH0_CUSTOM_DOMAIN: 'login.acme.com' }).tenantOrigin, [
      'https://login.acme.com',
    ]);
    assert.equal(auth0Mode(env).routes.length, 1);
    assert.deepEqual(auth0Mode({}), { routes: [], tenantOrigin: [] });
  });

  it('answers a plain 404 (not one labelled brotli) when a sibling found at start-up is gone', async () => {
    const ownDist = makeDist();
    const app = createProductionApp({
      distDir: ownDist,
      cidaasBaseUrl: undefined,
      formActionExtra: [],
      hsts: true,
    });
    const ownServer = app.listen(0, '127.0.0.1');
    try {
      const url = await listen(ownServer);
      rmSync(join(ownDist, 'main-ABCD2345.js.br'));
      const response = await rawRequest(url, '/main-ABCD2345.js', { 'accept-encoding': 'br' });
      assert.equal(response.status, 404);
      assert.equal(response.headers['content-encoding'], undefined);
      assert.equal(response.body.toString('utf8'), 'Not found');
      // The other encodings are untouched.
      assert.equal(
        (await rawRequest(url, '/main-ABCD2345.js', { 'accept-encoding': 'gzip' })).headers[
          'content-encoding'
        ],
        'gzip',
      );
    } finally {
      await close(ownServer);
      rmSync(ownDist, { recursive: true, force: true });
    }
  });

  it('refuses to start without a built page', () => {
    assert.throws(
      () =>
        createProductionApp({
          distDir: join(dist, 'nothing-here'),
          cidaasBaseUrl: undefined,
          formActionExtra: [],
          hsts: true,
        }),
      /not built.*npm run build/,
    );
  });
});

/** What a raw TCP client saw: everything it received and how long the server kept the connection. */
interface RawExchange {
  readonly received: string;
  readonly openMs: number;
}

/** Connects, sends `data` (possibly an incomplete request), and waits for the server to close the connection. */
function exchange(port: number, data: string): Promise<RawExchange> {
  return new Promise((resolveExchange, reject) => {
    const started = Date.now();
    let received = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(data));
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    // A connection the server drops may end in a reset rather than a FIN: both are "closed" here.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('close', () => resolveExchange({ received, openMs: Date.now() - started }));
  });
}

/** A keep-alive connection that has completed one request and stays open; resolves with the socket and the response. */
function openKeepAlive(
  port: number,
): Promise<{ readonly socket: Socket; readonly response: string }> {
  return new Promise((resolveOpen, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write('GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n'),
    );
    let received = '';
    const onData = (chunk: Buffer): void => {
      received += chunk.toString('latin1');
      if (!received.endsWith('pong')) return;
      socket.off('data', onData);
      resolveOpen({ socket, response: received });
    };
    socket.on('data', onData);
    socket.on('error', reject);
    socket.on('close', () =>
      reject(new Error(`closed before the response: ${JSON.stringify(received)}`)),
    );
  });
}

describe('createProductionServer: the limits', () => {
  let dist: string;
  before(() => {
    dist = makeDist();
  });
  after(() => rmSync(dist, { recursive: true, force: true }));

  /** Starts the production app on a server with these limits (short ones, so the test is quick). */
  async function start(limits: Partial<ServerLimits>): Promise<{ server: Server; port: number }> {
    const app = createProductionApp({
      distDir: dist,
      cidaasBaseUrl: undefined,
      formActionExtra: [],
      hsts: true,
    });
    const server = createProductionServer(app, {
      ...DEFAULT_SERVER_LIMITS,
      timeoutCheckIntervalMs: 50,
      ...limits,
    });
    server.listen(0, '127.0.0.1');
    const url = await listen(server);
    return { server, port: Number(new URL(url).port) };
  }

  it('has the documented defaults', () => {
    const server = createProductionServer(() => undefined);
    assert.equal(server.headersTimeout, 10_000);
    assert.equal(server.requestTimeout, 30_000);
    assert.equal(server.keepAliveTimeout, 5_000);
    assert.equal(server.timeout, 30_000);
    assert.equal(server.maxConnections, 1024);
    // Node does not expose its timeout check interval on the server.
    assert.equal(DEFAULT_SERVER_LIMITS.timeoutCheckIntervalMs, 1_000);
  });

  it('answers 408 and disconnects a client that trickles its headers, or sends nothing', async () => {
    const { server, port } = await start({ headersTimeoutMs: 300 });
    try {
      for (const data of [
        'GET /identity/password_set HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n',
        '',
      ]) {
        const { received, openMs } = await exchange(port, data);
        assert.match(received, /^HTTP\/1\.1 408 /, JSON.stringify(data));
        assert.ok(
          openMs >= 250 && openMs < 3_000,
          `${JSON.stringify(data)}: closed after ${openMs} ms`,
        );
      }
    } finally {
      await close(server);
    }
  });

  it('answers 408 and disconnects a client that trickles its request body', async () => {
    // Like the Auth0 mode's form POST: a handler that reads the whole body before it answers.
    const server = createProductionServer(
      (request, response) => {
        request.resume();
        request.on('end', () => response.end('read'));
      },
      {
        ...DEFAULT_SERVER_LIMITS,
        timeoutCheckIntervalMs: 50,
        headersTimeoutMs: 300,
        requestTimeoutMs: 600,
      },
    );
    server.listen(0, '127.0.0.1');
    const port = Number(new URL(await listen(server)).port);
    try {
      const { received, openMs } = await exchange(
        port,
        'POST /auth0/password_set HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nstate=',
      );
      assert.match(received, /^HTTP\/1\.1 408 /);
      assert.ok(openMs >= 550 && openMs < 3_000, `closed after ${openMs} ms`);
    } finally {
      await close(server);
    }
  });

  it('closes an idle keep-alive connection after the keep-alive timeout, which it announces', async () => {
    const { server, port } = await start({ keepAliveTimeoutMs: 1_000 });
    try {
      const { socket, response } = await openKeepAlive(port);
      assert.match(response, /\r\nKeep-Alive: timeout=1\r\n/i);
      const idleSince = Date.now();
      await new Promise((resolveClosed) => socket.once('close', resolveClosed));
      const idleMs = Date.now() - idleSince;
      // Node keeps the socket up to a second longer than it announces, so a client never races it.
      assert.ok(idleMs >= 900 && idleMs < 4_000, `closed after ${idleMs} ms idle`);
    } finally {
      await close(server);
    }
  });

  it('does not count the idle time of a keep-alive connection against the headers timeout: it closes quietly, no 408', async () => {
    const { server, port } = await start({ headersTimeoutMs: 300, keepAliveTimeoutMs: 1_000 });
    try {
      const { socket } = await openKeepAlive(port);
      let after = '';
      socket.on('data', (chunk: Buffer) => (after += chunk.toString('latin1')));
      await new Promise((resolveClosed) => socket.once('close', resolveClosed));
      assert.equal(after, '');
    } finally {
      await close(server);
    }
  });

  it('closes connections beyond the cap as they arrive, and keeps serving the others', async () => {
    const { server, port } = await start({ maxConnections: 2 });
    try {
      const first = await openKeepAlive(port);
      const second = await openKeepAlive(port);
      const third = await exchange(port, 'GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n');
      assert.equal(third.received, '');
      // The first two are still served.
      for (const { socket } of [first, second]) {
        const answer = await new Promise<string>((resolveAnswer) => {
          socket.once('data', (chunk: Buffer) => resolveAnswer(chunk.toString('latin1')));
          socket.write('GET /ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
        });
        assert.match(answer, /^HTTP\/1\.1 200 /);
      }
      // Once they are gone, a new connection is served again.
      await Promise.all(
        [first, second].map(({ socket }) =>
          socket.closed
            ? undefined
            : new Promise((resolveClosed) => socket.once('close', resolveClosed)),
        ),
      );
      assert.match(
        (await exchange(port, 'GET /ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'))
          .received,
        /^HTTP\/1\.1 200 /,
      );
    } finally {
      await close(server);
    }
  });
});

describe('server/production.ts as a process', () => {
  let dist: string;
  before(() => {
    dist = makeDist();
  });
  after(() => rmSync(dist, { recursive: true, force: true }));

  it('starts, serves the page with the base URL, and exits 0 on SIGTERM', async () => {
    const server = await spawnProduction({
      PAGE_DIST_DIR: dist,
      CIDAAS_BASE_URL: 'https://acme.cidaas.de',
    }).started;
    try {
      const page = await fetch(`${server.url}/identity/password_set`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /content="https:\/\/acme\.cidaas\.de"/);
      assert.equal((await fetch(`${server.url}/__emulator/reset`, { method: 'POST' })).status, 404);
    } finally {
      assert.equal(await server.stop(), 0);
    }
    assert.match(server.output(), /SIGTERM/);
  });

  it('applies its limits: with MAX_CONNECTIONS=1 a second connection is closed while the first is open', async () => {
    const server = await spawnProduction({ PAGE_DIST_DIR: dist, MAX_CONNECTIONS: '1' }).started;
    try {
      assert.match(
        server.output(),
        /limits: 1 connections, headers 10 s, request 30 s, keep-alive 5 s, idle 30 s/,
      );
      const port = Number(new URL(server.url).port);
      const first = await openKeepAlive(port);
      assert.equal(
        (await exchange(port, 'GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n')).received,
        '',
      );
      first.socket.destroy();
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('finishes a response in flight after SIGTERM, then exits 0 and accepts no new connections', async () => {
    const server = await spawnProduction({ PAGE_DIST_DIR: dist }).started;
    let stopped: Promise<number | null> | undefined;
    const body = await new Promise<Buffer>((resolveBody, reject) => {
      const request = httpRequest(
        `${server.url}/large-file.bin`,
        { headers: { 'accept-encoding': 'identity' } },
        (response) => {
          const chunks: Buffer[] = [];
          let signalled = false;
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            if (signalled) return;
            signalled = true;
            // Pause after the first chunk, so the response is still in flight when the server gets the signal.
            response.pause();
            stopped = server.stop();
            void server.signalled().then(() => response.resume());
          });
          response.on('end', () => resolveBody(Buffer.concat(chunks)));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end();
    });
    assert.equal(body.length, 5 * 1024 * 1024);
    assert.ok(stopped);
    assert.equal(await stopped, 0);
    await assert.rejects(fetch(`${server.url}/ping`));
  });

  const refusals: ReadonlyArray<readonly [Readonly<Record<string, string>>, RegExp]> = [
    [{ CIDAAS_BASE_URL: 'http://acme.cidaas.de' }, /CIDAAS_BASE_URL must be an https: URL/],
    [
      { CIDAAS_BASE_URL: 'http://localhost:4200', NODE_ENV: 'production' },
      /CIDAAS_BASE_URL must be an https: URL/,
    ],
    [{ FORM_ACTION_EXTRA: 'https://app.example.com/callback' }, /FORM_ACTION_EXTRA lists origins/],
    [{ PAGE_DIST_DIR: '/nonexistent/password-set' }, /not built/],
  ];
  for (const [env, message] of refusals) {
    it(`refuses to start with ${JSON.stringify(env)}: exit 1 and a clear message`, async () => {
      const { code, output } = await spawnProduction({ PAGE_DIST_DIR: dist, ...env }).exited;
      assert.equal(code, 1);
      assert.match(output, /production server failed to start/);
      assert.match(output, message);
    });
  }
});
