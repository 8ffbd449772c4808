import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { startEmulator, type TestEmulator } from '../../testing';
import { BREACHED_PASSWORDS } from '../passwords';
import { PWNED_PASSWORDS_PATH, sha1Hex } from './pwned-passwords';

let emulator: TestEmulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.close());

/** The `SUFFIX:COUNT` lines of a range answer. */
async function rangeLines(
  prefix: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; lines: string[]; response: Response }> {
  const response = await emulator.fetch(`${PWNED_PASSWORDS_PATH}/range/${prefix}`, { headers });
  const text = await response.text();
  return {
    status: response.status,
    lines: text.split('\r\n').filter((line) => line !== ''),
    response,
  };
}

describe('the breached-password range API (Pwned Passwords style)', () => {
  it('answers a prefix with the suffixes of the known breached passwords under it, CRLF-separated text', async () => {
    const hash = sha1Hex('Password123!');
    const { status, lines, response } = await rangeLines(hash.slice(0, 5));
    assert.equal(status, 200);
    assert.match(String(response.headers.get('content-type')), /^text\/plain/);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const line = lines.find((candidate) => candidate.startsWith(`${hash.slice(5)}:`));
    assert.ok(line, lines.join('\n'));
    assert.ok(Number(line.split(':')[1]) > 0);
    for (const entry of lines) assert.match(entry, /^[0-9A-F]{35}:\d+$/);
  });

  it("knows the demo newcomer's own sign-in password and every password on the emulator's breached list", async () => {
    assert.ok(BREACHED_PASSWORDS.has('Welcome-2026'));
    for (const password of BREACHED_PASSWORDS) {
      const hash = sha1Hex(password);
      const { lines } = await rangeLines(hash.slice(0, 5).toLowerCase());
      assert.ok(
        lines.some((entry) => entry.startsWith(`${hash.slice(5)}:`) && !entry.endsWith(':0')),
        password,
      );
    }
  });

  it('pads the answer to 800–1,000 lines with :0 entries when asked (Add-Padding: true), keeping the real ones', async () => {
    const hash = sha1Hex('Password123!');
    const { lines } = await rangeLines(hash.slice(0, 5), { 'Add-Padding': 'true' });
    assert.ok(lines.length >= 800 && lines.length <= 1000, String(lines.length));
    assert.ok(
      lines.some((entry) => entry.startsWith(`${hash.slice(5)}:`) && !entry.endsWith(':0')),
    );
    assert.ok(lines.filter((entry) => entry.endsWith(':0')).length >= 799);
    for (const entry of lines) assert.match(entry, /^[0-9A-F]{35}:\d+$/);
  });

  it('does not pad unless asked: a prefix without known passwords is an empty answer', async () => {
    const { status, lines } = await rangeLines(sha1Hex('Sunny-Meadow-42ä').slice(0, 5));
    assert.equal(status, 200);
    assert.deepEqual(lines, []);
  });

  it('answers 400 to a prefix that is not 5 hex characters', async () => {
    for (const prefix of ['ABCD', 'ABCDEF', 'GHIJK'])
      assert.equal((await rangeLines(prefix)).status, 400, prefix);
  });

  it('answers the CORS preflight its Add-Padding header needs', async () => {
    const response = await emulator.fetch(`${PWNED_PASSWORDS_PATH}/range/ABCDE`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:8080',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'add-padding',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(String(response.headers.get('access-control-allow-headers')), /Add-Padding/i);
  });
});

describe('the page the emulator serves', () => {
  let dist: string;
  let withPage: TestEmulator;
  let withoutCheck: TestEmulator;
  before(async () => {
    dist = mkdtempSync(join(tmpdir(), 'password-set-emulator-'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><html><head><meta name="cidaas-base-url" content=""><meta name="pwned-passwords-base-url" content=""></head><body></body></html>',
    );
    withPage = await startEmulator({ distDir: dist });
    withoutCheck = await startEmulator({ distDir: dist, breachCheck: false });
  });
  after(async () => {
    await withPage.close();
    await withoutCheck.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('is configured with the range API on its own origin, which its CSP allows as self, and nothing more', async () => {
    const response = await withPage.fetch('/identity/password_set');
    assert.equal(response.status, 200);
    assert.match(
      await response.text(),
      /<meta name="pwned-passwords-base-url" content="\/pwned-passwords">/,
    );
    assert.match(String(response.headers.get('content-security-policy')), /;connect-src 'self';/);
  });

  it('is left without it (no check) when asked', async () => {
    const response = await withoutCheck.fetch('/identity/password_set');
    assert.match(await response.text(), /<meta name="pwned-passwords-base-url" content="">/);
  });
});
