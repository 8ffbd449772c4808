import { USERS, expect, expectAccessible, test } from './fixtures';

test('a link without lsid explains itself and offers the way back to sign-in', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(`/identity/password_set?requestId=${session.requestId}`);
  await expect(passwordSet.heading).toHaveText('This link is incomplete');
  await expect(passwordSet.heading).toBeFocused();
  await expect(passwordSet.signInAgain).toBeVisible();
  await expectAccessible(page);
});

test('a link without anything tells the user to go back to the application', async ({
  page,
  passwordSet,
}) => {
  await passwordSet.open('/identity/password_set');
  await expect(passwordSet.heading).toHaveText('This link is incomplete');
  await expect(page.getByText(/go back to the application/)).toBeVisible();
  await expectAccessible(page);
});

test('an expired lsid offers "sign in again", which works', async ({
  page,
  emulator,
  passwordSet,
  login,
}) => {
  const session = await emulator.loginSession(USERS.newUser);
  await emulator.expireTrack(session.lsid);
  await passwordSet.open(session.url);

  await expect(passwordSet.heading).toHaveText('This link has expired');
  await expectAccessible(page);
  await passwordSet.signInAgain.click();

  await expect(page).toHaveURL(new RegExp(`/identity/login\\?requestId=${session.requestId}`));
  await login.signIn(USERS.newUser.username, USERS.newUser.password);
  await expect(page).toHaveURL(/\/identity\/password_set\?lsid=/);
  expect(new URL(page.url()).searchParams.get('lsid')).not.toBe(session.lsid);
  await passwordSet.changePassword(USERS.newUser.password, 'Sunny-Meadow-42');
  await expect(page).toHaveURL(/\/callback\?code=/);
});

test('an lsid that expired comes back from cidaas as track_expired, explained', async ({
  emulator,
  passwordSet,
}) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  await expect(passwordSet.heading).toHaveText('Choose a new password');
  await emulator.expireTrack(session.lsid);
  const landing = passwordSet.nextLoad();
  // Posted around the page's own check before the POST (which would find it first: submit-failures.spec.ts).
  await passwordSet.postAroundTheClient(session.lsid, {
    old_password: USERS.newUser.password,
    new_password: 'Sunny-Meadow-42',
    confirm_password: 'Sunny-Meadow-42',
  });
  expect((await landing).searchParams.get('error')).toBe('track_expired');
  await expect(passwordSet.heading).toHaveText('This link has expired');
  await expect(passwordSet.signInAgain).toHaveAttribute(
    'href',
    new RegExp(`/authz-srv/authz/resolve_redirect/${session.requestId}$`),
  );
});

test('a start-up failure offers a retry that works', async ({ page, emulator, passwordSet }) => {
  const session = await emulator.loginSession(USERS.newUser);
  await emulator.fault({ path: '/public-srv/public/*', status: 500, times: 1 });
  await passwordSet.open(session.url);
  await expect(passwordSet.alert).toContainText('The sign-in service had a problem');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(passwordSet.heading).toHaveText('Choose a new password');
});
