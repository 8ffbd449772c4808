import type { Page } from '@playwright/test';

import { USERS, expect, test } from './fixtures';

/**
 * The passwords of a full change (a wrong current password first, then the right one) appear in the
 * bodies of the E8 form POSTs and nowhere else the browser keeps or sends them: not in a request URL
 * or another request body, not in storage or cookies, not in the console, not in the final URL.
 */

const WRONG_CURRENT = 'Wrong-current-9§';
const NEW_PASSWORD = 'Sunny-Meadow-42ä';
const SECRETS = [WRONG_CURRENT, USERS.newUser.password, NEW_PASSWORD];

/** Every way a secret could be written in a URL, a form body or JSON: raw, percent-encoded, form-encoded. */
function spellings(secret: string): string[] {
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
    ]),
  ];
}

/** The secrets (and their spellings) found in `text`. */
function secretsIn(text: string): string[] {
  return SECRETS.filter((secret) => spellings(secret).some((spelling) => text.includes(spelling)));
}

/** Everything the page keeps client-side: both storages, `document.cookie`, and the context's cookies. */
async function clientSideState(page: Page): Promise<string> {
  const inPage = await page.evaluate(() => {
    const dump = (storage: Storage): Record<string, string | null> => {
      const entries: Record<string, string | null> = {};
      for (let index = 0; index < storage.length; index++) {
        const key = storage.key(index);
        if (key !== null) entries[key] = storage.getItem(key);
      }
      return entries;
    };
    return { local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie };
  });
  const cookies = await page.context().cookies();
  return JSON.stringify({ ...inPage, cookies });
}

const E8_PATH = /^\/login-srv\/precheck\/continue\/[^/]+$/;

test('passwords appear only in the E8 form bodies: not in URLs, other requests, storage, cookies, console or the final URL', async ({
  page,
  emulator,
  passwordSet,
}) => {
  const requests: { method: string; url: string; body: string }[] = [];
  const consoleOutput: string[] = [];
  page.on('request', (request) =>
    requests.push({ method: request.method(), url: request.url(), body: request.postData() ?? '' }),
  );
  page.on('console', (message) => consoleOutput.push(message.text()));
  const storageSnapshots: string[] = [];

  const session = await emulator.loginSession(USERS.newUser);
  await passwordSet.open(session.url);
  await expect(passwordSet.heading).toHaveText('Choose a new password');

  await test.step('a wrong current password', async () => {
    await passwordSet.currentPassword.fill(WRONG_CURRENT);
    await passwordSet.newPassword.fill(NEW_PASSWORD);
    await passwordSet.confirmPassword.fill(NEW_PASSWORD);
    storageSnapshots.push(await clientSideState(page));
    const landing = passwordSet.nextLoad();
    await passwordSet.submitButton.click();
    expect((await landing).searchParams.get('error')).toBe('invalid_old_password');
    await expect(passwordSet.currentPassword).toHaveAttribute('aria-invalid', 'true');
    storageSnapshots.push(await clientSideState(page));
  });

  await test.step('the right one', async () => {
    await passwordSet.changePassword(USERS.newUser.password, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/callback\?code=/);
    await expect(page.getByText(`Signed in as ${USERS.newUser.username}`)).toBeVisible();
    storageSnapshots.push(await clientSideState(page));
  });

  const e8Posts = requests.filter(
    (request) => request.method === 'POST' && E8_PATH.test(new URL(request.url).pathname),
  );
  // The capture works: both submissions were seen, each with the passwords it had to carry.
  expect(e8Posts).toHaveLength(2);
  expect(secretsIn(e8Posts[0]?.body ?? '')).toEqual([WRONG_CURRENT, NEW_PASSWORD]);
  expect(secretsIn(e8Posts[1]?.body ?? '')).toEqual([USERS.newUser.password, NEW_PASSWORD]);
  expect(requests.length).toBeGreaterThan(e8Posts.length);

  for (const request of requests) {
    expect(secretsIn(request.url), `URL of ${request.method} ${request.url}`).toEqual([]);
    if (!e8Posts.includes(request))
      expect(secretsIn(request.body), `body of ${request.method} ${request.url}`).toEqual([]);
  }
  for (const snapshot of storageSnapshots)
    expect(secretsIn(snapshot), `storage and cookies: ${snapshot}`).toEqual([]);
  expect(secretsIn(consoleOutput.join('\n')), 'console output').toEqual([]);
  expect(secretsIn(page.url()), 'final URL').toEqual([]);
});
