import type { Locator, Page } from '@playwright/test';
import { layoutShiftTotal, watchLayoutShifts } from './layout-shifts';
import { USERS, expect, expectAccessible, test, type Emulator } from './fixtures';
import type { PasswordSetPage } from './pages/password-set.page';

type Scheme = 'light' | 'dark';

/** What each seeded client must look like (see server/emulator/seed.json and public/themes/). */
interface Expected {
  readonly displayName: string | RegExp;
  /** The submit button's background per scheme, as computed CSS. */
  readonly primary: Readonly<Record<Scheme, string>>;
  /** The submit button's border colour per scheme: transparent unless the primary colour is too close to the background. */
  readonly primaryBorder: Readonly<Record<Scheme, string>>;
  /** The end of the logo URL per scheme, or null for no logo. */
  readonly logo: Readonly<Record<Scheme, string | null>>;
  /** The end of the background image URL per scheme, or null for none. */
  readonly background: Readonly<Record<Scheme, string | null>>;
  readonly radius: string;
  readonly links: readonly string[];
}

const DEFAULT_PRIMARY = 'rgb(36, 85, 195)';
const TRANSPARENT = 'rgba(0, 0, 0, 0)';

const CLIENTS: Readonly<Record<string, Expected>> = {
  'demo-client': {
    displayName: 'Acme Demo',
    primary: { light: DEFAULT_PRIMARY, dark: 'rgb(59, 111, 224)' },
    primaryBorder: { light: TRANSPARENT, dark: TRANSPARENT },
    logo: { light: '/emulator-assets/logo.svg', dark: '/emulator-assets/logo.svg' },
    background: {
      light: '/themes/demo-client-background.svg',
      dark: '/themes/demo-client-background-dark.svg',
    },
    radius: '8px',
    links: ['Privacy', 'Terms', 'Imprint'],
  },
  'dark-client': {
    displayName: 'Northwind Maritime',
    primary: { light: 'rgb(11, 31, 68)', dark: 'rgb(11, 31, 68)' },
    // Deep navy on the dark card: too close, so it gets a white border.
    primaryBorder: { light: TRANSPARENT, dark: 'rgb(255, 255, 255)' },
    logo: {
      light: '/themes/dark-client-logo.svg',
      dark: '/emulator-assets/northwind-logo-light.svg',
    },
    background: { light: null, dark: null },
    radius: '2px',
    links: ['Privacy', 'Terms'],
  },
  // Every branding value is hostile: the page must look exactly like the default theme.
  'hostile-client': {
    // Its display name is markup: dropped whole, the page falls back to the client name.
    displayName: 'hostile-client',
    primary: { light: DEFAULT_PRIMARY, dark: DEFAULT_PRIMARY },
    primaryBorder: { light: TRANSPARENT, dark: 'rgb(138, 180, 255)' },
    logo: { light: null, dark: null },
    background: { light: null, dark: null },
    radius: '6px',
    links: [],
  },
};

const WIDTHS = [320, 1280] as const;

/** Collects every request the page makes to a host other than the emulator. */
function foreignRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.hostname !== '127.0.0.1' && url.protocol !== 'data:') urls.push(request.url());
  });
  return urls;
}

for (const [clientId, expected] of Object.entries(CLIENTS)) {
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of WIDTHS) {
      test(`${clientId}, ${scheme}, ${width} px: tenant branding, validated`, async ({
        page,
        emulator,
        passwordSet,
      }) => {
        const foreign = foreignRequests(page);
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: width === 320 ? 720 : 900 });
        const session = await emulator.loginSession({ ...USERS.newUser, client_id: clientId });
        await passwordSet.open(session.url);
        await expect(passwordSet.heading).toHaveText('Choose a new password');

        const banner = page.getByRole('banner');
        const shell = page.locator('ps-page-shell');
        await test.step('the tenant colours, radius and background (the theme file arrives on its own time)', async () => {
          await expect(passwordSet.submitButton).toHaveCSS(
            'background-color',
            expected.primary[scheme],
          );
          await expect(passwordSet.submitButton).toHaveCSS(
            'border-top-color',
            expected.primaryBorder[scheme],
          );
          await expect(passwordSet.submitButton).toHaveCSS(
            'border-top-left-radius',
            expected.radius,
          );
          const background = expected.background[scheme];
          if (background === null) await expect(shell).toHaveCSS('background-image', 'none');
          else
            await expect(shell).toHaveCSS(
              'background-image',
              new RegExp(
                `^url\\("http://127\\.0\\.0\\.1:\\d+${background.replaceAll('.', '\\.')}"\\)$`,
              ),
            );
        });

        await test.step('the name is text, the logo only from a safe URL and loaded', async () => {
          await expect(banner.getByText(expected.displayName)).toBeVisible();
          const logo = banner.getByRole('img');
          const logoUrl = expected.logo[scheme];
          if (logoUrl === null) {
            await expect(banner.locator('img')).toHaveCount(0);
          } else {
            await expect(banner.locator('img')).toHaveAttribute(
              'src',
              new RegExp(`${logoUrl.replaceAll('.', '\\.')}$`),
            );
            await expect
              .poll(() =>
                banner
                  .locator('img')
                  .evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0),
              )
              .toBe(true);
          }
          expect(await logo.count()).toBe(0);
        });

        await test.step('the footer links: safe ones only, no opener, no referrer', async () => {
          const footer = page.getByRole('contentinfo');
          const links = footer.getByRole('link');
          if (expected.links.length === 0) {
            await expect(links).toHaveCount(0);
          } else {
            await expect(links).toHaveText(
              expected.links.map((name) => `${name} (opens in a new tab)`),
            );
            for (const link of await links.all()) {
              await expect(link).toHaveAttribute('href', /^https:\/\//);
              await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
              await expect(link).toHaveAttribute('target', '_blank');
            }
          }
        });

        expect(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          'no horizontal scrolling',
        ).toBe(true);
        await expectAccessible(page);
        await page.screenshot({
          path: `screenshots/branding-${clientId}-${scheme}-${width}.png`,
          fullPage: true,
        });
        expect(foreign, 'requests to other hosts').toEqual([]);
      });
    }
  }
}

test('the hostile client is neutralized: nothing hidden, no script ran, every value shown as text or dropped', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const foreign = foreignRequests(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const session = await emulator.loginSession({ ...USERS.newUser, client_id: 'hostile-client' });
  await passwordSet.open(session.url);
  await expect(passwordSet.heading).toBeVisible();

  await expect(page.locator('body')).toBeVisible();
  for (const field of [
    passwordSet.currentPassword,
    passwordSet.newPassword,
    passwordSet.confirmPassword,
    passwordSet.submitButton,
  ]) {
    await expect(field).toBeVisible();
  }
  expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe('block');
  // The display name is markup: it is dropped whole (never shown, not even cut) for the client name,
  // no element was made from it, and nothing set the flag.
  await expect(page.getByRole('banner')).toContainText('hostile-client');
  await expect(page.getByRole('banner')).not.toContainText('<script>');
  await expect(
    page.locator('ps-page-shell script, ps-page-shell img[src="x"], ps-page-shell b'),
  ).toHaveCount(0);
  await expect(page.getByRole('contentinfo')).toHaveText(
    '<b onmouseover="window.__hostile = true">© Hostile</b>',
  );
  expect(await page.evaluate(() => Reflect.get(window, '__hostile'))).toBeUndefined();
  await expect(page).toHaveTitle('Set your new password – hostile-client');
  // No tenant value reached the host's style: the default theme applies.
  await expect(page.locator('ps-password-set-page')).not.toHaveAttribute('style', /./);
  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
});

/** Opens the page for the dark client in dark mode; returns its logo, whose light-on-dark file is requested. */
async function openDarkClient(
  page: Page,
  emulator: Emulator,
  passwordSet: PasswordSetPage,
): Promise<Locator> {
  await page.emulateMedia({ colorScheme: 'dark' });
  const session = await emulator.loginSession({ ...USERS.newUser, client_id: 'dark-client' });
  await passwordSet.open(session.url);
  await expect(passwordSet.heading).toBeVisible();
  const logo = page.getByRole('banner').locator('img');
  await expect(logo).toHaveAttribute('src', /northwind-logo-light\.svg$/);
  // The theme file (dark surface, 40 px logo) follows the first render, when the browser is idle.
  await expect(page.getByRole('main')).toHaveCSS('background-color', 'rgb(17, 28, 51)');
  return logo;
}

test('the logo box is reserved: nothing moves when a slow logo arrives', async ({
  page,
  emulator,
  passwordSet,
}) => {
  let releaseLogo: () => void = () => undefined;
  const logoHeld = new Promise<void>((resolve) => (releaseLogo = resolve));
  await page.route('**/emulator-assets/northwind-logo-light.svg', async (route) => {
    await logoHeld;
    await route.continue();
  });
  const logo = await openDarkClient(page, emulator, passwordSet);
  // The theme has arrived too (see openDarkClient), so only the logo is still outstanding.
  expect(await logo.evaluate((image: HTMLImageElement) => image.complete)).toBe(false);
  const before = await passwordSet.heading.boundingBox();
  const logoBoxBefore = await logo.boundingBox();

  releaseLogo();
  await expect
    .poll(() =>
      logo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0),
    )
    .toBe(true);
  expect(await passwordSet.heading.boundingBox()).toEqual(before);
  expect(await logo.boundingBox()).toEqual(logoBoxBefore);
  expect(logoBoxBefore?.height).toBe(40);
});

test('a logo that fails to load shows nothing (no broken-image icon) and keeps its box', async ({
  page,
  emulator,
  passwordSet,
}) => {
  await page.route('**/emulator-assets/northwind-logo-light.svg', (route) =>
    route.fulfill({ status: 404, body: '' }),
  );
  const logo = await openDarkClient(page, emulator, passwordSet);
  await expect(logo).toHaveCSS('visibility', 'hidden');
  expect((await logo.boundingBox())?.height).toBe(40);
  await expectAccessible(page);
});

test('without a theme file (404) the cidaas branding applies, silently', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const themeResponses: number[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/themes/hostile-client.json')
      themeResponses.push(response.status());
  });
  await emulator.updateClient('hostile-client', {
    primaryColor: 'hsl(330, 80%, 40%)',
    client_display_name: 'Plain Tenant',
    backgroundUri: '/themes/demo-client-background.svg',
  });
  const session = await emulator.loginSession({ ...USERS.newUser, client_id: 'hostile-client' });
  await passwordSet.open(session.url);
  await expect(passwordSet.submitButton).toHaveCSS('background-color', 'rgb(184, 20, 102)');
  await expect(passwordSet.submitButton).toHaveCSS('color', 'rgb(255, 255, 255)');
  await expect(page.locator('ps-page-shell')).toHaveCSS(
    'background-image',
    /\/themes\/demo-client-background\.svg"\)$/,
  );
  await expect.poll(() => themeResponses).toEqual([404]);
});

test('follows a colour-scheme change while the page is open', async ({
  page,
  emulator,
  passwordSet,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const session = await emulator.loginSession({ ...USERS.newUser, client_id: 'demo-client' });
  await passwordSet.open(session.url);
  await expect(passwordSet.submitButton).toHaveCSS('background-color', DEFAULT_PRIMARY);
  await expect(page.locator('ps-page-shell')).toHaveCSS(
    'background-image',
    /demo-client-background\.svg/,
  );
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(passwordSet.submitButton).toHaveCSS('background-color', 'rgb(59, 111, 224)');
  await expect(page.locator('ps-page-shell')).toHaveCSS(
    'background-image',
    /demo-client-background-dark\.svg/,
  );
});

test('forced colors (Windows high contrast): no background image, the button keeps a system-colour border', async ({
  page,
  emulator,
  passwordSet,
}) => {
  await page.emulateMedia({ forcedColors: 'active' });
  const session = await emulator.loginSession({ ...USERS.newUser, client_id: 'demo-client' });
  await passwordSet.open(session.url);
  await expect(passwordSet.heading).toBeVisible();
  await expect(page.getByRole('banner').locator('img')).toHaveAttribute('src', /logo\.svg$/);
  await expect(page.locator('ps-page-shell')).toHaveCSS('background-image', 'none');
  await expect(passwordSet.submitButton).toHaveCSS('border-top-width', '2px');
  await expectAccessible(page);
  await page.screenshot({
    path: 'screenshots/branding-demo-client-forced-colors.png',
    fullPage: true,
  });
});

test('4K: the card stays centered and readable', async ({ page, emulator, passwordSet }) => {
  await page.setViewportSize({ width: 3840, height: 2160 });
  const session = await emulator.loginSession({ ...USERS.newUser, client_id: 'dark-client' });
  await passwordSet.open(session.url);
  const card = page.getByRole('main');
  await expect(passwordSet.submitButton).toHaveCSS('background-color', 'rgb(11, 31, 68)');
  const box = await card.boundingBox();
  expect(box).not.toBeNull();
  expect(Math.abs((box?.x ?? 0) + (box?.width ?? 0) / 2 - 1920)).toBeLessThanOrEqual(1);
  await expect(passwordSet.heading).toHaveCSS('font-size', '30px');
  await page.screenshot({ path: 'screenshots/branding-dark-client-light-3840.png' });
});

test('the success page carries the same tenant theme', async ({ page, emulator }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const session = await emulator.loginSession({ ...USERS.newUser, client_id: 'dark-client' });
  await page.goto(`/identity/password_set_success?requestId=${session.requestId}`);
  const continueLink = page.getByRole('link', { name: 'Continue to sign in' });
  await expect(continueLink).toHaveCSS('background-color', 'rgb(11, 31, 68)');
  await expect(continueLink).toHaveCSS('border-top-color', 'rgb(255, 255, 255)');
  await expect(page.getByRole('main')).toHaveCSS('background-color', 'rgb(17, 28, 51)');
  await expect(page.getByRole('contentinfo').getByRole('link')).toHaveCount(2);
  await expectAccessible(page);
});

test.describe('nothing moves while the page loads (layout shifts summed, as CLS does)', () => {
  for (const { width, locale } of [
    { width: 412, locale: 'en-US' },
    { width: 320, locale: 'de-DE' },
    { width: 1280, locale: 'ar' },
  ]) {
    test(`${width} px, ${locale}`, async ({ browser, emulator }) => {
      const context = await browser.newContext({ locale, viewport: { width, height: 800 } });
      const page = await context.newPage();
      await watchLayoutShifts(page);
      const session = await emulator.loginSession(USERS.newUser);
      await page.goto(session.url);
      await expect(page.locator('#ps-new-password')).toBeVisible();
      // The switcher shows once the translation file (with the languages' names) is there: wait for it.
      await expect(
        page.getByRole('button', { name: /^(Language: English|Sprache: Deutsch|اللغة: العربية)$/ }),
      ).toBeVisible();
      await expect(page.locator('.brand-name')).toBeVisible();
      // The tenant theme (themes/demo-client.json) arrives after the form: read the shifts only once its
      // font is applied, and after two frames, so a shift it causes is counted.
      await expect(page.getByRole('main')).toHaveCSS('font-family', /^Inter/);
      const total = await layoutShiftTotal(page);
      expect(total).toBeGreaterThanOrEqual(0);
      expect(total).toBeLessThan(0.01);
      await context.close();
    });
  }
});
