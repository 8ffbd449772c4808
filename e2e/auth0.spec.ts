import type { Page } from '@playwright/test';
import { type Auth0DevStack, startAuth0DevStack } from '../server/auth0/dev-stack';
import { expect, expectAccessible, test } from './fixtures';
import { PasswordSetPage } from './pages/password-set.page';

// The Auth0 flow runs on its own two origins (the Auth0 emulator as the tenant, and the page host
// with the Auth0 mode's routes), started here; the cidaas emulator is not involved.
let stack: Auth0DevStack;

test.beforeAll(async () => {
  stack = await startAuth0DevStack({ pagePort: 0, auth0Port: 0 });
});

test.afterAll(async () => {
  await stack?.close();
});

async function signInAtAuth0(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${stack.auth0Url}/`);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('Auth0: a pre-created user changes the password at first login on our page and reaches the application', async ({ page }) => {
  const passwordSet = new PasswordSetPage(page);
  await test.step('the post-login Action sends the user to our page with a session token', async () => {
    await signInAtAuth0(page, 'new.user@example.com', 'Welcome-2026');
    await expect(page).toHaveURL(new RegExp(`^${stack.pageUrl}/identity/password_set\\?.*session_token=`));
    await expect(passwordSet.heading).toHaveText('Choose a new password');
    await expect(passwordSet.currentPassword).toHaveCount(0);
    await expect(page.locator('input[autocomplete="username"]')).toHaveValue('new.user@example.com');
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

  await test.step('change the password: /continue finishes the login at the application', async () => {
    await passwordSet.newPassword.fill('Sunny-Meadow-42');
    await passwordSet.confirmPassword.fill('Sunny-Meadow-42');
    await passwordSet.submitButton.click();
    await expect(page).toHaveURL(new RegExp(`^${stack.auth0Url}/callback`));
    await expect(page.getByTestId('signed-in-user')).toHaveText('new.user@example.com');
  });

  await test.step('the second login is not redirected', async () => {
    await signInAtAuth0(page, 'new.user@example.com', 'Sunny-Meadow-42');
    await expect(page).toHaveURL(new RegExp(`^${stack.auth0Url}/callback`));
    await expect(page.getByTestId('signed-in-user')).toHaveText('new.user@example.com');
  });
});

test('Auth0: a forged session token is explained and the way out works', async ({ page }) => {
  const passwordSet = new PasswordSetPage(page);
  const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhdXRoMHxub2JvZHkifQ.Zm9yZ2Vk';
  await page.goto(`${stack.pageUrl}/identity/password_set?session_token=${forged}&state=forged-state`);
  await expect(passwordSet.heading).toHaveText('This link has expired');
  await expect(passwordSet.signInAgain).toHaveAttribute('href', /\/auth0\/password_set\/cancel\?state=forged-state$/);
});
