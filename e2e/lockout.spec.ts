import { USERS, expect, expectAccessible, test } from './fixtures';

test.describe('too many attempts: the form waits with the user, and offers the ways out', () => {
  test('after five wrong current passwords: a live countdown, the form disabled, the forgot-password page for the same sign-in, another account', async ({
    page,
    openForm,
    passwordSet,
  }) => {
    const session = await openForm();
    const landings = await passwordSet.submitWrongCurrentPasswords(5);
    expect(landings.map((landed) => landed.searchParams.get('error'))).toEqual([
      ...Array<string>(4).fill('invalid_old_password'),
      'too_many_attempts',
    ]);
    // retry_after in seconds: the 15-minute lock (our decision, server/emulator/store.ts).
    expect(landings.at(-1)?.searchParams.get('retry_after')).toBe('900');

    const notice = page.getByRole('region', { name: 'Too many attempts with a wrong password' });
    await expect(notice).toBeFocused();
    const timer = notice.getByRole('timer');
    await expect(timer).toHaveText(
      /^For your security, the form is locked\. You can try again in 1[45]:\d\d\.$/,
    );
    await test.step('the countdown is live', async () => {
      const first = await timer.textContent();
      await expect(timer).not.toHaveText(first ?? '', { timeout: 3_000 });
    });
    await test.step('the form is disabled meanwhile; the summary does not repeat the notice', async () => {
      for (const field of [
        passwordSet.currentPassword,
        passwordSet.newPassword,
        passwordSet.confirmPassword,
      ])
        await expect(field).toBeDisabled();
      await expect(passwordSet.submitButton).toBeDisabled();
      await expect(page.getByRole('alert', { name: 'Your password was not changed' })).toHaveCount(
        0,
      );
    });
    await expect(passwordSet.otherAccount).toHaveAttribute(
      'href',
      new RegExp(`/authz-srv/authz/resolve_redirect/${session.requestId}$`),
    );
    await expectAccessible(page);

    await test.step('the forgot-password way: cidaas’ page for the same sign-in, the account filled in', async () => {
      await notice.getByRole('link', { name: 'Forgot your password? Reset it' }).click();
      await expect(page).toHaveURL(
        new RegExp(`/identity/password_forgot_init\\?.*requestId=${session.requestId}`),
      );
      await expect(page.getByLabel(/email/i)).toHaveValue(USERS.newUser.username);
    });
  });

  test('when the wait is over the form comes back, says so, and the change goes through', async ({
    page,
    emulator,
    passwordSet,
  }) => {
    const session = await emulator.loginSession(USERS.newUser);
    // As cidaas sends it at the end of a short lock.
    await passwordSet.open(`${session.url}&error=too_many_attempts&retry_after=3`);
    const notice = page.getByRole('region', { name: 'Too many attempts with a wrong password' });
    await expect(notice.getByRole('timer')).toHaveText(/You can try again in 00:0[1-3]\./);
    await expect(passwordSet.newPassword).toBeDisabled();
    await expect(notice.getByRole('status')).toHaveText('You can try again now.', {
      timeout: 6_000,
    });
    await expect(notice.getByRole('timer')).toHaveCount(0);
    await expect(passwordSet.newPassword).toBeEnabled();
    await expectAccessible(page);
    await passwordSet.changePassword(USERS.newUser.password, 'Sunny-Meadow-42');
    await expect(page).toHaveURL(/\/callback\?code=/);
  });

  test('a reload during the lock shows a clean form, and cidaas says again how long is left', async ({
    page,
    openForm,
    passwordSet,
  }) => {
    await openForm();
    await passwordSet.submitWrongCurrentPasswords(5);
    await page.reload();
    await expect(passwordSet.newPassword).toBeEnabled();
    const landing = passwordSet.nextLoad();
    // Even the right password is refused while the lock lasts: the notice comes back with the time left.
    await passwordSet.changePassword(USERS.newUser.password, 'Sunny-Meadow-42');
    const retryAfter = Number((await landing).searchParams.get('retry_after'));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    await expect(
      page
        .getByRole('region', { name: 'Too many attempts with a wrong password' })
        .getByRole('timer'),
    ).toHaveText(/1[45]:\d\d/);
  });
});
