/**
 * A breached-password range API in the style of Pwned Passwords, so the page's advisory warning can
 * be seen and tested locally (the demo configures the page with it). What it does follows the API's
 * documentation:
 * - https://haveibeenpwned.com/API/v3#PwnedPasswords: `GET /range/{first 5 hex characters of the
 *   SHA-1}` (case-insensitive) answers, as `text/plain`, one `SUFFIX:COUNT` line per known hash under
 *   that prefix (the 35 remaining hex characters in upper case, and how often it was seen), lines ending
 *   in CRLF; a prefix that is not 5 hex characters is a 400;
 * - https://haveibeenpwned.com/API/v3#PwnedPasswordsPadding: with the request header
 *   `Add-Padding: true` the answer is padded with random suffixes with a count of 0, to between 800
 *   and 1,000 lines, so its size does not give away how many real entries the prefix has.
 * The passwords it knows are the emulator's breached list (`BREACHED_PASSWORDS`), which cidaas' own
 * check on the submit uses too. Like the real API, it allows any origin (CORS), including the preflight its `Add-Padding` header needs.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

import { Router } from 'express';

import { BREACHED_PASSWORDS } from '../passwords';

/** Where the emulator serves the range API: the page's configured base URL (`<base>/range/{prefix}`). */
export const PWNED_PASSWORDS_PATH = '/pwned-passwords';

/** The upper-case hex SHA-1 of a password's UTF-8 bytes (NFC, as the page hashes it). */
export function sha1Hex(password: string): string {
  return createHash('sha1').update(password.normalize('NFC'), 'utf8').digest('hex').toUpperCase();
}

const PREFIX = /^[0-9A-Fa-f]{5}$/;

/**
 * The `SUFFIX:COUNT` lines of the known passwords' hashes under `prefix` (with a made-up count, stable
 * per password), padded to 800–1,000 lines with `:0` entries when asked.
 */
export function rangeLines(prefix: string, known: Iterable<string>, padding: boolean): string[] {
  const upper = prefix.toUpperCase();
  const lines = [...known]
    .map(sha1Hex)
    .filter((hash) => hash.startsWith(upper))
    .map((hash) => `${hash.slice(5)}:${parseInt(hash.slice(-4), 16) + 1}`);
  if (padding) {
    const target = randomInt(800, 1001);
    while (lines.length < target)
      lines.push(`${randomBytes(18).toString('hex').slice(0, 35).toUpperCase()}:0`);
    lines.sort();
  }
  return lines;
}

/** The range API under {@link PWNED_PASSWORDS_PATH}. */
export function pwnedPasswordsRoutes(known: Iterable<string> = BREACHED_PASSWORDS): Router {
  const router = Router();
  const path = `${PWNED_PASSWORDS_PATH}/range/:prefix`;
  router.options(path, (_req, res) => {
    res.set({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET',
      'Access-Control-Allow-Headers': 'Add-Padding',
    });
    res.status(204).end();
  });
  router.get(path, (req, res) => {
    res.set('Access-Control-Allow-Origin', '*');
    const prefix = req.params['prefix'] ?? '';
    if (!PREFIX.test(prefix)) {
      res.status(400).type('text/plain').send('The hash prefix was not in a valid format');
      return;
    }
    const lines = rangeLines(prefix, known, req.get('add-padding')?.toLowerCase() === 'true');
    res.type('text/plain').send(lines.map((line) => `${line}\r\n`).join(''));
  });
  return router;
}
