import type { Page } from '@playwright/test';
import { layoutShiftTotal, watchLayoutShifts } from './layout-shifts';
import { USERS, expect, test } from './fixtures';

/** The page's main script, as the build names it. */
const MAIN_SCRIPT = /\/main-[A-Z0-9]{8}\.js$/;

/**
 * Holds the page's main script until `release` is called: a phone on a slow network, where the HTML
 * has arrived and the script has not. The emulator cannot delay its own static files, hence the route.
 */
async function holdMainScript(
  page: Page,
): Promise<{ requested: Promise<void>; release: () => void }> {
  let release: () => void = () => undefined;
  let requested: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const request = new Promise<void>((resolve) => (requested = resolve));
  await page.route(MAIN_SCRIPT, async (route) => {
    requested();
    await held;
    await route.continue();
  });
  return { requested: request, release: () => release() };
}

/** The colour of one pixel of the page as painted (a screenshot, decoded by the browser itself). */
async function paintedColor(page: Page, x: number, y: number): Promise<string> {
  const png = (await page.screenshot({ clip: { x, y, width: 1, height: 1 } })).toString('base64');
  const probe = await page.context().newPage();
  try {
    return await probe.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const context = new OffscreenCanvas(1, 1).getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(image, 0, 0);
      const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
      return `rgb(${r}, ${g}, ${b})`;
    }, png);
  } finally {
    await probe.close();
  }
}

test('index.html paints the card with a spinner before any script runs; the page takes its place without moving it', async ({
  page,
  emulator,
}) => {
  // A still spinner (reduced motion), so its coloured arc is where a pixel can be checked.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await watchLayoutShifts(page);
  const session = await emulator.loginSession(USERS.newUser);
  // The start-up data comes slowly too (its requests, preloaded, start with the HTML), so the page's own
  // loading state can be seen taking over.
  await emulator.fault({ path: '/public-srv/public/*', delayMs: 6_000 });
  // The tenant theme (a 44 px logo instead of the default 48) comes when the browser is idle after the
  // form and may move it a little then (the branding tests hold that to CLS < 0.01): not this test's subject.
  await emulator.fault({ path: '/themes/*', delayMs: 30_000 });
  const script = await holdMainScript(page);
  await page.setViewportSize({ width: 412, height: 800 });
  await page.goto(session.url, { waitUntil: 'commit' });
  await script.requested;

  const card = page.getByRole('main');
  const spinner = page.getByRole('progressbar', { name: 'Loading' });
  await expect(spinner).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Set your new password' }),
  ).toBeAttached();
  const bootCard = await card.boundingBox();
  const bootSpinner = await spinner.boundingBox();
  if (!bootCard || !bootSpinner) throw new Error('the boot card has no box');
  expect(bootCard.height).toBeGreaterThan(150);

  await test.step('painted: the card on the page background, the spinner in the primary colour', async () => {
    expect(await paintedColor(page, 4, 796)).toBe('rgb(243, 245, 248)');
    expect(await paintedColor(page, bootCard.x + 12, bootCard.y + 12)).toBe('rgb(255, 255, 255)');
    expect(await paintedColor(page, bootSpinner.x + bootSpinner.width / 2, bootSpinner.y + 1)).toBe(
      'rgb(36, 85, 195)',
    );
    expect(await page.evaluate(() => performance.getEntriesByName('first-paint').length)).toBe(1);
  });

  script.release();
  await test.step("the page's loading state replaces the boot card, in the same place", async () => {
    const loading = page.getByRole('status').filter({ hasText: 'Loading your sign-in details' });
    await expect(loading).toBeVisible();
    await expect(spinner).toHaveCount(0);
    expect(await card.boundingBox()).toEqual(bootCard);
    expect(await loading.locator('.ps-spinner').boundingBox()).toEqual(bootSpinner);
  });

  await test.step('then the form, in the same card: its top and width unchanged, nothing shifted', async () => {
    await expect(page.getByLabel('Temporary password', { exact: true })).toBeVisible({
      timeout: 15_000,
    });
    const formCard = await card.boundingBox();
    expect(formCard && { x: formCard.x, y: formCard.y, width: formCard.width }).toEqual({
      x: bootCard.x,
      y: bootCard.y,
      width: bootCard.width,
    });
    await expect(card).toHaveCount(1);
    const total = await layoutShiftTotal(page);
    expect(total).toBeGreaterThanOrEqual(0);
    expect(total).toBeLessThan(0.01);
  });
});

test('on a wide screen the boot card is where the page puts its card too', async ({
  page,
  emulator,
}) => {
  const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: 'ar' });
  const script = await holdMainScript(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(session.url, { waitUntil: 'commit' });
  await script.requested;
  const card = page.getByRole('main');
  await expect(page.getByRole('progressbar', { name: 'Loading' })).toBeVisible();
  const bootCard = await card.boundingBox();
  script.release();
  await expect(page.getByLabel('كلمة المرور المؤقتة', { exact: true })).toBeVisible();
  const formCard = await card.boundingBox();
  expect(formCard && { x: formCard.x, y: formCard.y, width: formCard.width }).toEqual(
    bootCard && { x: bootCard.x, y: bootCard.y, width: bootCard.width },
  );
});

test('without JavaScript the boot card says the page needs it, with no spinner', async ({
  browser,
  emulator,
  baseURL,
}) => {
  const session = await emulator.loginSession(USERS.newUser);
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto(session.url);
  // What is rendered (innerText; Playwright's text matchers skip <noscript>).
  expect(
    await page
      .getByRole('main')
      .evaluate((main) => (main instanceof HTMLElement ? main.innerText : '')),
  ).toContain('This page needs JavaScript to set your new password.');
  await expect(page.getByRole('progressbar')).toBeHidden();
  await context.close();
});
