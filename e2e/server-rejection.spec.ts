import { USERS, expect, expectAccessible, test } from './fixtures';

test('a server-side policy rejection (posting around the client) comes back explained', async ({ page, emulator, passwordSet }) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  await expect(passwordSet.heading).toHaveText('Choose a new password');

  const landing = passwordSet.nextLoad();
  await passwordSet.postAroundTheClient(session.lsid, {
    old_password: USERS.newUser.password,
    new_password: 'weakpassword',
    confirm_password: 'weakpassword',
  });

  const back = await landing;
  expect(back.searchParams.get('error')).toBe('password_policy_violation');
  // The demo policy's first rule that "weakpassword" breaks: the message names that rule, not just any.
  expect(back.searchParams.get('error_code')).toBe('noOfDigits');
  await expect(page).toHaveURL(new RegExp(`lsid=${session.lsid}`));
  await expect(passwordSet.errorSummary).toContainText('The new password needs more digits.');
  await expect(passwordSet.errorSummary).not.toContainText('error_description');
  await expectAccessible(page);

  await test.step('the session is still usable', async () => {
    await passwordSet.changePassword(USERS.newUser.password, 'Sunny-Meadow-42');
    await expect(page).toHaveURL(/\/callback\?code=/);
  });
});

test('a breached password comes back in cidaas’ documented shape (error=Bad Request, error_code=VER_0120) and is explained', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  const landing = passwordSet.nextLoad();
  // Meets every rule the page checks; only cidaas' breach list knows it.
  await passwordSet.changePassword(USERS.newUser.password, 'Password123!');
  expect(Object.fromEntries((await landing).searchParams)).toMatchObject({
    lsid: session.lsid,
    error: 'Bad Request',
    error_description: 'The password is compromised',
    error_code: 'VER_0120',
  });
  await expect(passwordSet.errorSummary).toContainText('This password has appeared in a data breach');
  await expect(passwordSet.errorSummary).not.toContainText(/Bad Request|mention the code/);
  await expect(passwordSet.newPassword).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await passwordSet.changePassword(USERS.newUser.password, 'Sunny-Meadow-42');
  await expect(page).toHaveURL(/\/callback\?code=/);
});

test('a mismatch posted around the client is explained next to the confirmation', async ({ emulator, passwordSet }) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  await expect(passwordSet.heading).toBeVisible();
  const landing = passwordSet.nextLoad();
  await passwordSet.postAroundTheClient(session.lsid, {
    old_password: USERS.newUser.password,
    new_password: 'Sunny-Meadow-42',
    confirm_password: 'Sunny-Meadow-43',
  });
  expect((await landing).searchParams.get('error')).toBe('password_mismatch');
  await expect(passwordSet.errorSummary).toContainText('did not match');
});
