import { USERS, expect, test } from '../fixtures';

/** Where the pictures go. */
const DIR = 'screenshots';

test.describe('i18n screenshots', () => {
  for (const locale of ['en-XA', 'ar-XB', 'ar'] as const) {
    for (const width of [320, 1280] as const) {
      test(`${locale} at ${width} px`, async ({ page, emulator }) => {
        const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: locale });
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${session.url}&error=password_policy_violation&error_code=noOfSpecialChars`);
        await expect(page.locator('#ps-new-password')).toBeVisible();
        await page.locator('#ps-new-password').fill('abc1!');
        await page.screenshot({ path: `${DIR}/i18n-${locale}-${width}.png`, fullPage: true });
      });
    }
  }
});
