import { USERS, expect, expectAccessible, test } from './fixtures';

const NEW_PASSWORD = 'Quiet-Harbor-73';

test('forgot password: code, reset on our page, success page, then sign in with the new password', async ({
  page,
  login,
  passwordSet,
}) => {
  await test.step('from the login page to the forgot-password form', async () => {
    await login.startFromDemoApp();
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    // cidaas' own forgot-password hosted page (key password_forgot_init) for the same login request.
    await expect(page).toHaveURL(/\/identity\/password_forgot_init\?requestId=/);
    await page.getByLabel(/email/i).fill(USERS.regularUser.username);
    await page.getByRole('button', { name: /send|continue|code/i }).click();
  });

  await test.step('enter the code the emulator shows instead of mailing it', async () => {
    const code = (await page.locator('#reset-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await page.getByLabel(/code/i).fill(code);
    await page.getByRole('button', { name: /verify|continue|confirm/i }).click();
  });

  await test.step('our page in reset mode: no current password', async () => {
    await expect(page).toHaveURL(/\/identity\/password_set\?requestId=.*&rprq=.*&exchangeid=/);
    await expect(passwordSet.heading).toHaveText('Choose a new password');
    await expect(page.getByText(/You asked to reset your password/)).toBeVisible();
    await expect(passwordSet.currentPassword).toHaveCount(0);
    await expect(passwordSet.heading).toBeFocused();
    // No forgot-password link: there is no current password to have forgotten.
    await expect(page.getByRole('link', { name: /Forgot your password/ })).toHaveCount(0);
    await expectAccessible(page);
    await passwordSet.newPassword.fill(NEW_PASSWORD);
    await passwordSet.confirmPassword.fill(NEW_PASSWORD);
    await passwordSet.submitButton.click();
  });

  await test.step('the success page continues to sign-in', async () => {
    await expect(page).toHaveURL(/\/identity\/password_set_success\?requestId=/);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText('Your password has been changed');
    await expect(heading).toBeFocused();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Continue to sign in' }).click();
    await expect(page).toHaveURL(/\/identity\/login\?requestId=/);
  });

  await test.step('the new password signs in; the old one does not', async () => {
    await login.signIn(USERS.regularUser.username, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/callback\?code=/);
    await expect(page.getByText(`Signed in as ${USERS.regularUser.username}`)).toBeVisible();
    await login.startFromDemoApp();
    await login.signIn(USERS.regularUser.username, USERS.regularUser.password);
    await expect(page).toHaveURL(/error=invalid_credentials/);
  });
});

test('a weak password is stopped by the checklist in reset mode', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const session = await emulator.resetSession(USERS.regularUser.username);
  await passwordSet.open(session.url);
  let posted = false;
  page.on('request', (r) => {
    if (r.method() === 'POST') posted = true;
  });
  await passwordSet.newPassword.fill('weak');
  await passwordSet.confirmPassword.fill('weak');
  await passwordSet.submitButton.click();
  await expect(passwordSet.errorSummary).toBeFocused();
  await expect(passwordSet.rule(/At least 10 characters/)).toHaveAttribute('data-state', 'unmet');
  expect(posted).toBe(false);
});

test('a server-side rejection in reset mode (posting around the client) comes back explained', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const session = await emulator.resetSession(USERS.regularUser.username);
  await passwordSet.open(session.url);
  await expect(passwordSet.heading).toBeVisible();
  const landing = passwordSet.nextLoad();
  // The older path (SDK 5.1.3 and cidaas' hosted-page examples) is an alias of the SDK v6's.
  await passwordSet.postForm('/users-srv/resetpassword/accept', {
    resetRequestId: session.rprq,
    exchangeId: session.exchangeId,
    password: 'nodigits!!Aa',
    confirmPassword: 'nodigits!!Aa',
  });
  expect(Object.fromEntries((await landing).searchParams)).toMatchObject({
    error: 'password_policy_violation',
    error_code: 'noOfDigits',
  });
  await expect(passwordSet.errorSummary).toContainText('The new password needs more digits.');
  await expect(passwordSet.currentPassword).toHaveCount(0);
  await passwordSet.newPassword.fill(NEW_PASSWORD);
  await passwordSet.confirmPassword.fill(NEW_PASSWORD);
  await passwordSet.submitButton.click();
  await expect(page).toHaveURL(/\/identity\/password_set_success/);
});

test('a breached password in reset mode comes back in cidaas’ documented shape and is explained', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const session = await emulator.resetSession(USERS.regularUser.username);
  await passwordSet.open(session.url);
  const landing = passwordSet.nextLoad();
  await passwordSet.newPassword.fill('Password123!');
  await passwordSet.confirmPassword.fill('Password123!');
  await passwordSet.submitButton.click();
  // docs.cidaas.com/openapi/4.0.4/password-management/post-reset-password-accept, word for word.
  expect((await landing).search).toMatch(
    /&resetMedium=email&error=Bad\+Request&error_description=The\+password\+is\+compromised&error_code=VER_0120$/,
  );
  await expect(passwordSet.errorSummary).toContainText(
    'This password has appeared in a data breach',
  );
  await expect(passwordSet.errorSummary).not.toContainText(/Bad Request|mention the code/);
  await expect(page).toHaveURL(
    /\/identity\/password_set\?requestId=[^&]+&rprq=[^&]+&exchangeid=[^&]+&resetMedium=email$/,
  );
  await passwordSet.newPassword.fill(NEW_PASSWORD);
  await passwordSet.confirmPassword.fill(NEW_PASSWORD);
  await passwordSet.submitButton.click();
  await expect(page).toHaveURL(
    /\/identity\/password_set_success\?requestId=.*&suggested_action=LOGIN/,
  );
});

test('an expired reset request is explained', async ({ emulator, request, passwordSet }) => {
  const session = await emulator.resetSession(USERS.regularUser.username);
  expect(
    (await request.post(`/__emulator/reset-requests/${session.rprq}/expire`, { data: {} })).ok(),
  ).toBe(true);
  await passwordSet.open(session.url);
  await passwordSet.newPassword.fill(NEW_PASSWORD);
  await passwordSet.confirmPassword.fill(NEW_PASSWORD);
  await passwordSet.submitButton.click();
  await expect(passwordSet.heading).toHaveText('This reset link has expired');
  await expect(passwordSet.signInAgain).toBeVisible();
});

test('a used reset link says a new link is needed, and its button starts a new reset for the same sign-in', async ({
  page,
  emulator,
  login,
  passwordSet,
}) => {
  const session = (await emulator.resetSession(USERS.regularUser.username)) as {
    url: string;
    requestId: string;
  };
  await passwordSet.open(session.url);
  await passwordSet.newPassword.fill(NEW_PASSWORD);
  await passwordSet.confirmPassword.fill(NEW_PASSWORD);
  await passwordSet.submitButton.click();
  await expect(page).toHaveURL(/password_set_success/);

  // The same link again, as from the mail: the form is offered (cidaas cannot be asked about a reset
  // request before the submit), and the submit explains.
  await passwordSet.open(session.url);
  await passwordSet.newPassword.fill('Another-Harbor-74');
  await passwordSet.confirmPassword.fill('Another-Harbor-74');
  await passwordSet.submitButton.click();
  await expect(passwordSet.heading).toHaveText('This reset link has expired');
  await expect(passwordSet.heading).toBeFocused();
  await expect(page.getByText('To reset your password, you need a new link.')).toBeVisible();
  const newLink = page.getByRole('link', { name: 'Get a new reset link' });
  await expect(newLink).toHaveAttribute(
    'href',
    new RegExp(`/identity/password_forgot_init\\?requestId=${session.requestId}$`),
  );
  await expect(passwordSet.signInAgain).toBeVisible();
  await expectAccessible(page);

  await test.step('the new link works all the way', async () => {
    await newLink.click();
    await page.getByLabel(/email/i).fill(USERS.regularUser.username);
    await page.getByRole('button', { name: /send|continue|code/i }).click();
    const code = (await page.locator('#reset-code').textContent())?.trim() ?? '';
    await page.getByLabel(/code/i).fill(code);
    await page.getByRole('button', { name: /verify|continue|confirm/i }).click();
    await expect(passwordSet.heading).toHaveText('Choose a new password');
    await passwordSet.newPassword.fill('Another-Harbor-74');
    await passwordSet.confirmPassword.fill('Another-Harbor-74');
    await passwordSet.submitButton.click();
    await expect(page).toHaveURL(/\/identity\/password_set_success/);
    await page.getByRole('link', { name: 'Continue to sign in' }).click();
    await login.signIn(USERS.regularUser.username, 'Another-Harbor-74');
    await expect(page).toHaveURL(/\/callback\?code=/);
  });
});
