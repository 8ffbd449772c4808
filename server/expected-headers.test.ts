import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  EXPECTED_FILE_CSP,
  expectedHeaders,
  expectedPageCsp,
  headerMismatches,
} from './expected-headers';

describe('expectedPageCsp', () => {
  it("is the page's own origin only, without a cidaas origin", () => {
    assert.equal(
      expectedPageCsp(),
      "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' https: data:;font-src 'self';connect-src 'self';" +
        "object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none';require-trusted-types-for 'script';trusted-types angular angular#bundler",
    );
  });

  it('adds the cidaas origin to connect-src and form-action, the applications to form-action, each once', () => {
    const csp = expectedPageCsp({
      cidaasOrigin: 'https://acme.cidaas.de',
      formActionExtra: ['https://app.example.com', 'https://acme.cidaas.de'],
    });
    assert.match(csp, /;connect-src 'self' https:\/\/acme\.cidaas\.de;/);
    assert.match(
      csp,
      /;form-action 'self' https:\/\/acme\.cidaas\.de https:\/\/app\.example\.com;/,
    );
  });

  it('adds the breached-password range API origin to connect-src only', () => {
    const csp = expectedPageCsp({
      cidaasOrigin: 'https://acme.cidaas.de',
      pwnedPasswordsOrigin: 'https://api.pwnedpasswords.com',
    });
    assert.match(
      csp,
      /;connect-src 'self' https:\/\/acme\.cidaas\.de https:\/\/api\.pwnedpasswords\.com;/,
    );
    assert.match(csp, /;form-action 'self' https:\/\/acme\.cidaas\.de;/);
  });
});

describe('expectedHeaders', () => {
  it('expects HSTS only when the server sends it', () => {
    assert.equal(
      expectedHeaders({ hsts: true }).page['strict-transport-security'],
      'max-age=31536000; includeSubDomains',
    );
    assert.equal(expectedHeaders({ hsts: false }).hashedScript['strict-transport-security'], null);
  });

  it('gives every kind but the page and the API the file CSP, under which nothing runs', () => {
    const table = expectedHeaders({ hsts: true });
    for (const kind of [
      'hashedScript',
      'translation',
      'staticFile',
      'notFound',
      'health',
    ] as const) {
      assert.equal(table[kind]['content-security-policy'], EXPECTED_FILE_CSP, kind);
      assert.equal(table[kind]['permissions-policy'], null, kind);
    }
    assert.match(EXPECTED_FILE_CSP, /^default-src 'none';.*;sandbox$/);
  });
});

describe('headerMismatches', () => {
  const expected = { 'cache-control': 'no-store', etag: /^W\/"/, 'x-powered-by': null };

  it('is empty when every header matches: exact, by pattern, absent', () => {
    const headers: Record<string, string> = { 'cache-control': 'no-store', etag: 'W/"1-a"' };
    assert.deepEqual(
      headerMismatches(expected, (name) => headers[name]),
      [],
    );
  });

  it('names each header that differs, is missing or should be absent', () => {
    const headers: Record<string, string> = {
      'cache-control': 'no-cache',
      'x-powered-by': 'Express',
    };
    assert.deepEqual(
      headerMismatches(expected, (name) => headers[name] ?? null),
      [
        'cache-control: expected no-store, got "no-cache"',
        'etag: expected /^W\\/"/, got no header',
        'x-powered-by: expected no header, got "Express"',
      ],
    );
  });
});
