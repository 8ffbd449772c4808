import { createHash } from 'node:crypto';

import type { Request } from '@playwright/test';

import { USERS, expect, expectAccessible, test } from './fixtures';

/**
 * The advisory breached-password warning against the emulator's range API (Pwned Passwords style):
 * a breached new password is warned about before the submit, a fresh one is not, the range API being
 * down shows nothing and changes nothing, and the password leaves the page only as the 5-character
 * prefix of its SHA-1 (and in the real form POST to cidaas).
 */

const BREACHED = 'Password123!';
const ALSO_BREACHED = 'Welcome2026!';
const FRESH = 'Sunny-Meadow-42ä';
const RANGE_URL = /\/pwned-passwords\/range\/[0-9A-F]{5}$/;

/** The upper-case hex SHA-1 of a password's UTF-8 bytes (NFC), as the page computes it. */
function sha1(password: string): string {
  return createHash('sha1').update(password.normalize('NFC'), 'utf8').digest('hex').toUpperCase();
}

/** Every spelling of a secret that would give it away: the password raw and encoded, its full hash and the hash's suffix, in either case. */
function spellings(password: string): string[] {
  const hash = sha1(password);
  return [
    password,
    encodeURIComponent(password),
    new URLSearchParams({ s: password }).toString().slice(2),
    JSON.stringify(password).slice(1, -1),
    hash,
    hash.toLowerCase(),
    hash.slice(5),
    hash.slice(5).toLowerCase(),
  ];
}

test('a breached new password is warned about, politely and described; a fresh one is not; only the hash prefix leaves the page', async ({
  page,
  openForm,
  passwordSet,
}) => {
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  await openForm();
  const base = new URL('/pwned-passwords', page.url()).href;

  await test.step('leaving the field with a breached password shows the warning', async () => {
    const range = page.waitForResponse(
      (response) => response.url() === `${base}/range/${sha1(BREACHED).slice(0, 5)}`,
    );
    await passwordSet.newPassword.fill(BREACHED);
    await passwordSet.newPassword.press('Tab');
    expect((await range).status()).toBe(200);
    await expect(passwordSet.breachWarning).toBeVisible();
    await expect(passwordSet.newPassword).toHaveAccessibleDescription(
      /This password has appeared in a data breach/,
    );
    await expect(page.locator('#ps-new-password-caps')).toHaveAttribute('aria-live', 'polite');
    // Advisory: not an error of the field.
    await expect(passwordSet.newPassword).not.toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
  });

  await test.step('a warning that arrives while a button below is pressed waits for the release, so the click lands', async () => {
    const range = page.waitForResponse(
      (response) => response.url() === `${base}/range/${sha1(ALSO_BREACHED).slice(0, 5)}`,
    );
    await passwordSet.newPassword.fill(ALSO_BREACHED);
    const toggle = passwordSet.toggle('Confirm new password');
    // Leaving the field by the press starts the check; its answer comes before the release.
    const pressed = await passwordSet.pressSlowly(toggle, () => range);
    expect(pressed.after).toEqual(pressed.before);
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(passwordSet.breachWarning).toBeVisible();
  });

  await test.step('typing another password hides it at once; a fresh one, checked once typing stops, shows none', async () => {
    const range = page.waitForResponse(
      (response) => response.url() === `${base}/range/${sha1(FRESH).slice(0, 5)}`,
    );
    await passwordSet.newPassword.focus();
    await passwordSet.newPassword.fill(FRESH);
    await expect(passwordSet.breachWarning).toBeHidden();
    // Still in the field: the pause in typing starts the check.
    await expect(passwordSet.newPassword).toBeFocused();
    expect((await range).status()).toBe(200);
    await expect(passwordSet.breachWarning).toBeHidden();
  });

  await test.step('the change goes through to the application', async () => {
    await passwordSet.changePassword(USERS.newUser.password, FRESH);
    await expect(page).toHaveURL(/\/callback\?code=/);
  });

  const ranges = requests.filter((request) => request.url().startsWith(`${base}/`));
  expect(ranges.length).toBeGreaterThanOrEqual(2);
  for (const request of ranges) {
    expect(request.url()).toMatch(RANGE_URL);
    expect(request.method()).toBe('GET');
    expect(request.postData()).toBeNull();
    // Every header as sent, the browser's own (cookies) included: these requests have completed.
    const headers = await request.allHeaders();
    expect(headers['add-padding']).toBe('true');
    expect(headers['cookie']).toBeUndefined();
  }
  const prefixes = ranges.map((request) => request.url().slice(-5));
  expect(prefixes).toContain(sha1(BREACHED).slice(0, 5));
  expect(prefixes).toContain(sha1(FRESH).slice(0, 5));

  const formPosts = requests.filter(
    (request) => request.method() === 'POST' && request.isNavigationRequest(),
  );
  expect(formPosts).toHaveLength(1);
  for (const request of requests) {
    const where = `${request.method()} ${request.url()}`;
    // The headers the page set (allHeaders() can wait forever on a request cut short by the navigation).
    const places = [
      request.url(),
      JSON.stringify(request.headers()),
      ...(formPosts.includes(request) ? [] : [request.postData() ?? '']),
    ];
    for (const secret of [BREACHED, ALSO_BREACHED, FRESH, USERS.newUser.password]) {
      const found = spellings(secret).filter((spelling) =>
        places.some((place) => place.includes(spelling)),
      );
      expect(found, `${secret} in ${where}`).toEqual([]);
    }
  }
  // The form POST carries the passwords (the capture works), and only the new one is ever checked.
  expect(formPosts[0]?.postData()).toContain(encodeURIComponent(FRESH));
});

test('with the range API down (an error, a dropped connection, no answer within 3 s) nothing is shown and the submit works', async ({
  page,
  emulator,
  openForm,
  passwordSet,
}) => {
  await openForm();
  const rangeResponses: number[] = [];
  const rangeFailures: string[] = [];
  page.on('response', (response) => {
    if (RANGE_URL.test(response.url())) rangeResponses.push(response.status());
  });
  page.on('requestfailed', (request) => {
    if (RANGE_URL.test(request.url())) rangeFailures.push(request.failure()?.errorText ?? 'failed');
  });

  await test.step('a server error', async () => {
    await emulator.fault({ path: '/pwned-passwords/**', status: 503 });
    const range = page.waitForResponse(RANGE_URL);
    await passwordSet.newPassword.fill(BREACHED);
    await passwordSet.newPassword.blur();
    expect((await range).status()).toBe(503);
    await emulator.clearFaults();
  });

  // A failed check is tried again when the user leaves the field again.
  await test.step('a dropped connection', async () => {
    await emulator.fault({ path: '/pwned-passwords/**', drop: true });
    const failed = page.waitForEvent('requestfailed', (request) => RANGE_URL.test(request.url()));
    await passwordSet.newPassword.focus();
    await passwordSet.newPassword.blur();
    await failed;
    await emulator.clearFaults();
  });

  await test.step('no answer within 3 s', async () => {
    await emulator.fault({ path: '/pwned-passwords/**', delayMs: 10_000 });
    const failed = page.waitForEvent('requestfailed', {
      predicate: (request) => RANGE_URL.test(request.url()),
      timeout: 8_000,
    });
    const started = Date.now();
    await passwordSet.newPassword.focus();
    await passwordSet.newPassword.blur();
    await failed;
    // Given up by the page after about 3 s, not by the emulator's answer at 10 s.
    expect(Date.now() - started).toBeLessThan(8_000);
    await emulator.clearFaults();
  });

  await test.step('a network failure the emulator cannot produce: the request aborted by the browser', async () => {
    await page.route(RANGE_URL, (route) => route.abort('internetdisconnected'));
    const failed = page.waitForEvent('requestfailed', (request) => RANGE_URL.test(request.url()));
    await passwordSet.newPassword.focus();
    await passwordSet.newPassword.blur();
    await failed;
  });

  await expect(passwordSet.breachWarning).toBeHidden();
  expect(rangeResponses).toEqual([503]);
  expect(rangeFailures).toHaveLength(3);

  await test.step('the submit is not held up', async () => {
    await passwordSet.changePassword(USERS.newUser.password, FRESH);
    await expect(page).toHaveURL(/\/callback\?code=/);
  });
});

test('the range API is asked nothing until there is a new password to check', async ({
  page,
  openForm,
  passwordSet,
}) => {
  const ranges: string[] = [];
  page.on('request', (request) => {
    if (RANGE_URL.test(request.url())) ranges.push(request.url());
  });
  await openForm();
  await passwordSet.currentPassword.fill(BREACHED);
  await passwordSet.newPassword.focus();
  await passwordSet.newPassword.blur();
  // The check's chunk is loaded by now (the form has been usable since the heading showed).
  await page.waitForLoadState('networkidle');
  expect(ranges).toEqual([]);
  await expect(passwordSet.breachWarning).toBeHidden();
});
