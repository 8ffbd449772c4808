/**
 * The Auth0 round trip's tokens (jose): the session token exactly as Auth0's `encodeToken` makes it
 * (here made with jsonwebtoken, the other library, so the two have to agree on the format), and the
 * result token as `validateToken` will read it.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';

import jwt from 'jsonwebtoken';

import { validateActionToken } from '../../integrations/auth0/harness';
import {
  RESULT_TOKEN_AUDIENCE,
  RESULT_TOKEN_ISSUER,
  RESULT_TOKEN_LIFETIME_SECONDS,
  SESSION_TOKEN_MAX_AGE_SECONDS,
  signResultToken,
  tenantIssuers,
  verifySessionToken,
} from './session-tokens';

const SECRET = 'session-tokens-test-secret-0123456789abcdef';
const NOW_MS = Date.UTC(2026, 10, 22, 9, 0, 0);
const NOW = NOW_MS / 1000;
const ISSUERS = tenantIssuers(['acme.eu.auth0.com', 'login.acme.com']);

/**
 * The claims Auth0 documents for `encodeToken` (sub, iss, exp, ip, the payload) plus `iat`, as a real
 * tenant's token shows them, and nothing else: no `state`, no email.
 */
function auth0Claims(overrides: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    iat: NOW,
    iss: 'acme.eu.auth0.com',
    sub: 'auth0|6638820ef54520ecca12593a',
    exp: NOW + 300,
    ip: '203.0.113.7',
    reason: 'admin_required',
    ...overrides,
  };
}

/** Signs the claims as they are (`undefined` drops a claim; jsonwebtoken adds no `iat` of its own). */
function sign(
  claims: Readonly<Record<string, unknown>>,
  secret = SECRET,
  algorithm: jwt.Algorithm = 'HS256',
): string {
  const defined = Object.fromEntries(
    Object.entries(claims).filter(([, value]) => value !== undefined),
  );
  // jsonwebtoken sets `iat` to now unless told not to, and then drops a given one too.
  return jwt.sign(defined, secret, { algorithm, noTimestamp: defined['iat'] === undefined });
}

function verify(token: string, nowMs = NOW_MS): ReturnType<typeof verifySessionToken> {
  return verifySessionToken(token, { secret: SECRET, issuers: ISSUERS, nowMs });
}

describe('verifySessionToken', () => {
  it("accepts a token with exactly the claims Auth0's encodeToken documents (no state claim)", async () => {
    assert.deepEqual(await verify(sign(auth0Claims())), {
      sub: 'auth0|6638820ef54520ecca12593a',
      reason: 'admin_required',
      issuedAt: NOW,
      expiresAt: NOW + 300,
    });
  });

  it('accepts the canonical and the custom domain as issuer, bare or as an https URL with a slash', async () => {
    for (const iss of [
      'acme.eu.auth0.com',
      'https://acme.eu.auth0.com/',
      'login.acme.com',
      'https://login.acme.com/',
    ]) {
      assert.ok(await verify(sign(auth0Claims({ iss }))), iss);
    }
  });

  it('caps the expiry at the maximum age, whatever exp the Action asked for', async () => {
    const claims = await verify(sign(auth0Claims({ exp: NOW + 86_400 })));
    assert.equal(claims?.expiresAt, NOW + SESSION_TOKEN_MAX_AGE_SECONDS);
    assert.equal(
      await verify(
        sign(auth0Claims({ exp: NOW + 86_400 })),
        NOW_MS + (SESSION_TOKEN_MAX_AGE_SECONDS + 10) * 1000,
      ),
      undefined,
    );
  });

  const refused: readonly (readonly [string, () => string])[] = [
    [
      'a token signed with another secret',
      () => sign(auth0Claims(), 'another-secret-0123456789abcdefghijkl'),
    ],
    ['an expired token', () => sign(auth0Claims({ exp: NOW - 10 }))],
    ['a token issued in the future', () => sign(auth0Claims({ iat: NOW + 600, exp: NOW + 900 }))],
    ['a token without iat (its age is unknown)', () => sign(auth0Claims({ iat: undefined }))],
    ['a token without exp', () => sign(auth0Claims({ exp: undefined }))],
    ['a token from another tenant', () => sign(auth0Claims({ iss: 'evil.eu.auth0.com' }))],
    ['a token without sub', () => sign(auth0Claims({ sub: undefined }))],
    ['a token with an unknown reason', () => sign(auth0Claims({ reason: 'because' }))],
    [
      'our own result token',
      () =>
        sign(
          auth0Claims({
            iss: RESULT_TOKEN_ISSUER,
            aud: RESULT_TOKEN_AUDIENCE,
            changed: true,
            state: 's',
          }),
        ),
    ],
    ['a token that says changed', () => sign(auth0Claims({ changed: true }))],
    ['an HS512 token', () => sign(auth0Claims(), SECRET, 'HS512')],
    ['an unsigned token (alg none)', () => sign(auth0Claims(), '', 'none')],
    ['garbage', () => 'not.a.jwt'],
    ['nothing', () => ''],
  ];
  for (const [name, token] of refused) {
    it(`refuses ${name}`, async () => {
      assert.equal(await verify(token()), undefined);
    });
  }

  it('refuses a token whose payload was altered after signing', async () => {
    const [header = '', , signature = ''] = sign(auth0Claims()).split('.');
    const payload = Buffer.from(
      JSON.stringify(auth0Claims({ sub: 'auth0|someone-else' })),
    ).toString('base64url');
    assert.equal(await verify(`${header}.${payload}.${signature}`), undefined);
  });
});

describe('signResultToken', () => {
  it('signs { iss, aud, sub, state, changed, iat, exp } with HS256, as validateToken and the Action read it', async () => {
    const token = await signResultToken({ sub: 'auth0|1', state: 'txn-state' }, SECRET, NOW_MS);
    const [header = '', payload = '', signature = ''] = token.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url').toString()), {
      alg: 'HS256',
      typ: 'JWT',
    });
    assert.equal(
      createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url'),
      signature,
    );
    const claims = validateActionToken(token, SECRET, {
      domain: 'acme.eu.auth0.com',
      state: 'txn-state',
      now: () => NOW_MS,
    });
    assert.deepEqual(claims, {
      iss: RESULT_TOKEN_ISSUER,
      aud: RESULT_TOKEN_AUDIENCE,
      sub: 'auth0|1',
      state: 'txn-state',
      changed: true,
      iat: NOW,
      exp: NOW + RESULT_TOKEN_LIFETIME_SECONDS,
    });
  });

  it('is never accepted as a session token', async () => {
    assert.equal(
      await verify(await signResultToken({ sub: 'auth0|1', state: 'txn-state' }, SECRET, NOW_MS)),
      undefined,
    );
  });
});
