/**
 * Compact HS256 JSON Web Tokens with node:crypto, as Auth0's `api.redirect.encodeToken` and
 * `validateToken` make and check them. Shared by the password_set server (production), the Action
 * harness and the Auth0 emulator, so all three agree on the format byte for byte.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims of a token: any JSON object. */
export type JwtClaims = { readonly [claim: string]: unknown };

/** Why a token was refused. */
export type JwtFailure = 'malformed' | 'algorithm' | 'signature' | 'expired';

/** The outcome of {@link verifyHs256}. */
export type JwtVerification = { readonly ok: true; readonly claims: JwtClaims } | { readonly ok: false; readonly failure: JwtFailure };

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function hmac(input: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}

/** Signs claims as a compact HS256 JWT (`header.payload.signature`, base64url). */
export function signHs256(claims: JwtClaims, secret: string): string {
  if (secret === '') throw new Error('signHs256: the secret is empty');
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${hmac(body, secret).toString('base64url')}`;
}

function isJsonObject(value: unknown): value is JwtClaims {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJsonObject(segment: string): JwtClaims | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Verifies a compact HS256 JWT: exactly three base64url segments, a header naming `HS256` (so `none`
 * and key-confusion tricks fail), a constant-time signature check, and a numeric `exp` in the future
 * (a token without `exp` is refused: every token in this flow is short-lived on purpose).
 *
 * @param nowSeconds The current time in seconds since the epoch.
 */
export function verifyHs256(token: string, secret: string, nowSeconds: number): JwtVerification {
  const segments = token.split('.');
  if (segments.length !== 3 || !segments.every((segment) => BASE64URL.test(segment))) return { ok: false, failure: 'malformed' };
  const [header = '', payload = '', signature = ''] = segments;
  const parsedHeader = parseJsonObject(header);
  const claims = parseJsonObject(payload);
  if (parsedHeader === undefined || claims === undefined) return { ok: false, failure: 'malformed' };
  if (parsedHeader['alg'] !== 'HS256') return { ok: false, failure: 'algorithm' };
  const expected = hmac(`${header}.${payload}`, secret);
  const actual = Buffer.from(signature, 'base64url');
  if (secret === '' || actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, failure: 'signature' };
  const exp = claims['exp'];
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= nowSeconds) return { ok: false, failure: 'expired' };
  return { ok: true, claims };
}

/** A string claim, or `undefined` when it is absent or not a non-empty string. */
export function stringClaim(claims: JwtClaims, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
