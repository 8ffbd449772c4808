/**
 * The Auth0 mode's server routes, against the Auth0 emulator's Management API over real HTTP (the
 * official SDK's ManagementClient, pointed at the emulator through its `fetch` option), plus the
 * configuration from the environment and the failure paths with a stand-in directory.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';

import express from 'express';

import { pick, TEST_EPOCH, TEST_SCRYPT_COST } from '../testing';
import { startAuth0DevStack, type Auth0DevStack } from './dev-stack';
import { signHs256, verifyHs256 } from './hs256';
import {
  Auth0ConfigError,
  Auth0DirectoryError,
  auth0PasswordSetConfigFromEnv,
  auth0PasswordSetRoutes,
  RESULT_TOKEN_ISSUER,
  type Auth0Directory,
} from './password-set';

const SECRET = 'password-set-test-secret-0123456789abcdef';
const FLAGGED = 'auth0|flagged000002';
const STATE = 'txn-state-abc';

let clock = TEST_EPOCH;
let stack: Auth0DevStack;
let domain: string;

/** A session token as the Action makes it (claims as `api.redirect.encodeToken` adds them). */
function sessionToken(overrides: Readonly<Record<string, unknown>> = {}, secret = SECRET): string {
  const now = Math.floor(clock / 1000);
  return signHs256({ sub: FLAGGED, email: 'flagged.user@example.com', reason: 'admin_required', iss: domain, iat: now, exp: now + 300, state: STATE, ...overrides }, secret);
}

function post(fields: Readonly<Record<string, string>>): Promise<Response> {
  return fetch(`${stack.pageUrl}/auth0/password_set`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

function location(response: Response, base: string): URL {
  assert.equal(response.status, 302);
  return new URL(response.headers.get('location') ?? '', base);
}

function params(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

before(async () => {
  stack = await startAuth0DevStack({ pagePort: 0, auth0Port: 0, now: () => clock, scryptCost: TEST_SCRYPT_COST, sessionTokenSecret: SECRET, distDir: '/nonexistent' });
  domain = new URL(stack.auth0Url).host;
});
after(() => stack.close());
beforeEach(() => {
  clock = TEST_EPOCH;
});

describe('auth0PasswordSetConfigFromEnv', () => {
  const complete = {
    AUTH0_DOMAIN: 'acme.eu.auth0.com',
    AUTH0_CLIENT_ID: 'client-id',
    AUTH0_CLIENT_SECRET: 'client-secret-value-xyz',
    SESSION_TOKEN_SECRET: 'x'.repeat(40),
    AUTH0_CONNECTION_ID: 'con_123',
  };

  it('reads a production configuration: https tenant, connection policy through the Management API, defaults', () => {
    const config = auth0PasswordSetConfigFromEnv(complete);
    assert.equal(config.baseUrl, 'https://acme.eu.auth0.com');
    assert.deepEqual(config.policySource, { kind: 'connection', connectionId: 'con_123' });
    assert.equal(config.connectionName, 'Username-Password-Authentication');
    assert.equal(config.pagePath, '/identity/password_set');
  });

  it('takes a fixed policy from AUTH0_CONNECTION_POLICY', () => {
    const config = auth0PasswordSetConfigFromEnv({ ...complete, AUTH0_CONNECTION_ID: '', AUTH0_CONNECTION_POLICY: '{"passwordPolicy":"fair"}' });
    assert.deepEqual(config.policySource, { kind: 'static', options: { passwordPolicy: 'fair', password_complexity_options: undefined, password_history: undefined } });
  });

  it('names every missing or invalid variable, and never repeats a secret value', () => {
    assert.throws(
      () => auth0PasswordSetConfigFromEnv({ AUTH0_CLIENT_SECRET: 'client-secret-value-xyz', SESSION_TOKEN_SECRET: 'short-secret' }),
      (error: unknown) => {
        assert.ok(error instanceof Auth0ConfigError);
        for (const name of ['AUTH0_DOMAIN', 'AUTH0_CLIENT_ID', 'SESSION_TOKEN_SECRET must have at least 32', 'AUTH0_CONNECTION_POLICY or AUTH0_CONNECTION_ID']) assert.match(error.message, new RegExp(name));
        assert.doesNotMatch(error.message, /client-secret-value-xyz|short-secret/);
        return true;
      },
    );
  });

  it('refuses AUTH0_BASE_URL unless it is http on a loopback host, and always in production', () => {
    assert.equal(auth0PasswordSetConfigFromEnv({ ...complete, AUTH0_BASE_URL: 'http://127.0.0.1:4351' }).baseUrl, 'http://127.0.0.1:4351');
    assert.throws(() => auth0PasswordSetConfigFromEnv({ ...complete, AUTH0_BASE_URL: 'http://evil.example.com' }), /AUTH0_BASE_URL/);
    assert.throws(() => auth0PasswordSetConfigFromEnv({ ...complete, AUTH0_BASE_URL: 'http://127.0.0.1:4351', NODE_ENV: 'production' }), /AUTH0_BASE_URL/);
  });
});

describe('GET /auth0/password_set/context', () => {
  it("answers the user's email, the reason, the expiry and the connection's policy mapped to the cidaas shape", async () => {
    const response = await fetch(`${stack.pageUrl}/auth0/password_set/context?session_token=${sessionToken()}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await response.json(), {
      email: 'flagged.user@example.com',
      reason: 'admin_required',
      expires_at: new Date(TEST_EPOCH + 300_000).toISOString(),
      password_policy: { policy_name: 'auth0:good', minimumLength: 10, noOfDigits: 1, noOfSpecialChars: 0, lowerAndUpperCase: true, preventAlreadyUsedPwd: true },
    });
  });

  const refused: readonly (readonly [string, () => string])[] = [
    ['no token', () => ''],
    ['a forged token', () => sessionToken({}, 'another-secret-0123456789abcdefghijkl')],
    ['an expired token', () => sessionToken({ exp: Math.floor(TEST_EPOCH / 1000) - 1 })],
    ['a token from another issuer', () => sessionToken({ iss: 'evil.auth0.com' })],
    ['our own result token', () => sessionToken({ iss: RESULT_TOKEN_ISSUER, changed: true })],
  ];
  for (const [name, token] of refused) {
    it(`answers 400 track_expired for ${name}`, async () => {
      const response = await fetch(`${stack.pageUrl}/auth0/password_set/context?session_token=${token()}`);
      assert.equal(response.status, 400);
      assert.equal(pick(await response.json(), 'error'), 'track_expired');
    });
  }
});

describe('POST /auth0/password_set', () => {
  it('sends a mismatch back to the page with password_mismatch, keeping session_token and state, without calling Auth0', async () => {
    const before = stack.emulator.managementRequests.length;
    const token = sessionToken();
    const url = location(await post({ session_token: token, state: STATE, password: 'Another-Pass-2027', confirm_password: 'Another-Pass-2028' }), stack.pageUrl);
    assert.equal(url.pathname, '/identity/password_set');
    assert.deepEqual(params(url), { session_token: token, state: STATE, error: 'password_mismatch' });
    assert.equal(stack.emulator.managementRequests.length, before);
  });

  const violations = [
    ['Short-1', 'minimumLength'],
    ['No-digits-here', 'noOfDigits'],
    ['lowercase-only-2027', 'lowerAndUpperCase'],
    ['', 'minimumLength'],
  ] as const;
  for (const [password, rule] of violations) {
    it(`sends "${password}" back with password_policy_violation and error_code=${rule}`, async () => {
      const url = location(await post({ session_token: sessionToken(), state: STATE, password, confirm_password: password }), stack.pageUrl);
      assert.equal(url.searchParams.get('error'), 'password_policy_violation');
      assert.equal(url.searchParams.get('error_code'), rule);
    });
  }

  const expired: readonly (readonly [string, () => Record<string, string>])[] = [
    ['a forged token', () => ({ session_token: sessionToken({}, 'another-secret-0123456789abcdefghijkl'), state: STATE })],
    ['an expired token', () => ({ session_token: sessionToken({ exp: Math.floor(TEST_EPOCH / 1000) }), state: STATE })],
    ['a state that is not the token\'s', () => ({ session_token: sessionToken(), state: 'other-transaction' })],
    ['no token', () => ({ state: STATE })],
  ];
  for (const [name, fields] of expired) {
    it(`sends ${name} back with track_expired, without calling Auth0`, async () => {
      const before = stack.emulator.managementRequests.length;
      const sent = fields();
      const url = location(await post({ ...sent, password: 'Another-Pass-2027', confirm_password: 'Another-Pass-2027' }), stack.pageUrl);
      assert.equal(url.pathname, '/identity/password_set');
      assert.deepEqual(params(url), { ...sent, error: 'track_expired' });
      assert.equal(stack.emulator.managementRequests.length, before);
    });
  }

  it('maps a password Auth0 finds in the history to password_already_used', async () => {
    const url = location(await post({ session_token: sessionToken(), state: STATE, password: 'Flagged-2026', confirm_password: 'Flagged-2026' }), stack.pageUrl);
    assert.equal(url.searchParams.get('error'), 'password_already_used');
  });

  it('sets the password and clears the flag through the Management API, then redirects to /continue with a signed result', async () => {
    const before = stack.emulator.managementRequests.length;
    clock += 60_000;
    const response = await post({ session_token: sessionToken(), state: STATE, password: 'Brand-New-Pass-2027', confirm_password: 'Brand-New-Pass-2027' });
    const url = location(response, stack.pageUrl);
    assert.equal(url.origin, stack.auth0Url);
    assert.equal(url.pathname, '/continue');
    assert.equal(url.searchParams.get('state'), STATE);
    assert.doesNotMatch(url.href, /Brand-New-Pass/);

    assert.deepEqual(stack.emulator.managementRequests.slice(before), [
      { method: 'PATCH', path: `/api/v2/users/${encodeURIComponent(FLAGGED)}`, body: { password: '[redacted]', connection: 'Username-Password-Authentication' } },
      { method: 'PATCH', path: `/api/v2/users/${encodeURIComponent(FLAGGED)}`, body: { app_metadata: { needsPasswordReset: false, passwordResetReason: null } } },
    ]);
    assert.deepEqual(stack.emulator.user(FLAGGED)?.app_metadata, { needsPasswordReset: false });

    const result = verifyHs256(url.searchParams.get('session_token') ?? '', SECRET, Math.floor(clock / 1000));
    assert.ok(result.ok, 'the result token verifies with the shared secret');
    if (!result.ok) return;
    const now = Math.floor(clock / 1000);
    assert.deepEqual(result.claims, { iss: RESULT_TOKEN_ISSUER, sub: FLAGGED, state: STATE, changed: true, iat: now, exp: now + 120 });
  });
});

describe('GET /auth0/password_set/cancel', () => {
  it('sends the user to /continue with the state and no token, which the Action turns into access_denied at the application', async () => {
    const url = location(await fetch(`${stack.pageUrl}/auth0/password_set/cancel?state=${STATE}`, { redirect: 'manual' }), stack.pageUrl);
    assert.equal(url.href, `${stack.auth0Url}/continue?state=${STATE}`);
  });
});

describe('Management API failures (stand-in directory)', () => {
  const config = auth0PasswordSetConfigFromEnv({
    AUTH0_DOMAIN: 'acme.eu.auth0.com',
    AUTH0_CLIENT_ID: 'client-id',
    AUTH0_CLIENT_SECRET: 'client-secret-value-xyz',
    SESSION_TOKEN_SECRET: SECRET,
    AUTH0_CONNECTION_POLICY: '{"passwordPolicy":"low"}',
  });
  let failure: { readonly set?: Auth0DirectoryError; readonly clear?: Auth0DirectoryError } = {};
  const calls: string[] = [];
  const directory: Auth0Directory = {
    setPassword: async (userId) => {
      calls.push(`set ${userId}`);
      if (failure.set) throw failure.set;
    },
    clearPasswordChangeFlag: async (userId) => {
      calls.push(`clear ${userId}`);
      if (failure.clear) throw failure.clear;
    },
    connectionPasswordOptions: async () => ({}),
  };
  let server: Server;
  let base = '';
  before(async () => {
    const app = express();
    app.use(auth0PasswordSetRoutes(config, { directory, now: () => clock }));
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const address = server.address();
    assert.ok(address !== null && typeof address !== 'string');
    base = `http://127.0.0.1:${(address satisfies AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const submit = (): Promise<Response> => {
    const now = Math.floor(clock / 1000);
    const token = signHs256({ iss: 'acme.eu.auth0.com', sub: 'auth0|1', email: 'a@example.com', reason: 'first_login', exp: now + 300, state: STATE }, SECRET);
    return fetch(`${base}/auth0/password_set`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ session_token: token, state: STATE, password: 'long-enough', confirm_password: 'long-enough' }).toString(),
    });
  };

  const mapped = [
    [new Auth0DirectoryError(400, 'PasswordStrengthError: Password is too weak'), 'password_policy_violation'],
    [new Auth0DirectoryError(400, 'PasswordDictionaryError: Password is too common'), 'password_policy_violation'],
    [new Auth0DirectoryError(429, 'Too Many Requests'), 'too_many_attempts'],
    [new Auth0DirectoryError(404, 'The user does not exist.'), 'track_expired'],
    [new Auth0DirectoryError(500, 'boom'), 'server_error'],
    [new Auth0DirectoryError(0, ''), 'server_error'],
  ] as const;
  for (const [error, code] of mapped) {
    it(`maps a failed password update (${error.status} ${error.auth0Message || 'unreachable'}) to ${code}`, async () => {
      failure = { set: error };
      const url = location(await submit(), base);
      assert.equal(url.pathname, '/identity/password_set');
      assert.equal(url.searchParams.get('error'), code);
    });
  }

  it('still continues when only clearing the flag fails (the Action clears it too), so the user does not choose another password', async () => {
    failure = { clear: new Auth0DirectoryError(503, 'unavailable') };
    calls.length = 0;
    const url = location(await submit(), base);
    assert.equal(url.href.startsWith('https://acme.eu.auth0.com/continue?'), true);
    assert.deepEqual(calls, ['set auth0|1', 'clear auth0|1']);
  });
});

describe('malformed requests', () => {
  it('answers an oversized form with a plain 413 JSON error, echoing nothing', async () => {
    const response = await post({ session_token: 'x'.repeat(20_000), state: STATE, password: 'secret-value', confirm_password: 'secret-value' });
    assert.equal(response.status, 413);
    const text = await response.text();
    assert.equal(text, '{"error":"invalid_request"}');
  });
});
