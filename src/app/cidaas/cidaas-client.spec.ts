import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { firstValueFrom } from 'rxjs';
import { CIDAAS_BASE_URL } from '../config/cidaas-base-url';
import { ApiError } from './api-error';
import { CidaasClient } from './cidaas-client';

const BASE = 'https://tenant.example.com';
const REQUEST_ID = '9080d117-43e2-4a03-8215-a9f7a03e2999';
const LSID = '1ea61648-fbe7-4673-bb8b-18a06d8addd8';

function setup() {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), { provide: CIDAAS_BASE_URL, useValue: BASE }],
  });
  return { client: TestBed.inject(CidaasClient), http: TestBed.inject(HttpTestingController) };
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a rejection');
}

describe('CidaasClient', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('getClientInfo reads E3 with Accept-Language and keeps only typed fields', async () => {
    const { client, http } = setup();
    const result = firstValueFrom(client.getClientInfo({ requestId: REQUEST_ID, acceptlanguage: 'de' }));
    const request = http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`);
    expect(request.request.headers.get('Accept-Language')).toBe('de');
    request.flush({
      success: true,
      status: 200,
      data: { client_display_name: 'Acme', primaryColor: 42, password_policy: { minimumLength: 10, lowerAndUpperCase: 'yes' } },
    });
    const info = await result;
    expect(info.client_display_name).toBe('Acme');
    expect(info.primaryColor).toBeUndefined();
    expect(info.password_policy?.minimumLength).toBe(10);
    expect(info.password_policy?.lowerAndUpperCase).toBeUndefined();
  });

  it('getClientInfo turns PUB10002 into an expired error', async () => {
    const { client, http } = setup();
    const result = firstValueFrom(client.getClientInfo({ requestId: REQUEST_ID }));
    http
      .expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`)
      .flush({ success: false, status: 400, code: 'PUB10002', error: 'invalid_request' }, { status: 400, statusText: 'Bad Request' });
    expect(await rejection(result)).toEqual({ kind: 'expired', code: 'PUB10002' });
  });

  it('getClientInfo reports a body without the envelope as a bad response', async () => {
    const { client, http } = setup();
    const result = firstValueFrom(client.getClientInfo({ requestId: REQUEST_ID }));
    http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`).flush('<html>proxy error</html>');
    expect(await rejection(result)).toEqual({ kind: 'bad-response' });
  });

  it('getRegistrationSetup sends acceptlanguage and requestId and parses the fields', async () => {
    const { client, http } = setup();
    const result = firstValueFrom(client.getRegistrationSetup({ requestId: REQUEST_ID, acceptlanguage: 'en' }));
    const request = http.expectOne((req) => req.url === `${BASE}/registration-setup-srv/public/list`);
    expect(request.request.params.get('acceptlanguage')).toBe('en');
    expect(request.request.params.get('requestId')).toBe(REQUEST_ID);
    request.flush({
      success: true,
      status: 200,
      data: [
        { fieldKey: 'password', dataType: 'PASSWORD', fieldType: 'SYSTEM', fieldDefinition: { maxLength: 64 }, localeText: { name: 'New password' } },
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
        fieldDefinition: { minLength: undefined, maxLength: 64, matchWith: undefined, applyPasswordPoly: undefined },
        localeText: { locale: undefined, language: undefined, name: 'New password', required: undefined, minLength: undefined, maxLength: undefined, matchWith: undefined },
      },
    ]);
  });

  it('getPreloginMetadata emits null for 204 (expired track)', async () => {
    const { client, http } = setup();
    const result = firstValueFrom(client.getPreloginMetadata(LSID));
    http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`).flush(null, { status: 204, statusText: 'No Content' });
    expect(await result).toBeNull();
  });

  it('getPreloginMetadata parses the metadata', async () => {
    const { client, http } = setup();
    const result = firstValueFrom(client.getPreloginMetadata(LSID));
    http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`).flush({
      success: true,
      status: 200,
      data: { precheck: 'password_change', username: 'new.user@example.com', reason: 'first_login', requestId: REQUEST_ID },
    });
    expect(await result).toMatchObject({ username: 'new.user@example.com', reason: 'first_login' });
  });

  it('reports a dropped connection as a network error', async () => {
    const { client, http } = setup();
    const result = firstValueFrom(client.getPreloginMetadata(LSID));
    http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`).error(new ProgressEvent('error'), { status: 0 });
    expect(await rejection(result)).toEqual({ kind: 'network' });
  });

  it('firstTimeChangePassword posts a real urlencoded form to E8 with the passwords in the body', () => {
    const { client } = setup();
    const submit = jest.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(function (this: HTMLFormElement) {
      expect(this.method).toBe('post');
      expect(this.action).toBe(`${BASE}/login-srv/precheck/continue/${LSID}`);
      expect(this.enctype).toBe('application/x-www-form-urlencoded');
      const body = Object.fromEntries(new FormData(this) as unknown as Iterable<[string, string]>);
      expect(body).toEqual({ old_password: 'Old-pass-1', new_password: 'New-pass-12!', confirm_password: 'New-pass-12!' });
    });
    client.firstTimeChangePassword({ old_password: 'Old-pass-1', new_password: 'New-pass-12!', confirm_password: 'New-pass-12!' }, LSID);
    expect(submit).toHaveBeenCalledTimes(1);
    submit.mockRestore();
  });

  it('resolveRedirectUrl points at E12 for the request', () => {
    const { client } = setup();
    expect(client.resolveRedirectUrl(REQUEST_ID)).toBe(`${BASE}/authz-srv/authz/resolve_redirect/${REQUEST_ID}`);
  });
});
