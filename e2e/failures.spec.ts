import { USERS, expect, expectAccessible, test } from './fixtures';

const UNKNOWN_UUID = '0b7e2a5c-93f1-4d6e-8a2b-5c4d3e2f1a0b';

test.describe('every failure has an answer, and the login session is never lost', () => {
  test('no requestId', async ({ page, emulator, passwordSet }) => {
    const session = await emulator.loginSession(USERS.newUser);
    const url = `/identity/password_set?lsid=${session.lsid}`;
    await passwordSet.open(url);
    await expect(passwordSet.heading).toHaveText('This link is incomplete');
    await expect(page.getByText(/go back to the application/)).toBeVisible();
    expect(new URL(page.url()).searchParams.get('lsid')).toBe(session.lsid);
    await expectAccessible(page);
  });

  for (const [name, lsid] of [
    ['not a UUID', 'not-a-uuid'],
    ['10 kB long', 'a'.repeat(10_000)],
    ['a script', '"><script>window.__pwned=1</script>'],
  ] as const) {
    test(`a malformed lsid: ${name}`, async ({ page, emulator, passwordSet }) => {
      const session = await emulator.loginSession(USERS.newUser);
      let dialogs = 0;
      page.on('dialog', async (dialog) => {
        dialogs++;
        await dialog.dismiss();
      });
      await passwordSet.open(
        `/identity/password_set?lsid=${encodeURIComponent(lsid)}&requestId=${session.requestId}`,
      );
      await expect(passwordSet.heading).toHaveText('This link is incomplete');
      await expect(passwordSet.signInAgain).toHaveAttribute(
        'href',
        new RegExp(`resolve_redirect/${session.requestId}$`),
      );
      expect(await page.evaluate(() => 'pwned' in window || '__pwned' in window)).toBe(false);
      expect(dialogs).toBe(0);
    });
  }

  test('a malformed requestId with script in it', async ({ page, emulator, passwordSet }) => {
    const session = await emulator.loginSession(USERS.newUser);
    await passwordSet.open(
      `/identity/password_set?lsid=${session.lsid}&requestId=${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
    );
    await expect(passwordSet.heading).toHaveText('This link is incomplete');
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
  });

  test('an unknown requestId (E3 PUB10002)', async ({ page, emulator, passwordSet }) => {
    const session = await emulator.loginSession(USERS.newUser);
    await passwordSet.open(`/identity/password_set?lsid=${session.lsid}&requestId=${UNKNOWN_UUID}`);
    await expect(passwordSet.heading).toHaveText('Your sign-in has expired');
    await expect(page.getByText(/go back to the application/)).toBeVisible();
    await expectAccessible(page);
  });

  for (const [name, fault] of [
    ['500', { status: 500 }],
    ['garbage JSON', { status: 200, body: '{"success":true,"data":[{"fieldKey":' }],
  ] as const) {
    test(`the field setup fails (${name}): the page works with its own labels`, async ({
      page,
      emulator,
      passwordSet,
    }) => {
      const session = await emulator.loginSession(USERS.newUser);
      await emulator.fault({ path: '/registration-setup-srv/**', ...fault });
      await passwordSet.open(session.url);
      await expect(passwordSet.heading).toHaveText('Choose a new password');
      await passwordSet.changePassword(USERS.newUser.password, 'Sunny-Meadow-42');
      await expect(page).toHaveURL(/\/callback\?code=/);
    });
  }

  test('the network drops on start-up: a retry button that then works', async ({
    page,
    emulator,
    passwordSet,
  }) => {
    const session = await emulator.loginSession(USERS.newUser);
    // Not limited to one: Chromium silently retries a GET whose connection was dropped.
    await emulator.fault({ path: '/public-srv/public/*', drop: true });
    await passwordSet.open(session.url);
    await expect(passwordSet.alert).toContainText('We could not reach the sign-in service');
    await expect(passwordSet.heading).toBeFocused();
    await expectAccessible(page);
    expect((await page.request.delete('/__emulator/faults', { data: {} })).ok()).toBe(true);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(passwordSet.heading).toHaveText('Choose a new password');
    expect(page.url()).toContain(session.lsid);
  });

  test('an API that takes 15 s: the loading state stays informative and nothing fires twice', async ({
    page,
    emulator,
    passwordSet,
  }) => {
    test.setTimeout(45_000);
    const session = await emulator.loginSession(USERS.newUser);
    await emulator.fault({ path: '/public-srv/public/*', delayMs: 15_000, times: 1 });
    let clientInfoRequests = 0;
    page.on('request', (request) => {
      if (request.url().includes('/public-srv/public/')) clientInfoRequests++;
    });
    await passwordSet.open(session.url);
    await expect(
      page.getByRole('status').filter({ hasText: 'Loading your sign-in details' }),
    ).toBeVisible();
    await expect(page.getByText('This is taking longer than usual.', { exact: false })).toBeVisible(
      { timeout: 8_000 },
    );
    await expect(passwordSet.heading).toHaveText('Choose a new password', { timeout: 20_000 });
    expect(clientInfoRequests).toBe(1);
  });

  test('a missing translation file falls back to English, never a blank page', async ({
    page,
    emulator,
    passwordSet,
  }) => {
    const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: 'de' });
    await emulator.fault({ path: '/i18n/de.json', status: 404 });
    await passwordSet.open(session.url);
    await expect(passwordSet.heading).toHaveText('Choose a new password');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('error_description with HTML is never rendered, an unknown code is shown for support', async ({
    page,
    emulator,
    passwordSet,
  }) => {
    const session = await emulator.loginSession(USERS.newUser);
    const description = encodeURIComponent('<img src=x onerror="window.__pwned=1"><b>bold</b>');
    await passwordSet.open(`${session.url}&error=brand_new_error&error_description=${description}`);
    await expect(passwordSet.errorSummary).toContainText('mention the code brand_new_error');
    await expect(page.locator('img[src="x"], b')).toHaveCount(0);
    expect(await page.evaluate(() => '__pwned' in window)).toBe(false);
  });

  const HOSTILE_ERRORS = {
    markup: '<img src=x onerror="window.__pwned=1">',
    'a sentence with a phone number': 'Call our hotline +1-900-555-0199',
    'a phone number shaped like a code': 'call-1-900-555-0199',
    'an RTL override': 'abc\u202Eevil\u202C',
    'a zero-width joiner and an emoji': 'pass\u200Dword_😀',
    'another script': 'ошибка_пароля',
    '5,000 characters': 'a'.repeat(5000),
    'uppercase words': 'PLEASE_CALL_US',
  } as const;
  for (const [name, error] of Object.entries(HOSTILE_ERRORS)) {
    test(`a hostile error (${name}) is never shown: the generic message without a code`, async ({
      page,
      emulator,
      passwordSet,
    }) => {
      const session = await emulator.loginSession(USERS.newUser);
      const hostile = new URLSearchParams({ error, error_description: error, error_code: error });
      await passwordSet.open(`${session.url}&${hostile}`);
      await expect(passwordSet.errorSummary).toContainText(
        'If it keeps happening, contact support.',
      );
      await expect(passwordSet.errorSummary).not.toContainText('mention the code');
      const text = await page.locator('body').innerText();
      for (const fragment of [error.slice(0, 40), '900-555', '\u202E', 'evil', 'ошибка', 'CALL_US'])
        expect(text).not.toContain(fragment);
      await expect(page.locator('img[src="x"]')).toHaveCount(0);
      expect(await page.evaluate(() => '__pwned' in window)).toBe(false);
      await expectAccessible(page);
    });
  }

  test('cidaas’ documented redirect (error=Bad Request, error_code=VER_0120) is a compromised password, not "code Bad Request"', async ({
    emulator,
    passwordSet,
  }) => {
    const session = await emulator.loginSession(USERS.newUser);
    await passwordSet.open(
      `${session.url}&error=Bad+Request&error_description=The+password+is+compromised&error_code=VER_0120`,
    );
    await expect(passwordSet.errorSummary).toContainText('appeared in a data breach');
    await expect(passwordSet.errorSummary).not.toContainText(
      /Bad Request|mention the code|The password is compromised/,
    );
  });

  test('after an error the address bar loses only the error, and a reload shows a clean form with the session kept', async ({
    page,
    emulator,
    passwordSet,
  }) => {
    const session = await emulator.loginSession(USERS.newUser);
    const kept = `${session.url}&ui_locales=en&utm_source=mail&x=%7E`;
    await passwordSet.open(
      `${kept}&error=invalid_old_password&error_description=The+current+password+is+wrong.&error_code=X1&retry_after=30`,
    );
    await expect(passwordSet.errorSummary).toContainText('The temporary password is not correct.');
    await expect(page).toHaveURL(new URL(kept, page.url()).href);

    await page.reload();
    await expect(passwordSet.heading).toHaveText('Choose a new password');
    await expect(passwordSet.currentPassword).toBeVisible();
    await expect(passwordSet.errorSummary).toHaveCount(0);
    await expect(passwordSet.currentPassword).not.toHaveAttribute('aria-invalid', 'true');
    await passwordSet.changePassword(USERS.newUser.password, 'Sunny-Meadow-42');
    await expect(page).toHaveURL(/\/callback\?code=/);
  });

  test('a reload after cidaas sent the user back with an error shows a clean form, and Back does not bring the error again', async ({
    page,
    openForm,
    passwordSet,
  }) => {
    const session = await openForm();
    const landing = passwordSet.nextLoad();
    await passwordSet.changePassword('Not-my-password-1', 'Sunny-Meadow-42');
    expect((await landing).searchParams.get('error')).toBe('invalid_old_password');
    await expect(passwordSet.errorSummary).toContainText('The temporary password is not correct.');
    await expect(page).toHaveURL(
      new URL(
        `/identity/password_set?lsid=${session.lsid}&requestId=${session.requestId}`,
        page.url(),
      ).href,
    );

    await page.reload();
    await expect(passwordSet.currentPassword).toBeVisible();
    await expect(passwordSet.errorSummary).toHaveCount(0);

    // Another wrong submit, then Back to the entry of the first error: its URL no longer has it.
    const again = passwordSet.nextLoad();
    await passwordSet.changePassword('Not-my-password-2', 'Sunny-Meadow-42');
    expect((await again).searchParams.get('error')).toBe('invalid_old_password');
    await expect(passwordSet.errorSummary).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(
      new URL(
        `/identity/password_set?lsid=${session.lsid}&requestId=${session.requestId}`,
        page.url(),
      ).href,
    );
    await expect(passwordSet.currentPassword).toBeVisible();
    await expect(passwordSet.errorSummary).toHaveCount(0);
    await passwordSet.changePassword(USERS.newUser.password, 'Sunny-Meadow-42');
    await expect(page).toHaveURL(/\/callback\?code=/);
  });

  const CODE_MESSAGES = {
    invalid_old_password: 'The temporary password is not correct.',
    password_mismatch: 'The two new passwords did not match.',
    'password_policy_violation&error_code=minimumLength': 'The new password is too short.',
    password_policy_violation: 'The new password does not meet the password requirements.',
    password_already_used: 'You have used this password before.',
    password_same_as_old: 'must be different from your temporary password',
    'password_compromised&error_code=VER_0120': 'appeared in a data breach',
  } as const;
  for (const [error, message] of Object.entries(CODE_MESSAGES)) {
    test(`the URL error ${error} is explained`, async ({ emulator, passwordSet }) => {
      const session = await emulator.loginSession(USERS.newUser);
      await passwordSet.open(`${session.url}&error=${error}&error_description=server+text`);
      await expect(passwordSet.errorSummary).toContainText(message);
      await expect(passwordSet.errorSummary).not.toContainText('server text');
    });
  }

  for (const [error, wait] of [
    ['too_many_attempts&retry_after=600', /You can try again in (10:00|09:[0-5]\d)\./],
    ['too_many_attempts', /locked for a while\. Please try again later\./],
  ] as const) {
    test(`the URL error ${error} is explained by the lockout notice, never by the server's text`, async ({
      page,
      emulator,
      passwordSet,
    }) => {
      const session = await emulator.loginSession(USERS.newUser);
      await passwordSet.open(`${session.url}&error=${error}&error_description=server+text`);
      const notice = page.getByRole('region', { name: 'Too many attempts with a wrong password' });
      await expect(notice).toContainText(wait);
      await expect(notice).not.toContainText('server text');
      await expect(passwordSet.errorSummary).toHaveCount(0);
    });
  }

  for (const clickCount of [2, 3]) {
    test(`${clickCount} clicks on submit send one POST`, async ({
      page,
      openForm,
      passwordSet,
    }) => {
      await openForm();
      const posts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST') posts.push(request.url());
      });
      await passwordSet.currentPassword.fill(USERS.newUser.password);
      await passwordSet.newPassword.fill('Sunny-Meadow-42');
      await passwordSet.confirmPassword.fill('Sunny-Meadow-42');
      await passwordSet.submitButton.click({ clickCount });
      await expect(page).toHaveURL(/\/callback\?code=/);
      expect(posts).toHaveLength(1);
    });
  }

  test('the back button after a successful change: no re-post, no dead form', async ({
    page,
    openForm,
    passwordSet,
  }) => {
    await openForm();
    await passwordSet.changePassword(USERS.newUser.password, 'Sunny-Meadow-42');
    await expect(page).toHaveURL(/\/callback\?code=/);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await page.goBack();
    await expect(passwordSet.heading).toHaveText('This link has expired');
    await expect(passwordSet.currentPassword).toHaveCount(0);
    expect(posts).toEqual([]);
  });
});
