import { USERS, expect, expectAccessible, test } from './fixtures';

const SERVER_ERRORS = [
  'invalid_old_password',
  'password_mismatch',
  'password_policy_violation&error_code=noOfDigits',
  'password_already_used',
  'password_same_as_old',
  'password_compromised&error_code=VER_0120',
  'something_new',
] as const;

test.describe('axe finds nothing in any state', () => {
  test('empty, typing, rules met and unmet, invalid submit', async ({
    page,
    emulator,
    passwordSet,
  }) => {
    // Five axe scans in one test: about 13 s on a quiet machine, past the default 30 s on a loaded one.
    test.setTimeout(60_000);
    const session = await emulator.loginSession(USERS.newUser);
    await passwordSet.open(session.url);
    await expect(passwordSet.heading).toBeVisible();
    await expectAccessible(page);

    await passwordSet.newPassword.fill('abc');
    // Red once the user has left the field (neutral while typing).
    await passwordSet.confirmPassword.focus();
    await expect(passwordSet.rule(/At least 10 characters/)).toHaveAttribute('data-state', 'unmet');
    await expectAccessible(page);

    await passwordSet.newPassword.fill('Abcdefgh1!');
    await expect(passwordSet.rule(/At least 10 characters/)).toHaveAttribute('data-state', 'met');
    await expectAccessible(page);

    await passwordSet.newPassword.fill('');
    await passwordSet.submitButton.click();
    await expect(passwordSet.errorSummary).toBeFocused();
    await expectAccessible(page);
  });

  for (const error of SERVER_ERRORS) {
    test(`server error ${error}`, async ({ page, emulator, passwordSet }) => {
      const session = await emulator.loginSession(USERS.newUser);
      await passwordSet.open(`${session.url}&error=${error}`);
      await expect(passwordSet.errorSummary).toBeFocused();
      await expectAccessible(page);
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    test(`lockout with its countdown, ${scheme} mode`, async ({ page, emulator, passwordSet }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const session = await emulator.loginSession(USERS.newUser);
      await passwordSet.open(`${session.url}&error=too_many_attempts&retry_after=600`);
      await expect(
        page.getByRole('region', { name: 'Too many attempts with a wrong password' }),
      ).toBeFocused();
      await expect(passwordSet.newPassword).toBeDisabled();
      await expectAccessible(page);
    });
  }

  test('a used reset link, dark mode', async ({ page, emulator, passwordSet }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const session = await emulator.resetSession(USERS.regularUser.username);
    await passwordSet.open(`${session.url}&error=Bad+Request&error_code=VER_0007`);
    await expect(page.getByRole('link', { name: 'Get a new reset link' })).toBeVisible();
    await expectAccessible(page);
  });

  test('expired link, dark mode', async ({ page, emulator, passwordSet }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const session = await emulator.loginSession(USERS.newUser);
    await emulator.expireTrack(session.lsid);
    await passwordSet.open(session.url);
    await expect(passwordSet.heading).toHaveText('This link has expired');
    await expectAccessible(page);
  });

  test('dark mode with errors', async ({ page, emulator, passwordSet }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const session = await emulator.loginSession(USERS.newUser);
    await passwordSet.open(`${session.url}&error=invalid_old_password`);
    await passwordSet.newPassword.fill('abc1');
    await expect(passwordSet.rule(/At least 1 digit/)).toHaveAttribute('data-state', 'met');
    await expectAccessible(page);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`the language list open, ${scheme} mode`, async ({ page, emulator, passwordSet }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const session = await emulator.loginSession(USERS.newUser);
      await passwordSet.open(session.url);
      await page.getByRole('button', { name: 'Language: English' }).click();
      await expect(
        page.getByRole('list', { name: 'Language' }).getByRole('link', { name: 'Deutsch' }),
      ).toBeVisible();
      await expectAccessible(page);
    });
  }

  test('the boot card, before the script runs', async ({ page, emulator }) => {
    const session = await emulator.loginSession(USERS.newUser);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/main-[A-Z0-9]{8}\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(session.url, { waitUntil: 'commit' });
    await expect(page.getByRole('progressbar', { name: 'Loading' })).toBeVisible();
    await expectAccessible(page);
    release();
  });
});

test('password managers get what they need', async ({ page, emulator, passwordSet }) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  await expect(passwordSet.currentPassword).toHaveAttribute('autocomplete', 'current-password');
  await expect(passwordSet.newPassword).toHaveAttribute('autocomplete', 'new-password');
  await expect(passwordSet.confirmPassword).toHaveAttribute('autocomplete', 'new-password');
  await expect(passwordSet.newPassword).toHaveAttribute(
    'passwordrules',
    'minlength: 10; maxlength: 64; required: digit; required: special; required: lower; required: upper;',
  );
  await expect(passwordSet.newPassword).toHaveAttribute('minlength', '10');
  // Never a maxlength: it would cut a pasted password silently (the policy's maximum is a rule instead).
  for (const field of [
    passwordSet.currentPassword,
    passwordSet.newPassword,
    passwordSet.confirmPassword,
  ])
    await expect(field).not.toHaveAttribute('maxlength');
  const username = page.locator('input[autocomplete="username"]');
  await expect(username).toHaveValue(USERS.newUser.username);
  await expect(username).toHaveAttribute('readonly', '');
  // Hidden from screen readers and out of the tab order: they hear the "Account: …" line, not a second "Username".
  await expect(username).toHaveAttribute('aria-hidden', 'true');
  await expect(username).toHaveAttribute('tabindex', '-1');
  // Clipped, not display:none, so password managers still read it.
  await expect(username).not.toBeHidden();
  expect(await username.evaluate((element) => getComputedStyle(element).display)).not.toBe('none');
  const box = await username.boundingBox();
  expect((box?.width ?? 0) * (box?.height ?? 0)).toBeLessThanOrEqual(1);
});

test('toggles show and hide each password and name their field', async ({
  emulator,
  passwordSet,
}) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  for (const [label, field] of [
    ['Temporary password', passwordSet.currentPassword],
    ['New password', passwordSet.newPassword],
    ['Confirm new password', passwordSet.confirmPassword],
  ] as const) {
    const toggle = passwordSet.toggle(label);
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(toggle).toHaveText('Show');
    await toggle.click();
    await expect(field).toHaveAttribute('type', 'text');
    // The visible word says what a press does now; the name stays, the state is aria-pressed.
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(toggle).toHaveText('Hide');
    await toggle.click();
    await expect(field).toHaveAttribute('type', 'password');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(toggle).toHaveText('Show');
  }
});

test('the live summary counts met rules after a pause, politely', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  const live = page.getByTestId('rules-live-summary');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await passwordSet.newPassword.pressSequentially('abc1');
  await expect(live).toHaveText('2 of 5 requirements met');
  await passwordSet.newPassword.pressSequentially('DEFGHI!');
  await expect(live).toHaveText('5 of 5 requirements met');
});

test('a Caps Lock warning appears while Caps Lock is on', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  // Headless Chromium cannot toggle the real Caps Lock, so the key events carry the modifier state
  // Chromium reports through getModifierState('CapsLock').
  const key = (capsLock: boolean) =>
    passwordSet.currentPassword.evaluate((input, on) => {
      input.dispatchEvent(
        new KeyboardEvent('keydown', {
          key: on ? 'A' : 'b',
          bubbles: true,
          modifierCapsLock: on,
        } as KeyboardEventInit),
      );
    }, capsLock);
  await key(true);
  await expect(page.getByText('Caps Lock is on.')).toBeVisible();
  await expect(passwordSet.currentPassword).toHaveAttribute(
    'aria-describedby',
    /ps-old-password-caps/,
  );
  await key(false);
  await expect(page.getByText('Caps Lock is on.')).toBeHidden();
});

test('pasting into every field works', async ({ page, emulator, passwordSet }) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  for (const field of [
    passwordSet.currentPassword,
    passwordSet.newPassword,
    passwordSet.confirmPassword,
  ]) {
    await field.focus();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'Pasted-Secret-1');
      const target = document.activeElement;
      const allowed = target?.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
      if (allowed && target instanceof HTMLInputElement) {
        target.value = 'Pasted-Secret-1';
        target.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    await expect(field).toHaveValue('Pasted-Secret-1');
  }
});
