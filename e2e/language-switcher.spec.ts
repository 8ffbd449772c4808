import type { Locator, Page } from '@playwright/test';
import { USERS, expect, expectAccessible, test } from './fixtures';

/** The switcher's button, by its accessible name ("Language: English"), and the list it discloses. */
function switcher(page: Page, label: string, language: string): { button: Locator; list: Locator } {
  return {
    button: page.getByRole('button', { name: `${label}: ${language}`, exact: true }),
    list: page.getByRole('list', { name: label, exact: true }),
  };
}

/** Presses Tab until the link named `name` has focus (at most once per language). */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let presses = 0; presses < 45; presses++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')) === name)
      return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

test('by keyboard: opens the list, chooses French, and the page comes back in French with every URL parameter', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: 'en' });
  await page.goto(`${session.url}&extra=a%26b`);
  await expect(passwordSet.heading).toHaveText('Choose a new password');
  const { button, list } = switcher(page, 'Language', 'English');

  await test.step('the button comes just before the form in the tab order', async () => {
    await passwordSet.currentPassword.focus();
    await page.keyboard.press('Shift+Tab');
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(list).toBeHidden();
  });

  await test.step('Enter opens the list under the button; each language is named in its own language', async () => {
    await page.keyboard.press('Enter');
    await expect(list).toBeVisible();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(button).toBeFocused();
    await expect(list.getByRole('link')).toHaveCount(42);
    await expect(list.getByRole('link', { name: 'Deutsch' })).toHaveAttribute('lang', 'de');
    await expect(list.getByRole('link', { name: 'العربية' })).toHaveAttribute('hreflang', 'ar');
    await expect(list.getByRole('link', { name: 'English' })).toHaveAttribute(
      'aria-current',
      'true',
    );
    const [buttonBox, listBox] = [await button.boundingBox(), await list.boundingBox()];
    expect(listBox && buttonBox && listBox.y).toBeGreaterThanOrEqual(
      (buttonBox?.y ?? 0) + (buttonBox?.height ?? 0),
    );
  });

  await test.step('Tab walks into the list; Enter on Français switches', async () => {
    await tabTo(page, 'Français');
    const french = passwordSet.nextLoad();
    await page.keyboard.press('Enter');
    const url = await french;
    expect(url.pathname).toBe(new URL(session.url, url).pathname);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      lsid: session.lsid,
      requestId: session.requestId,
      ui_locales: 'fr',
      extra: 'a&b',
    });
  });

  await expect(passwordSet.heading).toHaveText('Choisissez un nouveau mot de passe');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  await expect(switcher(page, 'Langue', 'Français').button).toBeVisible();
});

test('Tab at once after opening enters the list; Escape closes it and returns focus to the button; so does a click elsewhere', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  const { button, list } = switcher(page, 'Language', 'English');
  // A quick typist: Tab at once after Enter opens the list, without waiting for anything to show.
  await button.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(list).toBeVisible();
  await expect(list.getByRole('link').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');

  await button.click();
  await expect(list).toBeVisible();
  await passwordSet.heading.click();
  await expect(list).toBeHidden();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
});

test('right to left: the button at the left, the list under it and on the screen', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: 'ar' });
  await page.setViewportSize({ width: 360, height: 740 });
  await passwordSet.open(session.url);
  const { button, list } = switcher(page, 'اللغة', 'العربية');
  await button.click();
  await expect(list).toBeVisible();
  const [buttonBox, listBox] = [await button.boundingBox(), await list.boundingBox()];
  if (!buttonBox || !listBox) throw new Error('no boxes');
  expect(buttonBox.x).toBeLessThan(180);
  expect(listBox.x).toBeGreaterThanOrEqual(0);
  expect(listBox.x + listBox.width).toBeLessThanOrEqual(360);
  expect(listBox.y).toBeGreaterThanOrEqual(buttonBox.y + buttonBox.height);
  expect(listBox.y + listBox.height).toBeLessThanOrEqual(740);
  await expectAccessible(page);
  await page.screenshot({ path: 'screenshots/language-list-ar-360.png' });
});

test('the success page has the switcher too, and it keeps requestId', async ({
  page,
  emulator,
}) => {
  const session = await emulator.loginSession(USERS.newUser);
  await page.goto(`/identity/password_set_success?requestId=${session.requestId}&ui_locales=de`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihr Passwort wurde geändert');
  const { button, list } = switcher(page, 'Sprache', 'Deutsch');
  await button.click();
  const english = list.getByRole('link', { name: 'English' });
  await expect(english).toBeVisible();
  const target = new URL((await english.getAttribute('href')) ?? '', page.url());
  expect(target.pathname).toBe('/identity/password_set_success');
  expect(Object.fromEntries(target.searchParams)).toEqual({
    requestId: session.requestId,
    ui_locales: 'en',
  });
  await english.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Your password has been changed',
  );
  await expect(switcher(page, 'Language', 'English').button).toBeVisible();
});

test('forced colors: the button and the list keep their borders', async ({
  page,
  emulator,
  passwordSet,
}) => {
  await page.emulateMedia({ forcedColors: 'active' });
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  const { button, list } = switcher(page, 'Language', 'English');
  await button.click();
  await expect(list).toBeVisible();
  await expect(button).toHaveCSS('border-top-style', 'solid');
  await expect(list).toHaveCSS('border-top-style', 'solid');
  await expectAccessible(page);
  await page.screenshot({ path: 'screenshots/language-list-forced-colors.png' });
});
