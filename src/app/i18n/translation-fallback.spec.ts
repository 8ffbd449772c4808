import { provideZonelessChangeDetection } from '@angular/core';
import { PAGE_QUERY } from '../config/page-query';
import { render, screen, waitFor } from '@testing-library/angular';
import { FakeFetch, type FakeRequest } from '../../testing/fake-fetch';
import { CIDAAS_BASE_URL } from '../config/cidaas-base-url';
import { FETCH } from '../config/fetch';
import { PasswordSetPage } from '../password-set/password-set-page';
import { providePageTranslations } from './provide-translations';
// The page downloads the compiled files (npm run i18n:compile; Jest's global setup runs it).
import french from '../../../generated/i18n/fr.json';
import english from '../../../generated/i18n/en.json';
import italian from '../../../generated/i18n/it.json';

const BASE = 'http://localhost';
const LSID = '1ea61648-fbe7-4673-bb8b-18a06d8addd8';
const REQUEST_ID = '9080d117-43e2-4a03-8215-a9f7a03e2999';
const POLICY = {
  minimumLength: 10,
  maximumLength: 64,
  noOfDigits: 1,
  noOfSpecialChars: 1,
  lowerAndUpperCase: true,
};

async function setup(uiLocales: string, extraQuery: Record<string, string> = {}) {
  const http = new FakeFetch();
  await render(PasswordSetPage, {
    providers: [
      provideZonelessChangeDetection(),
      providePageTranslations(),
      { provide: FETCH, useValue: http.fetch },
      { provide: CIDAAS_BASE_URL, useValue: BASE },
      {
        provide: PAGE_QUERY,
        useValue: new URLSearchParams({
          lsid: LSID,
          requestId: REQUEST_ID,
          ui_locales: uiLocales,
          ...extraQuery,
        }),
      },
    ],
  });
  return http;
}

function ok(request: FakeRequest, data: unknown): void {
  request.respond({ success: true, status: 200, data });
}

/** Answers the three API calls of a ready page; returns the field-setup request for inspection. */
function answerApi(http: FakeFetch): FakeRequest {
  ok(http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), {
    client_display_name: 'Acme',
    password_policy: POLICY,
  });
  const fieldSetup = http.expectOne(`${BASE}/registration-setup-srv/public/list`);
  ok(fieldSetup, []);
  ok(http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`), {
    precheck: 'password_change',
    username: 'u@example.com',
    reason: 'first_login',
  });
  return fieldSetup;
}

/** Answers the French file and the API as for a login track that has expired (E7: 204). */
function answerFormWithExpiredTrack(http: FakeFetch): void {
  http.expectOne('i18n/fr.json').respond(french);
  ok(http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), {
    client_display_name: 'Acme',
    password_policy: POLICY,
  });
  ok(http.expectOne(`${BASE}/registration-setup-srv/public/list`), []);
  http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`).respondText('', 204);
}

/** Answers the English file, which the page asks for once its own language has failed. */
async function answerEnglish(http: FakeFetch): Promise<void> {
  const request = await waitFor(() => http.expectOne('i18n/en.json'));
  request.respond(english);
}

describe('loading translations', () => {
  it('fetches only the chosen language, in parallel with the API calls, and tells the API the language', async () => {
    const http = await setup('fr-CA');
    // All four requests are in flight before any is answered: nothing waits for the translations.
    const translation = http.expectOne('i18n/fr.json');
    const clientInfo = http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`);
    const fieldSetup = answerApi(http);
    translation.respond(french);
    expect(
      await screen.findByRole('heading', { name: 'Choisissez un nouveau mot de passe' }),
    ).toBeInTheDocument();
    expect(fieldSetup.query.get('acceptlanguage')).toBe('fr');
    expect(clientInfo.header('Accept-Language')).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
    // Only the chosen language: English is not needed as a fallback.
    http.expectNone('i18n/en.json');
    http.verify();
  });

  it("shows cidaas' error from the URL in the language, from the one file of that language", async () => {
    const http = await setup('fr', { error: 'password_already_used' });
    http.expectOne('i18n/fr.json').respond(french);
    answerApi(http);
    const alert = await screen.findByRole('heading', { name: french['errors.alertTitle'] });
    expect(alert).toBeInTheDocument();
    expect(screen.getAllByText(french['errors.url.password_already_used']).length).toBeGreaterThan(
      0,
    );
    http.verify();
  });

  it('shows a dead end the answers revealed in the language, without asking for anything more', async () => {
    const http = await setup('fr');
    answerFormWithExpiredTrack(http);
    expect(
      await screen.findByRole('heading', { name: french['deadEnd.expiredTrack.heading'] }),
    ).toBeInTheDocument();
    expect(
      http.requests
        .filter((request) => request.path.startsWith('i18n/'))
        .map((request) => request.path),
    ).toEqual(['i18n/fr.json']);
    http.verify();
  });

  it('says it could not load, rather than show message keys, when no file can be had for a dead end', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const http = await setup('fr');
    http.expectOne('i18n/fr.json').failNetwork();
    ok(http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), {
      client_display_name: 'Acme',
      password_policy: POLICY,
    });
    ok(http.expectOne(`${BASE}/registration-setup-srv/public/list`), []);
    http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`).respondText('', 204);
    (await waitFor(() => http.expectOne('i18n/en.json'))).failNetwork();
    expect(
      await screen.findByRole('heading', { name: 'We could not load this page' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/deadEnd\./)).toBeNull();
    warn.mockRestore();
  });

  it('falls back to English when the translation file is missing', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const http = await setup('it');
    http.expectOne('i18n/it.json').respondText('Not found', 404);
    answerApi(http);
    await answerEnglish(http);
    expect(
      await screen.findByRole('heading', { name: 'Choose a new password' }),
    ).toBeInTheDocument();
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(`failed to load "it"`),
      expect.anything(),
    );
    warn.mockRestore();
    http.verify();
  });

  it('says it could not load, with a retry that works, when no translation file can be had', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const http = await setup('it');
    http.expectOne('i18n/it.json').failNetwork();
    answerApi(http);
    (await waitFor(() => http.expectOne('i18n/en.json'))).failNetwork();
    expect(
      await screen.findByRole('heading', { name: 'We could not load this page' }),
    ).toBeInTheDocument();
    screen.getByRole('button', { name: 'Try again' }).click();
    http.expectOne('i18n/it.json').respond(italian);
    answerApi(http);
    expect(
      await screen.findByRole('heading', { name: 'Scelga una nuova password' }),
    ).toBeInTheDocument();
    warn.mockRestore();
  });

  it('falls back to English when the translation file is unreachable', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const http = await setup('es');
    http.expectOne('i18n/es.json').failNetwork();
    answerApi(http);
    await answerEnglish(http);
    expect(
      await screen.findByRole('heading', { name: 'Choose a new password' }),
    ).toBeInTheDocument();
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(`failed to load "es"`),
      expect.anything(),
    );
    warn.mockRestore();
  });

  it.each([
    ['not JSON at all', '<html>maintenance</html>'],
    ['cut off JSON', '{"page": {"title": "Kies'],
    ['JSON that is not an object', '["Kies een nieuw wachtwoord"]'],
  ])('falls back to English when the translation file is %s', async (_name, body) => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const http = await setup('nl');
    http.expectOne('i18n/nl.json').respondText(body, 200);
    answerApi(http);
    await answerEnglish(http);
    expect(
      await screen.findByRole('heading', { name: 'Choose a new password' }),
    ).toBeInTheDocument();
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(`failed to load "nl"`),
      expect.anything(),
    );
    expect(document.documentElement.lang).toBe('en');
    // One try of the broken language, one of English: nothing else.
    expect(
      http.requests
        .filter((request) => request.path.startsWith('i18n/'))
        .map((request) => request.path),
    ).toEqual(['i18n/nl.json', 'i18n/en.json']);
    warn.mockRestore();
    http.verify();
  });

  it('shows English for every message a broken translation file lacks or garbles', async () => {
    const http = await setup('nl');
    http.expectOne('i18n/nl.json').respond({
      'page.heading': 42,
      'rules.heading': ['garbage'],
      'submit.label': 'Nieuw wachtwoord instellen',
    });
    answerApi(http);
    // English is downloaded only now, for the messages the file could not give.
    await answerEnglish(http);
    expect(
      await screen.findByRole('heading', { name: 'Choose a new password' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Nieuw wachtwoord instellen' })).toBeInTheDocument();
  });

  it('sets <html dir=rtl> for Arabic before anything has loaded', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const http = await setup('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    http.expectOne('i18n/ar.json').respondText('gone', 404);
    answerApi(http);
    await answerEnglish(http);
    expect(
      await screen.findByRole('heading', { name: 'Choose a new password' }),
    ).toBeInTheDocument();
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(`failed to load "ar"`),
      expect.anything(),
    );
    warn.mockRestore();
  });
});
