/**
 * The Auth0 emulator against what Auth0 documents: the redirect round trip (`state` appended to the
 * redirect, `/continue` by GET or POST, the state required, the transaction bound to the domain it
 * started on), the tokens `encodeToken` makes, and the Management API's custom-domain and
 * `last_password_reset` behaviour. A recording Action shows what the Action sees.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';

import jwt from 'jsonwebtoken';

import type { PostLoginAction, PostLoginEvent } from '../../integrations/auth0/harness';
import { TEST_SCRYPT_COST } from '../testing';
import { createAuth0Emulator, EMULATOR_M2M_CLIENT, type Auth0Emulator } from './emulator';
import { postForm } from './testing';

const SECRET = 'emulator-test-secret-0123456789abcdefghij';
const PAGE = 'http://127.0.0.1:9/external';

/** What the recording Action saw in each run. */
const seen: { handler: 'execute' | 'continue'; event: PostLoginEvent }[] = [];
let continueResult: unknown;

/** Redirects everyone, then on /continue returns (or throws) what validateToken says. */
const recordingAction: PostLoginAction = {
  onExecutePostLogin: (event, api) => {
    seen.push({ handler: 'execute', event });
    api.redirect.sendUserTo(PAGE, {
      query: {
        session_token: api.redirect.encodeToken({ secret: SECRET, payload: { hello: 'world' } }),
      },
    });
  },
  onContinuePostLogin: (event, api) => {
    seen.push({ handler: 'continue', event });
    try {
      continueResult = api.redirect.validateToken({ secret: SECRET });
    } catch (error) {
      continueResult = error instanceof Error ? error.message : 'error';
      api.access.deny('invalid');
    }
  },
};

let emulator: Auth0Emulator;
let server: Server;
let canonical = '';
let custom = '';

before(async () => {
  let canonicalHost: string | undefined;
  emulator = await createAuth0Emulator({
    secrets: () => ({}),
    action: recordingAction,
    scryptCost: TEST_SCRYPT_COST,
    get canonicalHost() {
      return canonicalHost;
    },
  });
  server = emulator.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address !== 'string');
  const { port } = address satisfies AddressInfo;
  canonical = `http://127.0.0.1:${port}`;
  custom = `http://localhost:${port}`;
  canonicalHost = `127.0.0.1:${port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(url: string): Promise<Response> {
  return fetch(url, { redirect: 'manual' });
}

function redirectOf(response: Response, base: string): URL {
  assert.equal(response.status, 302, `expected a redirect, got ${response.status}`);
  return new URL(response.headers.get('location') ?? '', base);
}

/** Logs the regular demo user in on `origin`; returns the redirect the Action asked for. */
async function redirectedLogin(origin: string): Promise<URL> {
  const authorize = new URL('/authorize', origin);
  authorize.search = new URLSearchParams({
    client_id: 'demo-app',
    redirect_uri: `${origin}/callback`,
    response_type: 'code',
    state: 'app',
  }).toString();
  const login = redirectOf(await get(authorize.href), origin);
  return redirectOf(
    await postForm(`${origin}/u/login`, {
      state: login.searchParams.get('state') ?? '',
      username: 'regular.user@example.com',
      password: 'Regular-2026',
    }),
    origin,
  );
}

/** A token the external site would send back for a transaction. */
function back(state: string, sub = 'auth0|regular000003'): string {
  return jwt.sign({ sub, state, done: true }, SECRET, { algorithm: 'HS256', expiresIn: 60 });
}

describe('Auth0 emulator: the redirect round trip', () => {
  it('appends state to the redirect and signs exactly sub, iss (the canonical domain), iat, exp (900 s by default), ip and the payload', async () => {
    const url = await redirectedLogin(canonical);
    assert.equal(url.origin + url.pathname, PAGE);
    assert.ok(url.searchParams.get('state'));
    const claims = jwt.verify(url.searchParams.get('session_token') ?? '', SECRET, {
      algorithms: ['HS256'],
    });
    assert.ok(typeof claims === 'object');
    assert.deepEqual(Object.keys(claims).sort(), ['exp', 'hello', 'iat', 'ip', 'iss', 'sub']);
    assert.equal(claims.iss, new URL(canonical).host);
    assert.equal(claims.sub, 'auth0|regular000003');
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 900);
  });

  it('accepts /continue by POST with the state and the token in the body, and the Action sees them there', async () => {
    const state = (await redirectedLogin(canonical)).searchParams.get('state') ?? '';
    const callback = redirectOf(
      await postForm(`${canonical}/continue`, { state, session_token: back(state) }),
      canonical,
    );
    assert.ok(callback.searchParams.get('code'));
    const last = seen.at(-1);
    assert.equal(last?.handler, 'continue');
    assert.equal(last?.event.request.method, 'POST');
    assert.equal(last?.event.request.body['state'], state);
    assert.equal(
      typeof continueResult === 'object' && continueResult !== null
        ? Reflect.get(continueResult, 'done')
        : undefined,
      true,
    );
  });

  it('accepts /continue by GET with the state in the query', async () => {
    const state = (await redirectedLogin(canonical)).searchParams.get('state') ?? '';
    assert.ok(
      redirectOf(
        await get(
          `${canonical}/continue?state=${encodeURIComponent(state)}&session_token=${back(state)}`,
        ),
        canonical,
      ).searchParams.get('code'),
    );
  });

  it("refuses, through validateToken, a token whose state is not the transaction's (Auth0's message)", async () => {
    const state = (await redirectedLogin(canonical)).searchParams.get('state') ?? '';
    const callback = redirectOf(
      await postForm(`${canonical}/continue`, { state, session_token: back('another-state') }),
      canonical,
    );
    assert.equal(callback.searchParams.get('error'), 'access_denied');
    assert.equal(
      continueResult,
      'The session token is invalid: State in the token does not match the /continue state.',
    );
  });

  it('answers invalid_request without the state, with an unknown one, for a finished transaction, and on another domain than the login', async () => {
    assert.equal(
      (await postForm(`${canonical}/continue`, { session_token: back('x') })).status,
      400,
    );
    assert.match(await (await get(`${canonical}/continue`)).text(), /invalid_request/);
    assert.equal((await postForm(`${canonical}/continue`, { state: 'never-issued' })).status, 400);
    const state = (await redirectedLogin(custom)).searchParams.get('state') ?? '';
    assert.equal(
      (await postForm(`${canonical}/continue`, { state, session_token: back(state) })).status,
      400,
      'a custom-domain login cannot continue on the canonical domain',
    );
    assert.equal(
      redirectOf(
        await postForm(`${custom}/continue`, { state, session_token: back(state) }),
        custom,
      ).pathname,
      '/callback',
    );
    assert.equal(
      (await postForm(`${custom}/continue`, { state, session_token: back(state) })).status,
      400,
      'finished',
    );
  });

  it('on a custom domain the Action sees event.request.hostname and event.custom_domain; tokens still name the canonical domain', async () => {
    const url = await redirectedLogin(custom);
    const execute = seen.filter((entry) => entry.handler === 'execute').at(-1)?.event;
    assert.equal(execute?.request.hostname, new URL(custom).host);
    assert.equal(execute?.custom_domain?.domain, 'localhost');
    assert.equal(
      jwt.decode(url.searchParams.get('session_token') ?? '', { json: true })?.iss,
      new URL(canonical).host,
    );
    await redirectedLogin(canonical);
    assert.equal(
      seen.filter((entry) => entry.handler === 'execute').at(-1)?.event.custom_domain,
      undefined,
    );
  });
});

describe('Auth0 emulator: Management API', () => {
  async function accessToken(
    origin: string,
    audience = `${canonical}/api/v2/`.replace('http:', 'https:'),
  ): Promise<Response> {
    return postForm(`${origin}/oauth/token`, {
      grant_type: 'client_credentials',
      client_id: EMULATOR_M2M_CLIENT.clientId,
      client_secret: EMULATOR_M2M_CLIENT.clientSecret,
      audience,
    });
  }
  async function bearer(origin: string): Promise<string> {
    const response = await accessToken(origin);
    assert.equal(response.status, 200);
    const body: unknown = await response.json();
    return `Bearer ${String(typeof body === 'object' && body !== null ? Reflect.get(body, 'access_token') : '')}`;
  }

  it("wants the canonical domain's API as audience, on either domain, and the token only where it was obtained", async () => {
    assert.equal(
      (await accessToken(canonical, `${custom}/api/v2/`.replace('http:', 'https:'))).status,
      403,
    );
    assert.equal((await accessToken(custom)).status, 200);
    const fromCustom = await bearer(custom);
    assert.equal(
      (
        await fetch(`${custom}/api/v2/users/auth0%7Cregular000003`, {
          headers: { authorization: fromCustom },
        })
      ).status,
      200,
    );
    assert.equal(
      (
        await fetch(`${canonical}/api/v2/users/auth0%7Cregular000003`, {
          headers: { authorization: fromCustom },
        })
      ).status,
      401,
    );
  });

  it('reports last_password_reset only after a password change, honours fields, and empties app_metadata on {}', async () => {
    const authorization = await bearer(canonical);
    const user = `${canonical}/api/v2/users/auth0%7Cflagged000002`;
    const read = async (query = ''): Promise<Record<string, unknown>> => {
      const body: unknown = await (
        await fetch(`${user}${query}`, { headers: { authorization } })
      ).json();
      assert.ok(typeof body === 'object' && body !== null);
      return { ...body };
    };
    assert.equal('last_password_reset' in (await read()), false, 'absent at creation');
    const patch = (body: unknown): Promise<Response> =>
      fetch(user, {
        method: 'PATCH',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    assert.equal(
      (
        await patch({
          password: 'Changed-Pass-2027',
          connection: 'Username-Password-Authentication',
        })
      ).status,
      200,
    );
    assert.match(String((await read())['last_password_reset']), /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(
      Object.keys(await read('?fields=email,last_password_reset&include_fields=true')).sort(),
      ['email', 'last_password_reset'],
    );
    assert.equal('email' in (await read('?fields=email&include_fields=false')), false);
    assert.equal((await patch({ app_metadata: {} })).status, 200);
    assert.deepEqual((await read())['app_metadata'], {});
    assert.deepEqual(emulator.user('auth0|flagged000002')?.app_metadata, {});
  });
});
