import type { Page, Request, Route } from '@playwright/test';

import { USERS, box, expect, expectAccessible, test } from './fixtures';

/**
 * The advisory strength meter: a lazy chunk (zxcvbn-ts) the form loads when the user first comes to
 * the new password, never at start-up. The form
 * works without it (held back or never arriving), it rates as the user types, in the page's language,
 * counts the tenant's and the user's names as guessable, never holds up the submit, moves nothing when
 * it arrives for a user who has moved on, and the password it rates never leaves the page.
 */

/** One of the ten most common passwords. */
const WEAK = 'qwerty';
const STRONG = 'qT7#vL2pX9!mR4zW';
/** Meets the demo policy and is not known from breaches, but zxcvbn rates it low (a common word and a year). */
const ADVISED_AGAINST = 'Welcome-2027';

/** Something only the meter's chunk holds: the name zxcvbn-ts gives its list of common passwords. */
const METER_MARK = 'passwords-common';

/**
 * Holds back the strength meter's chunk (route interception: a slow network for one file, which the
 * emulator cannot produce) until `release` is called; every other file goes through at once. Resolves
 * `requested` with whether the form was already on the page when the browser asked for the chunk.
 */
async function holdMeterChunk(page: Page): Promise<{
  release: () => void;
  requested: Promise<{ formShown: boolean }>;
  isRequested: () => boolean;
}> {
  let asked = false;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let requestedResolve!: (value: { formShown: boolean }) => void;
  const requested = new Promise<{ formShown: boolean }>((resolve) => (requestedResolve = resolve));
  await page.route(/\/chunk-[\w-]+\.js$/, async (route: Route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes(METER_MARK)) {
      asked = true;
      requestedResolve({
        formShown: await page.evaluate(
          () => document.querySelector('input[autocomplete="new-password"]') !== null,
        ),
      });
      await released;
    }
    await route.fulfill({ response, body });
  });
  return { release, requested, isRequested: () => asked };
}

/** Every spelling of a password that would give it away in a request. */
function spellings(password: string): string[] {
  return [
    password,
    encodeURIComponent(password),
    new URLSearchParams({ s: password }).toString().slice(2),
    JSON.stringify(password).slice(1, -1),
  ];
}

test('the meter loads when the user comes to the new password, after the form is usable, moves nothing on arrival, rates as the user types, and the password stays in the page', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  const chunk = await holdMeterChunk(page);
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  await expect(passwordSet.heading).toHaveText('Choose a new password');

  await test.step('nothing of the meter loads at start-up, nor for the first field', async () => {
    await passwordSet.currentPassword.fill(USERS.newUser.password);
    await page.waitForLoadState('networkidle');
    expect(chunk.isRequested()).toBe(false);
  });

  await test.step('the form works before the meter arrives', async () => {
    await passwordSet.newPassword.fill(STRONG);
    // Coming to the new password asked for it.
    expect((await chunk.requested).formShown).toBe(true);
    await expect(passwordSet.rule(/At least 10 characters/)).toHaveAttribute('data-state', 'met');
    await passwordSet.confirmPassword.fill(STRONG);
    await expect(passwordSet.strength).toHaveText('');
    await expect(passwordSet.strengthBar).toHaveCount(0);
  });

  await test.step('arriving while the user is elsewhere, it moves nothing', async () => {
    const before = await box(passwordSet.submitButton);
    chunk.release();
    // Settled: the chunk is in, and any rating it would start has had its pause.
    await page.waitForLoadState('networkidle');
    await expect(passwordSet.strength).toHaveText('');
    expect(await box(passwordSet.submitButton)).toEqual(before);
  });

  await test.step('typing in the field again, it rates; the line describes the field', async () => {
    await passwordSet.newPassword.press('End');
    await passwordSet.newPassword.press('x');
    await expect(passwordSet.strength).toHaveText('Password strength: very strong');
    await expect(passwordSet.strengthBar).toHaveAttribute('value', '5');
    await expect(passwordSet.newPassword).toHaveAccessibleDescription(
      /^Password strength: very strong/,
    );
  });

  await test.step('it follows the typing, with zxcvbn’s warning, and says a new level once', async () => {
    // What a screen reader hears: every text the live region takes.
    await page.evaluate(() => {
      const region = document.querySelector('#ps-new-password-strength [aria-live]');
      const said: string[] = [];
      Reflect.set(window, 'strengthSaid', said);
      if (region)
        new MutationObserver(() => said.push(region.textContent?.trim() ?? '')).observe(region, {
          childList: true,
          subtree: true,
          characterData: true,
        });
    });
    await passwordSet.newPassword.fill('');
    await expect(passwordSet.strength).toHaveText('');
    await passwordSet.newPassword.pressSequentially(WEAK, { delay: 40 });
    await expect(passwordSet.strength).toHaveText('Password strength: very weak');
    await expect(page.getByText('This is a heavily used password.')).toBeVisible();
    await expect(passwordSet.strengthBar).toHaveAttribute('value', '1');
    await expect(passwordSet.newPassword).toHaveAccessibleDescription(
      /Password strength: very weak This is a heavily used password\./,
    );
    const said = await page.evaluate(() => {
      const texts: unknown = Reflect.get(window, 'strengthSaid');
      return Array.isArray(texts) ? texts.filter((text) => text !== '') : [];
    });
    expect(said).toEqual(['Password strength: very weak']);
    await expectAccessible(page);
  });

  await test.step("the tenant's name and the user's count as guessable", async () => {
    // Without the page's words zxcvbn rates it very strong (see password-strength.spec.ts).
    await passwordSet.newPassword.fill('AcmeDemo2026');
    await expect(passwordSet.strength).toHaveText('Password strength: strong');
  });

  await test.step('the change goes through whatever the level (the meter only advises)', async () => {
    await passwordSet.newPassword.fill(ADVISED_AGAINST);
    await expect(passwordSet.strength).toHaveText(
      /^\s*Password strength: (very weak|weak|fair)\s*$/,
    );
    await passwordSet.changePassword(USERS.newUser.password, ADVISED_AGAINST);
    await expect(page).toHaveURL(/\/callback\?code=/);
  });

  const formPosts = requests.filter(
    (request) => request.method() === 'POST' && request.isNavigationRequest(),
  );
  expect(formPosts).toHaveLength(1);
  for (const request of requests) {
    const places = [
      request.url(),
      JSON.stringify(request.headers()),
      ...(formPosts.includes(request) ? [] : [request.postData() ?? '']),
    ];
    for (const secret of [WEAK, STRONG, 'AcmeDemo2026', ADVISED_AGAINST]) {
      const found = spellings(secret).filter((spelling) =>
        places.some((place) => place.includes(spelling)),
      );
      expect(found, `${secret} in ${request.method()} ${request.url()}`).toEqual([]);
    }
  }
});

test('a meter that never arrives holds nothing up', async ({ page, emulator, passwordSet }) => {
  const chunk = await holdMeterChunk(page);
  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  await passwordSet.newPassword.focus();
  await chunk.requested;
  await passwordSet.changePassword(USERS.newUser.password, STRONG);
  await expect(page).toHaveURL(/\/callback\?code=/);
});

test('in Arabic the meter speaks Arabic, right to left; in Korean it rates without a warning in another language', async ({
  page,
  emulator,
  passwordSet,
}) => {
  await test.step('Arabic, dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: 'ar' });
    await passwordSet.open(session.url);
    const field = page.getByLabel('كلمة المرور الجديدة', { exact: true });
    await field.fill(WEAK);
    await expect(passwordSet.strength).toHaveText('قوة كلمة المرور: ضعيفة جدًا');
    await expect(page.getByText('هذه كلمة مرور مستخدمة بكثرة.')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    // Right to left: the words at the start (right), the bar after them (to their left).
    const line = await box(passwordSet.strength);
    const bar = await box(passwordSet.strengthBar);
    expect(bar.x - line.x).toBeLessThan(1);
    expect(bar.x + bar.width).toBeLessThan(line.x + line.width - 40);
    await expectAccessible(page);
  });

  await test.step('Korean: the level in Korean, and no warning rather than an English one', async () => {
    const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: 'ko' });
    await passwordSet.open(session.url);
    const field = page.getByLabel('새 비밀번호', { exact: true });
    await field.fill(WEAK);
    await expect(passwordSet.strength).toHaveText('비밀번호 강도: 매우 약함');
    await expect(page.locator('#ps-new-password-strength')).toHaveText('비밀번호 강도: 매우 약함');
  });
});
