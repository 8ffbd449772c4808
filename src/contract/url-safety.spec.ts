import { isLoopbackHostname, isLoopbackOrigin, isSecureUrl } from './url-safety';

describe('URL safety', () => {
  it('knows the loopback host names as URL spells them', () => {
    for (const url of [
      'http://localhost:4200/',
      'http://127.0.0.1/',
      'http://[::1]:8080/',
      'http://LOCALHOST/',
    ]) {
      expect(isLoopbackHostname(new URL(url).hostname)).toBe(true);
    }
    for (const url of [
      'http://localhost.evil.example/',
      'http://127.0.0.2/',
      'http://evil.example/',
      'http://localhost@evil.example/',
    ]) {
      expect(isLoopbackHostname(new URL(url).hostname)).toBe(false);
    }
  });

  it('takes only exact loopback origins', () => {
    expect(isLoopbackOrigin('http://127.0.0.1:4200')).toBe(true);
    expect(isLoopbackOrigin('http://[::1]:4200')).toBe(true);
    expect(isLoopbackOrigin('http://127.0.0.1:4200/')).toBe(false);
    expect(isLoopbackOrigin('http://evil.example')).toBe(false);
    expect(isLoopbackOrigin('null')).toBe(false);
    expect(isLoopbackOrigin('')).toBe(false);
  });

  it('accepts https, loopback http only when allowed, and never credentials', () => {
    expect(isSecureUrl(new URL('https://acme.cidaas.de'), false)).toBe(true);
    expect(isSecureUrl(new URL('http://localhost:8080'), true)).toBe(true);
    expect(isSecureUrl(new URL('http://localhost:8080'), false)).toBe(false);
    expect(isSecureUrl(new URL('http://acme.example'), true)).toBe(false);
    expect(isSecureUrl(new URL('https://user:pw@acme.cidaas.de'), false)).toBe(false);
    expect(isSecureUrl(new URL('javascript:alert(1)'), true)).toBe(false);
    expect(isSecureUrl(new URL('data:text/html,x'), true)).toBe(false);
  });
});
