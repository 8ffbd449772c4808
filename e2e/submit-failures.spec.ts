import { USERS, expect, expectAccessible, test } from './fixtures';

const NEW_PASSWORD = 'Sunny-Meadow-42';
/** E7, which the page asks right before the POST (and at start-up). */
const E7 = '/token-srv/prelogin/metadata/*';

test.describe('no submit strands the user: cidaas is checked before the POST', () => {
  test('offline at submit: nothing is sent, the page stays with the fields kept and says so; back online, the same click works', async ({
    page,
    context,
    openForm,
    passwordSet,
    browserProblems,
  }) => {
    browserProblems.allow(/ERR_INTERNET_DISCONNECTED/);
    const session = await openForm();
    const posts = passwordSet.recordPosts();
    await passwordSet.currentPassword.fill(USERS.newUser.password);
    await passwordSet.newPassword.fill(NEW_PASSWORD);
    await passwordSet.confirmPassword.fill(NEW_PASSWORD);

    await context.setOffline(true);
    await passwordSet.submitButton.click();
    await expect(passwordSet.errorSummary).toContainText(
      'Nothing was changed. Check your connection and try again.',
    );
    await expect(passwordSet.errorSummary).toBeFocused();
    expect(posts).toEqual([]);
    expect(page.url()).toContain(`lsid=${session.lsid}`);
    await expect(passwordSet.currentPassword).toHaveValue(USERS.newUser.password);
    await expect(passwordSet.newPassword).toHaveValue(NEW_PASSWORD);
    await expect(passwordSet.confirmPassword).toHaveValue(NEW_PASSWORD);
    await expect(passwordSet.submitButton).not.toHaveAttribute('aria-disabled');
    await expectAccessible(page);

    await context.setOffline(false);
    await passwordSet.submitButton.click();
    await expect(page).toHaveURL(/\/callback\?code=/);
    expect(posts).toHaveLength(1);
  });

  for (const [name, fault, message] of [
    [
      'cidaas answers 503',
      { status: 503, times: 1 },
      'Nothing was changed: the sign-in service is not answering properly right now.',
    ],
    // Chromium retries a GET whose connection was dropped once by itself: the fault covers both.
    [
      'the connection drops',
      { drop: true },
      'Nothing was changed. Check your connection and try again.',
    ],
    [
      'a proxy answers with its own HTML page',
      {
        status: 200,
        body: '<html><body>Please log in to the Wi-Fi</body></html>',
        contentType: 'text/html',
        times: 1,
      },
      'Nothing was changed: the sign-in service',
    ],
  ] as const) {
    test(`${name} at submit: nothing is sent and the retry works`, async ({
      page,
      emulator,
      openForm,
      passwordSet,
    }) => {
      await openForm();
      const posts = passwordSet.recordPosts();
      await emulator.fault({ path: E7, ...fault });
      await passwordSet.changePassword(USERS.newUser.password, NEW_PASSWORD);
      await expect(passwordSet.errorSummary).toContainText(message);
      expect(posts).toEqual([]);
      await expect(passwordSet.newPassword).toHaveValue(NEW_PASSWORD);
      await emulator.clearFaults();
      await passwordSet.submitButton.click();
      await expect(page).toHaveURL(/\/callback\?code=/);
      expect(posts).toHaveLength(1);
    });
  }

  test('cidaas slower than 5 s: the page gives up, sends nothing, and meanwhile the form is busy, read-only and still focusable', async ({
    page,
    emulator,
    openForm,
    passwordSet,
  }) => {
    await openForm();
    const posts = passwordSet.recordPosts();
    await emulator.fault({ path: E7, delayMs: 8_000, times: 1 });
    await passwordSet.changePassword(USERS.newUser.password, NEW_PASSWORD);

    await test.step('while the check runs: busy, read-only, nothing sent', async () => {
      const busy = page.getByRole('button', { name: 'Saving your new password…' });
      await expect(busy).toHaveAttribute('aria-disabled', 'true');
      // Busy, not disabled: it keeps focus (aria-disabled is what assistive technology hears).
      await expect(busy).toHaveJSProperty('disabled', false);
      await expect(busy).toBeFocused();
      await expect(page.locator('form[aria-busy="true"]')).toHaveCount(1);
      for (const field of [
        passwordSet.currentPassword,
        passwordSet.newPassword,
        passwordSet.confirmPassword,
      ]) {
        await expect(field).toHaveJSProperty('readOnly', true);
      }
      await expect(
        page.getByRole('status').filter({ hasText: 'Saving your new password…' }),
      ).toHaveCount(1);
      await expectAccessible(page);
      // Typing changes nothing while the submit is under way.
      await passwordSet.newPassword.press('x');
      await expect(passwordSet.newPassword).toHaveValue(NEW_PASSWORD);
    });

    await expect(passwordSet.errorSummary).toContainText(
      'Nothing was changed. Check your connection and try again.',
      { timeout: 7_000 },
    );
    expect(posts).toEqual([]);
    await expect(passwordSet.newPassword).toHaveJSProperty('readOnly', false);
  });

  test('the link expired before the submit: "This link has expired" with the way back, instead of a POST', async ({
    page,
    emulator,
    openForm,
    passwordSet,
  }) => {
    const session = await openForm();
    const posts = passwordSet.recordPosts();
    await emulator.expireTrack(session.lsid);
    await passwordSet.changePassword(USERS.newUser.password, NEW_PASSWORD);
    await expect(passwordSet.heading).toHaveText('This link has expired');
    await expect(passwordSet.heading).toBeFocused();
    await expect(passwordSet.signInAgain).toHaveAttribute(
      'href',
      new RegExp(`/authz-srv/authz/resolve_redirect/${session.requestId}$`),
    );
    expect(posts).toEqual([]);
    await expectAccessible(page);
    await passwordSet.signInAgain.click();
    await expect(page).toHaveURL(new RegExp(`/identity/login\\?requestId=${session.requestId}`));
  });

  test('reset mode: offline at submit sends nothing and keeps the fields', async ({
    page,
    context,
    emulator,
    passwordSet,
    browserProblems,
  }) => {
    browserProblems.allow(/ERR_INTERNET_DISCONNECTED/);
    const session = await emulator.resetSession(USERS.regularUser.username);
    await passwordSet.open(session.url);
    const posts = passwordSet.recordPosts();
    await passwordSet.newPassword.fill('Quiet-Harbor-73');
    await passwordSet.confirmPassword.fill('Quiet-Harbor-73');
    await context.setOffline(true);
    await passwordSet.submitButton.click();
    await expect(passwordSet.errorSummary).toContainText(
      'Nothing was changed. Check your connection and try again.',
    );
    expect(posts).toEqual([]);
    await expect(passwordSet.confirmPassword).toHaveValue('Quiet-Harbor-73');
    await context.setOffline(false);
    await passwordSet.submitButton.click();
    await expect(page).toHaveURL(/\/identity\/password_set_success/);
  });
});
