/**
 * The two tokens of the Auth0 round trip, signed and checked with `jose` (HS256 over the UTF-8 bytes
 * of the shared `SESSION_TOKEN_SECRET`):
 *
 * - **Session token** (Action → page), made by Auth0's `api.redirect.encodeToken`. Auth0 documents its
 *   claims as `sub` (the user id), `iss` ("hostname of your Auth0 tenant domain"), `exp`, `ip` (the
 *   address of the originating request) plus the custom `payload`, HS256-signed with the given secret
 *   (https://auth0.com/docs/customize/actions/explore-triggers/signup-and-login-triggers/login-trigger/redirect-with-actions,
 *   "Pass data to the external site"); a real tenant's token decoded in public also carries `iat`
 *   (https://community.auth0.com/t/decode-session-token-in-continue-action/133463:
 *   `{"iat":…,"iss":"[MYTENANT].eu.auth0.com","sub":"google-oauth2|…"}`). It has **no `state`**:
 *   Auth0 appends `state` to the redirect URL as a query parameter of its own.
 * - **Result token** (this server → `/continue`), checked by the Action's `api.redirect.validateToken`,
 *   which requires a valid signature, no expiry, and a `state` claim equal to the transaction's state
 *   (same page, "Pass information back to the Action"). We add `iss`/`aud` of our own, `sub`, and
 *   `changed: true`, which the Action checks as well.
 */
import { jwtVerify, SignJWT } from 'jose';

import {
  isAuth0PasswordChangeReason,
  type Auth0PasswordChangeReason,
} from '../../src/contract/change-reasons';

/** Why the user is asked to change the password (the Action's `reason` claim). */
export type PasswordChangeReason = Auth0PasswordChangeReason;

/** The `iss` of the result token this server sends to `/continue` (the Action checks it). */
export const RESULT_TOKEN_ISSUER = 'urn:password-set:auth0';

/** The `aud` of the result token: the Action's `onContinuePostLogin` (the Action checks it). */
export const RESULT_TOKEN_AUDIENCE = 'urn:password-set:auth0:continue';

/** How long the result token is valid: the browser posts it to `/continue` at once. */
export const RESULT_TOKEN_LIFETIME_SECONDS = 120;

/**
 * The oldest session token this server accepts, counted from its `iat`, whatever `exp` it carries.
 * Our decision: the Action asks for 5 minutes, but Auth0's default for `encodeToken` is 900 seconds
 * and an edited Action could ask for days; ten minutes covers a slow typist and no more.
 */
export const SESSION_TOKEN_MAX_AGE_SECONDS = 600;

/**
 * How far apart Auth0's clock and ours may be. Our decision: both run on NTP-synchronised servers; a
 * few seconds cover the rest without stretching a token's life noticeably.
 */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** A verified session token from the Action. */
export interface SessionTokenClaims {
  /** The Auth0 user id. */
  readonly sub: string;
  readonly reason: PasswordChangeReason;
  /** Issued at, seconds since the epoch (`iat`). */
  readonly issuedAt: number;
  /** When the token stops being accepted, seconds since the epoch: its `exp` or the maximum age, whichever comes first. */
  readonly expiresAt: number;
}

/** The key `jose` signs and verifies with: the secret's UTF-8 bytes, as Auth0's `encodeToken` uses the string. */
export function hmacKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** The `iss` values a session token from this tenant may carry: each domain bare and as `https://<domain>/`. */
export function tenantIssuers(domains: readonly string[]): string[] {
  return domains.flatMap((domain) => [domain, `https://${domain}/`]);
}

const isReason = isAuth0PasswordChangeReason;

/**
 * Verifies the Action's session token: HS256 only (so `none` and key-confusion tricks fail), signed
 * with the shared secret, issued by one of `issuers`, with `sub`, `iat` and `exp`, not expired, not
 * older than {@link SESSION_TOKEN_MAX_AGE_SECONDS}, and a known `reason`. Our result tokens are refused
 * (their `iss` is ours, and they say `changed`), so one cannot stand in for the other.
 *
 * @returns the claims, or `undefined` for any token that is not one.
 */
export async function verifySessionToken(
  token: string,
  options: { readonly secret: string; readonly issuers: readonly string[]; readonly nowMs: number },
): Promise<SessionTokenClaims | undefined> {
  if (token === '' || options.secret === '') return undefined;
  try {
    const { payload } = await jwtVerify(token, hmacKey(options.secret), {
      algorithms: ['HS256'],
      issuer: [...options.issuers],
      requiredClaims: ['sub', 'iat', 'exp'],
      maxTokenAge: SESSION_TOKEN_MAX_AGE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: new Date(options.nowMs),
    });
    const { sub, iat, exp } = payload;
    const reason: unknown = payload['reason'];
    if (
      typeof sub !== 'string' ||
      sub === '' ||
      iat === undefined ||
      exp === undefined ||
      !isReason(reason) ||
      payload['changed'] !== undefined
    )
      return undefined;
    return {
      sub,
      reason,
      issuedAt: iat,
      expiresAt: Math.min(exp, iat + SESSION_TOKEN_MAX_AGE_SECONDS),
    };
  } catch {
    return undefined;
  }
}

/**
 * Signs the result token `/continue` hands to `onContinuePostLogin`: proof that the change happened,
 * bound to this user (`sub`) and this login transaction (`state`, as `validateToken` requires).
 */
export function signResultToken(
  claims: { readonly sub: string; readonly state: string },
  secret: string,
  nowMs: number,
): Promise<string> {
  const now = Math.floor(nowMs / 1000);
  return new SignJWT({ state: claims.state, changed: true })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(RESULT_TOKEN_ISSUER)
    .setAudience(RESULT_TOKEN_AUDIENCE)
    .setSubject(claims.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + RESULT_TOKEN_LIFETIME_SECONDS)
    .sign(hmacKey(secret));
}
