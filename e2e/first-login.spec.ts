import { USERS, expect, expectAccessible, test } from './fixtures';

const NEW_PASSWORD = 'Sunny-Meadow-42';

test('a pre-created user is forced to change the password at first login and lands in the application', async ({
  page,
  login,
  passwordSet,
}) => {
  await test.step('sign in from the demo application', async () => {
    await login.startFromDemoApp();
    await expect(page).toHaveURL(/\/identity\/login\?requestId=/);
    await login.signIn(USERS.newUser.username, USERS.newUser.password);
  });

  await test.step('cidaas sends the user to our password_set page', async () => {
    await expect(page).toHaveURL(
      /\/identity\/password_set\?lsid=[0-9a-f-]{36}&requestId=[0-9a-f-]{36}/,
    );
    await expect(passwordSet.heading).toHaveText('Choose a new password');
    await expect(page.getByText(/first sign-in with a temporary password/)).toBeVisible();
    // The current password is named after the reason: a first sign-in's is the temporary one.
    await expect(page.getByLabel('Temporary password', { exact: true })).toBeVisible();
    // Focus starts on the heading: a screen reader reads it and the reason before the first field.
    await expect(passwordSet.heading).toBeFocused();
    await expectAccessible(page);
  });

  await test.step('an empty submit asks for the temporary password, by that name', async () => {
    await passwordSet.submitButton.click();
    await expect(passwordSet.errorSummary).toContainText('Enter your temporary password.');
    await expect(passwordSet.errorSummary).not.toContainText(/current password/i);
  });

  await test.step('change the password', async () => {
    await passwordSet.changePassword(USERS.newUser.password, NEW_PASSWORD);
  });

  await test.step('back in the application, signed in', async () => {
    await expect(page).toHaveURL(/\/callback\?code=[^&]+&state=/);
    await expect(page.getByText(`Signed in as ${USERS.newUser.username}`)).toBeVisible();
  });

  await test.step('the next login is not forced to change again', async () => {
    await login.startFromDemoApp();
    await login.signIn(USERS.newUser.username, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/callback\?code=/);
    await expect(page.getByText(`Signed in as ${USERS.newUser.username}`)).toBeVisible();
  });

  await test.step('and the temporary password no longer works', async () => {
    await login.startFromDemoApp();
    await login.signIn(USERS.newUser.username, USERS.newUser.password);
    await expect(page).toHaveURL(/\/identity\/login\?.*error=invalid_credentials/);
  });
});

test('a user whose administrator requires a change sees why, in German when asked', async ({
  page,
  login,
}) => {
  await login.startFromDemoApp('?ui_locales=de');
  await login.signIn(USERS.flaggedUser.username, USERS.flaggedUser.password);
  await expect(page).toHaveURL(/\/identity\/password_set\?.*ui_locales=de/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Neues Passwort wählen');
  await expect(page.getByText('Ihr Administrator hat Sie gebeten')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByLabel('Neues Passwort', { exact: true })).toBeVisible();
  // Not a first sign-in: the field is the current password, not a temporary one.
  await expect(page.getByLabel('Aktuelles Passwort', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Temporäres Passwort', { exact: true })).toHaveCount(0);
  await expectAccessible(page);
});

test('a regular user is not sent to the page at all', async ({ page, login }) => {
  await login.startFromDemoApp();
  await login.signIn(USERS.regularUser.username, USERS.regularUser.password);
  await expect(page).toHaveURL(/\/callback\?code=/);
  await expect(page.getByText(`Signed in as ${USERS.regularUser.username}`)).toBeVisible();
});
