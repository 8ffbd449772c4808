import { USERS, expect, expectAccessible, test } from './fixtures';

test('the checklist stays calm while typing: green once met, red only after leaving the field; an invalid submit focuses the first error', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);

  const colour = (rule: RegExp) =>
    passwordSet.rule(rule).evaluate((item) => getComputedStyle(item).color);
  // The default theme's muted text, success and danger colours (src/styles.css).
  const NEUTRAL = 'rgb(74, 81, 96)';
  const GREEN = 'rgb(26, 127, 55)';
  const RED = 'rgb(180, 35, 24)';

  await test.step('while the user types, a rule turns green once met and nothing turns red', async () => {
    await expect(passwordSet.rule(/At least 10 characters/)).toHaveAttribute(
      'data-state',
      'pending',
    );
    await passwordSet.newPassword.pressSequentially('a');
    // The first keystroke: no red anywhere.
    await expect(passwordSet.checklist.locator('[data-state="unmet"]')).toHaveCount(0);
    await passwordSet.newPassword.pressSequentially('bc1');
    await expect(passwordSet.rule(/At least 1 digit/)).toHaveAttribute('data-state', 'met');
    expect(await colour(/At least 1 digit/)).toBe(GREEN);
    await expect(passwordSet.rule(/At least 10 characters/)).toHaveAttribute(
      'data-state',
      'pending',
    );
    expect(await colour(/At least 10 characters/)).toBe(NEUTRAL);
    await expect(passwordSet.rule(/special character/)).toHaveAttribute('data-state', 'pending');
    await expect(passwordSet.checklist.locator('[data-state="unmet"]')).toHaveCount(0);
    // Screen readers hear the state too, not only a colour.
    await expect(passwordSet.rule(/lowercase and uppercase/)).toContainText('not yet met');
    await expectAccessible(page);
  });

  await test.step('leaving the field turns what is not met red; typing on, a rule met turns green', async () => {
    await passwordSet.confirmPassword.focus();
    await expect(passwordSet.rule(/At least 10 characters/)).toHaveAttribute('data-state', 'unmet');
    expect(await colour(/At least 10 characters/)).toBe(RED);
    await expect(passwordSet.rule(/special character/)).toHaveAttribute('data-state', 'unmet');
    await expect(passwordSet.rule(/lowercase and uppercase/)).toContainText('(not met)');
    await expect(passwordSet.rule(/At least 1 digit/)).toHaveAttribute('data-state', 'met');
    await passwordSet.newPassword.pressSequentially('!');
    await expect(passwordSet.rule(/special character/)).toHaveAttribute('data-state', 'met');
    await expect(passwordSet.rule(/At least 10 characters/)).toHaveAttribute('data-state', 'unmet');
    await expectAccessible(page);
  });

  await test.step('an invalid submit sends nothing and focuses the first field in error', async () => {
    let posted = false;
    page.on('request', (request) => {
      if (request.method() === 'POST') posted = true;
    });
    await passwordSet.submitButton.click();
    await expect(passwordSet.errorSummary).toBeFocused();
    await expect(passwordSet.errorSummary.getByRole('link')).toHaveText([
      'Enter your temporary password.',
      'Your new password does not meet all the requirements below.',
      'Enter your new password again.',
    ]);
    await expect(passwordSet.currentPassword).toHaveAttribute('aria-invalid', 'true');
    await expect(passwordSet.newPassword).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
    await passwordSet.errorSummary.getByRole('link').first().click();
    await expect(passwordSet.currentPassword).toBeFocused();
    await expect(page).toHaveURL(/\/identity\/password_set\?/);

    await passwordSet.currentPassword.fill(USERS.newUser.password);
    await passwordSet.submitButton.click();
    await expect(passwordSet.errorSummary.getByRole('link')).toHaveText([
      'Your new password does not meet all the requirements below.',
      'Enter your new password again.',
    ]);
    await passwordSet.errorSummary.getByRole('link').first().click();
    await expect(passwordSet.newPassword).toBeFocused();
    expect(posted).toBe(false);
  });

  await test.step('meeting every rule turns the list green and lets the change through', async () => {
    await passwordSet.newPassword.fill('Abcdefgh1!');
    // The rules the page checks turn met; what only cidaas checks stays "checked when you continue".
    const items = passwordSet.checklist.getByRole('listitem');
    await expect(items).toHaveCount(7);
    for (const item of (await items.all()).slice(0, 5)) {
      await expect(item).toHaveAttribute('data-state', 'met');
    }
    for (const item of (await items.all()).slice(5)) {
      await expect(item).toHaveAttribute('data-state', 'server');
    }
    await passwordSet.confirmPassword.fill('Abcdefgh1!');
    await passwordSet.submitButton.click();
    await expect(page).toHaveURL(/\/callback\?code=/);
  });
});

test('messages never move the submit button from under a click, and passing over an empty field is no mistake', async ({
  emulator,
  passwordSet,
}) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  await expect(passwordSet.heading).toBeFocused();
  await passwordSet.currentPassword.focus();

  // Leaving the (focused, empty) current password for the new one: no "Enter your current password" yet.
  await passwordSet.newPassword.fill('Abcdefgh1!');
  await expect(passwordSet.currentPassword).not.toHaveAttribute('aria-invalid', 'true');

  // A wrong confirmation, then straight to the button with a slow press (as people click): the
  // mismatch must not appear between press and release, or the click would miss the moved button.
  await passwordSet.confirmPassword.fill('Abcdefgh1?');
  const button = await passwordSet.pressSlowly(passwordSet.submitButton, async () => {
    await expect(passwordSet.confirmPassword).not.toBeFocused();
  });
  expect(button.after.y).toBe(button.before.y);
  await expect(passwordSet.errorSummary).toBeFocused();
  await expect(passwordSet.errorSummary.getByRole('link')).toHaveText([
    'Enter your temporary password.',
    'The two new passwords do not match.',
  ]);
});

test('a slow click on a button that the left field\'s message moves still lands: "Show" after a too-short new password, and after a mismatched confirmation', async ({
  openForm,
  passwordSet,
}) => {
  await openForm();
  const cases = [
    { field: passwordSet.newPassword, label: 'New password', typed: 'abc1' },
    { field: passwordSet.confirmPassword, label: 'Confirm new password', typed: 'abc2' },
  ];
  for (const { field, label, typed } of cases) {
    await field.fill(typed);
    const toggle = passwordSet.toggle(label);
    const pressed = await passwordSet.pressSlowly(toggle);
    expect(pressed.after, `${label}: the toggle stays under the pointer`).toEqual(pressed.before);
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(field).toHaveAttribute('type', 'text');
    // The field left shows its message, once the click is done.
    await expect(field).toHaveAttribute('aria-invalid', 'true');
  }
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });

  test('a tap on "Show" after a too-short new password shows it, and the field\'s message appears', async ({
    openForm,
    passwordSet,
  }) => {
    await openForm();
    await passwordSet.newPassword.tap();
    await passwordSet.newPassword.fill('abc1');
    const toggle = passwordSet.toggle('New password');
    await toggle.tap();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(passwordSet.newPassword).toHaveAttribute('type', 'text');
    await expect(passwordSet.newPassword).toHaveAttribute('aria-invalid', 'true');
  });
});
