import { statSync } from 'node:fs';
import { join } from 'node:path';

import { USERS, expect, expectAccessible, test } from '../../e2e/fixtures';
import { PasswordSetPage } from '../../e2e/pages/password-set.page';
import { DEFAULT_DIST_DIR } from '../../server/static';

import { announceNginxSkipped, nginxMissing, type RunningNginx, startNginx } from './testing';

/**
 * The page served by nginx with the configuration of `deploy/nginx/` (rendered and started the way the
 * container does it), in Chromium under nginx's Content-Security-Policy and Trusted Types, with the
 * emulator of the run as the tenant's cidaas on another origin. The automatic `browserProblems`
 * fixture fails every test on any CSP violation or console error.
 */

const missing = nginxMissing();
if (missing !== null) announceNginxSkipped(missing);

test.describe('the page on nginx, cidaas (the emulator) on its own origin', () => {
  // No silent skip: without nginx these stories fail and say what to install (.ci/run installs it).
  test.beforeAll(() => {
    if (missing !== null)
      throw new Error(`npm run test:nginx needs ${missing}: install it (see .ci/run)`);
  });

  let nginx: RunningNginx;
  test.beforeAll(async ({ baseURL }) => {
    // The emulator of this run plays the tenant's cidaas: http on 127.0.0.1, allowed outside production.
    nginx = await startNginx({
      siteDir: DEFAULT_DIST_DIR,
      env: { CIDAAS_BASE_URL: baseURL ?? '' },
    });
  });
  test.afterAll(async () => {
    await nginx?.stop();
  });

  test('the happy path: the page from nginx, its script as the brotli file the build wrote, the change at cidaas, back at the application', async ({
    page,
    emulator,
    baseURL,
  }) => {
    const session = await emulator.loginSession(USERS.newUser);
    const mainBundle = page.waitForResponse((response) =>
      /\/main-[A-Z0-9]{8}\.js$/.test(new URL(response.url()).pathname),
    );
    const document = await page.goto(`${nginx.url}${session.url}`);
    expect(document?.headers()['content-security-policy']).toContain(
      `connect-src 'self' ${baseURL}`,
    );
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a new password');

    await test.step('the main bundle arrived from nginx as the .br file the build wrote', async () => {
      const response = await mainBundle;
      expect(response.url().startsWith(nginx.url)).toBe(true);
      const headers = await response.allHeaders();
      expect(headers['content-encoding']).toBe('br');
      expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const file = join(DEFAULT_DIST_DIR, `${new URL(response.url()).pathname}.br`);
      expect((await response.request().sizes()).responseBodySize).toBe(statSync(file).size);
    });
    await expectAccessible(page);

    const passwordSet = new PasswordSetPage(page);
    await passwordSet.changePassword(USERS.newUser.password, 'Sunny-Meadow-42');
    await expect(page).toHaveURL(new RegExp(`^${baseURL}/callback\\?code=`));
    await expect(page.getByText('Signed in as new.user@example.com')).toBeVisible();
  });

  test('cidaas cannot be reached while the page starts: a clear message, the session kept, and a retry that works', async ({
    page,
    emulator,
  }) => {
    const session = await emulator.loginSession(USERS.newUser);
    // Not limited to one: Chromium silently retries a GET whose connection was dropped.
    await emulator.fault({ path: '/public-srv/public/*', drop: true });
    const passwordSet = new PasswordSetPage(page);
    await page.goto(`${nginx.url}${session.url}`);
    await expect(passwordSet.alert).toContainText('We could not reach the sign-in service');
    await expect(passwordSet.heading).toBeFocused();
    await expectAccessible(page);
    expect(page.url()).toBe(`${nginx.url}${session.url}`);

    expect((await page.request.delete('/__emulator/faults', { data: {} })).ok()).toBe(true);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(passwordSet.heading).toHaveText('Choose a new password');
    expect(page.url()).toContain(session.lsid);
  });
});
