import type { Page, Request } from '@playwright/test';
import { USERS, expect, test } from './fixtures';

/** Every request the page makes until its form is usable, by URL. */
async function openAndRecord(
  page: Page,
  url: string,
): Promise<{ requests: Map<string, Request[]>; link: string | null; origin: string }> {
  const requests = new Map<string, Request[]>();
  page.on('request', (request) =>
    requests.set(request.url(), [...(requests.get(request.url()) ?? []), request]),
  );
  const response = await page.goto(url);
  await expect(page.locator('#ps-new-password')).toBeEditable();
  return {
    requests,
    link: (await response?.headerValue('link')) ?? null,
    origin: new URL(page.url()).origin,
  };
}

/** The start-up data requests: cidaas API calls and the language's translation file. */
function dataRequests(requests: Map<string, Request[]>): string[] {
  return [...requests.keys()].filter((url) =>
    /\/(public-srv|registration-setup-srv|token-srv)\/|\/i18n\//.test(url),
  );
}

function hinted(link: string | null, origin: string): string[] {
  return [...(link ?? '').matchAll(/<([^>]+)>; rel=preload; as=fetch; crossorigin/g)].map(
    (match) => new URL(match[1] ?? '', origin).href,
  );
}

test.describe('start-up data is preloaded while the script downloads', () => {
  test.use({ locale: 'de-DE' });

  test('the page names E3, E5, E7 and its translation in a Link header, and its own fetches reuse them (one request each)', async ({
    page,
    emulator,
  }) => {
    const session = await emulator.loginSession(USERS.newUser);
    const { requests, link, origin } = await openAndRecord(page, session.url);
    const urls = hinted(link, origin);
    expect(urls.map((url) => new URL(url).pathname)).toEqual([
      '/i18n/de.json',
      expect.stringMatching(/^\/public-srv\/public\//),
      '/registration-setup-srv/public/list',
      expect.stringMatching(/^\/token-srv\/prelogin\/metadata\//),
    ]);
    for (const url of urls)
      expect(`${url}: ${requests.get(url)?.length ?? 0} request(s)`).toBe(`${url}: 1 request(s)`);
    // The stylesheet is inline (no request); the scripts are named first, and the tags reuse those downloads.
    expect([...requests.keys()].filter((url) => url.endsWith('.css'))).toEqual([]);
    await expect(page.locator('head style[data-href^="styles-"]')).toHaveCount(1);
    // One initial script (the build merges the shared helpers into it): named first, no chunk at start-up.
    expect(link).toMatch(/^<\/main-[A-Z0-9]{8}\.js>; rel=modulepreload/);
    expect(link).not.toContain('/chunk-');
    const scripts = [...requests.keys()].filter((url) => /\/main-[A-Z0-9]{8}\.js$/.test(url));
    expect(scripts.map((url) => `${url}: ${requests.get(url)?.length ?? 0}`)).toEqual([
      expect.stringMatching(/: 1$/),
    ]);
    expect(link).toContain(`<${new URL(scripts[0] ?? '').pathname}>; rel=modulepreload`);
    // Every start-up request was one of the hints: the page fetched exactly the preloaded URLs.
    expect(dataRequests(requests).sort()).toEqual([...urls].sort());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Neues Passwort wählen');
  });

  test("with cidaas' error in the URL, the one hinted translation file holds its message: no other file, one request", async ({
    page,
    emulator,
  }) => {
    const session = await emulator.loginSession(USERS.newUser);
    const { requests, link, origin } = await openAndRecord(
      page,
      `${session.url}&error=password_already_used`,
    );
    const translations = [...requests.keys()].filter((url) =>
      new URL(url).pathname.startsWith('/i18n/'),
    );
    expect(translations).toEqual([new URL('/i18n/de.json', origin).href]);
    expect(hinted(link, origin)).toContain(translations[0]);
    expect(requests.get(translations[0] ?? '')).toHaveLength(1);
    await expect(
      page.getByRole('alert', { name: 'Ihr Passwort wurde nicht geändert' }),
    ).toBeVisible();
  });

  test('without a hint for E3 when ui_locales overrides the browser language (E3 needs its Accept-Language)', async ({
    page,
    emulator,
  }) => {
    const session = await emulator.loginSession({ ...USERS.newUser, ui_locales: 'fr' });
    const { requests, link, origin } = await openAndRecord(page, session.url);
    const urls = hinted(link, origin);
    expect(urls.some((url) => url.includes('/public-srv/public/'))).toBe(false);
    for (const url of urls)
      expect(`${url}: ${requests.get(url)?.length ?? 0} request(s)`).toBe(`${url}: 1 request(s)`);
    expect(dataRequests(requests).filter((url) => !urls.includes(url))).toEqual([
      expect.stringContaining('/public-srv/public/'),
    ]);
    const clientInfo =
      [...requests.entries()].find(([url]) => url.includes('/public-srv/public/'))?.[1] ?? [];
    expect(clientInfo).toHaveLength(1);
    expect(await clientInfo[0]?.headerValue('accept-language')).toBe('fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Choisissez un nouveau mot de passe',
    );
  });
});
