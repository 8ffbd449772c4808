import { USERS, expect, expectAccessible, test } from './fixtures';

test('a server-side policy rejection (posting around the client) comes back explained', async ({ page, emulator, passwordSet }) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  await expect(passwordSet.heading).toHaveText('Choose a new password');

  await passwordSet.postAroundTheClient(session.lsid, {
    old_password: USERS.newUser.password,
    new_password: 'weakpassword',
    confirm_password: 'weakpassword',
  });

  await expect(page).toHaveURL(/error=password_policy_violation/);
  await expect(page).toHaveURL(new RegExp(`lsid=${session.lsid}`));
  await expect(passwordSet.errorSummary).toContainText('The new password');
  await expect(passwordSet.errorSummary).not.toContainText('error_description');
  await expectAccessible(page);

  await test.step('the session is still usable', async () => {
    await passwordSet.changePassword(USERS.newUser.password, 'Sunny-Meadow-42');
    await expect(page).toHaveURL(/\/callback\?code=/);
  });
});

test('a mismatch posted around the client is explained next to the confirmation', async ({ page, emulator, passwordSet }) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  await expect(passwordSet.heading).toBeVisible();
  await passwordSet.postAroundTheClient(session.lsid, {
    old_password: USERS.newUser.password,
    new_password: 'Sunny-Meadow-42',
    confirm_password: 'Sunny-Meadow-43',
  });
  await expect(page).toHaveURL(/error=password_mismatch/);
  await expect(passwordSet.errorSummary).toContainText('did not match');
});
