import { USERS, expect, expectAccessible, test } from './fixtures';

test('a wrong temporary (current) password is explained, the session is kept, and a retry succeeds', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);

  const landing = passwordSet.nextLoad();
  await passwordSet.changePassword('Not-my-password-1', 'Sunny-Meadow-42');

  expect((await landing).search).toMatch(
    new RegExp(`lsid=${session.lsid}.*requestId=${session.requestId}.*error=invalid_old_password`),
  );
  await expect(passwordSet.errorSummary).toContainText('The temporary password is not correct.');
  await expect(passwordSet.errorSummary).toBeFocused();
  await expect(passwordSet.currentPassword).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await passwordSet.changePassword(USERS.newUser.password, 'Sunny-Meadow-42');
  await expect(page).toHaveURL(/\/callback\?code=/);
  await expect(page.getByText(`Signed in as ${USERS.newUser.username}`)).toBeVisible();
});

test('passwords never appear in the URL', async ({ page, emulator, passwordSet }) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  await passwordSet.changePassword('Wrong-current-9', 'Sunny-Meadow-42');
  await expect(passwordSet.errorSummary).toBeVisible();
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) {
    expect(url).not.toContain('Wrong-current-9');
    expect(url).not.toContain('Sunny-Meadow-42');
  }
});
