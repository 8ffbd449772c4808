/**
 * The post-login Action (`integrations/auth0/post-login-action.js`) under the harness: who is sent
 * to the page, what the session token carries, and what `/continue` accepts. Tokens are made and
 * checked with the same HS256 code the Auth0 emulator and the page server use.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  applyMetadataUpdates,
  buildPostLoginEvent,
  loadPostLoginAction,
  runActionHandler,
  type ActionRun,
  type ActionUser,
  type PostLoginAction,
  type TransactionContext,
} from '../../integrations/auth0/harness';
import { signHs256, verifyHs256 } from './hs256';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const PAGE = 'https://login.example.com/identity/password_set';
const DOMAIN = 'acme.eu.auth0.com';
const NOW = Date.UTC(2026, 10, 22, 9, 0, 0);
const SECRETS = { PASSWORD_PAGE_URL: PAGE, SESSION_TOKEN_SECRET: SECRET };

const action: PostLoginAction = loadPostLoginAction();
const context: TransactionContext = { domain: DOMAIN, state: 'txn-state-1', now: () => NOW };

function user(id: string, appMetadata: Readonly<Record<string, unknown>>): ActionUser {
  return { user_id: id, email: `${id.replace('auth0|', '')}@example.com`, email_verified: true, app_metadata: appMetadata, user_metadata: {} };
}

const precreated = user('auth0|new', { precreated: true });
const flagged = user('auth0|flagged', { needsPasswordReset: true });
const regular = user('auth0|regular', {});

function login(who: ActionUser, loginsCount: number, secrets: Readonly<Record<string, string>> = SECRETS): Promise<ActionRun> {
  return runActionHandler(action.onExecutePostLogin, buildPostLoginEvent({ user: who, loginsCount, secrets, domain: DOMAIN }), context);
}

function resume(who: ActionUser, query: Readonly<Record<string, string>>, at: TransactionContext = context): Promise<ActionRun> {
  const handler = action.onContinuePostLogin;
  assert.ok(handler, 'the Action exports onContinuePostLogin');
  return runActionHandler(handler, buildPostLoginEvent({ user: who, loginsCount: 1, secrets: SECRETS, domain: DOMAIN, query }), at);
}

/** What the page server sends back after a successful change. */
function resultToken(claims: Readonly<Record<string, unknown>>, secret = SECRET): string {
  const now = Math.floor(NOW / 1000);
  return signHs256({ iss: 'urn:password-set:auth0', sub: 'auth0|new', state: context.state, changed: true, iat: now, exp: now + 120, ...claims }, secret);
}

function redirectUrl(run: ActionRun): URL {
  assert.equal(run.outcome.kind, 'redirect');
  if (run.outcome.kind !== 'redirect') throw new Error('unreachable');
  return run.outcome.url;
}

describe('post-login Action: onExecutePostLogin', () => {
  it('sends a pre-created user on the first login to the page with a signed, five-minute session token and the state', async () => {
    const run = await login(precreated, 1);
    const url = redirectUrl(run);
    assert.equal(url.origin + url.pathname, PAGE);
    assert.equal(url.searchParams.get('state'), context.state);
    const token = url.searchParams.get('session_token') ?? '';
    const verification = verifyHs256(token, SECRET, Math.floor(NOW / 1000));
    assert.ok(verification.ok, 'the session token verifies with the shared secret');
    if (!verification.ok) return;
    assert.equal(verification.claims['iss'], DOMAIN);
    assert.equal(verification.claims['sub'], 'auth0|new');
    assert.equal(verification.claims['email'], 'new@example.com');
    assert.equal(verification.claims['reason'], 'first_login');
    assert.equal(verification.claims['state'], context.state);
    assert.equal(verification.claims['exp'], Math.floor(NOW / 1000) + 300);
    assert.deepEqual(run.appMetadataUpdates, [
      ['needsPasswordReset', true],
      ['passwordResetReason', 'first_login'],
    ]);
  });

  it('lets a pre-created user through on later logins once the flag is cleared', async () => {
    assert.deepEqual((await login(precreated, 2)).outcome, { kind: 'continue' });
    assert.deepEqual((await login(precreated, 15)).outcome, { kind: 'continue' });
  });

  it('still sends a pre-created user who left the page on the first login (flag kept) to the page, as a first login', async () => {
    const afterFirst = applyMetadataUpdates(precreated.app_metadata, (await login(precreated, 1)).appMetadataUpdates);
    const url = redirectUrl(await login(user('auth0|new', afterFirst), 2));
    const verification = verifyHs256(url.searchParams.get('session_token') ?? '', SECRET, Math.floor(NOW / 1000));
    assert.ok(verification.ok);
    if (verification.ok) assert.equal(verification.claims['reason'], 'first_login');
  });

  it('sends a user flagged by an administrator to the page with reason admin_required, without writing metadata', async () => {
    const run = await login(flagged, 8);
    const verification = verifyHs256(redirectUrl(run).searchParams.get('session_token') ?? '', SECRET, Math.floor(NOW / 1000));
    assert.ok(verification.ok);
    if (verification.ok) assert.equal(verification.claims['reason'], 'admin_required');
    assert.deepEqual(run.appMetadataUpdates, []);
  });

  it('lets a regular user through, also on a first login of an account that was not pre-created (self sign-up)', async () => {
    assert.deepEqual((await login(regular, 4)).outcome, { kind: 'continue' });
    assert.deepEqual((await login(regular, 1)).outcome, { kind: 'continue' });
    assert.deepEqual((await login(user('auth0|x', { needsPasswordReset: false }), 3)).outcome, { kind: 'continue' });
  });

  it('denies (with a message for support) instead of letting a user who must change the password in when the secrets are missing', async () => {
    const run = await login(flagged, 2, { PASSWORD_PAGE_URL: PAGE });
    assert.equal(run.outcome.kind, 'deny');
    if (run.outcome.kind === 'deny') assert.match(run.outcome.reason, /not configured/);
  });
});

describe('post-login Action: onContinuePostLogin', () => {
  it('finishes the login with a valid result token for this user and clears the flag again', async () => {
    const run = await resume(precreated, { state: context.state, session_token: resultToken({}) });
    assert.deepEqual(run.outcome, { kind: 'continue' });
    assert.deepEqual(
      applyMetadataUpdates({ precreated: true, needsPasswordReset: true, passwordResetReason: 'first_login' }, run.appMetadataUpdates),
      { precreated: true, needsPasswordReset: false },
    );
  });

  const refusals: readonly (readonly [string, Readonly<Record<string, string>>])[] = [
    ['no token at all (someone calls /continue directly)', { state: context.state }],
    ['a token signed with another secret (forged)', { state: context.state, session_token: resultToken({}, 'another-secret-that-is-also-long-enough!!') }],
    ['an expired token', { state: context.state, session_token: resultToken({ exp: Math.floor(NOW / 1000) - 1 }) }],
    ['a token for another transaction', { state: context.state, session_token: resultToken({ state: 'other-transaction' }) }],
    ['a token for another user', { state: context.state, session_token: resultToken({ sub: 'auth0|someone-else' }) }],
    ['a token that does not say the password changed', { state: context.state, session_token: resultToken({ changed: false }) }],
    ['garbage', { state: context.state, session_token: 'not.a.jwt' }],
  ];
  for (const [name, query] of refusals) {
    it(`denies the login for ${name}, without redirecting again`, async () => {
      const run = await resume(precreated, query);
      assert.equal(run.outcome.kind, 'deny');
      if (run.outcome.kind === 'deny') assert.match(run.outcome.reason, /sign in again/);
      assert.deepEqual(run.appMetadataUpdates, [], 'the flag stays set, so the next sign-in offers the page again');
    });
  }

  it("refuses the Action's own outbound session token: it proves only that the user was sent, not that the password changed", async () => {
    const outbound = redirectUrl(await login(precreated, 1)).searchParams.get('session_token') ?? '';
    const run = await resume(precreated, { state: context.state, session_token: outbound });
    assert.equal(run.outcome.kind, 'deny');
  });

  it('traps nobody: after a denied /continue the next sign-in sends the user to the page again with a fresh token', async () => {
    let metadata = applyMetadataUpdates(precreated.app_metadata, (await login(precreated, 1)).appMetadataUpdates);
    const denied = await resume(user('auth0|new', metadata), { state: context.state });
    assert.equal(denied.outcome.kind, 'deny');
    metadata = applyMetadataUpdates(metadata, denied.appMetadataUpdates);
    const later: TransactionContext = { domain: DOMAIN, state: 'txn-state-2', now: () => NOW + 3_600_000 };
    const again = await runActionHandler(
      action.onExecutePostLogin,
      buildPostLoginEvent({ user: user('auth0|new', metadata), loginsCount: 2, secrets: SECRETS, domain: DOMAIN }),
      later,
    );
    const url = redirectUrl(again);
    assert.equal(url.searchParams.get('state'), 'txn-state-2');
    assert.ok(verifyHs256(url.searchParams.get('session_token') ?? '', SECRET, Math.floor(later.now() / 1000)).ok);
  });

  it('loops nobody: once the change is confirmed, the following sign-ins go straight through', async () => {
    let metadata = applyMetadataUpdates(precreated.app_metadata, (await login(precreated, 1)).appMetadataUpdates);
    // Even if the page server's metadata write was lost, the Action's own write clears the flag.
    metadata = applyMetadataUpdates(metadata, (await resume(user('auth0|new', metadata), { state: context.state, session_token: resultToken({}) })).appMetadataUpdates);
    for (const count of [2, 3]) assert.deepEqual((await login(user('auth0|new', metadata), count)).outcome, { kind: 'continue' });
  });
});
