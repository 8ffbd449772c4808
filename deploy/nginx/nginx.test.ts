import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import {
  expectedHeaders,
  headerMismatches,
  type ResponseKind,
} from '../../server/expected-headers';
import { assetPreloadLinks } from '../../server/preload-hints';
import { headerValue, rawRequest } from '../../server/raw-http';
import { DEFAULT_DIST_DIR } from '../../server/static';
import {
  announceNginxSkipped,
  freePort,
  NGINX_BIN,
  NGINX_MODULES_DIR,
  nginxMissing,
  render,
  renderedFile,
  type RunningNginx,
  startNginx,
} from './testing';

/**
 * The nginx configuration of `deploy/nginx/`, rendered by `render.sh` and run by a real nginx (Debian's
 * package) the way the container runs it, against the real build (`npm run build` first): the same
 * headers as the Node production server (one table, `server/expected-headers.ts`), the precompressed
 * bytes, the same 404s, and `render.sh`'s checks. The Chromium stories are in `nginx.spec.ts`.
 */

const missing = nginxMissing();
if (missing !== null) announceNginxSkipped(missing);
const skip = missing === null ? false : `needs ${missing}`;

const CIDAAS = 'https://acme.cidaas.de';
const APPLICATION = 'https://app.example.com';
const SESSION_QUERY =
  'lsid=1ea61648-fbe7-4673-bb8b-18a06d8addd8&requestId=9080d117-43e2-4a03-8215-a9f7a03e2999';
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

/** The build's main bundle, as named in its index.html. */
function mainBundle(): string {
  const name = /src="(main-[A-Z0-9]{8}\.js)"/.exec(
    readFileSync(join(DEFAULT_DIST_DIR, 'index.html'), 'utf8'),
  )?.[1];
  assert.ok(name, 'the built index.html names its main bundle (run "npm run build" first)');
  return name;
}

/** Each kind of response, by a few of its paths (with the status it must have). */
function kindSamples(bundle: string): ReadonlyArray<readonly [ResponseKind, string, number]> {
  return [
    ['page', `/identity/password_set?${SESSION_QUERY}`, 200],
    ['page', '/password_set', 200],
    [
      'page',
      '/identity/password_set_success?requestId=9080d117-43e2-4a03-8215-a9f7a03e2999&suggested_action=LOGIN',
      200,
    ],
    ['page', '/index.html', 200],
    ['hashedScript', `/${bundle}`, 200],
    ['translation', '/i18n/en.json', 200],
    ['translation', '/i18n/de.json', 200],
    ['staticFile', '/favicon.svg', 200],
    ['staticFile', '/themes/demo-client.json', 200],
    ['staticFile', '/themes/dark-client-logo.svg', 200],
    ['notFound', '/themes/unknown-client.json', 404],
    ['notFound', '/nothing', 404],
    ['notFound', '/', 404],
    ['notFound', `/${bundle}.br`, 404],
    ['notFound', '/__emulator/reset', 404],
    ['health', '/ping', 200],
  ];
}

// Every spelling of index.html but the page's own, and every other way into the build that is not a
// file of it: 404, like the Node server.
const NOT_FOUND_PATHS = [
  '/%69ndex.html',
  '/INDEX.HTML',
  '/index.html/',
  '//index.html',
  '/./index.html',
  '/i18n/../index.html',
  '/i18n/..%2findex.html',
  '/i18n/%2e%2e/index.html',
  '/themes/index.html',
  '/identity/%70assword_set',
  '//password_set',
  '/identity/password_set/',
  '/i18n/',
  '/i18n',
  '/themes/',
  '/i18n/en.json.gz',
  '/i18n/en.json.br',
  '/favicon.svg.gz',
  '/.hidden',
  '/themes/.hidden',
  '/callback',
  '/public-srv/public/3f0c4a1e-1b2c-4d5e-8f90-0123456789ab',
];

describe(
  'nginx (deploy/nginx), the complete server block with brotli_static and headers-more',
  { skip },
  () => {
    let nginx: RunningNginx;
    let bundle: string;
    before(async () => {
      bundle = mainBundle();
      nginx = await startNginx({
        siteDir: DEFAULT_DIST_DIR,
        env: { CIDAAS_BASE_URL: `${CIDAAS}/`, FORM_ACTION_EXTRA: `${APPLICATION}, ${CIDAAS}` },
      });
    });
    after(async () => {
      await nginx?.stop();
    });

    it('sends each kind of response the headers of the shared table (server/expected-headers.ts), whatever the encoding', async () => {
      const expected = expectedHeaders({
        cidaasOrigin: CIDAAS,
        formActionExtra: [APPLICATION],
        hsts: true,
      });
      for (const [kind, path, status] of kindSamples(bundle)) {
        for (const acceptEncoding of [BROWSER_ENCODINGS, 'gzip', 'identity']) {
          const response = await rawRequest(nginx.url, path, { 'accept-encoding': acceptEncoding });
          assert.equal(response.status, status, `${path} (${acceptEncoding})`);
          assert.deepEqual(
            headerMismatches(expected[kind], (name) => headerValue(response.headers, name)),
            [],
            `${kind} ${path} (${acceptEncoding})`,
          );
        }
      }
    });

    it('answers every other spelling of index.html and every path outside the build with the 404 of the table', async () => {
      const expected = expectedHeaders({ hsts: true }).notFound;
      for (const path of NOT_FOUND_PATHS) {
        const response = await rawRequest(nginx.url, path, {
          'accept-encoding': BROWSER_ENCODINGS,
        });
        assert.equal(response.status, 404, path);
        assert.deepEqual(
          headerMismatches(expected, (name) => headerValue(response.headers, name)),
          [],
          path,
        );
        assert.equal(response.body.toString('utf8'), 'Not found', path);
      }
    });

    it('answers only GET and HEAD: any other method is a 404, as with the Node server', async () => {
      for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
        for (const path of ['/identity/password_set', `/${bundle}`, '/i18n/en.json', '/nothing']) {
          const response = await rawRequest(nginx.url, path, { 'content-length': '0' }, method);
          assert.equal(response.status, 404, `${method} ${path}`);
          assert.match(
            String(response.headers['content-type']),
            /^text\/plain; charset=utf-8$/,
            `${method} ${path}`,
          );
        }
      }
      const head = await rawRequest(nginx.url, '/identity/password_set', {}, 'HEAD');
      assert.equal(head.status, 200);
      assert.equal(head.body.length, 0);
    });

    it('answers a request it cannot parse, or a path above the root, with a plain-text 400, never an nginx page', async () => {
      // The Node server answers a path above the root with a 404; nginx refuses it before any location.
      for (const path of [
        '/identity/password_set%zz',
        '/..%2fpackage.json',
        '/%2e%2e/package.json',
        '/i18n/../../package.json',
      ]) {
        const response = await rawRequest(nginx.url, path);
        assert.equal(response.status, 400, path);
        assert.equal(response.body.toString('utf8'), 'Bad request', path);
        assert.deepEqual(
          headerMismatches(expectedHeaders({ hsts: true }).notFound, (name) =>
            headerValue(response.headers, name),
          ),
          [],
          path,
        );
      }
    });

    it('serves the page with the base URL in its <meta>, rendered once at start-up, at every page path', async () => {
      for (const path of [
        '/identity/password_set?lsid=x',
        '/password_set',
        '/identity/password_set_success',
        '/index.html',
      ]) {
        const html = (
          await rawRequest(nginx.url, path, { 'accept-encoding': 'identity' })
        ).body.toString('utf8');
        assert.match(
          html,
          /<meta name="cidaas-base-url" content="https:\/\/acme\.cidaas\.de">/,
          path,
        );
        assert.equal((html.match(/cidaas-base-url/g) ?? []).length, 1, path);
        assert.match(html, new RegExp(`src="${bundle}"`), path);
      }
    });

    it("names the page's own script and chunk in a Link header, exactly as the Node server's assetPreloadLinks() does", async () => {
      const response = await rawRequest(nginx.url, `/identity/password_set?${SESSION_QUERY}`);
      const links = assetPreloadLinks(renderedFile(nginx, 'index.html').toString('utf8'));
      assert.ok(
        links.some((link) =>
          link.startsWith(`</${bundle}>; rel=modulepreload; crossorigin; integrity="sha384-`),
        ),
        links.join(', '),
      );
      assert.equal(response.headers['link'], links.join(', '));
    });

    it('sends the precompressed bytes: brotli whenever the client accepts it, then gzip, else the file', async () => {
      const cases: ReadonlyArray<readonly [string, string | undefined, string]> = [
        [BROWSER_ENCODINGS, 'br', '.br'],
        ['br', 'br', '.br'],
        ['gzip;q=1, br;q=0.5', 'br', '.br'],
        ['gzip, deflate', 'gzip', '.gz'],
        ['br;q=0, gzip', 'gzip', '.gz'],
        ['identity', undefined, ''],
      ];
      for (const path of [`/${bundle}`, '/i18n/de.json', '/themes/demo-client-background.svg']) {
        const file = join(DEFAULT_DIST_DIR, path);
        for (const [acceptEncoding, encoding, suffix] of cases) {
          const response = await rawRequest(nginx.url, path, { 'accept-encoding': acceptEncoding });
          assert.equal(response.status, 200, `${path} (${acceptEncoding})`);
          assert.equal(
            response.headers['content-encoding'],
            encoding,
            `${path} (${acceptEncoding})`,
          );
          assert.deepEqual(
            response.body,
            readFileSync(`${file}${suffix}`),
            `${path} (${acceptEncoding}): the bytes of ${path}${suffix}`,
          );
          assert.equal(
            response.headers['content-length'],
            String(response.body.length),
            `${path} (${acceptEncoding})`,
          );
        }
      }
    });

    it('sends the page compressed once at start-up: brotli 11 and gzip 9 of the rendered index.html', async () => {
      const rendered = renderedFile(nginx, 'index.html');
      const brotli = await rawRequest(nginx.url, `/identity/password_set?${SESSION_QUERY}`, {
        'accept-encoding': BROWSER_ENCODINGS,
      });
      assert.equal(brotli.headers['content-encoding'], 'br');
      assert.deepEqual(brotli.body, renderedFile(nginx, 'index.html.br'));
      assert.deepEqual(brotliDecompressSync(brotli.body), rendered);
      const gzip = await rawRequest(nginx.url, '/identity/password_set', {
        'accept-encoding': 'gzip',
      });
      assert.equal(gzip.headers['content-encoding'], 'gzip');
      assert.deepEqual(gunzipSync(gzip.body), rendered);
      assert.ok(
        brotli.body.length < gzip.body.length,
        `brotli ${brotli.body.length} B, gzip ${gzip.body.length} B`,
      );
    });

    it('ignores Range: the whole representation, never a 206 of compressed bytes', async () => {
      for (const path of [`/${bundle}`, '/i18n/en.json', '/identity/password_set']) {
        for (const acceptEncoding of [BROWSER_ENCODINGS, 'identity']) {
          const response = await rawRequest(nginx.url, path, {
            range: 'bytes=0-9',
            'accept-encoding': acceptEncoding,
          });
          assert.equal(response.status, 200, `${path} (${acceptEncoding})`);
          assert.equal(response.headers['content-range'], undefined, path);
          assert.ok(response.body.length > 10, path);
        }
      }
    });

    it('revalidates translations (304 with the entity tag) and never sends validators for the page or hashed bundles', async () => {
      const first = await rawRequest(nginx.url, '/i18n/en.json', { 'accept-encoding': 'br' });
      const etag = String(first.headers['etag']);
      const again = await rawRequest(nginx.url, '/i18n/en.json', {
        'accept-encoding': 'br',
        'if-none-match': etag,
      });
      assert.equal(again.status, 304);
      assert.equal(again.headers['cache-control'], 'no-cache');
      // Even a client that sends the files' own times (nginx compares before the header is dropped).
      const times: ReadonlyArray<readonly [string, Date]> = [
        ['/identity/password_set', statSync(join(nginx.runtimeDir, 'index.html')).mtime],
        ['/identity/password_set', statSync(join(nginx.runtimeDir, 'index.html.br')).mtime],
        [`/${bundle}`, statSync(join(DEFAULT_DIST_DIR, bundle)).mtime],
        [`/${bundle}`, statSync(join(DEFAULT_DIST_DIR, `${bundle}.br`)).mtime],
      ];
      for (const [path, time] of times) {
        for (const acceptEncoding of [BROWSER_ENCODINGS, 'identity']) {
          const response = await rawRequest(nginx.url, path, {
            'if-modified-since': time.toUTCString(),
            'accept-encoding': acceptEncoding,
          });
          assert.equal(response.status, 200, `${path} (${acceptEncoding}, ${time.toUTCString()})`);
          assert.ok(response.body.length > 0, path);
        }
      }
    });

    it('logs requests without their query: the lsid and requestId stay out of the access log', async () => {
      await rawRequest(nginx.url, `/identity/password_set?${SESSION_QUERY}`);
      // nginx writes the log line as the request ends; the response above has ended.
      const log = renderedFile(nginx, 'access.log').toString('utf8');
      assert.match(log, /"GET \/identity\/password_set HTTP\/1\.1" 200 /);
      assert.match(log, /"GET \/%69ndex\.html HTTP\/1\.1" 404 /);
      assert.doesNotMatch(log, /1ea61648|9080d117|lsid|requestId/);
    });
  },
);

describe('nginx (deploy/nginx), the gzip-only variant without extra modules', { skip }, () => {
  let nginx: RunningNginx;
  let bundle: string;
  before(async () => {
    bundle = mainBundle();
    nginx = await startNginx({
      siteDir: DEFAULT_DIST_DIR,
      env: { PASSWORD_SET_BROTLI: 'off', PASSWORD_SET_HEADERS_MORE: 'off' },
    });
  });
  after(async () => {
    await nginx?.stop();
  });

  it('loads no module at all', () => {
    const conf = renderedFile(nginx, 'nginx.conf').toString('utf8');
    assert.doesNotMatch(conf, /^\s*load_module/m);
    for (const name of [
      'password-set-page.conf',
      'password-set-files.conf',
      'password-set-file-headers.conf',
    ]) {
      assert.doesNotMatch(
        renderedFile(nginx, name).toString('utf8'),
        /^\s*(?:brotli_static|more_clear_headers)/m,
        name,
      );
    }
  });

  it('sends the .gz file to a browser that also accepts brotli, and the page gzip-compressed', async () => {
    const response = await rawRequest(nginx.url, `/${bundle}`, {
      'accept-encoding': BROWSER_ENCODINGS,
    });
    assert.equal(response.headers['content-encoding'], 'gzip');
    assert.deepEqual(response.body, readFileSync(join(DEFAULT_DIST_DIR, `${bundle}.gz`)));
    const page = await rawRequest(nginx.url, '/identity/password_set', {
      'accept-encoding': BROWSER_ENCODINGS,
    });
    assert.equal(page.headers['content-encoding'], 'gzip');
    assert.deepEqual(page.body, renderedFile(nginx, 'index.html.gz'));
  });

  it('sends the headers of the shared table, but for "Server: nginx" (no version): clearing it needs headers-more', async () => {
    const expected = expectedHeaders({ hsts: true });
    for (const [kind, path, status] of kindSamples(bundle)) {
      const response = await rawRequest(nginx.url, path, { 'accept-encoding': BROWSER_ENCODINGS });
      assert.equal(response.status, status, path);
      assert.deepEqual(
        headerMismatches({ ...expected[kind], server: 'nginx' }, (name) =>
          headerValue(response.headers, name),
        ),
        [],
        `${kind} ${path}`,
      );
    }
  });
});

describe('nginx (deploy/nginx), the include in an existing server block', { skip }, () => {
  // A tenant's server: its own site at "/", its own index.html, a regex location that would cache every
  // script its way, and headers, caching, compression and error pages of its own at the server level.
  let dir: string;
  let child: ReturnType<typeof spawn>;
  let url: string;
  let bundle: string;
  before(async () => {
    bundle = mainBundle();
    dir = mkdtempSync(join(tmpdir(), 'password-set-nginx-include-'));
    chmodSync(dir, 0o755);
    const rendered = join(dir, 'password-set');
    const result = render(DEFAULT_DIST_DIR, rendered, { CIDAAS_BASE_URL: CIDAAS });
    assert.equal(result.status, 0, result.stderr);
    mkdirSync(join(dir, 'site'));
    writeFileSync(
      join(dir, 'site', 'index.html'),
      "<!doctype html><title>Tenant</title><p>The tenant's own home page</p>",
    );
    writeFileSync(join(dir, 'site', 'app.js'), 'console.log("the tenant\'s own script");');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    writeFileSync(
      join(dir, 'nginx.conf'),
      [
        `load_module ${NGINX_MODULES_DIR}/ngx_http_brotli_static_module.so;`,
        `load_module ${NGINX_MODULES_DIR}/ngx_http_headers_more_filter_module.so;`,
        'daemon off;',
        'worker_processes 1;',
        `pid ${dir}/nginx.pid;`,
        'error_log stderr warn;',
        'events { worker_connections 64; }',
        'http {',
        '  include /etc/nginx/mime.types;',
        '  access_log off;',
        `  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;`,
        '  server {',
        `    listen 127.0.0.1:${port};`,
        `    root ${dir}/site;`,
        '    index index.html;',
        '    add_header X-Tenant-Server yes;',
        // Settings of the server's own that must not change the page's responses.
        '    expires 1h; etag off; gzip on; gzip_vary on; charset koi8-r; max_ranges 5; server_tokens on;',
        '    error_page 404 /tenant-404.html;',
        `    include ${rendered}/password-set-locations.conf;`,
        '    location ~* \\.js$ { add_header Cache-Control "max-age=60"; add_header X-Tenant-Js yes; }',
        '    location / { try_files $uri $uri/ =404; }',
        '  }',
        '}',
      ].join('\n'),
    );
    child = spawn(NGINX_BIN, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', 'stderr'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 15_000;
    for (;;) {
      assert.equal(child.exitCode, null, `nginx exited: ${output}`);
      const ready = await rawRequest(url, '/').then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) break;
      assert.ok(Date.now() < deadline, `nginx did not answer: ${output}`);
      await new Promise((resolveLater) => setTimeout(resolveLater, 50));
    }
  });
  after(async () => {
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.kill('SIGTERM');
      await exited;
    }
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("serves the page and its files with the table's headers, whatever the server's own locations and headers", async () => {
    const expected = expectedHeaders({ cidaasOrigin: CIDAAS, hsts: true });
    const samples = kindSamples(bundle).filter(
      ([kind, path]) =>
        kind !== 'health' && !['/index.html', '/nothing', '/', '/__emulator/reset'].includes(path),
    );
    for (const [kind, path, status] of samples) {
      const response = await rawRequest(url, path, { 'accept-encoding': BROWSER_ENCODINGS });
      assert.equal(response.status, status, path);
      assert.deepEqual(
        headerMismatches(expected[kind], (name) => headerValue(response.headers, name)),
        [],
        `${kind} ${path}`,
      );
      assert.equal(response.headers['x-tenant-server'], undefined, path);
      assert.equal(response.headers['x-tenant-js'], undefined, path);
      assert.equal(response.headers['expires'], undefined, path);
    }
    const range = await rawRequest(url, `/${bundle}`, { range: 'bytes=0-9' });
    assert.equal(range.status, 200);
  });

  it("leaves the server's own site alone: its / and index.html, its scripts", async () => {
    const home = await rawRequest(url, '/');
    assert.equal(home.status, 200);
    assert.match(home.body.toString('utf8'), /The tenant's own home page/);
    assert.equal(
      (await rawRequest(url, '/index.html')).body.toString('utf8'),
      home.body.toString('utf8'),
    );
    const script = await rawRequest(url, '/app.js');
    assert.equal(script.headers['x-tenant-js'], 'yes');
    assert.match(String(script.headers['cache-control']), /max-age=60/);
  });
});

describe(
  'render.sh',
  { skip: existsSync('/usr/bin/envsubst') ? false : 'needs envsubst (gettext-base)' },
  () => {
    let out: string;
    before(() => {
      out = mkdtempSync(join(tmpdir(), 'password-set-render-'));
    });
    after(() => {
      rmSync(out, { recursive: true, force: true });
    });

    /** The page's CSP as rendered, by directive. */
    function renderedCsp(): Map<string, string> {
      const conf = readFileSync(join(out, 'password-set-page.conf'), 'utf8');
      const csp = /add_header Content-Security-Policy "([^"]+)" always;/.exec(conf)?.[1] ?? '';
      return new Map(csp.split(';').map((directive) => [directive.split(' ')[0] ?? '', directive]));
    }

    it('normalizes the base URL like the Node server: lower-case host, no default port, no trailing slash; the origin in the CSP', () => {
      const result = render(DEFAULT_DIST_DIR, out, {
        CIDAAS_BASE_URL: ' HTTPS://Acme.CIDAAS.de:443/tenant/ ',
        FORM_ACTION_EXTRA: 'https://app.example.com,https://b.example.com:8443 https:',
      });
      assert.equal(result.status, 0, result.stderr);
      assert.match(
        readFileSync(join(out, 'index.html'), 'utf8'),
        /<meta name="cidaas-base-url" content="https:\/\/acme\.cidaas\.de\/tenant">/,
      );
      const csp = renderedCsp();
      assert.equal(csp.get('connect-src'), "connect-src 'self' https://acme.cidaas.de");
      assert.equal(
        csp.get('form-action'),
        "form-action 'self' https://acme.cidaas.de https://app.example.com https://b.example.com:8443 https:",
      );
    });

    it('writes the breached-password range API into the page and its origin into connect-src only, when set', () => {
      const result = render(DEFAULT_DIST_DIR, out, {
        CIDAAS_BASE_URL: 'https://acme.cidaas.de',
        PWNED_PASSWORDS_BASE_URL: 'https://API.pwnedpasswords.com/',
      });
      assert.equal(result.status, 0, result.stderr);
      const html = readFileSync(join(out, 'index.html'), 'utf8');
      assert.match(
        html,
        /<meta name="pwned-passwords-base-url" content="https:\/\/api\.pwnedpasswords\.com">/,
      );
      assert.match(html, /<meta name="cidaas-base-url" content="https:\/\/acme\.cidaas\.de">/);
      assert.equal(
        renderedCsp().get('connect-src'),
        "connect-src 'self' https://acme.cidaas.de https://api.pwnedpasswords.com",
      );
      assert.equal(renderedCsp().get('form-action'), "form-action 'self' https://acme.cidaas.de");
      const refused = render(DEFAULT_DIST_DIR, out, {
        PWNED_PASSWORDS_BASE_URL: 'http://api.pwnedpasswords.com',
      });
      assert.notEqual(refused.status, 0);
      assert.match(refused.stderr, /PWNED_PASSWORDS_BASE_URL/);
    });

    it("leaves the base URL empty (the page's own origin) when unset", () => {
      const result = render(DEFAULT_DIST_DIR, out, {});
      assert.equal(result.status, 0, result.stderr);
      assert.match(
        readFileSync(join(out, 'index.html'), 'utf8'),
        /<meta name="cidaas-base-url" content="">/,
      );
      assert.match(
        readFileSync(join(out, 'index.html'), 'utf8'),
        /<meta name="pwned-passwords-base-url" content="">/,
      );
      assert.equal(renderedCsp().get('connect-src'), "connect-src 'self'");
      assert.equal(renderedCsp().get('form-action'), "form-action 'self'");
    });

    it('allows http://localhost and 127.0.0.1 outside production only', () => {
      assert.equal(
        render(DEFAULT_DIST_DIR, out, { CIDAAS_BASE_URL: 'http://127.0.0.1:4200' }).status,
        0,
      );
      assert.equal(
        render(DEFAULT_DIST_DIR, out, { CIDAAS_BASE_URL: 'http://localhost:4200' }).status,
        0,
      );
      const refused = render(DEFAULT_DIST_DIR, out, {
        CIDAAS_BASE_URL: 'http://localhost:4200',
        NODE_ENV: 'production',
      });
      assert.notEqual(refused.status, 0);
      assert.match(refused.stderr, /CIDAAS_BASE_URL must be an https: URL/);
    });

    it('refuses to render a value that would weaken the page or break out of the HTML or the configuration, and says what to fix', () => {
      const refused: ReadonlyArray<readonly [Record<string, string>, RegExp]> = [
        [{ CIDAAS_BASE_URL: 'http://acme.cidaas.de' }, /CIDAAS_BASE_URL must be an https: URL/],
        [
          { CIDAAS_BASE_URL: 'javascript:alert(1)' },
          /CIDAAS_BASE_URL must be an absolute https: URL/,
        ],
        [{ CIDAAS_BASE_URL: 'acme.cidaas.de' }, /CIDAAS_BASE_URL must be an absolute https: URL/],
        [
          { CIDAAS_BASE_URL: 'https://acme.cidaas.de/"><script>alert(1)</script>' },
          /CIDAAS_BASE_URL must be an absolute https: URL/,
        ],
        [
          { CIDAAS_BASE_URL: "https://acme.cidaas.de'; add_header X 1;" },
          /CIDAAS_BASE_URL must be an absolute https: URL/,
        ],
        [
          { CIDAAS_BASE_URL: 'https://acme.cidaas.de/$uri' },
          /CIDAAS_BASE_URL must be an absolute https: URL/,
        ],
        [
          { CIDAAS_BASE_URL: 'https://user:secret@acme.cidaas.de' },
          /no credentials, query or fragment/,
        ],
        [{ CIDAAS_BASE_URL: 'https://acme.cidaas.de/?a=b' }, /no credentials, query or fragment/],
        [{ CIDAAS_BASE_URL: 'https://acme.cidaas.de:99999' }, /port above 65535/],
        [
          { FORM_ACTION_EXTRA: 'https://app.example.com/callback' },
          /FORM_ACTION_EXTRA lists origins/,
        ],
        [
          { FORM_ACTION_EXTRA: 'http://app.example.com' },
          /FORM_ACTION_EXTRA must be an https: URL/,
        ],
        [{ FORM_ACTION_EXTRA: '*' }, /FORM_ACTION_EXTRA must be an absolute https: URL/],
        [{ PORT: '0' }, /PORT must be an integer from 1 to 65535/],
        [{ PORT: '80; ' }, /PORT must be an integer/],
        [{ HOST: '0.0.0.0; include /etc/passwd' }, /HOST must be a host name or an IP address/],
        [{ PASSWORD_SET_BROTLI: 'yes' }, /PASSWORD_SET_BROTLI must be on or off/],
      ];
      for (const [env, message] of refused) {
        const result = render(DEFAULT_DIST_DIR, join(out, 'refused'), env);
        assert.notEqual(result.status, 0, JSON.stringify(env));
        assert.match(result.stderr, message, JSON.stringify(env));
        assert.equal(
          existsSync(join(out, 'refused', 'password-set.conf')),
          false,
          `nothing rendered for ${JSON.stringify(env)}`,
        );
      }
    });

    it('refuses paths that would end a directive in the configuration, before writing anything', () => {
      const spaced = join(out, 'with space');
      const result = render(DEFAULT_DIST_DIR, spaced, {});
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, /paths must not contain spaces/);
      assert.equal(existsSync(spaced), false);
      assert.match(
        render(DEFAULT_DIST_DIR, join(out, 'log'), { PASSWORD_SET_ACCESS_LOG: '/tmp/a;b' }).stderr,
        /paths must not contain spaces, quotes, ;/,
      );
    });

    it('refuses a build without the <meta name="cidaas-base-url"> element, or with two', () => {
      const site = mkdtempSync(join(tmpdir(), 'password-set-render-site-'));
      try {
        writeFileSync(
          join(site, 'index.html'),
          '<!doctype html><html><head></head><body></body></html>',
        );
        const none = render(site, join(out, 'no-meta'), { CIDAAS_BASE_URL: CIDAAS });
        assert.notEqual(none.status, 0);
        assert.match(none.stderr, /exactly one <meta name="cidaas-base-url"> element, found 0/);
        writeFileSync(
          join(site, 'index.html'),
          '<meta name="cidaas-base-url" content=""><meta name="cidaas-base-url" content="">',
        );
        assert.match(render(site, join(out, 'two-metas'), {}).stderr, /found 2/);
        const unbuilt = render(join(site, 'missing'), join(out, 'unbuilt'), {});
        assert.notEqual(unbuilt.status, 0);
        assert.match(unbuilt.stderr, /npm run build/);
      } finally {
        rmSync(site, { recursive: true, force: true });
      }
    });

    it(
      'renders a configuration nginx accepts, with nginx variables left to nginx',
      { skip: missing === null ? false : `needs ${missing}` },
      () => {
        const result = render(DEFAULT_DIST_DIR, out, { CIDAAS_BASE_URL: CIDAAS });
        assert.equal(result.status, 0, result.stderr);
        assert.match(
          readFileSync(join(out, 'password-set-files.conf'), 'utf8'),
          /try_files \$uri =404;/,
        );
        assert.match(readFileSync(join(out, 'password-set-page.conf'), 'utf8'), /\$request_uri/);
        const test = spawn(
          NGINX_BIN,
          ['-t', '-p', out, '-c', join(out, 'nginx.conf'), '-e', 'stderr'],
          { stdio: ['ignore', 'ignore', 'pipe'] },
        );
        return new Promise<void>((resolveTested, reject) => {
          let output = '';
          test.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
          test.once('exit', (code) => (code === 0 ? resolveTested() : reject(new Error(output))));
        });
      },
    );
  },
);

describe('the container recipe (Dockerfile, compose.yaml): what the tests run, nothing else', () => {
  const root = join(__dirname, '..', '..');
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const stage = (name: string): string => {
    const start = dockerfile.search(new RegExp(`^FROM .* AS ${name}$`, 'm'));
    assert.ok(start >= 0, `a stage named ${name}`);
    const next = dockerfile.slice(start + 1).search(/^FROM /m);
    return next < 0 ? dockerfile.slice(start) : dockerfile.slice(start, start + 1 + next);
  };

  it('builds with the same command as everywhere, from the lock file', () => {
    const build = stage('build');
    assert.match(build, /^RUN npm ci$/m);
    assert.match(build, /^RUN npm run build$/m);
  });

  it('serves with the rendered configuration the tests run: the same scripts and templates, started by the same entrypoint', () => {
    const page = stage('page');
    assert.ok(
      dockerfile.trimEnd().endsWith(page.trimEnd()),
      'the page is the last stage: what `docker build .` makes',
    );
    assert.match(
      page,
      /^COPY --from=build \/app\/dist\/password-set\/browser \/usr\/share\/password-set\/browser$/m,
    );
    assert.match(
      page,
      /^COPY deploy\/nginx\/render\.sh deploy\/nginx\/docker-entrypoint\.sh deploy\/nginx\/\*\.conf\.template \/usr\/share\/password-set\/nginx\/$/m,
    );
    assert.match(
      page,
      /^ENTRYPOINT \["\/usr\/share\/password-set\/nginx\/docker-entrypoint\.sh"\]$/m,
    );
    assert.match(page, /PASSWORD_SET_SITE_DIR=\/usr\/share\/password-set\/browser/);
    // The Debian packages the tests run with.
    for (const name of [
      'nginx-light',
      'libnginx-mod-http-brotli-static',
      'libnginx-mod-http-headers-more-filter',
      'brotli',
      'gettext-base',
    ]) {
      assert.match(page, new RegExp(`install -y --no-install-recommends .*\\b${name}\\b`), name);
    }
  });

  it('runs as a user other than root, writing only to /tmp, with production rules for the base URL', () => {
    const page = stage('page');
    assert.match(page, /^USER www-data$/m);
    assert.match(page, /PASSWORD_SET_RUNTIME_DIR=\/tmp\/password-set/);
    assert.match(page, /NODE_ENV=production/);
    const compose = readFileSync(join(root, 'compose.yaml'), 'utf8');
    assert.match(compose, /read_only: true/);
    assert.match(compose, /tmpfs:\n\s+- \/tmp/);
  });
});
