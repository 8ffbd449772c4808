import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import { locationOf, pick, startEmulator, startSignIn, type TestEmulator } from '../../testing';
import { MAX_RESET_CODE_ATTEMPTS, RESET_REQUEST_LIFETIME_MS } from '../store';
import { RESET_ERROR_DESCRIPTIONS } from './reset';

const NEW_USER = 'new.user@example.com';
const NEW_USER_PASSWORD = 'Welcome-2026';
const FLAGGED_USER = 'flagged.user@example.com';
const FLAGGED_PREVIOUS = 'Summer-Time-2025!';
const REGULAR_USER = 'regular.user@example.com';
const REGULAR_PASSWORD = 'Regular-2026';
const GOOD_NEW_PASSWORD = 'Brand-New-Secret-7';
const UNKNOWN_RPRQ = '0b8f4a52-7f43-4a57-9a55-3a3a3a3a3a3a';
// Where the SDK v6 posts (cidaas-javascript-sdk 6.0.0, src/main/user-service/UserService.ts).
const INITIATE = '/password-srv/resetpassword?action=initiatereset';
const VALIDATE = '/password-srv/resetpassword?action=validatecode';
const ACCEPT = '/password-srv/resetpassword?action=acceptreset';

let emulator: TestEmulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.close());
beforeEach(() => emulator.reset());

/** A reset session as the control API creates it: code already validated. */
interface ResetSession {
  readonly requestId: string;
  readonly rprq: string;
  readonly exchangeId: string;
  readonly code: string;
  readonly url: string;
}

function isResetSession(value: unknown): value is ResetSession {
  return ['requestId', 'rprq', 'exchangeId', 'code', 'url'].every(
    (key) => typeof pick(value, key) === 'string',
  );
}

async function createResetSession(body: Readonly<Record<string, string>>): Promise<ResetSession> {
  const response = await emulator.sendJson('/__emulator/reset-sessions', body);
  assert.equal(response.status, 201);
  const session: unknown = await response.json();
  assert.ok(isResetSession(session), JSON.stringify(session));
  return session;
}

function accept(fields: {
  readonly resetRequestId: string;
  readonly exchangeId: string;
  readonly password: string;
  readonly confirmPassword?: string;
}): Promise<Response> {
  return emulator.postForm(ACCEPT, {
    resetRequestId: fields.resetRequestId,
    exchangeId: fields.exchangeId,
    password: fields.password,
    confirmPassword: fields.confirmPassword ?? fields.password,
  });
}

/** Asserts a 302 back to password_set in reset mode with the given error and returns its parameters. */
function assertResetError(
  response: Response,
  error: string,
  expected: {
    readonly rprq: string;
    readonly exchangeId: string;
    readonly requestId: string | null;
  },
): URLSearchParams {
  assert.equal(response.status, 302);
  const location = locationOf(response, emulator.baseUrl);
  assert.equal(location.pathname, '/identity/password_set');
  const params = location.searchParams;
  assert.equal(params.get('error'), error);
  assert.equal(params.get('rprq'), expected.rprq);
  assert.equal(params.get('exchangeid'), expected.exchangeId);
  assert.equal(params.get('requestId'), expected.requestId);
  assert.equal(params.get('resetMedium'), 'email');
  assert.equal(params.get('lsid'), null);
  assert.ok(params.get('error_description'), 'error_description is present');
  return params;
}

/** Posts the forgot-password form and returns the code page location. */
async function requestCode(requestId: string, email: string): Promise<URL> {
  const response = await emulator.postForm('/identity/password_forgot_init', { requestId, email });
  assert.equal(response.status, 302);
  return locationOf(response, emulator.baseUrl);
}

async function codeOf(rprq: string): Promise<unknown> {
  return pick(await (await emulator.fetch(`/__emulator/reset-requests/${rprq}`)).json(), 'code');
}

async function signIn(requestId: string, username: string, password: string): Promise<URL> {
  const response = await emulator.postForm('/login-srv/login', { requestId, username, password });
  assert.equal(response.status, 302);
  return locationOf(response, emulator.baseUrl);
}

describe('the login page links to forgot password', () => {
  it('in English and in German, keeping requestId and ui_locales', async () => {
    const requestId = await startSignIn(emulator);
    const page = await (await emulator.fetch(`/identity/login?requestId=${requestId}`)).text();
    assert.match(
      page,
      new RegExp(
        `<a href="/identity/password_forgot_init\\?requestId=${requestId}">Forgot password\\?</a>`,
      ),
    );

    const german = await startSignIn(emulator, { ui_locales: 'de-CH' });
    const germanPage = await (await emulator.fetch(`/identity/login?requestId=${german}`)).text();
    assert.match(
      germanPage,
      new RegExp(
        `<a href="/identity/password_forgot_init\\?requestId=${german}&amp;ui_locales=de-CH">Passwort vergessen\\?</a>`,
      ),
    );
  });
});

describe('GET /identity/password_forgot_init', () => {
  it('renders an email form posting to itself, with a way back to sign-in', async () => {
    const requestId = await startSignIn(emulator);
    const response = await emulator.fetch(`/identity/password_forgot_init?requestId=${requestId}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const page = await response.text();
    assert.match(page, /<html lang="en">/);
    assert.match(page, /<h1>Forgot your password\?<\/h1>/);
    assert.match(page, /<form method="post" action="\/identity\/password_forgot_init">/);
    assert.match(page, new RegExp(`<input type="hidden" name="requestId" value="${requestId}">`));
    assert.match(page, /<label for="email">Email<\/label>/);
    assert.match(page, /id="email" name="email" type="email" autocomplete="username" required/);
    assert.match(
      page,
      new RegExp(`href="/identity/login\\?requestId=${requestId}">Back to sign-in`),
    );
    assert.doesNotMatch(page, /role="alert"/);
    assert.doesNotMatch(page, /<script/i);
  });

  it('speaks German for the request’s ui_locales, and for ?ui_locales when the request has none', async () => {
    const german = await startSignIn(emulator, { ui_locales: 'de' });
    const page = await (
      await emulator.fetch(`/identity/password_forgot_init?requestId=${german}`)
    ).text();
    assert.match(page, /<html lang="de">/);
    assert.match(page, /Passwort vergessen\?/);
    assert.match(page, /Code senden/);

    const plain = await startSignIn(emulator);
    const viaQuery = await (
      await emulator.fetch(`/identity/password_forgot_init?requestId=${plain}&ui_locales=de-AT`)
    ).text();
    assert.match(viaQuery, /<html lang="de">/);
  });

  it('shows the error for error=email_required', async () => {
    const requestId = await startSignIn(emulator);
    const page = await (
      await emulator.fetch(
        `/identity/password_forgot_init?requestId=${requestId}&error=email_required`,
      )
    ).text();
    assert.match(page, /role="alert" id="email-error">Enter your email address\./);
    assert.match(page, /aria-describedby="email-error" aria-invalid="true"/);
  });

  it('answers 400 "expired" for an unknown, missing or malformed requestId', async () => {
    for (const query of [`?requestId=${UNKNOWN_RPRQ}`, '', '?requestId=%3Cb%3E']) {
      const response = await emulator.fetch(`/identity/password_forgot_init${query}`);
      assert.equal(response.status, 400, query);
      const page = await response.text();
      assert.match(page, /expired/);
      assert.doesNotMatch(page, /<b>/);
    }
  });
});

describe('password_forgot_init as other pages link to it', () => {
  it('prefills the account from userIdHint (as cidaas’ Shopware plugin links it), as an escaped value', async () => {
    const requestId = await startSignIn(emulator);
    const hint = encodeURIComponent('"><script>x</script>@example.com');
    const page = await (
      await emulator.fetch(
        `/identity/password_forgot_init?userIdHint=${hint}&requestId=${requestId}&type=email`,
      )
    ).text();
    assert.match(
      page,
      /autocomplete="username" required autofocus value="&quot;&gt;&lt;script&gt;x&lt;\/script&gt;@example.com"/,
    );
    assert.doesNotMatch(page, /<script>/);
  });

  it('the emulator’s earlier paths redirect there with the same query', async () => {
    const requestId = await startSignIn(emulator);
    for (const path of ['/identity/forgot-password', '/identity/reset-code']) {
      const response = await emulator.fetch(`${path}?requestId=${requestId}&rprq=${UNKNOWN_RPRQ}`);
      assert.equal(response.status, 302, path);
      assert.equal(
        response.headers.get('location'),
        `/identity/password_forgot_init?requestId=${requestId}&rprq=${UNKNOWN_RPRQ}`,
      );
    }
  });

  it('a reset request of another login request is not shown', async () => {
    const first = await startSignIn(emulator);
    const rprq = String((await requestCode(first, NEW_USER)).searchParams.get('rprq'));
    const other = await startSignIn(emulator);
    const response = await emulator.fetch(
      `/identity/password_forgot_init?requestId=${other}&rprq=${rprq}`,
    );
    assert.equal(response.status, 400);
    assert.doesNotMatch(await response.text(), /id="reset-code"/);
  });
});

describe('POST /identity/password_forgot_init', () => {
  it('creates a reset request and 302s to the code page (ui_locales kept)', async () => {
    const requestId = await startSignIn(emulator, { ui_locales: 'de en' });
    const location = await requestCode(requestId, ' New.User@Example.com ');
    assert.equal(location.pathname, '/identity/password_forgot_init');
    const rprq = location.searchParams.get('rprq');
    assert.match(String(rprq), /^[0-9a-f-]{36}$/);
    assert.deepEqual([...location.searchParams.keys()], ['requestId', 'rprq', 'ui_locales']);
    assert.equal(location.searchParams.get('requestId'), requestId);
    assert.equal(location.searchParams.get('ui_locales'), 'de en');
    assert.match(String(await codeOf(String(rprq))), /^\d{6}$/);
  });

  it('sends an empty email back with error=email_required', async () => {
    const requestId = await startSignIn(emulator);
    const location = await requestCode(requestId, '   ');
    assert.equal(location.pathname, '/identity/password_forgot_init');
    assert.equal(location.searchParams.get('error'), 'email_required');
    assert.equal(location.searchParams.get('requestId'), requestId);
  });

  it('answers 400 for an unknown requestId', async () => {
    const response = await emulator.postForm('/identity/password_forgot_init', {
      requestId: UNKNOWN_RPRQ,
      email: NEW_USER,
    });
    assert.equal(response.status, 400);
  });

  it('is enumeration-safe: an unknown email gets the same redirect and page, but no code ever works', async () => {
    const requestId = await startSignIn(emulator);
    const known = await requestCode(requestId, NEW_USER);
    const unknown = await requestCode(requestId, 'nobody@example.com');
    assert.equal(unknown.pathname, known.pathname);
    assert.deepEqual([...unknown.searchParams.keys()], [...known.searchParams.keys()]);
    const unknownRprq = String(unknown.searchParams.get('rprq'));
    assert.match(unknownRprq, /^[0-9a-f-]{36}$/);

    const knownPage = await emulator.fetch(known.pathname + known.search);
    const unknownPage = await emulator.fetch(unknown.pathname + unknown.search);
    assert.equal(unknownPage.status, knownPage.status);
    const unknownHtml = await unknownPage.text();
    assert.match(
      unknownHtml,
      /<form method="post" action="\/password-srv\/resetpassword\?action=validatecode">/,
    );
    // The emulator's "mailbox" stands in for the inbox, which a real attacker never sees.
    assert.match(unknownHtml, /no account uses this address/);
    assert.doesNotMatch(unknownHtml, /id="reset-code"/);
    assert.equal(await codeOf(unknownRprq), null);

    // Not even the code of the known account's request works.
    const knownCode = String(await codeOf(String(known.searchParams.get('rprq'))));
    const response = await emulator.postForm(VALIDATE, {
      code: knownCode,
      resetRequestId: unknownRprq,
      requestId,
    });
    const back = locationOf(response, emulator.baseUrl);
    assert.equal(back.pathname, '/identity/password_forgot_init');
    assert.equal(back.searchParams.get('error'), 'invalid_code');
  });
});

describe('GET /identity/password_forgot_init with rprq: the code step', () => {
  it('shows the emulated email’s code and a code form posting to validatecode', async () => {
    const requestId = await startSignIn(emulator);
    const location = await requestCode(requestId, NEW_USER);
    const rprq = String(location.searchParams.get('rprq'));
    const response = await emulator.fetch(location.pathname + location.search);
    assert.equal(response.status, 200);
    const page = await response.text();
    const code = String(await codeOf(rprq));
    assert.match(
      page,
      new RegExp(
        `In a real tenant we would email you a code; this emulator shows it: <strong><code id="reset-code">${code}</code>`,
      ),
    );
    assert.match(
      page,
      /<form method="post" action="\/password-srv\/resetpassword\?action=validatecode">/,
    );
    assert.match(page, new RegExp(`<input type="hidden" name="resetRequestId" value="${rprq}">`));
    assert.match(page, new RegExp(`<input type="hidden" name="requestId" value="${requestId}">`));
    assert.match(page, /<label for="code">Code<\/label>/);
    assert.match(
      page,
      /id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"/,
    );
    assert.doesNotMatch(page, /role="alert"/);
  });

  it('shows the error for error=invalid_code, in German too', async () => {
    const requestId = await startSignIn(emulator, { ui_locales: 'de' });
    const location = await requestCode(requestId, NEW_USER);
    const page = await (
      await emulator.fetch(`${location.pathname}${location.search}&error=invalid_code`)
    ).text();
    assert.match(page, /<html lang="de">/);
    assert.match(page, /role="alert" id="code-error">Dieser Code ist nicht richtig/);
    assert.match(page, /aria-describedby="code-hint code-error" aria-invalid="true"/);
  });

  it('explains an expired or unknown reset request with a link to request a new code', async () => {
    const requestId = await startSignIn(emulator);
    const location = await requestCode(requestId, NEW_USER);
    emulator.advance(RESET_REQUEST_LIFETIME_MS);
    for (const path of [
      location.pathname + location.search,
      `/identity/password_forgot_init?requestId=${requestId}&rprq=${UNKNOWN_RPRQ}`,
    ]) {
      const response = await emulator.fetch(path);
      assert.equal(response.status, 400, path);
      const page = await response.text();
      assert.match(page, /has expired or was already used/);
      assert.match(
        page,
        new RegExp(
          `href="/identity/password_forgot_init\\?requestId=${requestId}">Request a new code`,
        ),
      );
      assert.doesNotMatch(page, /id="reset-code"/);
    }
  });
});

describe('POST /password-srv/resetpassword?action=validatecode (handleResetPassword)', () => {
  async function started(
    uiLocales?: string,
  ): Promise<{ readonly requestId: string; readonly rprq: string; readonly code: string }> {
    const requestId = await startSignIn(
      emulator,
      uiLocales === undefined ? {} : { ui_locales: uiLocales },
    );
    const rprq = String((await requestCode(requestId, NEW_USER)).searchParams.get('rprq'));
    return { requestId, rprq, code: String(await codeOf(rprq)) };
  }

  it('a wrong code 302s back to the code page with error=invalid_code', async () => {
    const { requestId, rprq, code } = await started();
    const wrong = code === '000000' ? '000001' : '000000';
    const response = await emulator.postForm(VALIDATE, {
      code: wrong,
      resetRequestId: rprq,
      requestId,
    });
    assert.equal(response.status, 302);
    const location = locationOf(response, emulator.baseUrl);
    assert.equal(location.pathname, '/identity/password_forgot_init');
    assert.deepEqual(Object.fromEntries(location.searchParams), {
      requestId,
      rprq,
      error: 'invalid_code',
    });
  });

  it('the right code issues an exchange id and 302s to password_set in reset mode; again gives the same one', async () => {
    const { requestId, rprq, code } = await started('de');
    const response = await emulator.postForm(VALIDATE, { code, resetRequestId: rprq, requestId });
    assert.equal(response.status, 302);
    const location = locationOf(response, emulator.baseUrl);
    assert.equal(location.pathname, '/identity/password_set');
    assert.deepEqual(
      [...location.searchParams.keys()],
      ['requestId', 'rprq', 'exchangeid', 'resetMedium', 'ui_locales'],
    );
    assert.equal(location.searchParams.get('requestId'), requestId);
    assert.equal(location.searchParams.get('rprq'), rprq);
    assert.match(String(location.searchParams.get('exchangeid')), /^[0-9a-f-]{36}$/);
    assert.equal(location.searchParams.get('resetMedium'), 'email');
    assert.equal(location.searchParams.get('ui_locales'), 'de');

    const again = await emulator.postForm(VALIDATE, {
      code: ` ${code} `,
      resetRequestId: rprq,
      requestId,
    });
    assert.equal(
      locationOf(again, emulator.baseUrl).searchParams.get('exchangeid'),
      location.searchParams.get('exchangeid'),
    );
  });

  it(`voids the request after ${MAX_RESET_CODE_ATTEMPTS} wrong codes: then even the right one leads to "expired"`, async () => {
    const { requestId, rprq, code } = await started();
    const wrong = code === '999999' ? '999998' : '999999';
    for (let attempt = 0; attempt < MAX_RESET_CODE_ATTEMPTS; attempt += 1) {
      await emulator.postForm(VALIDATE, { code: wrong, resetRequestId: rprq, requestId });
    }
    const response = await emulator.postForm(VALIDATE, { code, resetRequestId: rprq, requestId });
    const location = locationOf(response, emulator.baseUrl);
    assert.equal(location.pathname, '/identity/password_forgot_init');
    assert.equal(location.searchParams.get('error'), null);
    assert.equal((await emulator.fetch(location.pathname + location.search)).status, 400);
    assert.equal(
      pick(await (await emulator.fetch(`/__emulator/reset-requests/${rprq}`)).json(), 'expired'),
      true,
    );
  });

  it('an expired request (15 minutes) or an unknown rprq goes to the code page, which explains it', async () => {
    const { requestId, rprq, code } = await started();
    emulator.advance(RESET_REQUEST_LIFETIME_MS);
    for (const resetRequestId of [rprq, UNKNOWN_RPRQ]) {
      const response = await emulator.postForm(VALIDATE, { code, resetRequestId, requestId });
      const location = locationOf(response, emulator.baseUrl);
      assert.equal(location.pathname, '/identity/password_forgot_init');
      assert.equal(location.searchParams.get('rprq'), resetRequestId);
      assert.equal(location.searchParams.get('error'), null);
      assert.match(
        await (await emulator.fetch(location.pathname + location.search)).text(),
        /has expired/,
      );
    }
  });

  it('answers 400 when neither the reset request nor the requestId is known', async () => {
    const response = await emulator.postForm(VALIDATE, {
      code: '123456',
      resetRequestId: 'x',
      requestId: 'y',
    });
    assert.equal(response.status, 400);
  });
});

describe('POST /password-srv/resetpassword?action=initiatereset (initiateResetPassword, JSON)', () => {
  it('answers {success, status, data:{reset_initiated, rprq}} to the SDK v6 request and creates a request with a code', async () => {
    const requestId = await startSignIn(emulator);
    // The SDK v6's enums: ProcessingType.Code = 'CODE', ResetMedium.Email = 'EMAIL'.
    const response = await emulator.sendJson(INITIATE, {
      email: NEW_USER,
      processingType: 'CODE',
      requestId,
      resetMedium: 'EMAIL',
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body: unknown = await response.json();
    const rprq = String(pick(body, 'data', 'rprq'));
    assert.match(rprq, /^[0-9a-f-]{36}$/);
    assert.deepEqual(body, { success: true, status: 200, data: { reset_initiated: true, rprq } });
    assert.match(String(await codeOf(rprq)), /^\d{6}$/);
  });

  it('answers the same for an unknown email (processingType optional, resetMedium in any case), without a code', async () => {
    const requestId = await startSignIn(emulator);
    const response = await emulator.sendJson(INITIATE, {
      email: 'nobody@example.com',
      requestId,
      resetMedium: 'email',
    });
    assert.equal(response.status, 200);
    const body: unknown = await response.json();
    assert.deepEqual(Object.keys(Object(pick(body, 'data'))).sort(), ['reset_initiated', 'rprq']);
    assert.equal(await codeOf(String(pick(body, 'data', 'rprq'))), null);
  });

  it('accepts the account as username too', async () => {
    const requestId = await startSignIn(emulator);
    const response = await emulator.sendJson(INITIATE, {
      username: NEW_USER,
      requestId,
      resetMedium: 'EMAIL',
    });
    assert.match(
      String(await codeOf(String(pick(await response.json(), 'data', 'rprq')))),
      /^\d{6}$/,
    );
  });

  it('answers cidaas’ documented errors: 417 VER_0005 for missing data, 400 VER_0006 for an unknown requestId, 400 VER_0004 for a bad payload', async () => {
    const requestId = await startSignIn(emulator);
    const cases: ReadonlyArray<readonly [unknown, number, string, string]> = [
      [{ requestId, resetMedium: 'EMAIL' }, 417, 'VER_0005', 'missing_data'],
      [{ email: '  ', requestId, resetMedium: 'EMAIL' }, 417, 'VER_0005', 'missing_data'],
      [{ email: NEW_USER, resetMedium: 'EMAIL' }, 417, 'VER_0005', 'missing_data'],
      [{ email: NEW_USER, requestId }, 417, 'VER_0005', 'missing_data'],
      [
        { email: NEW_USER, requestId: UNKNOWN_RPRQ, resetMedium: 'EMAIL' },
        400,
        'VER_0006',
        'invalid_request',
      ],
      [
        { email: NEW_USER, requestId: '<b>', resetMedium: 'EMAIL' },
        400,
        'VER_0006',
        'invalid_request',
      ],
      [[1, 2], 400, 'VER_0004', 'invalid_request_payload'],
    ];
    for (const [bad, status, code, error] of cases) {
      const response = await emulator.sendJson(INITIATE, bad);
      assert.equal(response.status, status, JSON.stringify(bad));
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const body: unknown = await response.json();
      assert.equal(pick(body, 'success'), false);
      assert.equal(pick(body, 'status'), status);
      assert.equal(pick(body, 'code'), code, JSON.stringify(bad));
      assert.equal(pick(body, 'error'), error, JSON.stringify(bad));
    }
    const malformed = await emulator.fetch(INITIATE, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    assert.equal(malformed.status, 400);
    assert.equal(pick(await malformed.json(), 'code'), 'VER_0004');
  });

  it('refuses what the emulator does not emulate (the LINK flow, SMS, accounts by phone) with 400', async () => {
    const requestId = await startSignIn(emulator);
    for (const bad of [
      { email: NEW_USER, requestId, resetMedium: 'EMAIL', processingType: 'LINK' },
      { email: NEW_USER, requestId, resetMedium: 'SMS' },
      { mobile: '+4915112345678', requestId, resetMedium: 'SMS' },
    ]) {
      const response = await emulator.sendJson(INITIATE, bad);
      assert.equal(response.status, 400, JSON.stringify(bad));
      assert.equal(pick(await response.json(), 'error'), 'invalid_request');
    }
  });
});

describe('POST /password-srv/resetpassword with another action', () => {
  it('answers 400 VER_0003 invalid_action for a missing or unknown action', async () => {
    for (const path of [
      '/password-srv/resetpassword',
      '/password-srv/resetpassword?action=handlereset',
      '/password-srv/resetpassword?action=__proto__',
    ]) {
      const response = await emulator.postForm(path, { resetRequestId: UNKNOWN_RPRQ });
      assert.equal(response.status, 400, path);
      assert.deepEqual(await response.json(), {
        success: false,
        status: 400,
        code: 'VER_0003',
        error: 'invalid_action',
        error_description: 'invalid action is passed in the request',
      });
    }
  });
});

describe('the older /users-srv/resetpassword/* paths stay as aliases', () => {
  it('initiate, validatecode and accept behave as the SDK v6 paths', async () => {
    const requestId = await startSignIn(emulator, { ui_locales: 'de' });
    const initiated = await emulator.sendJson('/users-srv/resetpassword/initiate', {
      email: REGULAR_USER,
      requestId,
      resetMedium: 'email',
      processingType: 'CODE',
    });
    assert.equal(initiated.status, 200);
    const rprq = String(pick(await initiated.json(), 'data', 'rprq'));
    const code = String(await codeOf(rprq));

    const wrong = await emulator.postForm('/users-srv/resetpassword/validatecode', {
      code: code === '000000' ? '000001' : '000000',
      resetRequestId: rprq,
    });
    assert.deepEqual(Object.fromEntries(locationOf(wrong, emulator.baseUrl).searchParams), {
      requestId,
      rprq,
      ui_locales: 'de',
      error: 'invalid_code',
    });
    const validated = locationOf(
      await emulator.postForm('/users-srv/resetpassword/validatecode', {
        code,
        resetRequestId: rprq,
      }),
      emulator.baseUrl,
    );
    assert.equal(validated.pathname, '/identity/password_set');
    const exchangeId = String(validated.searchParams.get('exchangeid'));

    const compromised = await emulator.postForm('/users-srv/resetpassword/accept', {
      resetRequestId: rprq,
      exchangeId,
      password: 'Password123!',
      confirmPassword: 'Password123!',
    });
    assert.equal(
      locationOf(compromised, emulator.baseUrl).searchParams.get('error_code'),
      'VER_0120',
    );
    const done = await emulator.postForm('/users-srv/resetpassword/accept', {
      resetRequestId: rprq,
      exchangeId,
      password: GOOD_NEW_PASSWORD,
      confirmPassword: GOOD_NEW_PASSWORD,
    });
    assert.equal(locationOf(done, emulator.baseUrl).pathname, '/identity/password_set_success');
    assert.ok(await emulator.store.authenticate(REGULAR_USER, GOOD_NEW_PASSWORD));

    const missing = await emulator.sendJson('/users-srv/resetpassword/initiate', {
      requestId,
      resetMedium: 'EMAIL',
    });
    assert.equal(missing.status, 417);
    const malformed = await emulator.fetch('/users-srv/resetpassword/initiate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    assert.equal(pick(await malformed.json(), 'code'), 'VER_0004');
  });
});

describe('E11 POST /password-srv/resetpassword?action=acceptreset (resetPassword), failures in order', () => {
  it('1. unknown or malformed rprq: track_expired without requestId', async () => {
    for (const rprq of [UNKNOWN_RPRQ, '<script>']) {
      const response = await accept({
        resetRequestId: rprq,
        exchangeId: 'e',
        password: GOOD_NEW_PASSWORD,
      });
      const params = assertResetError(response, 'track_expired', {
        rprq,
        exchangeId: 'e',
        requestId: null,
      });
      assert.equal(params.get('error_description'), RESET_ERROR_DESCRIPTIONS.track_expired);
    }
  });

  it('1. a wrong exchange id, or none yet (code not validated): track_expired, even for a valid password', async () => {
    const session = await createResetSession({ username: NEW_USER, ui_locales: 'de' });
    const wrong = await accept({
      resetRequestId: session.rprq,
      exchangeId: UNKNOWN_RPRQ,
      password: GOOD_NEW_PASSWORD,
    });
    const params = assertResetError(wrong, 'track_expired', {
      rprq: session.rprq,
      exchangeId: UNKNOWN_RPRQ,
      requestId: session.requestId,
    });
    assert.equal(params.get('ui_locales'), 'de');

    const requestId = await startSignIn(emulator);
    const rprq = String((await requestCode(requestId, NEW_USER)).searchParams.get('rprq'));
    assertResetError(
      await accept({ resetRequestId: rprq, exchangeId: '', password: GOOD_NEW_PASSWORD }),
      'track_expired',
      { rprq, exchangeId: '', requestId },
    );
  });

  it('1. an expired rprq (15 minutes, or expired through the control API): track_expired', async () => {
    const timedOut = await createResetSession({ username: NEW_USER });
    emulator.advance(RESET_REQUEST_LIFETIME_MS);
    assertResetError(
      await accept({
        resetRequestId: timedOut.rprq,
        exchangeId: timedOut.exchangeId,
        password: GOOD_NEW_PASSWORD,
      }),
      'track_expired',
      {
        rprq: timedOut.rprq,
        exchangeId: timedOut.exchangeId,
        requestId: timedOut.requestId,
      },
    );

    const expired = await createResetSession({ username: FLAGGED_USER });
    assert.equal(
      (await emulator.sendJson(`/__emulator/reset-requests/${expired.rprq}/expire`, {})).status,
      200,
    );
    assertResetError(
      await accept({
        resetRequestId: expired.rprq,
        exchangeId: expired.exchangeId,
        password: GOOD_NEW_PASSWORD,
      }),
      'track_expired',
      {
        rprq: expired.rprq,
        exchangeId: expired.exchangeId,
        requestId: expired.requestId,
      },
    );
  });

  it('1. a reused rprq: track_expired, and the password stays the one set first', async () => {
    const session = await createResetSession({ username: NEW_USER });
    const first = await accept({
      resetRequestId: session.rprq,
      exchangeId: session.exchangeId,
      password: GOOD_NEW_PASSWORD,
    });
    assert.equal(locationOf(first, emulator.baseUrl).pathname, '/identity/password_set_success');
    const again = await accept({
      resetRequestId: session.rprq,
      exchangeId: session.exchangeId,
      password: 'Another-Secret-8',
    });
    assertResetError(again, 'track_expired', {
      rprq: session.rprq,
      exchangeId: session.exchangeId,
      requestId: session.requestId,
    });
    assert.equal(await emulator.store.authenticate(NEW_USER, 'Another-Secret-8'), undefined);
    assert.ok(await emulator.store.authenticate(NEW_USER, GOOD_NEW_PASSWORD));
  });

  it('2. confirmation differs: password_mismatch (before same-as-current and the policy)', async () => {
    const session = await createResetSession({ username: NEW_USER });
    const response = await accept({
      resetRequestId: session.rprq,
      exchangeId: session.exchangeId,
      password: NEW_USER_PASSWORD,
      confirmPassword: 'short',
    });
    assertResetError(response, 'password_mismatch', {
      rprq: session.rprq,
      exchangeId: session.exchangeId,
      requestId: session.requestId,
    });
  });

  it('3. new equals current: password_same_as_old (before the policy, which the weak current password breaks)', async () => {
    await emulator.sendJson('/__emulator/users', {
      username: 'weak@example.com',
      password: 'weak',
      mustChangePassword: false,
    });
    const session = await createResetSession({ username: 'weak@example.com' });
    const response = await accept({
      resetRequestId: session.rprq,
      exchangeId: session.exchangeId,
      password: 'weak',
    });
    assertResetError(response, 'password_same_as_old', {
      rprq: session.rprq,
      exchangeId: session.exchangeId,
      requestId: session.requestId,
    });
  });

  it('4. policy: password_policy_violation with the rule as error_code (the same check as E8)', async () => {
    const session = await createResetSession({ username: NEW_USER });
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['Short-1', 'minimumLength'],
      ['No-Digits-Here!', 'noOfDigits'],
      ['all-lower-case-1', 'lowerAndUpperCase'],
    ];
    for (const [password, rule] of cases) {
      const params = assertResetError(
        await accept({ resetRequestId: session.rprq, exchangeId: session.exchangeId, password }),
        'password_policy_violation',
        {
          rprq: session.rprq,
          exchangeId: session.exchangeId,
          requestId: session.requestId,
        },
      );
      assert.equal(params.get('error_code'), rule, password);
    }
  });

  it('5. a breached password: the documented redirect, error=Bad Request with error_code=VER_0120', async () => {
    const session = await createResetSession({ username: NEW_USER });
    const response = await accept({
      resetRequestId: session.rprq,
      exchangeId: session.exchangeId,
      password: 'Password123!',
    });
    const params = assertResetError(response, 'Bad Request', {
      rprq: session.rprq,
      exchangeId: session.exchangeId,
      requestId: session.requestId,
    });
    // docs.cidaas.com/openapi/4.0.4/password-management/post-reset-password-accept, "CompromisedPassword".
    assert.equal(params.get('error_description'), 'The password is compromised');
    assert.equal(params.get('error_code'), 'VER_0120');
    assert.match(
      String(response.headers.get('location')),
      /&resetMedium=email&error=Bad\+Request&error_description=The\+password\+is\+compromised&error_code=VER_0120$/,
    );
  });

  it('6. a recent password: password_already_used', async () => {
    const session = await createResetSession({ username: FLAGGED_USER });
    const response = await accept({
      resetRequestId: session.rprq,
      exchangeId: session.exchangeId,
      password: FLAGGED_PREVIOUS,
    });
    assertResetError(response, 'password_already_used', {
      rprq: session.rprq,
      exchangeId: session.exchangeId,
      requestId: session.requestId,
    });
  });

  it('failures leave the request usable: a corrected submission succeeds', async () => {
    const session = await createResetSession({ username: NEW_USER });
    await accept({
      resetRequestId: session.rprq,
      exchangeId: session.exchangeId,
      password: 'Short-1',
    });
    const retry = await accept({
      resetRequestId: session.rprq,
      exchangeId: session.exchangeId,
      password: GOOD_NEW_PASSWORD,
    });
    assert.equal(locationOf(retry, emulator.baseUrl).pathname, '/identity/password_set_success');
  });

  it('accepts the exchange id spelled exchangeid in the form too', async () => {
    const session = await createResetSession({ username: NEW_USER });
    const response = await emulator.postForm(ACCEPT, {
      resetRequestId: session.rprq,
      exchangeid: session.exchangeId,
      password: GOOD_NEW_PASSWORD,
      confirmPassword: GOOD_NEW_PASSWORD,
    });
    assert.equal(locationOf(response, emulator.baseUrl).pathname, '/identity/password_set_success');
  });
});

describe('E11 success', () => {
  it('302s to the success page; the new password signs in (E12 → login), the old one fails', async () => {
    const session = await createResetSession({ username: NEW_USER, ui_locales: 'de' });
    const before = emulator.store.findUser(NEW_USER);
    assert.equal(before?.mustChangePassword, true);
    const response = await accept({
      resetRequestId: session.rprq,
      exchangeId: session.exchangeId,
      password: GOOD_NEW_PASSWORD,
    });
    assert.equal(response.status, 302);
    const success = locationOf(response, emulator.baseUrl);
    assert.equal(success.pathname, '/identity/password_set_success');
    // As documented: requestId, suggested_action=LOGIN and a trackId; plus ui_locales.
    assert.deepEqual(
      [...success.searchParams.keys()],
      ['requestId', 'suggested_action', 'trackId', 'ui_locales'],
    );
    assert.equal(success.searchParams.get('requestId'), session.requestId);
    assert.equal(success.searchParams.get('suggested_action'), 'LOGIN');
    assert.match(String(success.searchParams.get('trackId')), /^[0-9a-f-]{36}$/);
    assert.equal(success.searchParams.get('ui_locales'), 'de');

    const state: unknown = await (
      await emulator.fetch(`/__emulator/state/users/${NEW_USER}`)
    ).json();
    assert.equal(pick(state, 'mustChangePassword'), false);
    assert.equal(pick(state, 'reason'), null);
    assert.equal(pick(state, 'historyLength'), 1);
    assert.deepEqual(
      await (await emulator.fetch(`/__emulator/reset-requests/${session.rprq}`)).json(),
      { code: session.code, used: true, expired: false },
    );

    // "Continue to sign-in" on the success page is E12 with the same requestId.
    const resolved = await emulator.fetch(`/authz-srv/authz/resolve_redirect/${session.requestId}`);
    const login = locationOf(resolved, emulator.baseUrl);
    assert.equal(login.pathname, '/identity/login');
    assert.equal(login.searchParams.get('requestId'), session.requestId);

    const wrong = await signIn(session.requestId, NEW_USER, NEW_USER_PASSWORD);
    assert.equal(wrong.pathname, '/identity/login');
    assert.equal(wrong.searchParams.get('error'), 'invalid_credentials');
    // The change requirement is gone, so the sign-in goes straight back to the application.
    const right = await signIn(session.requestId, NEW_USER, GOOD_NEW_PASSWORD);
    // The control API's default redirect_uri is the emulator's own /callback.
    assert.equal(right.origin + right.pathname, `${emulator.baseUrl}/callback`);
    assert.ok(right.searchParams.get('code'));
  });

  it('also lifts a password_set lockout of the account', async () => {
    const user = emulator.store.findUser(FLAGGED_USER);
    assert.ok(user);
    user.lockedUntil = emulator.store.now() + 60_000;
    user.failedAttempts = 3;
    const session = await createResetSession({ username: FLAGGED_USER });
    await accept({
      resetRequestId: session.rprq,
      exchangeId: session.exchangeId,
      password: GOOD_NEW_PASSWORD,
    });
    assert.equal(user.lockedUntil, undefined);
    assert.equal(user.failedAttempts, 0);
  });
});

describe('the whole flow over HTTP, as a browser would go through it', () => {
  it('login page → forgot password → code → password_set → E11 → success → sign in', async () => {
    const requestId = await startSignIn(emulator);
    const loginPage = await (await emulator.fetch(`/identity/login?requestId=${requestId}`)).text();
    const forgotHref = /href="(\/identity\/password_forgot_init[^"]*)"/.exec(loginPage)?.[1];
    assert.ok(forgotHref);
    assert.equal((await emulator.fetch(forgotHref.replaceAll('&amp;', '&'))).status, 200);

    const codePageUrl = await requestCode(requestId, REGULAR_USER);
    const codePage = await (await emulator.fetch(codePageUrl.pathname + codePageUrl.search)).text();
    const code = /<code id="reset-code">(\d{6})<\/code>/.exec(codePage)?.[1];
    assert.ok(code);
    const rprq = String(codePageUrl.searchParams.get('rprq'));

    const validated = await emulator.postForm(VALIDATE, { code, resetRequestId: rprq, requestId });
    const passwordSet = locationOf(validated, emulator.baseUrl);
    assert.equal(passwordSet.pathname, '/identity/password_set');
    const exchangeId = String(passwordSet.searchParams.get('exchangeid'));

    const done = await accept({ resetRequestId: rprq, exchangeId, password: GOOD_NEW_PASSWORD });
    assert.equal(locationOf(done, emulator.baseUrl).pathname, '/identity/password_set_success');
    assert.equal(
      (await signIn(requestId, REGULAR_USER, REGULAR_PASSWORD)).searchParams.get('error'),
      'invalid_credentials',
    );
    assert.equal((await signIn(requestId, REGULAR_USER, GOOD_NEW_PASSWORD)).pathname, '/callback');
  });
});

describe('test-control API for resets', () => {
  it('POST /__emulator/reset-sessions: 201 with a ready reset-mode password_set URL and a login request', async () => {
    const response = await emulator.sendJson('/__emulator/reset-sessions', {
      username: 'Flagged.User@example.com',
      ui_locales: 'de en',
    });
    assert.equal(response.status, 201);
    const body: unknown = await response.json();
    assert.ok(isResetSession(body));
    assert.deepEqual(Object.keys(Object(body)).sort(), [
      'code',
      'exchangeId',
      'requestId',
      'rprq',
      'url',
    ]);
    assert.match(body.code, /^\d{6}$/);
    const url = new URL(body.url, emulator.baseUrl);
    assert.equal(url.pathname, '/identity/password_set');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      requestId: body.requestId,
      rprq: body.rprq,
      exchangeid: body.exchangeId,
      resetMedium: 'email',
      ui_locales: 'de en',
    });
    // The login request exists: its client info loads, and the login page renders.
    assert.equal((await emulator.fetch(`/public-srv/public/${body.requestId}`)).status, 200);
    assert.equal((await emulator.fetch(`/identity/login?requestId=${body.requestId}`)).status, 200);
  });

  it('POST /__emulator/reset-sessions validates its input', async () => {
    const cases: ReadonlyArray<readonly [unknown, number, string]> = [
      [{}, 400, 'invalid_request'],
      [{ username: '' }, 400, 'invalid_request'],
      [{ username: NEW_USER, client_id: 'nope' }, 400, 'invalid_client'],
      [
        { username: NEW_USER, redirect_uri: 'https://evil.example/callback' },
        400,
        'invalid_request',
      ],
      [{ username: NEW_USER, ui_locales: 5 }, 400, 'invalid_request'],
      [{ username: 'nobody@example.com' }, 404, 'not_found'],
    ];
    for (const [body, status, error] of cases) {
      const response = await emulator.sendJson('/__emulator/reset-sessions', body);
      assert.equal(response.status, status, JSON.stringify(body));
      assert.equal(pick(await response.json(), 'error'), error, JSON.stringify(body));
    }
  });

  it('GET /__emulator/reset-requests/:rprq reports {code, used, expired}; POST …/expire expires it; unknown is 404', async () => {
    const session = await createResetSession({ username: NEW_USER });
    assert.deepEqual(
      await (
        await emulator.fetch(`/__emulator/reset-requests/${session.rprq.toUpperCase()}`)
      ).json(),
      { code: session.code, used: false, expired: false },
    );

    const expire = await emulator.sendJson(`/__emulator/reset-requests/${session.rprq}/expire`, {});
    assert.equal(expire.status, 200);
    assert.deepEqual(await expire.json(), { rprq: session.rprq, expired: true });
    assert.deepEqual(
      await (await emulator.fetch(`/__emulator/reset-requests/${session.rprq}`)).json(),
      { code: session.code, used: false, expired: true },
    );

    assert.equal((await emulator.fetch(`/__emulator/reset-requests/${UNKNOWN_RPRQ}`)).status, 404);
    assert.equal(
      (await emulator.sendJson(`/__emulator/reset-requests/${UNKNOWN_RPRQ}/expire`, {})).status,
      404,
    );
  });

  it('POST /__emulator/reset clears reset requests', async () => {
    const session = await createResetSession({ username: NEW_USER });
    await emulator.sendJson('/__emulator/reset', {});
    assert.equal((await emulator.fetch(`/__emulator/reset-requests/${session.rprq}`)).status, 404);
  });
});

describe('robustness of the reset endpoints', () => {
  it('never answers 500 or leaks a stack for malformed input', async () => {
    const requests: ReadonlyArray<readonly [string, string, string?]> = [
      ['GET', '/identity/password_forgot_init?requestId=a&requestId=b'],
      ['GET', '/identity/reset-code?rprq[]=1&requestId=%E0'],
      ['POST', '/identity/password_forgot_init', '\u0000\u0001'],
      ['POST', VALIDATE, 'code[]=1&resetRequestId[x]=2'],
      ['POST', ACCEPT, 'resetRequestId=%ZZ&password[]=x'],
    ];
    for (const [method, path, body] of requests) {
      const response = await emulator.fetch(path, {
        method,
        ...(body === undefined
          ? {}
          : { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      });
      assert.ok(response.status < 500, `${method} ${path} answered ${response.status}`);
      assert.doesNotMatch(
        await response.text(),
        /\bat .+:\d+:\d+|node_modules/,
        `${method} ${path}`,
      );
    }
    const notJson = await emulator.fetch(INITIATE, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1,2]',
    });
    assert.equal(notJson.status, 400);
    // A malformed form on the form steps is the browser's 400 page, not JSON.
    const form = await emulator.fetch(ACCEPT, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'password=%ZZ',
    });
    assert.equal(form.status, 400);
    assert.match(String(form.headers.get('content-type')), /text\/html/);
  });
});
