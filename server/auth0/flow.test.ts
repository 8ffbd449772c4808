/**
 * The whole Auth0 flow over HTTP, without the Angular page: the demo application → the Auth0
 * emulator's `/authorize` and login form → the post-login Action (through the harness) → our page's
 * URL with `session_token` and `state` → the Auth0 mode's context endpoint and form POST (as the page
 * would send it) → `/continue` → `onContinuePostLogin` → the application's callback.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { pick, TEST_SCRYPT_COST } from '../testing';
import { AUTH0_PAGE_PATH, startAuth0DevStack, type Auth0DevStack } from './dev-stack';

let stack: Auth0DevStack;

before(async () => {
  stack = await startAuth0DevStack({ pagePort: 0, auth0Port: 0, scryptCost: TEST_SCRYPT_COST, distDir: '/nonexistent' });
});
after(() => stack.close());

function get(url: string): Promise<Response> {
  return fetch(url, { redirect: 'manual' });
}

function postForm(url: string, fields: Readonly<Record<string, string>>): Promise<Response> {
  return fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
}

function redirectOf(response: Response, base: string): URL {
  assert.equal(response.status, 302, `expected a redirect, got ${response.status}`);
  return new URL(response.headers.get('location') ?? '', base);
}

/** Starts a login at the demo application and submits the tenant's login form. */
async function submitLogin(email: string, password: string, appState: string): Promise<Response> {
  const authorize = new URL('/authorize', stack.auth0Url);
  authorize.search = new URLSearchParams({ client_id: 'demo-app', redirect_uri: `${stack.auth0Url}/callback`, response_type: 'code', scope: 'openid', state: appState }).toString();
  const loginUrl = redirectOf(await get(authorize.href), stack.auth0Url);
  assert.equal(loginUrl.pathname, '/u/login');
  const form = await get(loginUrl.href);
  assert.equal(form.status, 200);
  assert.match(await form.text(), /name="password"/);
  return postForm(`${stack.auth0Url}/u/login`, { state: loginUrl.searchParams.get('state') ?? '', username: email, password });
}

/** Signs in successfully; returns where the tenant sends the browser. */
async function signIn(email: string, password: string, appState = 'app-state-1'): Promise<URL> {
  return redirectOf(await submitLogin(email, password, appState), stack.auth0Url);
}

/** Follows the callback redirect and returns who the application sees as signed in (or the error). */
async function landAtApplication(callback: URL): Promise<{ readonly status: number; readonly text: string }> {
  assert.equal(callback.origin + callback.pathname, `${stack.auth0Url}/callback`);
  const response = await get(callback.href);
  return { status: response.status, text: await response.text() };
}

/** What the page does in Auth0 mode: read the context, then POST the form. */
async function changePassword(page: URL, password: string, confirmation = password): Promise<URL> {
  const sessionToken = page.searchParams.get('session_token') ?? '';
  const state = page.searchParams.get('state') ?? '';
  const context = await get(`${stack.pageUrl}/auth0/password_set/context?session_token=${encodeURIComponent(sessionToken)}`);
  assert.equal(context.status, 200);
  return redirectOf(await postForm(`${stack.pageUrl}/auth0/password_set`, { session_token: sessionToken, state, password, confirm_password: confirmation }), stack.pageUrl);
}

describe('Auth0 flow over HTTP (emulator + page server, no browser)', () => {
  it('pre-created user: first login → page → change → /continue → application; the next login goes straight through with the new password', async () => {
    const page = await signIn('new.user@example.com', 'Welcome-2026');
    assert.equal(page.origin + page.pathname, `${stack.pageUrl}${AUTH0_PAGE_PATH}`);
    assert.ok(page.searchParams.get('session_token'));
    assert.ok(page.searchParams.get('state'));

    const context: unknown = await (await get(`${stack.pageUrl}/auth0/password_set/context?session_token=${page.searchParams.get('session_token')}`)).json();
    assert.equal(pick(context, 'email'), 'new.user@example.com');
    assert.equal(pick(context, 'reason'), 'first_login');

    const mismatch = await changePassword(page, 'Fresh-Start-2027', 'Fresh-Start-2028');
    assert.equal(mismatch.searchParams.get('error'), 'password_mismatch');
    const continueUrl = await changePassword(page, 'Fresh-Start-2027');
    assert.equal(continueUrl.origin + continueUrl.pathname, `${stack.auth0Url}/continue`);

    const callback = redirectOf(await get(continueUrl.href), stack.auth0Url);
    assert.equal(callback.searchParams.get('state'), 'app-state-1');
    assert.ok(callback.searchParams.get('code'));
    const app = await landAtApplication(callback);
    assert.equal(app.status, 200);
    assert.match(app.text, /Signed in as <strong[^>]*>new\.user@example\.com</);

    // The transaction is finished: replaying /continue does not sign anybody in again.
    assert.equal((await get(continueUrl.href)).status, 400);

    assert.equal((await submitLogin('new.user@example.com', 'Welcome-2026', 'app-state-old')).status, 401, 'the old password no longer works');
    const second = await signIn('new.user@example.com', 'Fresh-Start-2027', 'app-state-2');
    assert.equal(second.pathname, '/callback', 'the second login is not redirected to the page');
    assert.equal(second.searchParams.get('state'), 'app-state-2');
    assert.equal((await landAtApplication(second)).status, 200);
    assert.deepEqual(stack.emulator.user('auth0|precreated0001')?.app_metadata, { precreated: true, needsPasswordReset: false });
  });

  it('regular user: straight to the application', async () => {
    const callback = await signIn('regular.user@example.com', 'Regular-2026');
    assert.ok(callback.searchParams.get('code'));
    assert.match((await landAtApplication(callback)).text, /regular\.user@example\.com/);
  });

  it('flagged user: a /continue with the original token is refused, cancelling ends in access_denied, and neither traps the user', async () => {
    // 1. Skipping the change: hand the token Auth0 issued straight back to /continue. It is validly
    //    signed and carries the right state, but does not say changed: true.
    const first = await signIn('flagged.user@example.com', 'Flagged-2026');
    assert.equal(first.pathname, AUTH0_PAGE_PATH);
    const bypass = new URL('/continue', stack.auth0Url);
    bypass.search = new URLSearchParams({ state: first.searchParams.get('state') ?? '', session_token: first.searchParams.get('session_token') ?? '' }).toString();
    const refused = redirectOf(await get(bypass.href), stack.auth0Url);
    assert.equal(refused.searchParams.get('error'), 'access_denied');
    assert.equal(refused.searchParams.has('code'), false);

    // 2. Giving up on the page: its way out ends the transaction at the application with access_denied.
    const second = await signIn('flagged.user@example.com', 'Flagged-2026', 'app-state-3');
    assert.equal(second.pathname, AUTH0_PAGE_PATH, 'not trapped: a new sign-in leads to the page again');
    assert.notEqual(second.searchParams.get('session_token'), first.searchParams.get('session_token'));
    const continueUrl = redirectOf(await get(`${stack.pageUrl}/auth0/password_set/cancel?state=${encodeURIComponent(second.searchParams.get('state') ?? '')}`), stack.pageUrl);
    const denied = redirectOf(await get(continueUrl.href), stack.auth0Url);
    assert.equal(denied.searchParams.get('error'), 'access_denied');
    assert.equal(denied.searchParams.get('state'), 'app-state-3');
    assert.match(denied.searchParams.get('error_description') ?? '', /sign in again/);
    assert.equal((await landAtApplication(denied)).status, 400);

    // 3. The third sign-in changes the password and gets in.
    const third = await signIn('flagged.user@example.com', 'Flagged-2026', 'app-state-4');
    assert.equal(third.pathname, AUTH0_PAGE_PATH);
    const callback = redirectOf(await get((await changePassword(third, 'Flagged-Fixed-2027')).href), stack.auth0Url);
    assert.equal(callback.searchParams.get('state'), 'app-state-4');
    assert.match((await landAtApplication(callback)).text, /flagged\.user@example\.com/);
    assert.equal((await signIn('flagged.user@example.com', 'Flagged-Fixed-2027', 'app-state-5')).pathname, '/callback');
  });
});
