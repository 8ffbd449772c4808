import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

import { normalizePassword } from '../../src/contract/password-policy';

/** The scrypt cost (N) used when none is configured: the Node default, about 50 ms per hash. */
export const DEFAULT_SCRYPT_COST = 16384;

const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
const PARALLELIZATION = 1;

/**
 * A small built-in list of known breached passwords: cidaas reports these as `VER_0120`, and the
 * emulator's range API (`routes/pwned-passwords.ts`) lists them, so the page warns before the submit.
 * Each one satisfies the demo policy, so both checks are reachable from the page; the demo's first
 * sign-in password is among them, the obvious choice a newcomer might try to keep.
 */
export const BREACHED_PASSWORDS: ReadonlySet<string> = new Set([
  'Password123!',
  'P@ssw0rd2024',
  'Welcome2026!',
  'Welcome-2026',
  'Qwertyuiop1!',
]);

function deriveKey(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Hashes a password with scrypt and a random salt. The password is NFC-normalized first, as the
 * policy module does, so a composed and a decomposed spelling of the same password are equal.
 * The result is self-describing: `scrypt$N$r$p$salt$key` (base64url).
 */
export async function hashPassword(
  password: string,
  cost: number = DEFAULT_SCRYPT_COST,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await deriveKey(normalizePassword(password), salt, {
    N: cost,
    r: BLOCK_SIZE,
    p: PARALLELIZATION,
  });
  return [
    'scrypt',
    cost,
    BLOCK_SIZE,
    PARALLELIZATION,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** Whether `password` (NFC-normalized) matches a hash made by {@link hashPassword}; compared in constant time. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const [scheme, cost, blockSize, parallelization, salt, key] = hash.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await deriveKey(normalizePassword(password), Buffer.from(salt, 'base64url'), {
    N: Number(cost),
    r: Number(blockSize),
    p: Number(parallelization),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Whether the (NFC-normalized) password is on the built-in breached list. */
export function isBreachedPassword(password: string): boolean {
  return BREACHED_PASSWORDS.has(normalizePassword(password));
}
