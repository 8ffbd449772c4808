import { USERS, expect, expectAccessible, test } from './fixtures';

// Pasting goes through the real system clipboard and Ctrl+V.
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** The demo client's maximum (README: 10 to 64 characters), counted in code points after NFC. */
const MAXIMUM = 64;

test.describe('the password typed is the password set', () => {
  test('a pasted password longer than the maximum is kept whole, breaks the "no more than" rule and stops the submit', async ({
    page,
    openForm,
    passwordSet,
  }) => {
    await openForm();
    const posts = passwordSet.recordPosts();
    // 70 characters: every other rule met, so only the length can stop it.
    const tooLong = `Sunny-Meadow-42-${'x'.repeat(MAXIMUM + 6 - 16)}`;
    expect([...tooLong]).toHaveLength(MAXIMUM + 6);

    await passwordSet.currentPassword.fill(USERS.newUser.password);
    await passwordSet.paste(passwordSet.newPassword, tooLong);
    await passwordSet.paste(passwordSet.confirmPassword, tooLong);
    await test.step('nothing is cut: the fields hold all 70 characters', async () => {
      await expect(passwordSet.newPassword).toHaveValue(tooLong);
      await expect(passwordSet.confirmPassword).toHaveValue(tooLong);
      await expect(passwordSet.newPassword).not.toHaveAttribute('maxlength');
    });
    await expect(passwordSet.rule(/No more than 64 characters/)).toHaveAttribute(
      'data-state',
      'unmet',
    );
    await expect(passwordSet.rule(/At least 10 characters/)).toHaveAttribute('data-state', 'met');

    await passwordSet.submitButton.click();
    await expect(passwordSet.errorSummary).toBeFocused();
    await expect(passwordSet.errorSummary.getByRole('link')).toHaveText([
      'Use no more than 64 characters.',
    ]);
    await expect(passwordSet.newPassword).toHaveAttribute('aria-invalid', 'true');
    await expect(passwordSet.newPassword).toHaveAccessibleDescription(
      /Use no more than 64 characters\./,
    );
    await expect(passwordSet.newPassword).toHaveValue(tooLong);
    await expectAccessible(page);
    expect(posts).toEqual([]);

    await test.step('shortened by the user, it goes through', async () => {
      const shorter = tooLong.slice(0, MAXIMUM);
      await passwordSet.newPassword.fill(shorter);
      await passwordSet.confirmPassword.fill(shorter);
      await expect(passwordSet.rule(/No more than 64 characters/)).toHaveAttribute(
        'data-state',
        'met',
      );
      await passwordSet.submitButton.click();
      await expect(page).toHaveURL(/\/callback\?code=/);
      expect(posts.map((post) => post.body.get('new_password'))).toEqual([shorter]);
    });
  });

  test('64 emoji-heavy characters are within the maximum (as code points, not UTF-16 units) and arrive whole', async ({
    page,
    openForm,
    passwordSet,
  }) => {
    await openForm();
    const posts = passwordSet.recordPosts();
    // 64 code points, 124 UTF-16 units: an HTML maxlength of 64 would have cut it after 32 emoji.
    const emoji = `Aa1!${'😀'.repeat(MAXIMUM - 4)}`;
    expect([...emoji]).toHaveLength(MAXIMUM);
    expect(emoji.length).toBe(124);
    await passwordSet.currentPassword.fill(USERS.newUser.password);
    await passwordSet.paste(passwordSet.newPassword, emoji);
    await passwordSet.paste(passwordSet.confirmPassword, emoji);
    await expect(passwordSet.rule(/No more than 64 characters/)).toHaveAttribute(
      'data-state',
      'met',
    );
    await passwordSet.submitButton.click();
    await expect(page).toHaveURL(/\/callback\?code=/);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.get('new_password')).toBe(emoji);
    expect(posts[0]?.body.get('confirm_password')).toBe(emoji);
  });

  test('astral characters and decomposed accents, typed and pasted: cidaas receives what was typed, in NFC, and it signs in', async ({
    page,
    login,
    openForm,
    passwordSet,
  }) => {
    const session = await openForm();
    const posts = passwordSet.recordPosts();
    // "é" as e + U+0301 (as some keyboards and copied text produce it), 𝒳 and 😀 outside the BMP.
    const decomposed = 'Cafe\u0301-𝒳-Zo\u0308e-😀-2026';
    const composed = decomposed.normalize('NFC');
    expect(composed).not.toBe(decomposed);

    await passwordSet.currentPassword.fill(USERS.newUser.password);
    await test.step('typed key by key into the new password, pasted into the confirmation', async () => {
      await passwordSet.newPassword.pressSequentially(decomposed);
      await passwordSet.paste(passwordSet.confirmPassword, decomposed);
      // The fields hold exactly what was typed and pasted: the page alters nothing while the user types.
      expect(await passwordSet.newPassword.inputValue()).toBe(decomposed);
      expect(await passwordSet.confirmPassword.inputValue()).toBe(decomposed);
    });
    await expect(passwordSet.rule(/At least 10 characters/)).toHaveAttribute('data-state', 'met');
    await passwordSet.submitButton.click();
    await expect(page).toHaveURL(/\/callback\?code=/);

    await test.step('the body cidaas received holds the password in NFC, the current password as typed', async () => {
      expect(posts).toHaveLength(1);
      expect(posts[0]?.url).toMatch(new RegExp(`/login-srv/precheck/continue/${session.lsid}$`));
      expect(posts[0]?.body.get('new_password')).toBe(composed);
      expect(posts[0]?.body.get('confirm_password')).toBe(composed);
      expect(posts[0]?.body.get('old_password')).toBe(USERS.newUser.password);
    });

    await test.step('the next sign-in with the same password goes straight through', async () => {
      await login.startFromDemoApp();
      await login.signIn(USERS.newUser.username, composed);
      await expect(page).toHaveURL(/\/callback\?code=/);
      await expect(page.getByText(`Signed in as ${USERS.newUser.username}`)).toBeVisible();
    });
  });

  test('reset mode: the pasted password arrives whole and in NFC', async ({
    page,
    emulator,
    passwordSet,
  }) => {
    const session = await emulator.resetSession(USERS.regularUser.username);
    await passwordSet.open(session.url);
    const posts = passwordSet.recordPosts();
    const decomposed = 'Ne\u0301ne\u0301-𝒳𝒴-😀-Reset-9';
    await passwordSet.paste(passwordSet.newPassword, decomposed);
    await passwordSet.paste(passwordSet.confirmPassword, decomposed);
    await passwordSet.submitButton.click();
    await expect(page).toHaveURL(/\/identity\/password_set_success/);
    expect(
      posts.map((post) => [
        new URL(post.url).search,
        post.body.get('password'),
        post.body.get('confirmPassword'),
      ]),
    ).toEqual([['?action=acceptreset', decomposed.normalize('NFC'), decomposed.normalize('NFC')]]);
  });
});
