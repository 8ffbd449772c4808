import { USERS, expect, test } from '../fixtures';

/** Where the pictures go; `docs/` keeps the one the README shows. */
const DIR = 'screenshots';

test.describe('screenshots', () => {
  test('light, desktop, typing', async ({ page, emulator, passwordSet }) => {
    const session = await emulator.loginSession(USERS.newUser);
    await page.setViewportSize({ width: 1100, height: 900 });
    await passwordSet.open(session.url);
    await passwordSet.currentPassword.fill(USERS.newUser.password);
    await passwordSet.newPassword.fill('Sunny-mead');
    await expect(passwordSet.rule(/At least 10 characters/)).toHaveAttribute('data-state', 'met');
    await page.screenshot({ path: `${DIR}/light-desktop.png`, fullPage: true });
    await page.screenshot({ path: 'docs/screenshot.png', fullPage: true });
  });

  test('dark, phone', async ({ page, emulator, passwordSet }) => {
    const session = await emulator.loginSession(USERS.flaggedUser);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 360, height: 780 });
    await passwordSet.open(session.url);
    await passwordSet.newPassword.fill('abc');
    await passwordSet.submitButton.click();
    await page.screenshot({ path: `${DIR}/dark-phone-invalid.png`, fullPage: true });
  });

  test('narrow 320 px, German, server error', async ({ page, emulator, passwordSet }) => {
    const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: 'de' });
    await page.setViewportSize({ width: 320, height: 700 });
    await passwordSet.open(`${session.url}&error=password_policy_violation&error_code=noOfSpecialChars`);
    await expect(page.getByRole('alert', { name: 'Ihr Passwort wurde nicht geändert' })).toBeVisible();
    await page.screenshot({ path: `${DIR}/narrow-de-error.png`, fullPage: true });
  });

  test('rtl (dir forced), light', async ({ page, emulator, passwordSet }) => {
    const session = await emulator.loginSession(USERS.newUser);
    await passwordSet.open(session.url);
    await expect(passwordSet.heading).toBeVisible();
    await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
    await passwordSet.newPassword.fill('abc1!');
    await page.screenshot({ path: `${DIR}/rtl.png`, fullPage: true });
  });

  test('expired link and start-up failure', async ({ page, emulator, passwordSet }) => {
    const session = await emulator.loginSession(USERS.newUser);
    await emulator.expireTrack(session.lsid);
    await passwordSet.open(session.url);
    await expect(passwordSet.heading).toHaveText('This link has expired');
    await page.screenshot({ path: `${DIR}/expired.png`, fullPage: true });
    const second = await emulator.loginSession(USERS.flaggedUser);
    await emulator.fault({ path: '/public-srv/public/*', status: 503 });
    await passwordSet.open(second.url);
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    await page.screenshot({ path: `${DIR}/startup-failure.png`, fullPage: true });
  });

  test('forced colors', async ({ page, emulator, passwordSet }) => {
    const session = await emulator.loginSession(USERS.newUser);
    await page.emulateMedia({ forcedColors: 'active' });
    await passwordSet.open(session.url);
    await passwordSet.newPassword.fill('Abc1');
    await page.screenshot({ path: `${DIR}/forced-colors.png`, fullPage: true });
  });
});
