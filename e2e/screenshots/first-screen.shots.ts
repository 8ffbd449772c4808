import { USERS, expect, test } from '../fixtures';

/** Where the pictures go: the README links them. */
const DIR = 'docs/first-screen';

/** The sizes the first screen is designed for (e2e/first-screen.spec.ts measures them): a phone, two laptops. */
const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
] as const;

test.describe('first screen', () => {
  for (const locale of ['en', 'de', 'ar'] as const) {
    for (const viewport of VIEWPORTS) {
      test(`${locale} at ${viewport.width}×${viewport.height}`, async ({ page, emulator }) => {
        // The demo user's first sign-in (a temporary password), as the first screen's e2e test measures it.
        const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: locale });
        await page.setViewportSize(viewport);
        await page.goto(session.url);
        await expect(page.getByRole('banner').getByText('Acme Demo')).toBeVisible();
        // The tenant theme (logo height, font) arrives when the browser is idle after the form.
        await expect(page.getByRole('main')).toHaveCSS('font-family', /^Inter/);
        // Only what is on the screen without scrolling: that is the point of these pictures.
        await page.screenshot({ path: `${DIR}/${locale}-${viewport.width}x${viewport.height}.png` });
      });
    }
  }
});

test('the boot card, before the script runs (a slow phone)', async ({ page, emulator }) => {
  const session = await emulator.loginSession(USERS.newUser);
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/main-[A-Z0-9]{8}\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(session.url, { waitUntil: 'commit' });
  await expect(page.getByRole('progressbar', { name: 'Loading' })).toBeVisible();
  await page.screenshot({ path: 'screenshots/boot-card-360.png' });
  release();
});
