import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { PAGE_QUERY } from '../config/page-query';
import { render, screen } from '@testing-library/angular';
import { CIDAAS_BASE_URL } from '../config/cidaas-base-url';
import { PasswordSetPage } from '../password-set/password-set-page';
import french from '../../../i18n/fr.json';

const BASE = 'http://localhost';
const LSID = '1ea61648-fbe7-4673-bb8b-18a06d8addd8';
const REQUEST_ID = '9080d117-43e2-4a03-8215-a9f7a03e2999';
const POLICY = { minimumLength: 10, maximumLength: 64, noOfDigits: 1, noOfSpecialChars: 1, lowerAndUpperCase: true };

async function setup(uiLocales: string) {
  await render(PasswordSetPage, {
    providers: [
      provideZonelessChangeDetection(),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: CIDAAS_BASE_URL, useValue: BASE },
      { provide: PAGE_QUERY, useValue: new URLSearchParams({ lsid: LSID, requestId: REQUEST_ID, ui_locales: uiLocales }) },
    ],
  });
  return TestBed.inject(HttpTestingController);
}

function ok(request: TestRequest, data: unknown): void {
  request.flush({ success: true, status: 200, data });
}

/** Answers the three API calls of a ready page; returns the field-setup request for inspection. */
function answerApi(http: HttpTestingController): TestRequest {
  ok(http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), { client_display_name: 'Acme', password_policy: POLICY });
  const fieldSetup = http.expectOne((request) => request.url === `${BASE}/registration-setup-srv/public/list`);
  ok(fieldSetup, []);
  ok(http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`), { precheck: 'password_change', username: 'u@example.com', reason: 'first_login' });
  return fieldSetup;
}

describe('loading translations', () => {
  it('fetches only the chosen language, in parallel with the API calls, and tells the API the language', async () => {
    const http = await setup('fr-CA');
    // All four requests are in flight before any is answered: nothing waits for the translations.
    const translation = http.expectOne('i18n/fr.json');
    const fieldSetup = answerApi(http);
    translation.flush(french);
    expect(await screen.findByRole('heading', { name: 'Choisissez un nouveau mot de passe' })).toBeInTheDocument();
    expect(fieldSetup.request.params.get('acceptlanguage')).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
    // English is bundled: no request for it, not even as the fallback.
    http.expectNone('i18n/en.json');
    http.verify();
  });

  it('falls back to the bundled English when the translation file is missing', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const http = await setup('it');
    http.expectOne('i18n/it.json').flush('Not found', { status: 404, statusText: 'Not Found' });
    answerApi(http);
    expect(await screen.findByRole('heading', { name: 'Choose a new password' })).toBeInTheDocument();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`failed to load "it"`), expect.anything());
    warn.mockRestore();
    http.expectNone('i18n/en.json');
  });

  it('falls back to English when the translation file is unreachable', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const http = await setup('es');
    http.expectOne('i18n/es.json').error(new ProgressEvent('error'));
    answerApi(http);
    expect(await screen.findByRole('heading', { name: 'Choose a new password' })).toBeInTheDocument();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`failed to load "es"`), expect.anything());
    warn.mockRestore();
  });

  it('shows English for every message a broken translation file lacks or garbles', async () => {
    const http = await setup('nl');
    http.expectOne('i18n/nl.json').flush({ page: 42, rules: ['garbage'], submit: { label: 'Nieuw wachtwoord instellen' } });
    answerApi(http);
    expect(await screen.findByRole('heading', { name: 'Choose a new password' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Nieuw wachtwoord instellen' })).toBeInTheDocument();
  });

  it('sets <html dir=rtl> for Arabic before anything has loaded', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const http = await setup('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    http.expectOne('i18n/ar.json').flush('gone', { status: 404, statusText: 'Not Found' });
    answerApi(http);
    expect(await screen.findByRole('heading', { name: 'Choose a new password' })).toBeInTheDocument();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`failed to load "ar"`), expect.anything());
    warn.mockRestore();
  });
});
