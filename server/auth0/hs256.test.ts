/** The HS256 JWT primitives shared by the Action harness, the Auth0 emulator and the page server. */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';

import { signHs256, verifyHs256 } from './hs256';

const SECRET = 'hs256-test-secret-0123456789abcdef';
const NOW = 1_800_000_000;

function reencode(token: string, part: 0 | 1, value: unknown): string {
  const segments = token.split('.');
  segments[part] = Buffer.from(JSON.stringify(value)).toString('base64url');
  return segments.join('.');
}

describe('signHs256 / verifyHs256', () => {
  it('round-trips the claims and produces a standard JWT (signature = HMAC-SHA256 of header.payload)', () => {
    const token = signHs256({ sub: 'auth0|1', exp: NOW + 60, nested: { a: 1 } }, SECRET);
    const [header = '', payload = '', signature = ''] = token.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url').toString()), { alg: 'HS256', typ: 'JWT' });
    assert.equal(signature, createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url'));
    assert.deepEqual(verifyHs256(token, SECRET, NOW), { ok: true, claims: { sub: 'auth0|1', exp: NOW + 60, nested: { a: 1 } } });
  });

  it('refuses another secret, a changed payload, alg "none", a missing or past exp, and malformed input', () => {
    const token = signHs256({ sub: 'auth0|1', exp: NOW + 60 }, SECRET);
    assert.deepEqual(verifyHs256(token, 'another-secret-0123456789abcdefgh', NOW), { ok: false, failure: 'signature' });
    assert.deepEqual(verifyHs256(reencode(token, 1, { sub: 'auth0|admin', exp: NOW + 60 }), SECRET, NOW), { ok: false, failure: 'signature' });
    assert.deepEqual(verifyHs256(reencode(token, 0, { alg: 'none', typ: 'JWT' }), SECRET, NOW), { ok: false, failure: 'algorithm' });
    assert.deepEqual(verifyHs256(signHs256({ sub: 'x' }, SECRET), SECRET, NOW), { ok: false, failure: 'expired' });
    assert.deepEqual(verifyHs256(token, SECRET, NOW + 60), { ok: false, failure: 'expired' });
    for (const bad of ['', 'a.b', 'a.b.c.d', `${token}x!`, 'e30.e30.']) assert.equal(verifyHs256(bad, SECRET, NOW).ok, false, bad);
  });
});
