import { TestBed } from '@angular/core/testing';
import { TranslateService, type TranslationObject } from '@ngx-translate/core';
import { Subject, firstValueFrom } from 'rxjs';
import type { ClientInfo, FieldSetup, PreloginMetadata } from '../../contract/cidaas-types';
import { parsePageParams } from '../../contract/page-params';
import { type Auth0Context, Auth0Client } from '../auth0/auth0-client';
import type { ApiError } from '../cidaas/api-error';
import { CIDAAS_CLIENT, type CidaasClient } from '../cidaas/cidaas-client';
import { translationObject } from '../i18n/translation-loader';
import {
  ENGLISH_FILE,
  type TranslationFiles,
  memoryTranslations,
} from '../../testing/english-translations';
import type { PageState } from './page-data';
import { PageLoader } from './page-loader';

const LSID = '1ea61648-fbe7-4673-bb8b-18a06d8addd8';
const REQUEST_ID = '9080d117-43e2-4a03-8215-a9f7a03e2999';
const RPRQ = '3b0d7c1e-2f4a-4c6b-9d8e-7f6a5b4c3d2e';
const EXCHANGE_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const SESSION_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
const STATE = 'auth0-state-1';

const CHANGE_QUERY = `lsid=${LSID}&requestId=${REQUEST_ID}`;
const RESET_QUERY = `rprq=${RPRQ}&exchangeId=${EXCHANGE_ID}&requestId=${REQUEST_ID}`;
const AUTH0_QUERY = `session_token=${SESSION_TOKEN}&state=${STATE}`;

const exitUrlFor = (requestId: string) =>
  `https://acme.cidaas.de/authz-srv/authrequest/authz/${requestId}`;
const cancelUrlFor = (state: string) =>
  `https://page.example/auth0/password_set/cancel?state=${state}`;
const EXIT_URL = exitUrlFor(REQUEST_ID);
const CANCEL_URL = cancelUrlFor(STATE);

const GERMAN = translationObject({ 'page.heading': 'Neues Passwort wählen' });

const POLICY = { minimumLength: 10, maximumLength: 64, noOfDigits: 1, preventAlreadyUsedPwd: true };
const CLIENT_INFO: ClientInfo = {
  client_id: 'demo-client',
  client_display_name: 'Acme Demo',
  password_policy: POLICY,
};
const NEW_PASSWORD: FieldSetup = {
  fieldKey: 'password',
  dataType: 'PASSWORD',
  fieldType: 'SYSTEM',
  fieldDefinition: { maxLength: 32 },
  localeText: { language: 'de', name: 'Ihr neues Passwort' },
};
const CONFIRMATION: FieldSetup = {
  ...NEW_PASSWORD,
  fieldKey: 'password_echo',
  fieldDefinition: { matchWith: 'password' },
};
const METADATA: PreloginMetadata = {
  precheck: 'password_change',
  username: 'new.user@example.com',
  reason: 'first_login',
};
const CONTEXT: Auth0Context = {
  email: 'auth0.user@example.com',
  reason: 'admin_required',
  expiresAt: '2026-11-30T12:00:00Z',
  passwordPolicy: { minimumLength: 12 },
};

/** A promise the test settles when it wants to. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

interface Answers {
  readonly clientInfo?: () => Promise<ClientInfo>;
  readonly fieldSetup?: () => Promise<FieldSetup[]>;
  readonly metadata?: () => Promise<PreloginMetadata | null>;
  readonly context?: () => Promise<Auth0Context>;
  /** Translation files the loader serves (a Subject answers when the test says); English only by default. */
  readonly files?: TranslationFiles;
}

/** A PageLoader with a fake cidaas client, a fake Auth0 client and a real TranslateService fed from memory. */
function setup(answers: Answers = {}) {
  const client = {
    getClientInfo: jest.fn(answers.clientInfo ?? (() => Promise.resolve(CLIENT_INFO))),
    getRegistrationSetup: jest.fn(
      answers.fieldSetup ?? (() => Promise.resolve([NEW_PASSWORD, CONFIRMATION])),
    ),
    loginPrecheck: jest.fn(answers.metadata ?? (() => Promise.resolve(METADATA))),
    resolveRedirectUrl: jest.fn(exitUrlFor),
  };
  const auth0 = {
    getContext: jest.fn(answers.context ?? (() => Promise.resolve(CONTEXT))),
    cancelUrl: jest.fn(cancelUrlFor),
  };
  const translations = memoryTranslations(answers.files ?? { en: ENGLISH_FILE });
  TestBed.configureTestingModule({
    providers: [
      ...translations.providers,
      { provide: CIDAAS_CLIENT, useValue: client as Partial<CidaasClient> },
      { provide: Auth0Client, useValue: auth0 },
    ],
  });
  const translate = TestBed.inject(TranslateService);
  const requestedLanguages = () => translations.loader.requested;
  return { loader: TestBed.inject(PageLoader), client, auth0, translate, requestedLanguages };
}

const rejecting = (error: unknown) => () => Promise.reject(error);

/** Loads the page for a query string and returns the one state it emits. */
function stateFor(
  loader: PageLoader,
  query: string,
  language: 'en' | 'de' = 'en',
): Promise<PageState> {
  return firstValueFrom(loader.loadForm(parsePageParams(query), language));
}

function readyData(state: PageState) {
  if (state.kind !== 'ready')
    throw new Error(`expected the ready state, got ${JSON.stringify(state)}`);
  return state.data;
}

describe('PageLoader', () => {
  // ngx-translate logs a failed download (`failed to load "xx"`).
  let warn: jest.SpyInstance;
  beforeEach(() => (warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)));
  afterEach(() => warn.mockRestore());

  describe('change mode', () => {
    it('starts the client info, field setup and metadata requests together, in the page language', async () => {
      const clientInfo = deferred<ClientInfo>();
      const fieldSetup = deferred<FieldSetup[]>();
      const metadata = deferred<PreloginMetadata | null>();
      const { loader, client } = setup({
        clientInfo: () => clientInfo.promise,
        fieldSetup: () => fieldSetup.promise,
        metadata: () => metadata.promise,
        files: { de: GERMAN },
      });
      const states: PageState[] = [];
      loader.loadForm(parsePageParams(CHANGE_QUERY), 'de').subscribe((state) => states.push(state));
      await Promise.resolve();
      expect(client.getClientInfo).toHaveBeenCalledWith({
        requestId: REQUEST_ID,
        acceptlanguage: 'de',
      });
      expect(client.getRegistrationSetup).toHaveBeenCalledWith({
        requestId: REQUEST_ID,
        acceptlanguage: 'de',
      });
      expect(client.loginPrecheck).toHaveBeenCalledWith({ track_id: LSID });
      clientInfo.resolve(CLIENT_INFO);
      fieldSetup.resolve([NEW_PASSWORD, CONFIRMATION]);
      await Promise.resolve();
      expect(states).toEqual([]);
      metadata.resolve(METADATA);
      await new Promise((resolve) => setTimeout(resolve));
      expect(states.map((state) => state.kind)).toEqual(['ready']);
    });

    it('is ready with everything the form needs, the page shown in its language', async () => {
      const { loader, client, translate } = setup({ files: { de: GERMAN } });
      const data = readyData(await stateFor(loader, CHANGE_QUERY, 'de'));
      expect(translate.getCurrentLang()).toBe('de');
      expect(translate.instant('page.heading')).toBe('Neues Passwort wählen');
      expect(client.resolveRedirectUrl).toHaveBeenCalledWith(REQUEST_ID);
      expect(data).toEqual({
        target: { mode: 'change', lsid: LSID },
        requestId: REQUEST_ID,
        exitUrl: EXIT_URL,
        clientInfo: CLIENT_INFO,
        fields: { newPassword: NEW_PASSWORD, confirmPassword: CONFIRMATION },
        metadata: METADATA,
        // The field setup's maxLength (32) tightens the policy's 64.
        rules: [
          { id: 'minimumLength', min: 10 },
          { id: 'maximumLength', max: 32 },
          { id: 'noOfDigits', min: 1 },
        ],
        serverChecks: ['passwordHistory', 'breachedPassword'],
      });
    });

    it.each<[string, unknown]>([
      ['a network failure', { kind: 'network' } satisfies ApiError],
      ['a server error', { kind: 'server', status: 500 } satisfies ApiError],
      ['an expired request', { kind: 'expired', code: null } satisfies ApiError],
    ])(
      'is ready without the tenant’s labels when the field setup fails with %s',
      async (_, error) => {
        const { loader } = setup({ fieldSetup: rejecting(error) });
        const data = readyData(await stateFor(loader, CHANGE_QUERY));
        expect(data.fields).toEqual({ newPassword: null, confirmPassword: null });
        expect(data.rules).toContainEqual({ id: 'maximumLength', max: 64 });
        expect(data.metadata).toEqual(METADATA);
      },
    );

    it('is ready without metadata when the metadata request fails', async () => {
      const { loader } = setup({
        metadata: rejecting({ kind: 'server', status: 502 } satisfies ApiError),
      });
      const data = readyData(await stateFor(loader, CHANGE_QUERY));
      expect(data.metadata).toBeNull();
      expect(data.clientInfo).toEqual(CLIENT_INFO);
    });

    it('ends at the expired-track dead end, branded, when cidaas has no metadata for the track (E7 204)', async () => {
      const { loader } = setup({ metadata: () => Promise.resolve(null) });
      expect(await stateFor(loader, CHANGE_QUERY)).toEqual({
        kind: 'dead-end',
        reason: 'expired-track',
        exitUrl: EXIT_URL,
        clientInfo: CLIENT_INFO,
      });
    });

    it('ends at the expired-track dead end, branded, when the URL says track_expired, asking nothing else', async () => {
      const { loader, client } = setup();
      expect(await stateFor(loader, `${CHANGE_QUERY}&error=track_expired`)).toEqual({
        kind: 'dead-end',
        reason: 'expired-track',
        exitUrl: EXIT_URL,
        clientInfo: CLIENT_INFO,
      });
      expect(client.getClientInfo).toHaveBeenCalledTimes(1);
      expect(client.getRegistrationSetup).not.toHaveBeenCalled();
      expect(client.loginPrecheck).not.toHaveBeenCalled();
    });

    it('keeps the track_expired dead end, unbranded, when the branding cannot be had', async () => {
      const { loader } = setup({ clientInfo: rejecting({ kind: 'network' } satisfies ApiError) });
      expect(await stateFor(loader, `${CHANGE_QUERY}&error=track_expired`)).toEqual({
        kind: 'dead-end',
        reason: 'expired-track',
        exitUrl: EXIT_URL,
        clientInfo: null,
      });
    });

    it.each<[ApiError, PageState]>([
      [
        { kind: 'expired', code: 'PUB10002' },
        { kind: 'dead-end', reason: 'expired-request', exitUrl: null, clientInfo: null },
      ],
      [
        { kind: 'invalid-request', code: 'PUB10001' },
        { kind: 'dead-end', reason: 'malformed-request-id', exitUrl: null, clientInfo: null },
      ],
      [{ kind: 'network' }, { kind: 'failed', error: { kind: 'network' } }],
      [{ kind: 'timeout' }, { kind: 'failed', error: { kind: 'timeout' } }],
      [
        { kind: 'server', status: 503 },
        { kind: 'failed', error: { kind: 'server', status: 503 } },
      ],
      [{ kind: 'bad-response' }, { kind: 'failed', error: { kind: 'bad-response' } }],
    ])('when the client info fails with %p, shows %p', async (error, expected) => {
      const { loader } = setup({ clientInfo: rejecting(error) });
      expect(await stateFor(loader, CHANGE_QUERY)).toEqual(expected);
    });

    it('reads a failure that is not an ApiError yet (a TypeError from fetch) as a network failure', async () => {
      const { loader } = setup({ clientInfo: rejecting(new TypeError('Failed to fetch')) });
      expect(await stateFor(loader, CHANGE_QUERY)).toEqual({
        kind: 'failed',
        error: { kind: 'network' },
      });
    });
  });

  describe('reset mode', () => {
    it('is ready without asking for the metadata (a reset has no login track)', async () => {
      const { loader, client } = setup();
      const data = readyData(await stateFor(loader, RESET_QUERY));
      expect(client.loginPrecheck).not.toHaveBeenCalled();
      expect(data.target).toEqual({ mode: 'reset', rprq: RPRQ, exchangeId: EXCHANGE_ID });
      expect(data.metadata).toBeNull();
      expect(data.exitUrl).toBe(EXIT_URL);
    });

    it('ends at the expired-reset dead end, branded, when the URL says track_expired', async () => {
      const { loader } = setup();
      expect(await stateFor(loader, `${RESET_QUERY}&error=track_expired`)).toEqual({
        kind: 'dead-end',
        reason: 'expired-reset',
        exitUrl: EXIT_URL,
        clientInfo: CLIENT_INFO,
      });
    });
  });

  describe('a link that cannot work', () => {
    it('names the problem and, with a usable requestId, offers the way back, branded', async () => {
      const { loader, client } = setup();
      expect(await stateFor(loader, `lsid=not-a-uuid&requestId=${REQUEST_ID}`)).toEqual({
        kind: 'dead-end',
        reason: 'malformed-lsid',
        exitUrl: EXIT_URL,
        clientInfo: CLIENT_INFO,
      });
      expect(client.getRegistrationSetup).not.toHaveBeenCalled();
    });

    it('asks cidaas nothing without a requestId', async () => {
      const { loader, client } = setup();
      expect(await stateFor(loader, `lsid=${LSID}`)).toEqual({
        kind: 'dead-end',
        reason: 'missing-request-id',
        exitUrl: null,
        clientInfo: null,
      });
      expect(client.getClientInfo).not.toHaveBeenCalled();
    });
  });

  describe('translations', () => {
    it('shows the page in English when the language’s file cannot be had', async () => {
      const { loader, translate, requestedLanguages } = setup();
      readyData(await stateFor(loader, CHANGE_QUERY, 'de'));
      expect(requestedLanguages()).toEqual(['de', 'en']);
      expect(translate.getCurrentLang()).toBe('en');
    });

    it('fails as a network failure when no translation file can be had, whatever cidaas answered', async () => {
      const { loader } = setup({ files: {} });
      expect(await stateFor(loader, CHANGE_QUERY, 'de')).toEqual({
        kind: 'failed',
        error: { kind: 'network' },
      });
    });
  });

  describe('Auth0 mode', () => {
    it('is ready from the session context, with the connection’s policy and the cancel link as the way out', async () => {
      const { loader, auth0, client } = setup();
      const data = readyData(await stateFor(loader, AUTH0_QUERY));
      expect(auth0.getContext).toHaveBeenCalledWith(SESSION_TOKEN);
      expect(auth0.cancelUrl).toHaveBeenCalledWith(STATE);
      expect(client.getClientInfo).not.toHaveBeenCalled();
      expect(data).toEqual({
        target: { mode: 'auth0', sessionToken: SESSION_TOKEN, state: STATE },
        requestId: null,
        exitUrl: CANCEL_URL,
        clientInfo: { password_policy: { minimumLength: 12 } },
        fields: { newPassword: null, confirmPassword: null },
        metadata: {
          precheck: 'password_change',
          username: 'auth0.user@example.com',
          reason: 'admin_required',
          expires_at: '2026-11-30T12:00:00Z',
        },
        rules: [{ id: 'minimumLength', min: 12 }],
        // Auth0 has no breached-password refusal to announce, and this policy no history.
        serverChecks: [],
      });
    });

    it('is ready without a policy, an account or a reason when the context has none', async () => {
      const { loader } = setup({
        context: () =>
          Promise.resolve({ email: null, reason: null, expiresAt: null, passwordPolicy: null }),
      });
      const data = readyData(await stateFor(loader, AUTH0_QUERY));
      expect(data.clientInfo).toEqual({});
      expect(data.rules).toEqual([]);
      expect(data.metadata).toStrictEqual({
        precheck: 'password_change',
        username: undefined,
        reason: undefined,
        expires_at: undefined,
      });
    });

    it.each<[ApiError, PageState]>([
      [
        { kind: 'expired', code: 'track_expired' },
        { kind: 'dead-end', reason: 'expired-track', exitUrl: CANCEL_URL, clientInfo: null },
      ],
      [{ kind: 'network' }, { kind: 'failed', error: { kind: 'network' } }],
      [{ kind: 'timeout' }, { kind: 'failed', error: { kind: 'timeout' } }],
      [
        { kind: 'server', status: 500 },
        { kind: 'failed', error: { kind: 'server', status: 500 } },
      ],
      [{ kind: 'bad-response' }, { kind: 'failed', error: { kind: 'bad-response' } }],
    ])('when the context fails with %p, shows %p', async (error, expected) => {
      const { loader } = setup({ context: rejecting(error) });
      expect(await stateFor(loader, AUTH0_QUERY)).toEqual(expected);
    });

    it('ends at the expired-track dead end when the URL says track_expired, without asking the server', async () => {
      const { loader, auth0 } = setup();
      expect(await stateFor(loader, `${AUTH0_QUERY}&error=track_expired`)).toEqual({
        kind: 'dead-end',
        reason: 'expired-track',
        exitUrl: CANCEL_URL,
        clientInfo: null,
      });
      expect(auth0.getContext).not.toHaveBeenCalled();
    });
  });

  describe('loadSuccess', () => {
    it('brands the success page and offers sign-in for the same login request', async () => {
      const { loader, client, translate } = setup({ files: { de: GERMAN } });
      expect(await firstValueFrom(loader.loadSuccess(REQUEST_ID, 'de'))).toEqual({
        kind: 'success',
        signInUrl: EXIT_URL,
        clientInfo: CLIENT_INFO,
      });
      expect(client.getClientInfo).toHaveBeenCalledWith({
        requestId: REQUEST_ID,
        acceptlanguage: 'de',
      });
      expect(translate.getCurrentLang()).toBe('de');
    });

    it('shows the default look when the client info fails', async () => {
      const { loader } = setup({
        clientInfo: rejecting({ kind: 'server', status: 500 } satisfies ApiError),
      });
      expect(await firstValueFrom(loader.loadSuccess(REQUEST_ID, 'en'))).toEqual({
        kind: 'success',
        signInUrl: EXIT_URL,
        clientInfo: null,
      });
    });

    it('asks cidaas nothing and offers no sign-in without a request', async () => {
      const { loader, client } = setup();
      expect(await firstValueFrom(loader.loadSuccess(null, 'en'))).toEqual({
        kind: 'success',
        signInUrl: null,
        clientInfo: null,
      });
      expect(client.getClientInfo).not.toHaveBeenCalled();
    });

    it('still succeeds when no translation file can be had (its messages are bundled)', async () => {
      const { loader } = setup({ files: {} });
      expect(await firstValueFrom(loader.loadSuccess(REQUEST_ID, 'de'))).toEqual({
        kind: 'success',
        signInUrl: EXIT_URL,
        clientInfo: CLIENT_INFO,
      });
    });
  });

  describe('cancelling', () => {
    it('starts nothing before it is subscribed', () => {
      const { loader, client, requestedLanguages } = setup();
      loader.loadForm(parsePageParams(CHANGE_QUERY), 'en');
      loader.loadSuccess(REQUEST_ID, 'en');
      expect(requestedLanguages()).toEqual([]);
      expect(client.getClientInfo).not.toHaveBeenCalled();
    });

    it('emits nothing, and downloads no fallback, once unsubscribed', async () => {
      const german = new Subject<TranslationObject>();
      const clientInfo = deferred<ClientInfo>();
      const { loader, requestedLanguages } = setup({
        files: { de: german, en: ENGLISH_FILE },
        clientInfo: () => clientInfo.promise,
      });
      const states: PageState[] = [];
      const subscription = loader
        .loadForm(parsePageParams(CHANGE_QUERY), 'de')
        .subscribe((state) => states.push(state));
      subscription.unsubscribe();
      german.error(new Error('gone'));
      clientInfo.resolve(CLIENT_INFO);
      await new Promise((resolve) => setTimeout(resolve));
      expect(states).toEqual([]);
      expect(requestedLanguages()).toEqual(['de']);
    });
  });
});
