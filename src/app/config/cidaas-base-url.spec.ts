import { resolveCidaasBaseUrl, resolveConfiguredUrl } from './cidaas-base-url';

const ORIGIN = 'http://localhost:4200';

describe('resolveCidaasBaseUrl', () => {
  it.each([
    ['', ORIGIN],
    [null, ORIGIN],
    ['https://demo.cidaas.de', 'https://demo.cidaas.de'],
    ['https://demo.cidaas.de/', 'https://demo.cidaas.de'],
    ['https://example.com/tenant/', 'https://example.com/tenant'],
    ['/', ORIGIN],
    ['http://evil.example.com', ORIGIN],
    ['http://127.0.0.1:4310', 'http://127.0.0.1:4310'],
    ['http://localhost:9999/', 'http://localhost:9999'],
    ['javascript:alert(1)', ORIGIN],
    ['https://user:pass@demo.cidaas.de', ORIGIN],
    ['https://demo.cidaas.de?x=1', ORIGIN],
  ])('%p → %p', (configured, expected) => {
    expect(resolveCidaasBaseUrl(configured, ORIGIN)).toBe(expected);
  });
});

describe('resolveCidaasBaseUrl from a public page', () => {
  it('never accepts plain http, even to a loopback address', () => {
    expect(resolveCidaasBaseUrl('http://127.0.0.1:4310', 'https://login.example.com')).toBe(
      'https://login.example.com',
    );
  });
});

describe('resolveConfiguredUrl (the breached-password range API)', () => {
  it.each([
    ['', null],
    [null, null],
    ['https://api.pwnedpasswords.com', 'https://api.pwnedpasswords.com'],
    ['https://mirror.example/pwned/', 'https://mirror.example/pwned'],
    ['/pwned-passwords', `${ORIGIN}/pwned-passwords`],
    ['http://evil.example.com', null],
    ['javascript:alert(1)', null],
    ['https://user:pass@api.pwnedpasswords.com', null],
    ['https://api.pwnedpasswords.com?x=1', null],
  ])('%p → %p: off (null) when nothing usable is configured', (configured, expected) => {
    expect(resolveConfiguredUrl(configured, ORIGIN)).toBe(expected);
  });

  it('never accepts plain http from a public page, even to a loopback address', () => {
    expect(
      resolveConfiguredUrl('http://127.0.0.1:4351/pwned-passwords', 'https://login.example.com'),
    ).toBeNull();
  });
});
