import { TestBed } from '@angular/core/testing';
import { apiErrorOf } from '../../testing/api-error-of';
import { FakeFetch } from '../../testing/fake-fetch';
import { CIDAAS_BASE_URL } from '../config/cidaas-base-url';
import { FETCH } from '../config/fetch';
import { CIDAAS_CLIENT, CIDAAS_REQUEST_TIMEOUT_MS, type CidaasClient } from './cidaas-client';

const BASE = 'https://tenant.example.com';
const REQUEST_ID = '9080d117-43e2-4a03-8215-a9f7a03e2999';
const LSID = '1ea61648-fbe7-4673-bb8b-18a06d8addd8';
const RPRQ = '3b0d7c1e-2f4a-4c6b-9d8e-7f6a5b4c3d2e';
const EXCHANGE_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

let fake: FakeFetch;

function setup() {
  fake = new FakeFetch();
  TestBed.configureTestingModule({
    providers: [
      { provide: FETCH, useValue: fake.fetch },
      { provide: CIDAAS_BASE_URL, useValue: BASE },
    ],
  });
  return { client: TestBed.inject(CIDAAS_CLIENT), http: fake };
}

describe('CIDAAS_CLIENT (the fetch-based client)', () => {
  afterEach(() => fake.verify());

  it('getClientInfo reads E3 with Accept-Language and keeps only typed fields', async () => {
    const { client, http } = setup();
    const result = client.getClientInfo({ requestId: REQUEST_ID, acceptlanguage: 'de' });
    const request = http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`);
    expect(request.url).toBe(`${BASE}/public-srv/public/${REQUEST_ID}`);
    expect(request.header('Accept-Language')).toBe('de');
    request.respond({
      success: true,
      status: 200,
      data: {
        client_display_name: 'Acme',
        primaryColor: 42,
        password_policy: { minimumLength: 10, lowerAndUpperCase: 'yes' },
      },
    });
    const info = await result;
    expect(info.client_display_name).toBe('Acme');
    expect(info.primaryColor).toBeUndefined();
    expect(info.password_policy?.minimumLength).toBe(10);
    expect(info.password_policy?.lowerAndUpperCase).toBeUndefined();
  });

  it('getClientInfo turns PUB10002 into an expired error', async () => {
    const { client, http } = setup();
    const result = client.getClientInfo({ requestId: REQUEST_ID });
    const request = http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`);
    expect(request.header('Accept-Language')).toBeUndefined();
    request.respond(
      { success: false, status: 400, code: 'PUB10002', error: 'invalid_request' },
      400,
    );
    expect(await apiErrorOf(result)).toEqual({ kind: 'expired', code: 'PUB10002' });
  });

  it('getClientInfo reports a body without the envelope as a bad response', async () => {
    const { client, http } = setup();
    const result = client.getClientInfo({ requestId: REQUEST_ID });
    http
      .expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`)
      .respond({ client_display_name: 'Acme' });
    expect(await apiErrorOf(result)).toEqual({ kind: 'bad-response' });
  });

  it('getRegistrationSetup sends acceptlanguage and requestId and parses the fields', async () => {
    const { client, http } = setup();
    const result = client.getRegistrationSetup({ requestId: REQUEST_ID, acceptlanguage: 'en' });
    const request = http.expectOne(`${BASE}/registration-setup-srv/public/list`);
    expect(request.url).toBe(
      `${BASE}/registration-setup-srv/public/list?acceptlanguage=en&requestId=${REQUEST_ID}`,
    );
    expect(request.query.get('acceptlanguage')).toBe('en');
    expect(request.query.get('requestId')).toBe(REQUEST_ID);
    request.respond({
      success: true,
      status: 200,
      data: [
        {
          fieldKey: 'password',
          dataType: 'PASSWORD',
          fieldType: 'SYSTEM',
          fieldDefinition: { maxLength: 64 },
          localeText: { name: 'New password' },
        },
        { dataType: 'TEXT' },
      ],
    });
    expect(await result).toEqual([
      {
        fieldKey: 'password',
        dataType: 'PASSWORD',
        fieldType: 'SYSTEM',
        order: undefined,
        required: undefined,
        readOnly: undefined,
        fieldDefinition: {
          minLength: undefined,
          maxLength: 64,
          matchWith: undefined,
          applyPasswordPoly: undefined,
        },
        localeText: {
          locale: undefined,
          language: undefined,
          name: 'New password',
          required: undefined,
          minLength: undefined,
          maxLength: undefined,
          matchWith: undefined,
        },
      },
    ]);
  });

  it('loginPrecheck resolves to null for 204 (expired track)', async () => {
    const { client, http } = setup();
    const result = client.loginPrecheck({ track_id: LSID });
    http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`).respondText('', 204);
    expect(await result).toBeNull();
  });

  it('loginPrecheck parses the metadata', async () => {
    const { client, http } = setup();
    const result = client.loginPrecheck({ track_id: LSID });
    http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`).respond({
      success: true,
      status: 200,
      data: {
        precheck: 'password_change',
        username: 'new.user@example.com',
        reason: 'first_login',
        requestId: REQUEST_ID,
      },
    });
    expect(await result).toMatchObject({ username: 'new.user@example.com', reason: 'first_login' });
  });

  it('reports a dropped connection (fetch rejects with a TypeError) as a network error', async () => {
    const { client, http } = setup();
    const result = client.loginPrecheck({ track_id: LSID });
    http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`).failNetwork();
    expect(await apiErrorOf(result)).toEqual({ kind: 'network' });
  });

  it('reports a 2xx body that is not JSON as a bad response', async () => {
    const { client, http } = setup();
    const result = client.getRegistrationSetup({ requestId: REQUEST_ID, acceptlanguage: 'en' });
    http
      .expectOne(`${BASE}/registration-setup-srv/public/list`)
      .respondText('{"success":true,"data":[', 200);
    expect(await apiErrorOf(result)).toEqual({ kind: 'bad-response' });
  });

  it.each([
    ['a server error', 500, 'Internal Server Error', { kind: 'server', status: 500 }],
    [
      'the field setup error envelope',
      400,
      JSON.stringify({
        success: false,
        error: { code: 10001, type: 'RegistrationSetupException' },
      }),
      { kind: 'invalid-request', code: '10001' },
    ],
    ['a malformed lsid (E7 400)', 400, '', { kind: 'invalid-request', code: null }],
  ])('maps %s to its ApiError', async (_name, status, body, expected) => {
    const { client, http } = setup();
    const result = client.loginPrecheck({ track_id: LSID });
    http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`).respondText(body, status);
    expect(await apiErrorOf(result)).toEqual(expected);
  });

  describe('timeout', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it.each([
      [
        'getClientInfo (E3)',
        (client: CidaasClient) => client.getClientInfo({ requestId: REQUEST_ID }),
        `${BASE}/public-srv/public/${REQUEST_ID}`,
      ],
      [
        'getRegistrationSetup (E5)',
        (client: CidaasClient) =>
          client.getRegistrationSetup({ requestId: REQUEST_ID, acceptlanguage: 'en' }),
        `${BASE}/registration-setup-srv/public/list`,
      ],
      [
        'loginPrecheck (E7)',
        (client: CidaasClient) => client.loginPrecheck({ track_id: LSID }),
        `${BASE}/token-srv/prelogin/metadata/${LSID}`,
      ],
    ])(
      '%s gives up after CIDAAS_REQUEST_TIMEOUT_MS with a timeout error',
      async (_name, call, url) => {
        const { client, http } = setup();
        let settled = false;
        const result = apiErrorOf(call(client)).finally(() => (settled = true));
        const request = http.expectOne(url);
        await jest.advanceTimersByTimeAsync(CIDAAS_REQUEST_TIMEOUT_MS - 1);
        expect(settled).toBe(false);
        await jest.advanceTimersByTimeAsync(1);
        expect(request.init.signal?.aborted).toBe(true);
        expect(await result).toEqual({ kind: 'timeout' });
      },
    );
  });

  it('firstTimeChangePassword posts a real urlencoded form to E8 with the passwords in the body', () => {
    const { client } = setup();
    const submit = jest.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(function (
      this: HTMLFormElement,
    ) {
      expect(this.method).toBe('post');
      expect(this.action).toBe(`${BASE}/login-srv/precheck/continue/${LSID}`);
      expect(this.enctype).toBe('application/x-www-form-urlencoded');
      const body = Object.fromEntries(new FormData(this) as unknown as Iterable<[string, string]>);
      expect(body).toEqual({
        old_password: 'Old-pass-1',
        new_password: 'New-pass-12!',
        confirm_password: 'New-pass-12!',
      });
    });
    client.firstTimeChangePassword(
      {
        old_password: 'Old-pass-1',
        new_password: 'New-pass-12!',
        confirm_password: 'New-pass-12!',
      },
      LSID,
    );
    expect(submit).toHaveBeenCalledTimes(1);
    submit.mockRestore();
  });

  it('resetPassword posts a real urlencoded form where the SDK v6 posts it (?action=acceptreset)', () => {
    const { client } = setup();
    const submit = jest.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(function (
      this: HTMLFormElement,
    ) {
      expect(this.method).toBe('post');
      expect(this.action).toBe(`${BASE}/password-srv/resetpassword?action=acceptreset`);
      expect(this.enctype).toBe('application/x-www-form-urlencoded');
      const body = Object.fromEntries(new FormData(this) as unknown as Iterable<[string, string]>);
      expect(body).toEqual({
        resetRequestId: RPRQ,
        exchangeId: EXCHANGE_ID,
        password: 'New-pass-12!',
        confirmPassword: 'New-pass-12!',
      });
    });
    client.resetPassword({
      resetRequestId: RPRQ,
      exchangeId: EXCHANGE_ID,
      password: 'New-pass-12!',
      confirmPassword: 'New-pass-12!',
    });
    expect(submit).toHaveBeenCalledTimes(1);
    submit.mockRestore();
  });

  it('passwordForgotInitUrl points at the password_forgot_init hosted page for the request', () => {
    const { client } = setup();
    expect(client.passwordForgotInitUrl(REQUEST_ID)).toBe(
      `${BASE}/identity/password_forgot_init?requestId=${REQUEST_ID}`,
    );
    expect(client.passwordForgotInitUrl(REQUEST_ID, 'a+b@example.com')).toBe(
      `${BASE}/identity/password_forgot_init?userIdHint=a%2Bb%40example.com&requestId=${REQUEST_ID}&type=email`,
    );
  });

  it('resolveRedirectUrl points at E12 for the request', () => {
    const { client } = setup();
    expect(client.resolveRedirectUrl(REQUEST_ID)).toBe(
      `${BASE}/authz-srv/authz/resolve_redirect/${REQUEST_ID}`,
    );
  });
});
