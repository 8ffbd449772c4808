import { USERS, box, expect, test } from './fixtures';

/** What the tests find the form by, per language (the demo user's first sign-in: a temporary password). */
const TEXTS = {
  en: { temporaryPassword: 'Temporary password', submit: 'Set new password' },
  de: { temporaryPassword: 'Temporäres Passwort', submit: 'Neues Passwort speichern' },
  ar: { temporaryPassword: 'كلمة المرور المؤقتة', submit: 'تعيين كلمة المرور الجديدة' },
} as const;

/**
 * The screens the first screen is designed for: the two most common laptop screens, where the whole
 * form, submit button included, must be visible without scrolling, and a common phone, where the
 * first password field must be.
 */
const SCREENS = [
  { width: 1366, height: 768, whole: true },
  { width: 1280, height: 800, whole: true },
  { width: 360, height: 740, whole: false },
] as const;

for (const [locale, text] of Object.entries(TEXTS)) {
  test(`${locale}: the first screen holds the whole form on a laptop and the first password field on a phone`, async ({
    page,
    emulator,
  }) => {
    const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: locale });
    for (const screen of SCREENS) {
      await test.step(`${screen.width}×${screen.height}`, async () => {
        await page.setViewportSize({ width: screen.width, height: screen.height });
        await page.goto(session.url);
        const first = page.getByLabel(text.temporaryPassword, { exact: true });
        const submit = page.getByRole('button', { name: text.submit });
        await expect(submit).toBeVisible();
        // The page as it stays: the brand shown, and the tenant theme (its logo height, its font) applied,
        // which arrives after the form, when the browser is idle.
        await expect(page.getByRole('banner').getByText('Acme Demo')).toBeVisible();
        await expect(page.getByRole('main')).toHaveCSS('font-family', /^Inter/);
        expect(
          await page.evaluate(() => [
            window.scrollX,
            window.scrollY,
            document.documentElement.scrollWidth <= window.innerWidth,
          ]),
        ).toEqual([0, 0, true]);

        const heading = await box(page.getByRole('heading', { level: 1 }));
        expect(heading.y).toBeGreaterThanOrEqual(0);
        const last = await box(screen.whole ? submit : first);
        expect(
          last.y + last.height,
          `the ${screen.whole ? 'submit button' : 'first password field'} ends within the first ${screen.height} px`,
        ).toBeLessThanOrEqual(screen.height);
      });
    }
  });
}
