import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { escapeHtml, html, renderPage, trustedHtml } from '../html';
import { isUuid, relativeUrl } from './http';
import { pickLanguage } from './locale';
import { isAllowedRedirectUri } from './oauth';
import { checkNewPassword, passwordSetUrl } from './password-change';
import { hashPassword, isBreachedPassword, verifyPassword } from './passwords';

describe('html', () => {
  it('escapes every interpolated value, keeps nested fragments, drops empty values', () => {
    // A backtick stays: every attribute we render is quoted, and only old IE treated it as a quote.
    assert.equal(
      escapeHtml(`<a href="x" onclick='y'>&\``),
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;`',
    );
    const inner = html`<b>${'<i>'}</b>`;
    assert.equal(
      html`<p title="${'"x"'}">${inner}${[html`<br>`, '<hr>']}${undefined}${null}${false}${0}</p>`
        .value,
      '<p title="&quot;x&quot;"><b>&lt;i&gt;</b><br>&lt;hr&gt;0</p>',
    );
    assert.equal(html`${trustedHtml('<em>ok</em>')}`.value, '<em>ok</em>');
  });

  it('renders a whole document with lang, viewport and no script', () => {
    const page = renderPage({ lang: 'de"', title: '<T>', body: html`<p>x</p>` });
    assert.match(page, /^<!doctype html>\n<html lang="de&quot;">/);
    assert.match(page, /<title>&lt;T&gt;<\/title>/);
    assert.match(page, /name="viewport"/);
    assert.doesNotMatch(page, /<script/i);
  });
});

describe('http helpers', () => {
  it('recognizes UUIDs', () => {
    assert.ok(isUuid('0b8f4a52-7f43-4a57-9a55-3a3a3a3a3a3a'));
    assert.ok(isUuid('0B8F4A52-7F43-4A57-9A55-3A3A3A3A3A3A'));
    for (const bad of [
      '',
      'x',
      '0b8f4a52-7f43-4a57-9a55-3a3a3a3a3a3',
      '0b8f4a52-7f43-4a57-9a55-3a3a3a3a3a3a ',
      42,
      undefined,
    ])
      assert.equal(isUuid(bad), false);
  });

  it('builds relative URLs and skips undefined parameters', () => {
    assert.equal(relativeUrl('/p', { a: '1 2', b: undefined, c: '&=' }), '/p?a=1+2&c=%26%3D');
    assert.equal(relativeUrl('/p', {}), '/p');
  });
});

describe('pickLanguage', () => {
  it('takes the primary subtag of the first tag', () => {
    const cases: ReadonlyArray<readonly [string | undefined, string]> = [
      ['de', 'de'],
      ['de-CH', 'de'],
      ['DE', 'de'],
      ['de_AT', 'de'],
      ['de-CH en', 'de'],
      ['de,en', 'de'],
      ['de;q=0.8', 'de'],
      ['  de  ', 'de'],
      ['en de', 'en'],
      ['fr', 'en'],
      ['', 'en'],
      [undefined, 'en'],
      ['deu', 'en'],
    ];
    for (const [input, expected] of cases)
      assert.equal(pickLanguage(input), expected, String(input));
  });
});

describe('isAllowedRedirectUri', () => {
  it('accepts only http loopback /callback URIs in canonical form', () => {
    assert.ok(isAllowedRedirectUri('http://localhost:4200/callback'));
    assert.ok(isAllowedRedirectUri('http://127.0.0.1:9/callback'));
    // The loopback hosts are the contract's one list (src/contract/url-safety.ts), IPv6 included.
    assert.ok(isAllowedRedirectUri('http://[::1]:4200/callback'));
    for (const bad of [
      undefined,
      '',
      'http://LOCALHOST:4200/callback',
      'http://localhost:4200/./callback',
      'http://[::2]:4200/callback',
      'http://127.0.0.2:4200/callback',
      'https://localhost:4200/callback',
      'http://localhost:4200/Callback',
      'ftp://localhost/callback',
    ]) {
      assert.equal(isAllowedRedirectUri(bad), false, String(bad));
    }
  });
});

describe('passwords', () => {
  it('hashes with a salt, verifies in NFC, rejects malformed hashes', async () => {
    const first = await hashPassword('Café', 1024);
    const second = await hashPassword('Café', 1024);
    assert.notEqual(first, second);
    assert.match(first, /^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    assert.ok(await verifyPassword('Café'.normalize('NFD'), first));
    assert.equal(await verifyPassword('Cafe', first), false);
    assert.equal(await verifyPassword('Café', 'md5$abc'), false);
  });

  it('knows the breached list', () => {
    assert.ok(isBreachedPassword('Password123!'));
    assert.equal(isBreachedPassword('password123!'), false);
  });
});

describe('checkNewPassword (E8 steps 4–7)', () => {
  const policy = { minimumLength: 10, noOfDigits: 1 };
  it('checks confirmation, then same-as-old, then the policy, then empty, then the breached list', () => {
    assert.deepEqual(
      checkNewPassword({ current: 'Old-Pass-1', next: 'Old-Pass-1', confirm: 'x', policy }),
      { error: 'password_mismatch' },
    );
    assert.deepEqual(
      checkNewPassword({
        current: 'Old-Pass-1',
        next: 'Old-Pass-1',
        confirm: 'Old-Pass-1',
        policy,
      }),
      { error: 'password_same_as_old' },
    );
    assert.deepEqual(
      checkNewPassword({ current: 'Old-Pass-1', next: 'short', confirm: 'short', policy }),
      { error: 'password_policy_violation', errorCode: 'minimumLength' },
    );
    assert.deepEqual(
      checkNewPassword({ current: 'Old-Pass-1', next: '', confirm: '', policy: {} }),
      { error: 'invalid_request' },
    );
    assert.deepEqual(
      checkNewPassword({
        current: 'Old-Pass-1',
        next: 'Password123!',
        confirm: 'Password123!',
        policy,
      }),
      { error: 'password_compromised', errorCode: 'VER_0120' },
    );
    assert.equal(
      checkNewPassword({
        current: 'Old-Pass-1',
        next: 'New-Pass-22',
        confirm: 'New-Pass-22',
        policy,
      }),
      undefined,
    );
  });
});

describe('passwordSetUrl', () => {
  it('builds the error redirect in a fixed parameter order', () => {
    assert.equal(
      passwordSetUrl({
        lsid: 'L',
        requestId: 'R',
        uiLocales: 'de en',
        failure: { error: 'too_many_attempts', retryAfterSeconds: 900 },
      }),
      '/identity/password_set?lsid=L&requestId=R&ui_locales=de+en&error=too_many_attempts&error_description=Too+many+wrong+current+passwords.+Please+try+again+later.&retry_after=900',
    );
    assert.equal(
      passwordSetUrl({
        lsid: 'L',
        requestId: 'R',
        failure: { error: 'password_policy_violation', errorCode: 'noOfDigits' },
      }),
      '/identity/password_set?lsid=L&requestId=R&error=password_policy_violation&error_description=The+new+password+does+not+meet+the+password+policy.&error_code=noOfDigits',
    );
    assert.equal(passwordSetUrl({ lsid: 'L' }), '/identity/password_set?lsid=L');
  });
});
