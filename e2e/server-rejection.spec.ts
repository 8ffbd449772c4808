import { USERS, expect, expectAccessible, test } from './fixtures';

test('a server-side policy rejection (posting around the client) comes back explained', async ({
  page,
  openForm,
  passwordSet,
}) => {
  const session = await openForm();

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
  openForm,
  passwordSet,
}) => {
  const session = await openForm();
  const landing = passwordSet.nextLoad();
  // Meets every rule the page checks; only cidaas' breach list knows it.
  await passwordSet.changePassword(USERS.newUser.password, 'Password123!');
  expect(Object.fromEntries((await landing).searchParams)).toMatchObject({
    lsid: session.lsid,
    error: 'Bad Request',
    error_description: 'The password is compromised',
    error_code: 'VER_0120',
  });
  await expect(passwordSet.errorSummary).toContainText(
    'This password has appeared in a data breach',
  );
  await expect(passwordSet.errorSummary).not.toContainText(/Bad Request|mention the code/);
  await expect(passwordSet.newPassword).toHaveAttribute('aria-invalid', 'true');
  await test.step('the message sits next to the new password, the breach check is marked, and the summary says what to do', async () => {
    await expect(passwordSet.newPassword).toHaveAccessibleDescription(
      /This password has appeared in a data breach/,
    );
    const breach = passwordSet.rule(/known from data breaches/);
    await expect(breach).toHaveAttribute('data-state', 'unmet');
    await expect(breach).toHaveAttribute('data-rejected', '');
    await expect(breach).toContainText('(not met)');
    await expect(passwordSet.errorSummary).toContainText(
      'Please fill in the fields again, with a new password that meets every requirement in the list.',
    );
  });
  await expectAccessible(page);

  await passwordSet.changePassword(USERS.newUser.password, 'Sunny-Meadow-42');
  await expect(page).toHaveURL(/\/callback\?code=/);
});

test('a mismatch posted around the client is explained next to the confirmation', async ({
  openForm,
  passwordSet,
}) => {
  const session = await openForm();
  const landing = passwordSet.nextLoad();
  await passwordSet.postAroundTheClient(session.lsid, {
    old_password: USERS.newUser.password,
    new_password: 'Sunny-Meadow-42',
    confirm_password: 'Sunny-Meadow-43',
  });
  expect((await landing).searchParams.get('error')).toBe('password_mismatch');
  await expect(passwordSet.errorSummary).toContainText('did not match');
});

test('what only cidaas checks is listed before the submit, as checked when you continue', async ({
  page,
  openForm,
  passwordSet,
}) => {
  await openForm();
  // The demo client's policy has preventAlreadyUsedPwd; every cidaas tenant may refuse a breached password (VER_0120).
  for (const rule of [
    /Not one of your recent passwords/,
    /Not a password known from data breaches/,
  ]) {
    await expect(passwordSet.rule(rule)).toHaveAttribute('data-state', 'server');
    await expect(passwordSet.rule(rule)).toContainText('(checked when you continue)');
  }
  await passwordSet.newPassword.fill('Abcdefgh1!');
  await expect(passwordSet.rule(/At least 10 characters/)).toHaveAttribute('data-state', 'met');
  await expect(passwordSet.rule(/Not one of your recent passwords/)).toHaveAttribute(
    'data-state',
    'server',
  );
  await expect(passwordSet.newPassword).toHaveAccessibleDescription(
    /Not one of your recent passwords \(checked when you continue\)/,
  );
  await expectAccessible(page);
});

test('a recent password is refused: explained next to the field, the history rule marked until a new one is typed', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const session = await emulator.loginSession(USERS.flaggedUser);
  await passwordSet.open(session.url);
  const landing = passwordSet.nextLoad();
  // One of the flagged user's previous passwords (server/emulator/seed.json): every rule the page checks is met.
  await passwordSet.changePassword(USERS.flaggedUser.password, 'Summer-Time-2025!');
  expect((await landing).searchParams.get('error')).toBe('password_already_used');
  const history = passwordSet.rule(/Not one of your recent passwords/);
  await expect(history).toHaveAttribute('data-state', 'unmet');
  await expect(history).toHaveAttribute('data-rejected', '');
  await expect(passwordSet.newPassword).toHaveAccessibleDescription(
    /You have used this password before/,
  );
  await expect(passwordSet.errorSummary).toContainText('Please fill in the fields again');
  await expectAccessible(page);

  await passwordSet.newPassword.pressSequentially('Brand-New-Garden-7');
  await expect(history).toHaveAttribute('data-state', 'server');
  await expect(history).not.toHaveAttribute('data-rejected');
  await passwordSet.currentPassword.fill(USERS.flaggedUser.password);
  await passwordSet.confirmPassword.fill('Brand-New-Garden-7');
  await passwordSet.submitButton.click();
  await expect(page).toHaveURL(/\/callback\?code=/);
});
