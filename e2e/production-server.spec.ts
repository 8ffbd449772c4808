import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Page, Response } from '@playwright/test';

import { expectedHeaders, headerMismatches, type ResponseKind } from '../server/expected-headers';
import { DEFAULT_DIST_DIR } from '../server/static';
import { spawnProduction } from '../server/testing';

import { expect, expectAccessible, test } from './fixtures';
import { PasswordSetPage } from './pages/password-set.page';

/**
 * The page served by the production server (`server/production.ts`, spawned here on a free port), in
 * Chromium under its real Content-Security-Policy and Trusted Types. The automatic `browserProblems`
 * fixture fails every test on any CSP violation or console error.
 */

/** A spawned production server. */
interface ProductionServer {
  readonly url: string;
  stop(): Promise<void>;
}

async function startProductionServer(
  env: Readonly<Record<string, string>> = {},
): Promise<ProductionServer> {
  // PAGE_DIST_DIR passes through, so this serves the same build as the emulator of the run.
  const server = await spawnProduction(env).started;
  return { url: server.url, stop: async () => void (await server.stop()) };
}

/** A one-handler HTTP server on a free port of 127.0.0.1 (stand-ins for cidaas and an application). */
async function startStandIn(
  handler: Parameters<typeof createServer>[1],
): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolveListening) => server.listen(0, '127.0.0.1', resolveListening));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return { server, port: (address satisfies AddressInfo).port };
}

function stopStandIn(server: Server): Promise<void> {
  return new Promise((resolveClosed) => {
    server.close(() => resolveClosed());
    server.closeAllConnections();
  });
}

test.describe('the production server', () => {
  let production: ProductionServer;
  test.beforeAll(async () => {
    production = await startProductionServer();
  });
  test.afterAll(async () => {
    await production.stop();
  });

  test('sends the security and caching headers with the page', async ({ request }) => {
    const response = await request.get(`${production.url}/identity/password_set`);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    const csp = headers['content-security-policy'] ?? '';
    for (const directive of [
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
      "connect-src 'self'",
      "img-src 'self' https: data:",
      "require-trusted-types-for 'script'",
      'trusted-types angular angular#bundler',
    ]) {
      expect(csp.split(';'), directive).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-eval');
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['permissions-policy']).toContain('camera=()');

    const html = await response.text();
    const bundle = /src="(main-[A-Z0-9]{8}\.js)"/.exec(html)?.[1];
    expect(bundle, 'the built index.html names its main bundle').toBeDefined();
    const asset = await request.get(`${production.url}/${bundle}`);
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await request.get(`${production.url}/i18n/en.json`)).headers()['cache-control']).toBe(
      'no-cache',
    );
    expect((await request.get(`${production.url}/__emulator/reset`)).status()).toBe(404);
    expect(
      (await request.post(`${production.url}/__emulator/login-sessions`, { data: {} })).status(),
    ).toBe(404);
    const ping = await request.get(`${production.url}/ping`);
    expect(ping.status()).toBe(200);
    expect(await ping.text()).toBe('pong');
  });

  test("sends the built site's files the headers of the shared table (server/expected-headers.ts)", async ({
    request,
  }) => {
    const page = await request.get(`${production.url}/identity/password_set`, {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    const bundle = /src="(main-[A-Z0-9]{8}\.js)"/.exec(await page.text())?.[1];
    expect(bundle, 'the built index.html names its main bundle').toBeDefined();
    const expected = expectedHeaders({ hsts: true });
    const samples: ReadonlyArray<readonly [ResponseKind, string, number]> = [
      ['page', '/identity/password_set', 200],
      ['hashedScript', `/${bundle}`, 200],
      ['translation', '/i18n/en.json', 200],
      ['translation', '/i18n/de.json', 200],
      ['staticFile', '/favicon.svg', 200],
      ['staticFile', '/themes/demo-client.json', 200],
      ['notFound', '/themes/unknown-client.json', 404],
      ['notFound', '/%69ndex.html', 404],
      ['health', '/ping', 200],
    ];
    for (const [kind, path, status] of samples) {
      const response = await request.get(`${production.url}${path}`, {
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      });
      expect(response.status(), path).toBe(status);
      const headers = response.headers();
      expect(
        headerMismatches(expected[kind], (name) => headers[name]),
        `${kind} ${path}`,
      ).toEqual([]);
    }
  });

  test('renders "This link is incomplete" under the CSP and Trusted Types, without any API call', async ({
    page,
  }) => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${production.url}/identity/password_set`);

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link is incomplete');
    await expect(page.getByText(/go back to the application/)).toBeVisible();
    await expectAccessible(page);
    const apiCalls = requested.filter((url) => /-srv\//.test(new URL(url).pathname));
    expect(apiCalls).toEqual([]);
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => new URL(url).origin !== production.url)).toEqual([]);
  });

  test('the violation listener is live: a blocked image is recorded as a violation', async ({
    page,
    browserProblems,
  }) => {
    await page.goto(`${production.url}/identity/password_set`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link is incomplete');
    // img-src allows https: only, so a plain-http image is blocked before any request is made.
    await page.evaluate(() => {
      const image = new Image();
      image.src = 'http://127.0.0.1:9/blocked.png';
      document.body.append(image);
    });
    await expect.poll(() => browserProblems.violations.length).toBe(1);
    expect(browserProblems.violations[0]).toMatch(
      /^img-src blocked http:\/\/127\.0\.0\.1:9\/blocked\.png/,
    );
    // Proven; now let the fixture's own check pass for this deliberate one.
    browserProblems.violations.length = 0;
    browserProblems.allow(
      /^Loading the image 'http:\/\/127\.0\.0\.1:9\/blocked\.png' violates the following Content Security Policy directive/,
    );
  });
});

test.describe("a tenant's files: an SVG logo with a script, opened directly", () => {
  // What a careless or hostile logo could carry: a script that would act on the page's origin.
  const HOSTILE_LOGO =
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#2455c3"/>' +
    '<script>console.log("logo script ran on " + document.domain); document.title = "pwned";</script></svg>';
  let dist: string;
  let production: ProductionServer;
  test.beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'password-set-e2e-svg-'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><html><head><meta name="cidaas-base-url" content=""></head><body></body></html>',
    );
    mkdirSync(join(dist, 'themes'));
    writeFileSync(join(dist, 'themes', 'acme-logo.svg'), HOSTILE_LOGO);
    production = await startProductionServer({ PAGE_DIST_DIR: dist });
  });
  test.afterAll(async () => {
    await production.stop();
    rmSync(dist, { recursive: true, force: true });
  });

  /** Opens the SVG in Chromium and returns what its script would have logged. */
  async function openLogo(page: Page, url: string): Promise<string[]> {
    const logged: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'log') logged.push(message.text());
    });
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    // The document has loaded (its load event fired): an inline script would have run by now.
    await page.waitForLoadState('load');
    return logged;
  }

  test('the same file served without a CSP runs its script: the check below can see a script run', async ({
    page,
  }) => {
    const standIn = await startStandIn((_request, response) => {
      response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(HOSTILE_LOGO);
    });
    try {
      const logged = await openLogo(page, `http://127.0.0.1:${standIn.port}/acme-logo.svg`);
      expect(logged).toEqual(['logo script ran on 127.0.0.1']);
      expect(await page.title()).toBe('pwned');
    } finally {
      await stopStandIn(standIn.server);
    }
  });

  test('the production server sends it sandboxed: it renders, and its script does not run', async ({
    page,
    browserProblems,
  }) => {
    const logged = await openLogo(page, `${production.url}/themes/acme-logo.svg`);
    expect(logged).toEqual([]);
    expect(await page.title()).not.toBe('pwned');
    // Still drawn: the logo itself is fine.
    await expect(page.locator('rect')).toHaveCount(1);
    // Blocked by the sandbox (no `allow-scripts`): Chromium says so, and that report is what this test provokes.
    const sandboxed =
      /^Blocked script execution in '.*\/themes\/acme-logo\.svg' because the document's frame is sandboxed/;
    expect(browserProblems.errors.some((text) => sandboxed.test(text))).toBe(true);
    browserProblems.allow(sandboxed);
  });
});

test.describe('form-action and the redirect after the password change', () => {
  let cidaas: { server: Server; port: number };
  let application: { server: Server; port: number };
  let cidaasPosts = 0;
  test.beforeAll(async () => {
    // The application lives on another origin (localhost vs 127.0.0.1), as real applications do.
    application = await startStandIn((_request, response) => {
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!doctype html><title>Application</title><h1>Signed in</h1>');
    });
    // Like E8: consume the form, answer with a redirect to the application's redirect_uri.
    cidaas = await startStandIn((request, response) => {
      cidaasPosts += 1;
      request.resume();
      request.on('end', () =>
        response
          .writeHead(302, {
            location: `http://localhost:${application.port}/callback?code=abc&state=xyz`,
          })
          .end(),
      );
    });
  });
  test.afterAll(async () => {
    await stopStandIn(cidaas.server);
    await stopStandIn(application.server);
  });

  /** Posts a form from the page to the cidaas stand-in, the way the page submits E8. */
  async function postToCidaas(page: Page): Promise<void> {
    await new PasswordSetPage(page).postForm(
      `http://127.0.0.1:${cidaas.port}/login-srv/precheck/continue/00000000-0000-4000-8000-000000000000`,
      { new_password: 'not-a-real-secret' },
    );
  }

  test('Chromium blocks the redirect to an application origin missing from form-action', async ({
    page,
    browserProblems,
  }) => {
    const server = await startProductionServer({
      CIDAAS_BASE_URL: `http://127.0.0.1:${cidaas.port}`,
    });
    try {
      await page.goto(`${server.url}/identity/password_set`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link is incomplete');
      const postsBefore = cidaasPosts;
      await postToCidaas(page);

      // The POST reaches cidaas (its origin is allowed); the redirect that follows is blocked.
      // Chromium reports the form's own URL as blocked, so a cross-origin redirect target is not leaked.
      await expect.poll(() => browserProblems.violations.length).toBe(1);
      expect(cidaasPosts).toBe(postsBefore + 1);
      expect(browserProblems.violations[0]).toMatch(
        new RegExp(`^form-action blocked http://127\\.0\\.0\\.1:${cidaas.port}/login-srv/`),
      );
      expect(page.url()).not.toContain('/callback');
      // This test proves the block; the fixture must not fail it for the block it expects.
      browserProblems.violations.length = 0;
      browserProblems.allow(
        /violates the following Content Security Policy directive: "form-action/,
      );
    } finally {
      await server.stop();
    }
  });

  test('with the application origin in FORM_ACTION_EXTRA the redirect completes, without a violation', async ({
    page,
  }) => {
    const server = await startProductionServer({
      CIDAAS_BASE_URL: `http://127.0.0.1:${cidaas.port}`,
      FORM_ACTION_EXTRA: `http://localhost:${application.port}`,
    });
    try {
      await page.goto(`${server.url}/identity/password_set`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link is incomplete');
      await postToCidaas(page);
      await expect(page).toHaveURL(
        new RegExp(`^http://localhost:${application.port}/callback\\?code=abc`),
      );
      await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
    } finally {
      await server.stop();
    }
  });
});

/** Asserts that the browser got the build's `.br` sibling of this file: its exact size, brotli-encoded, cached for a year. */
async function expectPrecompressedBrotli(
  server: ProductionServer,
  response: Response,
): Promise<void> {
  expect(response.status()).toBe(200);
  const headers = await response.allHeaders();
  expect(headers['content-encoding']).toBe('br');
  expect(headers['vary']).toBe('Accept-Encoding');
  expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
  const file = new URL(response.url()).pathname.slice(1);
  // Brotli 11 from the build, not brotli 5 on the fly: the bytes on the wire are the sibling's size.
  expect(Number(headers['content-length'])).toBe(statSync(`${DEFAULT_DIST_DIR}/${file}.br`).size);
  expect((await response.request().sizes()).responseBodySize).toBe(
    statSync(`${DEFAULT_DIST_DIR}/${file}.br`).size,
  );
  expect(response.url().startsWith(server.url)).toBe(true);
}

test('the happy path through the production server: the page there, cidaas (the emulator) on its own origin', async ({
  page,
  emulator,
  baseURL,
}) => {
  // The emulator of this run plays the tenant's cidaas; the production server only serves the page.
  const server = await startProductionServer({ CIDAAS_BASE_URL: baseURL ?? '' });
  try {
    const session = await emulator.loginSession({
      username: 'new.user@example.com',
      password: 'Welcome-2026',
    });
    const mainBundle = page.waitForResponse((response) =>
      /\/main-[A-Z0-9]{8}\.js$/.test(new URL(response.url()).pathname),
    );
    await page.goto(`${server.url}${session.url}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a new password');
    await test.step('the main bundle arrived as the brotli file the build wrote', async () =>
      expectPrecompressedBrotli(server, await mainBundle));
    await page.getByLabel('Temporary password', { exact: true }).fill('Welcome-2026');
    await page.getByLabel('New password', { exact: true }).fill('Sunny-Meadow-42');
    await page.getByLabel('Confirm new password', { exact: true }).fill('Sunny-Meadow-42');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page).toHaveURL(new RegExp(`^${baseURL}/callback\\?code=`));
    await expect(page.getByText('Signed in as new.user@example.com')).toBeVisible();
  } finally {
    await server.stop();
  }
});
