import type { Page } from '@playwright/test';
import jwt from 'jsonwebtoken';
import { type Auth0DevStack, startAuth0DevStack } from '../server/auth0/dev-stack';
import { EMULATOR_M2M_CLIENT } from '../server/auth0/emulator';
import { expect, expectAccessible, test } from './fixtures';
import { PasswordSetPage } from './pages/password-set.page';

// The Auth0 flow runs on its own two origins (the Auth0 emulator as the tenant, and the page host
// with the Auth0 mode's routes), started here, fresh for each test so none depends on another's users;
// the cidaas emulator is not involved.
const SECRET = 'e2e-auth0-session-token-secret-0123456789';
let stack: Auth0DevStack;

test.beforeEach(async () => {
  stack = await startAuth0DevStack({ pagePort: 0, auth0Port: 0, sessionTokenSecret: SECRET });
});

test.afterEach(async () => {
  await stack?.close();
});

async function signInAtAuth0(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${stack.auth0Url}/`);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** What an administrator does: `app_metadata.needsPasswordReset = true` through the Management API. */
async function flagForPasswordChange(userId: string): Promise<void> {
  const tokenResponse = await fetch(`${stack.auth0Url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: EMULATOR_M2M_CLIENT.clientId,
      client_secret: EMULATOR_M2M_CLIENT.clientSecret,
      audience: `https://${new URL(stack.auth0Url).host}/api/v2/`,
    }),
  });
  const grant: unknown = await tokenResponse.json();
  const accessToken: unknown =
    typeof grant === 'object' && grant !== null ? Reflect.get(grant, 'access_token') : undefined;
  expect(typeof accessToken).toBe('string');
  const patch = await fetch(`${stack.auth0Url}/api/v2/users/${encodeURIComponent(userId)}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${String(accessToken)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ app_metadata: { needsPasswordReset: true } }),
  });
  expect(patch.status).toBe(200);
}

const pageUrlPattern = (): RegExp =>
  new RegExp(`^${stack.pageUrl}/identity/password_set\\?.*session_token=`);

test('Auth0: a pre-created user changes the password at first login on our page and reaches the application', async ({
  page,
}) => {
  // The whole story (four page loads on two origins, an axe scan) takes more than the default 30 s on a busy machine.
  test.setTimeout(60_000);
  const passwordSet = new PasswordSetPage(page);
  await test.step('the post-login Action sends the user to our page with a session token and the state, the email in neither', async () => {
    await signInAtAuth0(page, 'new.user@example.com', 'Welcome-2026');
    await expect(page).toHaveURL(pageUrlPattern());
    const link = new URL(page.url());
    expect(link.searchParams.get('state')).toBeTruthy();
    expect(link.href).not.toContain('new.user');
    expect(JSON.stringify(jwt.decode(link.searchParams.get('session_token') ?? ''))).not.toContain(
      'new.user',
    );
    await expect(passwordSet.heading).toHaveText('Choose a new password');
    await expect(passwordSet.currentPassword).toHaveCount(0);
    await expect(page.locator('input[autocomplete="username"]')).toHaveValue(
      'new.user@example.com',
    );
    await expect(passwordSet.cancelAndSignOut).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('a mismatch posted around the client comes back explained, the session kept', async () => {
    const query = new URL(page.url()).searchParams;
    const landing = passwordSet.nextLoad();
    await passwordSet.postForm('/auth0/password_set', {
      session_token: query.get('session_token') ?? '',
      state: query.get('state') ?? '',
      password: 'Sunny-Meadow-42',
      confirm_password: 'Sunny-Meadow-43',
    });
    expect((await landing).searchParams.get('error')).toBe('password_mismatch');
    await expect(passwordSet.errorSummary).toContainText('did not match');
  });

  await test.step('change the password: the page POSTs the user to /continue, which finishes the login at the application', async () => {
    const toContinue = page.waitForRequest(
      (request) => request.url() === `${stack.auth0Url}/continue`,
    );
    await passwordSet.newPassword.fill('Sunny-Meadow-42');
    await passwordSet.confirmPassword.fill('Sunny-Meadow-42');
    await passwordSet.submitButton.click();
    const request = await toContinue;
    expect(request.method()).toBe('POST');
    expect(new URLSearchParams(request.postData() ?? '').get('session_token')).toBeTruthy();
    await expect(page).toHaveURL(new RegExp(`^${stack.auth0Url}/callback`));
    await expect(page.getByTestId('signed-in-user')).toHaveText('new.user@example.com');
  });

  await test.step('the second login is not redirected', async () => {
    await signInAtAuth0(page, 'new.user@example.com', 'Sunny-Meadow-42');
    await expect(page).toHaveURL(new RegExp(`^${stack.auth0Url}/callback`));
    await expect(page.getByTestId('signed-in-user')).toHaveText('new.user@example.com');
  });
});

test('Auth0: a link is spent by the change: opened again it says it has expired, and a replayed form sets nothing', async ({
  page,
}) => {
  // Five page loads on two origins and an axe scan: more than the default 30 s on a busy machine.
  test.setTimeout(60_000);
  const passwordSet = new PasswordSetPage(page);
  await signInAtAuth0(page, 'flagged.user@example.com', 'Flagged-2026');
  await expect(passwordSet.heading).toHaveText('Choose a new password');
  const link = page.url();
  await passwordSet.newPassword.fill('Calm-Orchard-2027');
  await passwordSet.confirmPassword.fill('Calm-Orchard-2027');
  await passwordSet.submitButton.click();
  await expect(page.getByTestId('signed-in-user')).toHaveText('flagged.user@example.com');

  await page.goto(link);
  await expect(passwordSet.heading).toHaveText('This link has expired');
  await expectAccessible(page);
  const query = new URL(link).searchParams;
  // The page takes the error out of its URL once read, so the redirect is caught as it happens.
  const redirectedWithError = page.waitForRequest(
    (request) =>
      request.isNavigationRequest() && /[?&]error=track_expired(&|$)/.test(request.url()),
  );
  await passwordSet.postForm('/auth0/password_set', {
    session_token: query.get('session_token') ?? '',
    state: query.get('state') ?? '',
    password: 'Replayed-Pass-2027',
    confirm_password: 'Replayed-Pass-2027',
  });
  await redirectedWithError;
  await expect(passwordSet.heading).toHaveText('This link has expired');

  await signInAtAuth0(page, 'flagged.user@example.com', 'Replayed-Pass-2027');
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
});

test('Auth0: "Cancel and sign out" ends the login at the application, and the next sign-in offers the page again', async ({
  page,
}) => {
  const passwordSet = new PasswordSetPage(page);
  await signInAtAuth0(page, 'flagged.user@example.com', 'Flagged-2026');
  await expect(passwordSet.heading).toHaveText('Choose a new password');
  await passwordSet.cancelAndSignOut.click();
  await expect(page).toHaveURL(new RegExp(`^${stack.auth0Url}/callback\\?.*error=access_denied`));
  await expect(page.getByRole('alert')).toContainText(
    'Your password was not changed. Please sign in again.',
  );
  await signInAtAuth0(page, 'flagged.user@example.com', 'Flagged-2026');
  await expect(page).toHaveURL(pageUrlPattern());
  await expect(passwordSet.heading).toHaveText('Choose a new password');
});

test('Auth0: without its script, the page after the change still takes the user on, by a button, accessibly', async ({
  page,
}) => {
  const passwordSet = new PasswordSetPage(page);
  // A script that fails to load (a blocker, a flaky network): the emulator cannot produce this.
  await page.route('**/auth0/password_set/continue.js', (route) => route.abort());
  await signInAtAuth0(page, 'flagged.user@example.com', 'Flagged-2026');
  await passwordSet.newPassword.fill('Quiet-Harbour-2027');
  await passwordSet.confirmPassword.fill('Quiet-Harbour-2027');
  await passwordSet.submitButton.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Your password has been changed',
  );
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Continue to sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText('flagged.user@example.com');
});

test("Auth0: a session token shaped exactly like a real tenant's (no state claim) with the state in the URL completes the story", async ({
  page,
}) => {
  const passwordSet = new PasswordSetPage(page);
  // An administrator flags the regular user; the login's state comes from the emulator, the token
  // from here, with exactly the claims Auth0 documents for encodeToken.
  await flagForPasswordChange('auth0|regular000003');
  await signInAtAuth0(page, 'regular.user@example.com', 'Regular-2026');
  await expect(page).toHaveURL(pageUrlPattern());
  const state = new URL(page.url()).searchParams.get('state') ?? '';
  const now = Math.floor(Date.now() / 1000);
  const token = jwt.sign(
    {
      iat: now,
      iss: new URL(stack.auth0Url).host,
      sub: 'auth0|regular000003',
      exp: now + 300,
      ip: '198.51.100.23',
      reason: 'admin_required',
    },
    SECRET,
    { algorithm: 'HS256' },
  );
  await page.goto(
    `${stack.pageUrl}/identity/password_set?${new URLSearchParams({ session_token: token, state })}`,
  );
  await expect(passwordSet.heading).toHaveText('Choose a new password');
  await expect(page.locator('input[autocomplete="username"]')).toHaveValue(
    'regular.user@example.com',
  );
  await passwordSet.newPassword.fill('Real-Shaped-2027');
  await passwordSet.confirmPassword.fill('Real-Shaped-2027');
  await passwordSet.submitButton.click();
  await expect(page.getByTestId('signed-in-user')).toHaveText('regular.user@example.com');
});

test('Auth0: a forged session token is explained and the way out works', async ({ page }) => {
  const passwordSet = new PasswordSetPage(page);
  const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhdXRoMHxub2JvZHkifQ.Zm9yZ2Vk';
  await page.goto(
    `${stack.pageUrl}/identity/password_set?session_token=${forged}&state=forged-state`,
  );
  await expect(passwordSet.heading).toHaveText('This link has expired');
  await expect(passwordSet.signInAgain).toHaveAttribute(
    'href',
    /\/auth0\/password_set\/cancel\?state=forged-state$/,
  );
});
