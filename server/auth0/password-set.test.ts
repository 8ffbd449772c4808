/**
 * The Auth0 mode's server routes, against the Auth0 emulator's Management API over real HTTP (the
 * official SDK's ManagementClient, pointed at the emulator through its `fetch` option), plus the
 * configuration from the environment and the failure paths with a stand-in directory.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';

import express from 'express';
import jwt from 'jsonwebtoken';

import { validateActionToken } from '../../integrations/auth0/harness';
import { pick, TEST_EPOCH, TEST_SCRYPT_COST } from '../testing';
import { startAuth0DevStack, type Auth0DevStack } from './dev-stack';
import type { Auth0SeedUser, RecordedManagementRequest } from './emulator';
import {
  Auth0ConfigError,
  Auth0DirectoryError,
  auth0PasswordSetConfigFromEnv,
  auth0PasswordSetRoutes,
  sessionTokenUsable,
  type Auth0Directory,
  type Auth0UserRecord,
} from './password-set';
import {
  CLOCK_TOLERANCE_SECONDS,
  RESULT_TOKEN_AUDIENCE,
  RESULT_TOKEN_ISSUER,
  SESSION_TOKEN_MAX_AGE_SECONDS,
} from './session-tokens';
import { continueFormOf, postForm } from './testing';

const SECRET = 'password-set-test-secret-0123456789abcdef';
const STATE = 'hKFo2SBaWnhWQnhWVm5faHAwNEh5dnBVdjkyRFFfNWc3a3Q5daFuqHJlZGlyZWN0';

function seed(
  id: string,
  appMetadata: Readonly<Record<string, unknown>>,
  password = 'Seeded-Pass-2026',
): Auth0SeedUser {
  return {
    user_id: `auth0|${id}`,
    email: `${id}@example.com`,
    password,
    logins_count: 3,
    app_metadata: appMetadata,
    behaviour: 'test',
  };
}

const USERS = {
  flagged: seed('flagged', { needsPasswordReset: true }, 'Flagged-2026'),
  changer: seed('changer', { needsPasswordReset: true }),
  newcomer: seed('newcomer', { precreated: true }),
  regular: seed('regular', {}),
} as const;

let clock = TEST_EPOCH;
let stack: Auth0DevStack;
let domain: string;

/** A session token exactly as Auth0's encodeToken makes it: iat, iss, sub, exp, ip and the Action's reason; no state, no email. */
function sessionToken(
  sub: string,
  overrides: Readonly<Record<string, unknown>> = {},
  secret = SECRET,
): string {
  const now = Math.floor(clock / 1000);
  return jwt.sign(
    {
      iat: now,
      iss: domain,
      sub,
      exp: now + 300,
      ip: '127.0.0.1',
      reason: 'admin_required',
      ...overrides,
    },
    secret,
    { algorithm: 'HS256' },
  );
}

function post(
  fields: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>> = {},
): Promise<Response> {
  return postForm(`${stack.pageUrl}/auth0/password_set`, fields, headers);
}

function context(token: string): Promise<Response> {
  return fetch(
    `${stack.pageUrl}/auth0/password_set/context?session_token=${encodeURIComponent(token)}`,
  );
}

function location(response: Response, base: string): URL {
  assert.equal(response.status, 302);
  return new URL(response.headers.get('location') ?? '', base);
}

function params(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

/** The user-related Management API requests since a point (policy reads depend on the cache). */
function userRequestsSince(before: number): RecordedManagementRequest[] {
  return stack.emulator.managementRequests
    .slice(before)
    .filter((request) => request.path.startsWith('/api/v2/users/'));
}

function managementRequestsSince(before: number): string[] {
  return userRequestsSince(before).map((request) => `${request.method} ${request.path}`);
}

before(async () => {
  stack = await startAuth0DevStack({
    pagePort: 0,
    auth0Port: 0,
    now: () => clock,
    scryptCost: TEST_SCRYPT_COST,
    sessionTokenSecret: SECRET,
    distDir: '/nonexistent',
    users: Object.values(USERS),
  });
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

  it('reads a production configuration: Management API and /continue on the https tenant, connection policy, defaults', () => {
    const config = auth0PasswordSetConfigFromEnv(complete);
    assert.equal(config.managementBaseUrl, 'https://acme.eu.auth0.com');
    assert.equal(config.continueUrl, 'https://acme.eu.auth0.com/continue');
    assert.deepEqual(config.issuers, ['acme.eu.auth0.com', 'https://acme.eu.auth0.com/']);
    assert.deepEqual(config.policySource, { kind: 'connection', connectionId: 'con_123' });
    assert.equal(config.connectionName, 'Username-Password-Authentication');
    assert.equal(config.pagePath, '/identity/password_set');
  });

  it('with a custom domain: the Management API stays on the canonical domain, /continue moves to the custom one, both may issue', () => {
    const config = auth0PasswordSetConfigFromEnv({
      ...complete,
      AUTH0_CUSTOM_DOMAIN: 'login.acme.com',
    });
    assert.equal(config.managementBaseUrl, 'https://acme.eu.auth0.com');
    assert.equal(config.continueUrl, 'https://login.acme.com/continue');
    assert.deepEqual(config.issuers, [
      'acme.eu.auth0.com',
      'https://acme.eu.auth0.com/',
      'login.acme.com',
      'https://login.acme.com/',
    ]);
    assert.throws(
      () =>
        auth0PasswordSetConfigFromEnv({
          ...complete,
          AUTH0_CUSTOM_DOMAIN: 'https://login.acme.com/',
        }),
      /AUTH0_CUSTOM_DOMAIN must be a bare host/,
    );
  });

  it('takes a fixed policy from AUTH0_CONNECTION_POLICY', () => {
    const config = auth0PasswordSetConfigFromEnv({
      ...complete,
      AUTH0_CONNECTION_ID: '',
      AUTH0_CONNECTION_POLICY: '{"passwordPolicy":"fair"}',
    });
    assert.deepEqual(config.policySource, {
      kind: 'static',
      options: {
        passwordPolicy: 'fair',
        password_complexity_options: undefined,
        password_history: undefined,
      },
    });
  });

  it('names every missing or invalid variable, and never repeats a secret value', () => {
    assert.throws(
      () =>
        auth0PasswordSetConfigFromEnv({
          AUTH0_CLIENT_SECRET: 'client-secret-value-xyz',
          SESSION_TOKEN_SECRET: 'short-secret',
        }),
      (error: unknown) => {
        assert.ok(error instanceof Auth0ConfigError);
        for (const name of [
          'AUTH0_DOMAIN',
          'AUTH0_CLIENT_ID',
          'SESSION_TOKEN_SECRET must have at least 32',
          'AUTH0_CONNECTION_POLICY or AUTH0_CONNECTION_ID',
        ])
          assert.match(error.message, new RegExp(name));
        assert.doesNotMatch(error.message, /client-secret-value-xyz|short-secret/);
        return true;
      },
    );
  });

  it('refuses AUTH0_BASE_URL unless it is http on a loopback host, and always in production; a custom domain must then be loopback too', () => {
    const local = auth0PasswordSetConfigFromEnv({
      ...complete,
      AUTH0_BASE_URL: 'http://127.0.0.1:4351',
    });
    assert.equal(local.managementBaseUrl, 'http://127.0.0.1:4351');
    assert.equal(local.continueUrl, 'http://127.0.0.1:4351/continue');
    assert.equal(
      auth0PasswordSetConfigFromEnv({
        ...complete,
        AUTH0_BASE_URL: 'http://127.0.0.1:4351',
        AUTH0_CUSTOM_DOMAIN: 'localhost:4351',
      }).continueUrl,
      'http://localhost:4351/continue',
    );
    assert.throws(
      () =>
        auth0PasswordSetConfigFromEnv({
          ...complete,
          AUTH0_BASE_URL: 'http://127.0.0.1:4351',
          AUTH0_CUSTOM_DOMAIN: 'login.acme.com',
        }),
      /AUTH0_CUSTOM_DOMAIN must be a loopback host/,
    );
    assert.throws(
      () =>
        auth0PasswordSetConfigFromEnv({ ...complete, AUTH0_BASE_URL: 'http://evil.example.com' }),
      /AUTH0_BASE_URL/,
    );
    assert.throws(
      () =>
        auth0PasswordSetConfigFromEnv({
          ...complete,
          AUTH0_BASE_URL: 'http://127.0.0.1:4351',
          NODE_ENV: 'production',
        }),
      /AUTH0_BASE_URL/,
    );
  });
});

describe('sessionTokenUsable', () => {
  const issuedAt = TEST_EPOCH / 1000;
  const flagged: Auth0UserRecord = {
    email: 'a@example.com',
    appMetadata: { needsPasswordReset: true },
    lastPasswordReset: undefined,
  };
  it('is true while the change is required and the password has not changed since the token was issued', () => {
    assert.equal(sessionTokenUsable(flagged, { issuedAt }), true);
    assert.equal(
      sessionTokenUsable(
        { ...flagged, lastPasswordReset: new Date(TEST_EPOCH - 1000).toISOString() },
        { issuedAt },
      ),
      true,
    );
  });
  it('is false once the password changed after the token was issued (even if clearing the flag failed), or the change is no longer required', () => {
    assert.equal(
      sessionTokenUsable(
        { ...flagged, lastPasswordReset: new Date(TEST_EPOCH + 1).toISOString() },
        { issuedAt },
      ),
      false,
    );
    assert.equal(
      sessionTokenUsable({ ...flagged, appMetadata: { needsPasswordReset: false } }, { issuedAt }),
      false,
    );
    assert.equal(
      sessionTokenUsable(
        {
          ...flagged,
          appMetadata: { precreated: true },
          lastPasswordReset: '2026-01-01T00:00:00.000Z',
        },
        { issuedAt },
      ),
      false,
    );
  });
});

describe('GET /auth0/password_set/context', () => {
  it("answers the user's email (read from the profile, not the token), the reason, the expiry and the connection's policy in the cidaas shape", async () => {
    const response = await context(sessionToken(USERS.flagged.user_id));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await response.json(), {
      email: 'flagged@example.com',
      reason: 'admin_required',
      expires_at: new Date(TEST_EPOCH + 300_000).toISOString(),
      password_policy: {
        policy_name: 'auth0:good',
        minimumLength: 10,
        noOfDigits: 1,
        noOfSpecialChars: 0,
        lowerAndUpperCase: true,
        preventAlreadyUsedPwd: true,
      },
    });
  });

  const refused: readonly (readonly [string, () => string])[] = [
    ['no token', () => ''],
    [
      'a forged token',
      () => sessionToken(USERS.flagged.user_id, {}, 'another-secret-0123456789abcdefghijkl'),
    ],
    [
      'an expired token',
      () =>
        sessionToken(USERS.flagged.user_id, {
          exp: Math.floor(TEST_EPOCH / 1000) - CLOCK_TOLERANCE_SECONDS - 1,
        }),
    ],
    [
      'a token older than the maximum age',
      () =>
        sessionToken(USERS.flagged.user_id, {
          iat: Math.floor(TEST_EPOCH / 1000) - SESSION_TOKEN_MAX_AGE_SECONDS - 60,
        }),
    ],
    [
      'a token from another issuer',
      () => sessionToken(USERS.flagged.user_id, { iss: 'evil.auth0.com' }),
    ],
    [
      'our own result token',
      () =>
        sessionToken(USERS.flagged.user_id, {
          iss: RESULT_TOKEN_ISSUER,
          aud: RESULT_TOKEN_AUDIENCE,
          changed: true,
          state: STATE,
        }),
    ],
    [
      'a token for a user who no longer has to change the password',
      () => sessionToken(USERS.regular.user_id),
    ],
    ['a token for a user who does not exist (any more)', () => sessionToken('auth0|deleted')],
  ];
  for (const [name, token] of refused) {
    it(`answers 400 track_expired for ${name}`, async () => {
      const response = await context(token());
      assert.equal(response.status, 400);
      assert.equal(pick(await response.json(), 'error'), 'track_expired');
    });
  }
});

describe('POST /auth0/password_set', () => {
  it('sends a mismatch back to the page with password_mismatch, keeping session_token and state, without calling Auth0', async () => {
    const before = stack.emulator.managementRequests.length;
    const token = sessionToken(USERS.flagged.user_id);
    const url = location(
      await post({
        session_token: token,
        state: STATE,
        password: 'Another-Pass-2027',
        confirm_password: 'Another-Pass-2028',
      }),
      stack.pageUrl,
    );
    assert.equal(url.pathname, '/identity/password_set');
    assert.deepEqual(params(url), {
      session_token: token,
      state: STATE,
      error: 'password_mismatch',
    });
    assert.deepEqual(managementRequestsSince(before), []);
  });

  const violations = [
    ['Short-1', 'minimumLength'],
    ['No-digits-here', 'noOfDigits'],
    ['lowercase-only-2027', 'lowerAndUpperCase'],
    ['', 'minimumLength'],
  ] as const;
  for (const [password, rule] of violations) {
    it(`sends "${password}" back with password_policy_violation and error_code=${rule}`, async () => {
      const url = location(
        await post({
          session_token: sessionToken(USERS.flagged.user_id),
          state: STATE,
          password,
          confirm_password: password,
        }),
        stack.pageUrl,
      );
      assert.equal(url.searchParams.get('error'), 'password_policy_violation');
      assert.equal(url.searchParams.get('error_code'), rule);
    });
  }

  const expired: readonly (readonly [string, () => Record<string, string>])[] = [
    [
      'a forged token',
      () => ({
        session_token: sessionToken(
          USERS.flagged.user_id,
          {},
          'another-secret-0123456789abcdefghijkl',
        ),
        state: STATE,
      }),
    ],
    [
      'an expired token',
      () => ({
        session_token: sessionToken(USERS.flagged.user_id, {
          exp: Math.floor(TEST_EPOCH / 1000) - CLOCK_TOLERANCE_SECONDS,
        }),
        state: STATE,
      }),
    ],
    [
      'no state (the token alone cannot be sent back to Auth0)',
      () => ({ session_token: sessionToken(USERS.flagged.user_id) }),
    ],
    ['no token', () => ({ state: STATE })],
  ];
  for (const [name, fields] of expired) {
    it(`sends ${name} back with track_expired, without calling Auth0`, async () => {
      const before = stack.emulator.managementRequests.length;
      const sent = fields();
      const url = location(
        await post({
          ...sent,
          password: 'Another-Pass-2027',
          confirm_password: 'Another-Pass-2027',
        }),
        stack.pageUrl,
      );
      assert.equal(url.pathname, '/identity/password_set');
      assert.deepEqual(params(url), { ...sent, error: 'track_expired' });
      assert.deepEqual(managementRequestsSince(before), []);
    });
  }

  it('refuses a token for a user who no longer has to change the password, reading the user before any write', async () => {
    const before = stack.emulator.managementRequests.length;
    const url = location(
      await post({
        session_token: sessionToken(USERS.regular.user_id),
        state: STATE,
        password: 'Another-Pass-2027',
        confirm_password: 'Another-Pass-2027',
      }),
      stack.pageUrl,
    );
    assert.equal(url.searchParams.get('error'), 'track_expired');
    assert.deepEqual(managementRequestsSince(before), [
      `GET /api/v2/users/${encodeURIComponent(USERS.regular.user_id)}`,
    ]);
  });

  it('maps a password Auth0 finds in the history to password_already_used', async () => {
    const url = location(
      await post({
        session_token: sessionToken(USERS.flagged.user_id),
        state: STATE,
        password: 'Flagged-2026',
        confirm_password: 'Flagged-2026',
      }),
      stack.pageUrl,
    );
    assert.equal(url.searchParams.get('error'), 'password_already_used');
  });

  it('sets the password, marks the change done, and answers with a page that POSTs the state and a signed result to /continue', async () => {
    const before = stack.emulator.managementRequests.length;
    clock += 60_000;
    const response = await post({
      session_token: sessionToken(USERS.changer.user_id),
      state: STATE,
      password: 'Brand-New-Pass-2027',
      confirm_password: 'Brand-New-Pass-2027',
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(
      response.headers.get('content-security-policy') ?? '',
      new RegExp(`form-action [^;]*${stack.auth0Url.replace(/[.:/]/g, '\\$&')}`),
    );
    const html = await response.text();
    assert.doesNotMatch(html, /Brand-New-Pass/);
    const form = continueFormOf(html);
    assert.equal(form.method, 'post');
    assert.equal(form.action, `${stack.auth0Url}/continue`);
    assert.deepEqual(Object.keys(form.fields).sort(), ['session_token', 'state']);
    assert.equal(form.fields['state'], STATE);
    assert.match(html, /<script src="\/auth0\/password_set\/continue\.js"><\/script>/);

    const id = encodeURIComponent(USERS.changer.user_id);
    assert.deepEqual(userRequestsSince(before), [
      { method: 'GET', path: `/api/v2/users/${id}`, body: {} },
      {
        method: 'PATCH',
        path: `/api/v2/users/${id}`,
        body: { password: '[redacted]', connection: 'Username-Password-Authentication' },
      },
      {
        method: 'PATCH',
        path: `/api/v2/users/${id}`,
        body: { app_metadata: { needsPasswordReset: false, precreated: false } },
      },
    ]);
    assert.deepEqual(stack.emulator.user(USERS.changer.user_id)?.app_metadata, {
      needsPasswordReset: false,
      precreated: false,
    });
    assert.equal(
      stack.emulator.user(USERS.changer.user_id)?.last_password_reset,
      new Date(clock).toISOString(),
    );

    const now = Math.floor(clock / 1000);
    assert.deepEqual(
      validateActionToken(form.fields['session_token'], SECRET, {
        domain,
        state: STATE,
        now: () => clock,
      }),
      {
        iss: RESULT_TOKEN_ISSUER,
        aud: RESULT_TOKEN_AUDIENCE,
        sub: USERS.changer.user_id,
        state: STATE,
        changed: true,
        iat: now,
        exp: now + 120,
      },
    );
  });

  it('refuses the same session token after that first successful change (single use, nothing stored on our side)', async () => {
    clock += 60_000;
    const token = sessionToken(USERS.newcomer.user_id, { reason: 'first_login' });
    const first = await post({
      session_token: token,
      state: STATE,
      password: 'First-Choice-2027',
      confirm_password: 'First-Choice-2027',
    });
    assert.equal(first.status, 200);

    clock += 5_000;
    const before = stack.emulator.managementRequests.length;
    const replay = location(
      await post({
        session_token: token,
        state: STATE,
        password: 'Second-Choice-2027',
        confirm_password: 'Second-Choice-2027',
      }),
      stack.pageUrl,
    );
    assert.equal(replay.searchParams.get('error'), 'track_expired');
    assert.deepEqual(
      managementRequestsSince(before),
      [`GET /api/v2/users/${encodeURIComponent(USERS.newcomer.user_id)}`],
      'no second password write',
    );
    assert.equal(
      (await context(token)).status,
      400,
      'the page tells at once that the link was used',
    );
  });
});

describe('the page that POSTs to /continue', () => {
  it('is served with its script from our own origin (CSP script-src self, no inline script)', async () => {
    const response = await fetch(`${stack.pageUrl}/auth0/password_set/continue.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
    assert.match(await response.text(), /getElementById\('auth0-continue'\)\.submit\(\)/);
  });
});

describe('GET /auth0/password_set/cancel', () => {
  it('sends the user to /continue with the state and no token, which the Action turns into access_denied at the application', async () => {
    const url = location(
      await fetch(`${stack.pageUrl}/auth0/password_set/cancel?state=${STATE}`, {
        redirect: 'manual',
      }),
      stack.pageUrl,
    );
    assert.equal(url.href, `${stack.auth0Url}/continue?state=${STATE}`);
  });

  it('answers 400 without a state', async () => {
    assert.equal(
      (await fetch(`${stack.pageUrl}/auth0/password_set/cancel`, { redirect: 'manual' })).status,
      400,
    );
  });
});

describe('Management API failures (stand-in directory)', () => {
  const config = auth0PasswordSetConfigFromEnv({
    AUTH0_DOMAIN: 'acme.eu.auth0.com',
    AUTH0_CUSTOM_DOMAIN: 'login.acme.com',
    AUTH0_CLIENT_ID: 'client-id',
    AUTH0_CLIENT_SECRET: 'client-secret-value-xyz',
    SESSION_TOKEN_SECRET: SECRET,
    AUTH0_CONNECTION_POLICY: '{"passwordPolicy":"low"}',
  });
  let failure: {
    readonly get?: Auth0DirectoryError;
    readonly set?: Auth0DirectoryError;
    readonly clear?: Auth0DirectoryError;
  } = {};
  const calls: string[] = [];
  const directory: Auth0Directory = {
    getUser: async (userId) => {
      calls.push(`get ${userId}`);
      if (failure.get) throw failure.get;
      return {
        email: 'a@example.com',
        appMetadata: { precreated: true },
        lastPasswordReset: undefined,
      };
    },
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
  beforeEach(() => {
    failure = {};
    calls.length = 0;
  });

  /** A token the custom domain issued: accepted as well as the canonical domain's. */
  const token = (): string => {
    const now = Math.floor(clock / 1000);
    return jwt.sign(
      {
        iat: now,
        iss: 'login.acme.com',
        sub: 'auth0|1',
        exp: now + 300,
        ip: '203.0.113.7',
        reason: 'first_login',
      },
      SECRET,
      { algorithm: 'HS256' },
    );
  };
  const submit = (): Promise<Response> =>
    postForm(`${base}/auth0/password_set`, {
      session_token: token(),
      state: STATE,
      password: 'long-enough',
      confirm_password: 'long-enough',
    });

  const mapped = [
    [
      new Auth0DirectoryError(400, 'PasswordStrengthError: Password is too weak'),
      'password_policy_violation',
    ],
    [
      new Auth0DirectoryError(400, 'PasswordDictionaryError: Password is too common'),
      'password_policy_violation',
    ],
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

  it('maps a failed read of the user to server_error (the context to a 502), and a vanished user to track_expired, before any write', async () => {
    failure = { get: new Auth0DirectoryError(503, 'unavailable') };
    assert.equal(location(await submit(), base).searchParams.get('error'), 'server_error');
    assert.equal(
      (await fetch(`${base}/auth0/password_set/context?session_token=${token()}`)).status,
      502,
    );
    failure = { get: new Auth0DirectoryError(404, 'The user does not exist.') };
    assert.equal(location(await submit(), base).searchParams.get('error'), 'track_expired');
    assert.deepEqual(
      calls.filter((call) => !call.startsWith('get')),
      [],
    );
  });

  it("writes the page that POSTs to /continue in the page's language (ui_locales, then Accept-Language), right to left where it is", async () => {
    const page = async (
      fields: Readonly<Record<string, string>>,
      headers: Readonly<Record<string, string>> = {},
    ): Promise<string> =>
      (
        await postForm(
          `${base}/auth0/password_set`,
          {
            session_token: token(),
            state: STATE,
            password: 'long-enough',
            confirm_password: 'long-enough',
            ...fields,
          },
          headers,
        )
      ).text();
    const german: unknown = JSON.parse(
      readFileSync(resolve(__dirname, '../../i18n/de.json'), 'utf8'),
    );
    const inGerman = await page({ ui_locales: 'de' }, { 'accept-language': 'fr' });
    assert.match(inGerman, /<html lang="de" dir="ltr">/);
    assert.ok(inGerman.includes(`<h1>${String(pick(german, 'success', 'heading'))}</h1>`));
    assert.ok(
      inGerman.includes(
        `<button type="submit">${String(pick(german, 'success', 'continue'))}</button>`,
      ),
    );
    assert.match(
      await page({}, { 'accept-language': 'ar-EG,ar;q=0.9,en;q=0.5' }),
      /<html lang="ar" dir="rtl">/,
    );
    assert.match(
      await page({ ui_locales: 'tlh' }, { 'accept-language': 'x-unknown' }),
      /<html lang="en" dir="ltr">[\s\S]*Your password has been changed/,
    );
  });

  it('still continues when only recording the change fails (the Action records it too), so the user does not choose another password', async () => {
    failure = { clear: new Auth0DirectoryError(503, 'unavailable') };
    const response = await submit();
    assert.equal(response.status, 200);
    assert.equal(
      continueFormOf(await response.text()).action,
      'https://login.acme.com/continue',
      '/continue on the custom domain',
    );
    assert.deepEqual(calls, ['get auth0|1', 'set auth0|1', 'clear auth0|1']);
  });
});

describe('malformed requests', () => {
  it('answers an oversized form with a plain 413 JSON error, echoing nothing', async () => {
    const response = await post({
      session_token: 'x'.repeat(20_000),
      state: STATE,
      password: 'secret-value',
      confirm_password: 'secret-value',
    });
    assert.equal(response.status, 413);
    const text = await response.text();
    assert.equal(text, '{"error":"invalid_request"}');
  });
});
