/**
 * The whole Auth0 flow over HTTP, without the Angular page: the demo application → the Auth0
 * emulator's `/authorize` and login form → the post-login Action (through the harness) → our page's
 * URL with `session_token` and `state` → the Auth0 mode's context endpoint and form POST (as the page
 * would send them) → the page that POSTs to `/continue` → `onContinuePostLogin` → the application.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import jwt from 'jsonwebtoken';

import { pick, TEST_SCRYPT_COST } from '../testing';
import { AUTH0_PAGE_PATH, startAuth0DevStack, type Auth0DevStack } from './dev-stack';
import { continueFormOf, postForm, type ContinueForm } from './testing';

const SECRET = 'flow-test-secret-0123456789abcdefghijklmnop';

function get(url: string): Promise<Response> {
  return fetch(url, { redirect: 'manual' });
}

function redirectOf(response: Response, base: string): URL {
  assert.equal(response.status, 302, `expected a redirect, got ${response.status}`);
  return new URL(response.headers.get('location') ?? '', base);
}

/** A browser session against one stack: the application and tenant at `loginUrl`, the page at `pageUrl`. */
function browser(stack: () => Auth0DevStack) {
  /** Starts a login at the demo application and submits the tenant's login form. */
  const submitLogin = async (
    email: string,
    password: string,
    appState: string,
  ): Promise<Response> => {
    const { loginUrl } = stack();
    const authorize = new URL('/authorize', loginUrl);
    authorize.search = new URLSearchParams({
      client_id: 'demo-app',
      redirect_uri: `${loginUrl}/callback`,
      response_type: 'code',
      scope: 'openid',
      state: appState,
    }).toString();
    const login = redirectOf(await get(authorize.href), loginUrl);
    assert.equal(login.pathname, '/u/login');
    const form = await get(login.href);
    assert.equal(form.status, 200);
    assert.match(await form.text(), /name="password"/);
    return postForm(`${loginUrl}/u/login`, {
      state: login.searchParams.get('state') ?? '',
      username: email,
      password,
    });
  };

  /** Signs in successfully; returns where the tenant sends the browser. */
  const signIn = async (email: string, password: string, appState = 'app-state-1'): Promise<URL> =>
    redirectOf(await submitLogin(email, password, appState), stack().loginUrl);

  /** Follows the callback redirect and returns who the application sees as signed in (or the error). */
  const landAtApplication = async (
    callback: URL,
  ): Promise<{ readonly status: number; readonly text: string }> => {
    assert.equal(callback.origin + callback.pathname, `${stack().loginUrl}/callback`);
    const response = await get(callback.href);
    return { status: response.status, text: await response.text() };
  };

  /** What the page does in Auth0 mode: read the context, then POST the form (the token and state from its URL). */
  const changePassword = async (
    page: URL,
    password: string,
    confirmation = password,
    token = page.searchParams.get('session_token') ?? '',
  ): Promise<Response> => {
    const state = page.searchParams.get('state') ?? '';
    const context = await get(
      `${stack().pageUrl}/auth0/password_set/context?session_token=${encodeURIComponent(token)}`,
    );
    assert.equal(context.status, 200);
    return postForm(`${stack().pageUrl}/auth0/password_set`, {
      session_token: token,
      state,
      password,
      confirm_password: confirmation,
      ui_locales: 'en',
    });
  };

  /** What the browser does with the page that answers a successful change: POST its form to /continue. */
  const submitContinue = (
    form: ContinueForm,
    fields: Readonly<Record<string, string>> = form.fields,
  ): Promise<Response> => {
    assert.equal(form.method, 'post');
    return postForm(form.action, fields);
  };

  return { submitLogin, signIn, landAtApplication, changePassword, submitContinue };
}

describe('Auth0 flow over HTTP (emulator + page server, no browser)', () => {
  let stack: Auth0DevStack;
  before(async () => {
    stack = await startAuth0DevStack({
      pagePort: 0,
      auth0Port: 0,
      scryptCost: TEST_SCRYPT_COST,
      distDir: '/nonexistent',
      sessionTokenSecret: SECRET,
    });
  });
  after(() => stack.close());
  const { submitLogin, signIn, landAtApplication, changePassword, submitContinue } = browser(
    () => stack,
  );

  it('pre-created user: first login → page → change → POST /continue → application; the link is spent; the next login goes straight through', async () => {
    const page = await signIn('new.user@example.com', 'Welcome-2026');
    assert.equal(page.origin + page.pathname, `${stack.pageUrl}${AUTH0_PAGE_PATH}`);
    const token = page.searchParams.get('session_token') ?? '';
    assert.ok(page.searchParams.get('state'));
    assert.deepEqual(
      Object.keys(jwt.decode(token, { json: true }) ?? {}).sort(),
      ['exp', 'iat', 'ip', 'iss', 'reason', 'sub'],
      'what Auth0 signs: no state, no email',
    );

    const context: unknown = await (
      await get(`${stack.pageUrl}/auth0/password_set/context?session_token=${token}`)
    ).json();
    assert.equal(pick(context, 'email'), 'new.user@example.com');
    assert.equal(pick(context, 'reason'), 'first_login');

    const mismatch = redirectOf(
      await changePassword(page, 'Fresh-Start-2027', 'Fresh-Start-2028'),
      stack.pageUrl,
    );
    assert.equal(mismatch.searchParams.get('error'), 'password_mismatch');
    const changed = await changePassword(page, 'Fresh-Start-2027');
    assert.equal(changed.status, 200);
    const form = continueFormOf(await changed.text());
    assert.equal(form.action, `${stack.auth0Url}/continue`);

    const callback = redirectOf(await submitContinue(form), stack.auth0Url);
    assert.equal(callback.searchParams.get('state'), 'app-state-1');
    assert.ok(callback.searchParams.get('code'));
    const app = await landAtApplication(callback);
    assert.equal(app.status, 200);
    assert.match(app.text, /Signed in as <strong[^>]*>new\.user@example\.com</);

    // The transaction is finished: replaying /continue does not sign anybody in again.
    assert.equal((await submitContinue(form)).status, 400);
    // The session token is spent: the page says so at once, and a second change is refused.
    assert.equal(
      (await get(`${stack.pageUrl}/auth0/password_set/context?session_token=${token}`)).status,
      400,
    );
    const replay = await postForm(`${stack.pageUrl}/auth0/password_set`, {
      session_token: token,
      state: page.searchParams.get('state') ?? '',
      password: 'Hijacked-Pass-2027',
      confirm_password: 'Hijacked-Pass-2027',
    });
    assert.equal(redirectOf(replay, stack.pageUrl).searchParams.get('error'), 'track_expired');

    assert.equal(
      (await submitLogin('new.user@example.com', 'Welcome-2026', 'app-state-old')).status,
      401,
      'the old password no longer works',
    );
    assert.equal(
      (await submitLogin('new.user@example.com', 'Hijacked-Pass-2027', 'app-state-old')).status,
      401,
      'the replay set nothing',
    );
    const second = await signIn('new.user@example.com', 'Fresh-Start-2027', 'app-state-2');
    assert.equal(second.pathname, '/callback', 'the second login is not redirected to the page');
    assert.equal(second.searchParams.get('state'), 'app-state-2');
    assert.equal((await landAtApplication(second)).status, 200);
    assert.deepEqual(stack.emulator.user('auth0|precreated0001')?.app_metadata, {
      precreated: false,
      needsPasswordReset: false,
    });
  });

  it('regular user: straight to the application', async () => {
    const callback = await signIn('regular.user@example.com', 'Regular-2026');
    assert.ok(callback.searchParams.get('code'));
    assert.match((await landAtApplication(callback)).text, /regular\.user@example\.com/);
  });

  it('flagged user: skipping the change is refused, cancelling ends in access_denied, a result for another login is refused, and nobody is trapped', async () => {
    // 1. Skipping the change: POST the token Auth0 issued straight back to /continue, with the state
    //    claim added (as if someone knew the secret's shape but not the password change).
    const first = await signIn('flagged.user@example.com', 'Flagged-2026');
    assert.equal(first.pathname, AUTH0_PAGE_PATH);
    const state = first.searchParams.get('state') ?? '';
    const refused = redirectOf(
      await postForm(`${stack.auth0Url}/continue`, {
        state,
        session_token: first.searchParams.get('session_token') ?? '',
      }),
      stack.auth0Url,
    );
    assert.equal(refused.searchParams.get('error'), 'access_denied');
    assert.equal(refused.searchParams.has('code'), false);

    // 2. Giving up on the page: its way out ends the transaction at the application with access_denied.
    const second = await signIn('flagged.user@example.com', 'Flagged-2026', 'app-state-3');
    assert.equal(
      second.pathname,
      AUTH0_PAGE_PATH,
      'not trapped: a new sign-in leads to the page again',
    );
    assert.notEqual(second.searchParams.get('state'), state, 'a new login transaction');
    const cancel = redirectOf(
      await get(
        `${stack.pageUrl}/auth0/password_set/cancel?state=${encodeURIComponent(second.searchParams.get('state') ?? '')}`,
      ),
      stack.pageUrl,
    );
    const denied = redirectOf(await get(cancel.href), stack.auth0Url);
    assert.equal(denied.searchParams.get('error'), 'access_denied');
    assert.equal(denied.searchParams.get('state'), 'app-state-3');
    assert.match(
      denied.searchParams.get('error_description') ?? '',
      /not changed. Please sign in again/,
    );
    assert.equal((await landAtApplication(denied)).status, 400);

    // 3. Two logins at once: the result of the change in one is refused by the other's /continue
    //    (validateToken: the token's state is not that transaction's), which ends that one only.
    const third = await signIn('flagged.user@example.com', 'Flagged-2026', 'app-state-4');
    const parallel = await signIn('flagged.user@example.com', 'Flagged-2026', 'app-state-5');
    const form = continueFormOf(await (await changePassword(third, 'Flagged-Fixed-2027')).text());
    const crossed = redirectOf(
      await submitContinue(form, {
        ...form.fields,
        state: parallel.searchParams.get('state') ?? '',
      }),
      stack.auth0Url,
    );
    assert.equal(crossed.searchParams.get('error'), 'access_denied');
    assert.equal(crossed.searchParams.get('state'), 'app-state-5');

    // 4. The right transaction accepts it and the user gets in; later sign-ins go straight through.
    const callback = redirectOf(await submitContinue(form), stack.auth0Url);
    assert.equal(callback.searchParams.get('state'), 'app-state-4');
    assert.match((await landAtApplication(callback)).text, /flagged\.user@example\.com/);
    assert.equal(
      (await signIn('flagged.user@example.com', 'Flagged-Fixed-2027', 'app-state-6')).pathname,
      '/callback',
    );
  });
});

describe("Auth0 flow with a session token shaped like a real tenant's", () => {
  let stack: Auth0DevStack;
  before(async () => {
    stack = await startAuth0DevStack({
      pagePort: 0,
      auth0Port: 0,
      scryptCost: TEST_SCRYPT_COST,
      distDir: '/nonexistent',
      sessionTokenSecret: SECRET,
    });
  });
  after(() => stack.close());
  const { signIn, landAtApplication, changePassword, submitContinue } = browser(() => stack);

  it("completes the story with a token of exactly Auth0's documented claims (no state) and the state only in the URL", async () => {
    const page = await signIn('flagged.user@example.com', 'Flagged-2026', 'app-state-real');
    const state = page.searchParams.get('state') ?? '';
    // Made here, not by our harness: iat, iss (the tenant's host), sub, exp, ip, and the payload, as
    // Auth0's documentation and a real tenant's decoded token show them.
    const now = Math.floor(Date.now() / 1000);
    const realShaped = jwt.sign(
      {
        iat: now,
        iss: new URL(stack.auth0Url).host,
        sub: 'auth0|flagged000002',
        exp: now + 300,
        ip: '198.51.100.23',
        reason: 'admin_required',
      },
      SECRET,
      {
        algorithm: 'HS256',
      },
    );
    assert.equal(jwt.decode(realShaped, { json: true })?.['state'], undefined);
    const changed = await changePassword(
      new URL(`${AUTH0_PAGE_PATH}?state=${encodeURIComponent(state)}`, stack.pageUrl),
      'Real-Shaped-2027',
      'Real-Shaped-2027',
      realShaped,
    );
    assert.equal(changed.status, 200);
    const callback = redirectOf(
      await submitContinue(continueFormOf(await changed.text())),
      stack.auth0Url,
    );
    assert.equal(callback.searchParams.get('state'), 'app-state-real');
    assert.match(
      (await landAtApplication(callback)).text,
      /Signed in as <strong[^>]*>flagged\.user@example\.com</,
    );
  });
});

describe('Auth0 flow on a custom domain', () => {
  let stack: Auth0DevStack;
  before(async () => {
    stack = await startAuth0DevStack({
      pagePort: 0,
      auth0Port: 0,
      scryptCost: TEST_SCRYPT_COST,
      distDir: '/nonexistent',
      customDomain: true,
    });
  });
  after(() => stack.close());
  const { signIn, landAtApplication, changePassword, submitContinue } = browser(() => stack);

  it('signs in on the custom domain, changes the password through the canonical Management API, and continues on the custom domain', async () => {
    assert.notEqual(stack.loginUrl, stack.auth0Url);
    const page = await signIn('flagged.user@example.com', 'Flagged-2026', 'app-state-cd');
    assert.equal(page.pathname, AUTH0_PAGE_PATH);
    const changed = await changePassword(page, 'Custom-Domain-2027');
    assert.equal(changed.status, 200, 'the Management API answered on the canonical domain');
    const form = continueFormOf(await changed.text());
    assert.equal(form.action, `${stack.loginUrl}/continue`);

    // The transaction lives on the custom domain: the canonical domain's /continue does not know it.
    assert.equal((await postForm(`${stack.auth0Url}/continue`, form.fields)).status, 400);

    const callback = redirectOf(await submitContinue(form), stack.loginUrl);
    assert.equal(callback.searchParams.get('state'), 'app-state-cd');
    assert.match((await landAtApplication(callback)).text, /flagged\.user@example\.com/);
  });
});
