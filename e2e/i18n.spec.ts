import type { Page } from '@playwright/test';
import { USERS, expect, expectAccessible, test } from './fixtures';

/** The page's language and direction as set on `<html>`. */
async function documentLanguage(page: Page): Promise<{ lang: string; dir: string }> {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
  }));
}

test('ui_locales=de shows the page in German, with the German labels of the field setup', async ({
  page,
  emulator,
}) => {
  const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: 'de' });
  const fieldSetup = page.waitForRequest((request) =>
    request.url().includes('/registration-setup-srv/public/list'),
  );
  await page.goto(session.url);
  expect(new URL((await fieldSetup).url()).searchParams.get('acceptlanguage')).toBe('de');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Neues Passwort wählen');
  expect(await documentLanguage(page)).toEqual({ lang: 'de', dir: 'ltr' });
  // A first sign-in: the current password is the temporary one.
  await expect(page.getByLabel('Temporäres Passwort', { exact: true })).toBeVisible();
  // The tenant's wording (the emulator's German field setup) wins over ours ("Neues Passwort bestätigen").
  await expect(page.locator('#ps-confirm-password')).toHaveAccessibleName(
    'Neues Passwort wiederholen',
  );
  await expect(page.getByRole('button', { name: 'Neues Passwort speichern' })).toBeVisible();
});

test('ui_locales="de-CH fr" picks German, the first supported preference', async ({
  page,
  emulator,
}) => {
  const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: 'de-CH fr' });
  await page.goto(session.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Neues Passwort wählen');
  expect((await documentLanguage(page)).lang).toBe('de');
});

test('ui_locales=xx falls back to English', async ({ page, emulator }) => {
  const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: 'xx' });
  await page.goto(session.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a new password');
  expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' });
});

test('ui_locales=ar is right to left: form and checklist mirrored, tenant labels in Arabic, accessible', async ({
  page,
  emulator,
}) => {
  const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: 'ar' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(session.url);
  const newPassword = page.getByLabel('كلمة المرور الجديدة', { exact: true });
  await expect(newPassword).toBeVisible();
  expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });

  // Mirrored: a label's text starts at the right edge of its field, not the left.
  const boxes = await page.locator('label[for="ps-new-password"]').evaluate((label) => {
    const range = document.createRange();
    range.selectNodeContents(label);
    const text = range.getBoundingClientRect();
    const field = document
      .getElementById('ps-new-password')
      ?.parentElement?.getBoundingClientRect();
    return field
      ? {
          textLeft: text.left,
          textRight: text.right,
          fieldLeft: field.left,
          fieldRight: field.right,
        }
      : null;
  });
  expect(boxes).not.toBeNull();
  if (boxes) {
    expect(Math.abs(boxes.fieldRight - boxes.textRight)).toBeLessThan(8);
    expect(boxes.textLeft - boxes.fieldLeft).toBeGreaterThan(40);
  }

  await newPassword.fill('abc1!');
  const checklist = page
    .getByRole('list')
    .filter({ has: page.getByRole('listitem') })
    .first();
  const item = checklist.getByRole('listitem').first();
  const [listBox, itemText] = [
    await checklist.boundingBox(),
    await item.evaluate((element) => getComputedStyle(element).direction),
  ];
  expect(itemText).toBe('rtl');
  const icon = await item.evaluate((element) => {
    const first = element.firstElementChild?.getBoundingClientRect();
    const whole = element.getBoundingClientRect();
    return first ? { right: whole.right - first.right, left: first.left - whole.left } : null;
  });
  // The state marker (first child) sits at the right, where an rtl reader starts.
  expect(icon).not.toBeNull();
  if (icon && listBox) expect(icon.right).toBeLessThan(icon.left);

  await expectAccessible(page);
});

for (const locale of ['en-XA', 'ar-XB'] as const) {
  test(`pseudo-locale ${locale} stays usable at 320 px: no horizontal scrolling, direction from the script`, async ({
    page,
    emulator,
  }) => {
    const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: locale });
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(session.url);
    await expect(page.locator('#ps-new-password')).toBeVisible();
    expect(await documentLanguage(page)).toEqual({
      lang: locale,
      dir: locale === 'ar-XB' ? 'rtl' : 'ltr',
    });
    await page.locator('#ps-new-password').fill('abc1!');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
    await expectAccessible(page);
  });
}
