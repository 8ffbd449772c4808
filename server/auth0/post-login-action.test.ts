/**
 * The post-login Action (`integrations/auth0/post-login-action.js`) under the harness: who is sent
 * to the page, what the session token carries (exactly Auth0's documented claims), what `/continue`
 * accepts, and that the page server's rule for "still has to change the password" is the Action's.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import jwt from 'jsonwebtoken';

import {
  applyMetadataUpdates,
  buildPostLoginEvent,
  loadPostLoginAction,
  RedirectNotPossibleError,
  runActionHandler,
  type ActionRun,
  type ActionUser,
  type EventInput,
  type PostLoginAction,
  type TransactionContext,
} from '../../integrations/auth0/harness';
import { requiredPasswordChange } from './password-set';
import { RESULT_TOKEN_AUDIENCE, RESULT_TOKEN_ISSUER, signResultToken } from './session-tokens';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const PAGE = 'https://login.example.com/identity/password_set';
const DOMAIN = 'acme.eu.auth0.com';
const NOW = Date.UTC(2026, 10, 22, 9, 0, 0);
const SECRETS = { PASSWORD_PAGE_URL: PAGE, SESSION_TOKEN_SECRET: SECRET };

const action: PostLoginAction = loadPostLoginAction();
const context: TransactionContext = { domain: DOMAIN, state: 'txn-state-1', now: () => NOW };

function user(
  id: string,
  appMetadata: Readonly<Record<string, unknown>>,
  lastPasswordReset?: string,
): ActionUser {
  return {
    user_id: id,
    email: `${id.replace('auth0|', '')}@example.com`,
    email_verified: true,
    app_metadata: appMetadata,
    user_metadata: {},
    last_password_reset: lastPasswordReset,
  };
}

const precreated = user('auth0|new', { precreated: true });
const flagged = user('auth0|flagged', { needsPasswordReset: true });
const regular = user('auth0|regular', {}, '2026-01-02T03:04:05.000Z');

function login(
  who: ActionUser,
  extra: Partial<EventInput> = {},
  at: TransactionContext = context,
): Promise<ActionRun> {
  return runActionHandler(
    action.onExecutePostLogin,
    buildPostLoginEvent({
      user: who,
      loginsCount: 1,
      secrets: SECRETS,
      hostname: DOMAIN,
      ...extra,
    }),
    at,
  );
}

function resume(
  who: ActionUser,
  query: Readonly<Record<string, string>>,
  body: Readonly<Record<string, string>> = {},
): Promise<ActionRun> {
  const handler = action.onContinuePostLogin;
  assert.ok(handler, 'the Action exports onContinuePostLogin');
  return runActionHandler(
    handler,
    buildPostLoginEvent({
      user: who,
      loginsCount: 1,
      secrets: SECRETS,
      hostname: DOMAIN,
      query,
      body,
      method: 'POST',
    }),
    context,
  );
}

/** What the page server sends back after a successful change, through its own signing code. */
function resultToken(
  overrides: {
    readonly sub?: string;
    readonly state?: string;
    readonly secret?: string;
    readonly at?: number;
  } = {},
): Promise<string> {
  return signResultToken(
    { sub: overrides.sub ?? 'auth0|new', state: overrides.state ?? context.state },
    overrides.secret ?? SECRET,
    overrides.at ?? NOW,
  );
}

/** A token with the shared secret but hand-picked claims (what an attacker with a copy of another token might assemble). */
function handMade(claims: Readonly<Record<string, unknown>>): string {
  const now = Math.floor(NOW / 1000);
  return jwt.sign(
    {
      iss: RESULT_TOKEN_ISSUER,
      aud: RESULT_TOKEN_AUDIENCE,
      sub: 'auth0|new',
      state: context.state,
      changed: true,
      iat: now,
      exp: now + 120,
      ...claims,
    },
    SECRET,
    { algorithm: 'HS256' },
  );
}

function redirectUrl(run: ActionRun): URL {
  assert.equal(run.outcome.kind, 'redirect');
  if (run.outcome.kind !== 'redirect') throw new Error('unreachable');
  return run.outcome.url;
}

function decoded(token: string): Record<string, unknown> {
  const claims = jwt.verify(token, SECRET, {
    algorithms: ['HS256'],
    clockTimestamp: Math.floor(NOW / 1000),
  });
  assert.ok(typeof claims === 'object');
  return { ...claims };
}

describe('post-login Action: onExecutePostLogin', () => {
  it("sends a pre-created user to the page with the state in the URL and a token of exactly Auth0's documented claims plus the reason", async () => {
    const run = await login(precreated);
    const url = redirectUrl(run);
    assert.equal(url.origin + url.pathname, PAGE);
    assert.deepEqual([...url.searchParams.keys()].sort(), ['session_token', 'state']);
    assert.equal(url.searchParams.get('state'), context.state);
    const now = Math.floor(NOW / 1000);
    assert.deepEqual(decoded(url.searchParams.get('session_token') ?? ''), {
      iat: now,
      iss: DOMAIN,
      sub: 'auth0|new',
      exp: now + 300,
      ip: '203.0.113.7',
      reason: 'first_login',
    });
    assert.doesNotMatch(
      url.href,
      /new@example\.com|new%40example/,
      'the email is not in the URL, not even inside the token',
    );
    assert.deepEqual(run.appMetadataUpdates, [], 'nothing is written before the redirect');
  });

  it('keeps sending a pre-created user who has not changed the password yet, whatever the login count', async () => {
    for (const loginsCount of [1, 2, 15])
      assert.equal(
        redirectUrl(await login(precreated, { loginsCount })).origin + '/identity/password_set',
        PAGE,
      );
  });

  it('lets a pre-created user through once the password was changed (last_password_reset) or the change recorded (precreated: false)', async () => {
    assert.deepEqual(
      (await login(user('auth0|new', { precreated: true }, '2026-11-22T08:00:00.000Z'))).outcome,
      { kind: 'continue' },
    );
    assert.deepEqual((await login(user('auth0|new', { precreated: false }))).outcome, {
      kind: 'continue',
    });
  });

  it('sends a user flagged by an administrator to the page with reason admin_required, even after earlier password changes', async () => {
    const run = await login(
      user('auth0|flagged', { needsPasswordReset: true }, '2025-01-01T00:00:00.000Z'),
    );
    assert.equal(
      decoded(redirectUrl(run).searchParams.get('session_token') ?? '')['reason'],
      'admin_required',
    );
  });

  it('lets a regular user through, also on a first login of an account that was not pre-created (self sign-up)', async () => {
    assert.deepEqual((await login(regular)).outcome, { kind: 'continue' });
    assert.deepEqual((await login(user('auth0|selfsignup', {}))).outcome, { kind: 'continue' });
    assert.deepEqual((await login(user('auth0|x', { needsPasswordReset: false }))).outcome, {
      kind: 'continue',
    });
  });

  it('denies (with a message for support) instead of letting a user who must change the password in when the secrets are missing', async () => {
    const run = await login(flagged, { secrets: { PASSWORD_PAGE_URL: PAGE } });
    assert.equal(run.outcome.kind, 'deny');
    if (run.outcome.kind === 'deny') assert.match(run.outcome.reason, /not configured/);
  });

  for (const protocol of ['oauth2-refresh-token', 'oauth2-password', 'oauth2-resource-owner']) {
    it(`denies a ${protocol} exchange of a user who must change the password (Auth0 cannot redirect there), and lets others refresh`, async () => {
      const run = await login(flagged, { protocol });
      assert.equal(run.outcome.kind, 'deny');
      if (run.outcome.kind === 'deny')
        assert.match(run.outcome.reason, /sign in through the login page/);
      assert.deepEqual((await login(regular, { protocol })).outcome, { kind: 'continue' });
    });
  }

  it('the harness holds Auth0 to its word: a redirect in a refresh-token exchange is impossible, one under prompt=none ends in interaction_required', async () => {
    const redirecting = {
      onExecutePostLogin: (_event: unknown, api: { redirect: { sendUserTo(url: string): void } }) =>
        api.redirect.sendUserTo(PAGE),
    };
    const event = (extra: Partial<EventInput>) =>
      buildPostLoginEvent({
        user: regular,
        loginsCount: 1,
        secrets: SECRETS,
        hostname: DOMAIN,
        ...extra,
      });
    await assert.rejects(
      runActionHandler(
        redirecting.onExecutePostLogin,
        event({ protocol: 'oauth2-refresh-token' }),
        context,
      ),
      RedirectNotPossibleError,
    );
    assert.deepEqual(
      (await runActionHandler(redirecting.onExecutePostLogin, event({ prompt: ['none'] }), context))
        .outcome,
      { kind: 'error', error: 'interaction_required' },
    );
  });

  it('a silent authentication (prompt=none) of a user who must change the password ends in interaction_required, never in tokens', async () => {
    assert.deepEqual((await login(flagged, { prompt: ['none'] })).outcome, {
      kind: 'error',
      error: 'interaction_required',
    });
  });
});

describe('post-login Action: onContinuePostLogin', () => {
  it('finishes the login with a valid result token for this user and this transaction, POSTed in the body, and records the change', async () => {
    const run = await resume(
      precreated,
      { state: context.state },
      { state: context.state, session_token: await resultToken() },
    );
    assert.deepEqual(run.outcome, { kind: 'continue' });
    assert.deepEqual(
      applyMetadataUpdates({ precreated: true, needsPasswordReset: true }, run.appMetadataUpdates),
      { precreated: false, needsPasswordReset: false },
    );
  });

  it('accepts the token in the query as well (tokenParameterName names "the query or body parameter")', async () => {
    assert.deepEqual(
      (await resume(precreated, { state: context.state, session_token: await resultToken() }))
        .outcome,
      { kind: 'continue' },
    );
  });

  const refusals: readonly (readonly [string, () => Promise<string> | string])[] = [
    [
      'a token for another transaction (validateToken: state mismatch)',
      () => resultToken({ state: 'other-transaction' }),
    ],
    [
      'a token without a state claim (validateToken: state mismatch)',
      () => handMade({ state: undefined }),
    ],
    [
      'a token signed with another secret (forged)',
      () => resultToken({ secret: 'another-secret-that-is-also-long-enough!!' }),
    ],
    ['an expired token', () => resultToken({ at: NOW - 3_600_000 })],
    ['a token for another user', () => resultToken({ sub: 'auth0|someone-else' })],
    ['a token that does not say the password changed', () => handMade({ changed: false })],
    ['a token from another issuer', () => handMade({ iss: DOMAIN })],
    ['a token for another audience', () => handMade({ aud: 'somewhere-else' })],
    ['garbage', () => 'not.a.jwt'],
  ];
  for (const [name, token] of refusals) {
    it(`denies the login for ${name}, without redirecting again or writing metadata`, async () => {
      const run = await resume(
        precreated,
        { state: context.state },
        { state: context.state, session_token: await token() },
      );
      assert.equal(run.outcome.kind, 'deny');
      if (run.outcome.kind === 'deny') assert.match(run.outcome.reason, /sign in again/);
      assert.deepEqual(
        run.appMetadataUpdates,
        [],
        'the requirement stays, so the next sign-in offers the page again',
      );
    });
  }

  it('denies a /continue without any token (the page\'s "Cancel and sign out") with "not changed"', async () => {
    const run = await resume(precreated, { state: context.state });
    assert.deepEqual(run.outcome, {
      kind: 'deny',
      reason: 'Your password was not changed. Please sign in again.',
    });
  });

  it("refuses the Action's own outbound session token even with a state claim added: it proves only that the user was sent, not that the password changed", async () => {
    const outbound = decoded(
      redirectUrl(await login(precreated)).searchParams.get('session_token') ?? '',
    );
    const run = await resume(
      precreated,
      {},
      {
        state: context.state,
        session_token: jwt.sign({ ...outbound, state: context.state }, SECRET, {
          algorithm: 'HS256',
        }),
      },
    );
    assert.equal(run.outcome.kind, 'deny');
  });

  it('traps nobody: after a denied /continue the next sign-in sends the user to the page again with a fresh token', async () => {
    const denied = await resume(precreated, { state: context.state });
    assert.equal(denied.outcome.kind, 'deny');
    const later: TransactionContext = {
      domain: DOMAIN,
      state: 'txn-state-2',
      now: () => NOW + 3_600_000,
    };
    const url = redirectUrl(
      await login(
        user('auth0|new', applyMetadataUpdates(precreated.app_metadata, denied.appMetadataUpdates)),
        { loginsCount: 2 },
        later,
      ),
    );
    assert.equal(url.searchParams.get('state'), 'txn-state-2');
  });

  it('loops nobody: once the change is confirmed, the following sign-ins go straight through, even if the page server wrote nothing', async () => {
    const metadata = applyMetadataUpdates(
      precreated.app_metadata,
      (await resume(precreated, { state: context.state, session_token: await resultToken() }))
        .appMetadataUpdates,
    );
    for (const loginsCount of [2, 3])
      assert.deepEqual((await login(user('auth0|new', metadata), { loginsCount })).outcome, {
        kind: 'continue',
      });
  });
});

describe('the page server asks the same question as the Action', () => {
  const users: readonly ActionUser[] = [
    precreated,
    flagged,
    regular,
    user('u|a', { precreated: true }, '2026-01-01T00:00:00.000Z'),
    user('u|b', { precreated: false }),
    user('u|c', { precreated: true, needsPasswordReset: true }),
    user('u|d', { precreated: true, needsPasswordReset: false }, '2026-01-01T00:00:00.000Z'),
    user('u|e', { needsPasswordReset: 'true' }),
    user('u|f', { precreated: 'yes' }),
    user('u|g', {}),
  ];
  for (const who of users) {
    it(`${JSON.stringify(who.app_metadata)}, last_password_reset ${who.last_password_reset ?? 'absent'}`, async () => {
      const run = await login(who);
      const actionReason =
        run.outcome.kind === 'redirect'
          ? decoded(run.outcome.url.searchParams.get('session_token') ?? '')['reason']
          : undefined;
      assert.equal(
        requiredPasswordChange({
          appMetadata: who.app_metadata,
          lastPasswordReset: who.last_password_reset,
        }),
        actionReason,
      );
    });
  }
});
