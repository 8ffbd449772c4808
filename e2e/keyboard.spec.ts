import { USERS, expect, test } from './fixtures';

test('keyboard only: from page load to a successful change without the mouse', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);

  await test.step('focus starts on the heading; the first Tab reaches the current password', async () => {
    await expect(passwordSet.heading).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(passwordSet.currentPassword).toBeFocused();
  });

  await test.step('an invalid submit by Enter lands on the error summary; its link leads to the field', async () => {
    await page.keyboard.press('Enter');
    await expect(passwordSet.errorSummary).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(passwordSet.errorSummary.getByRole('link').first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(passwordSet.currentPassword).toBeFocused();
  });

  await test.step('type, tabbing through fields and toggles in order', async () => {
    await page.keyboard.type(USERS.newUser.password);
    await page.keyboard.press('Tab');
    await expect(passwordSet.toggle('Temporary password')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(passwordSet.currentPassword).toHaveAttribute('type', 'text');
    await page.keyboard.press('Tab');
    await expect(passwordSet.forgotPassword).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(passwordSet.newPassword).toBeFocused();
    await page.keyboard.type('Sunny-Meadow-42');
    await page.keyboard.press('Tab');
    await expect(passwordSet.toggle('New password')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(passwordSet.confirmPassword).toBeFocused();
    await page.keyboard.type('Sunny-Meadow-42');
    await page.keyboard.press('Tab');
    await expect(passwordSet.toggle('Confirm new password')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(passwordSet.submitButton).toBeFocused();
  });

  await test.step('submit with Enter and land in the application', async () => {
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/callback\?code=/);
  });
});

test('every focusable control shows a visible focus indicator', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  const seen = new Set<string>();
  for (let step = 0; step < 12; step++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const element = document.activeElement;
      // Past the last control focus leaves the page (activeElement is <body>): nothing to check there.
      if (!(element instanceof HTMLElement) || element === document.body) return null;
      const own = getComputedStyle(element);
      const ring = element.closest('.input-row');
      const ringStyle = ring ? getComputedStyle(ring) : null;
      const visible = (style: CSSStyleDeclaration | null) =>
        style !== null && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      return {
        id: element.id || element.textContent?.trim() || element.tagName,
        visible: visible(own) || visible(ringStyle),
      };
    });
    if (!info) continue;
    seen.add(info.id);
    expect(info.visible, `focus indicator on ${info.id}`).toBe(true);
  }
  expect(seen.size).toBeGreaterThanOrEqual(7);
});
