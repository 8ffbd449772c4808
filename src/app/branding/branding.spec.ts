import {
  DEFAULT_BRANDING,
  brandingFromClientInfo,
  isDevelopmentOrigin,
  safeClientId,
  safeText,
  safeUrl,
} from './branding';
import { CSS_NAMED_COLORS } from './css-named-colors';

const ORIGIN = 'https://login.example.com';
const DEV_ORIGIN = 'http://localhost:4200';

describe('safeUrl', () => {
  it.each([
    ['https://cdn.example.com/logo.svg', ORIGIN, 'https://cdn.example.com/logo.svg'],
    ['  https://cdn.example.com/logo.svg  ', ORIGIN, 'https://cdn.example.com/logo.svg'],
    ['/assets/logo.svg', ORIGIN, 'https://login.example.com/assets/logo.svg'],
    ['assets/logo.svg', ORIGIN, 'https://login.example.com/assets/logo.svg'],
    ['//cdn.example.com/logo.svg', ORIGIN, 'https://cdn.example.com/logo.svg'],
    ['https://cdn.example.com/a"b\'c.svg', ORIGIN, "https://cdn.example.com/a%22b'c.svg"],
    ['http://localhost:4200/logo.svg', DEV_ORIGIN, 'http://localhost:4200/logo.svg'],
    ['http://127.0.0.1:9000/logo.svg', DEV_ORIGIN, 'http://127.0.0.1:9000/logo.svg'],
    ['/emulator-assets/logo.svg', DEV_ORIGIN, 'http://localhost:4200/emulator-assets/logo.svg'],
  ])('%p on %s → %p', (input, origin, expected) => {
    expect(safeUrl(input, origin)).toBe(expected);
  });

  it.each([
    ['javascript:alert(1)', ORIGIN],
    ['JavaScript:alert(1)', ORIGIN],
    [' javascript:alert(1)', ORIGIN],
    ['java\tscript:alert(1)', ORIGIN],
    ['vbscript:msgbox(1)', ORIGIN],
    ['data:image/svg+xml,<svg/>', ORIGIN],
    ['data:text/html,<script>alert(1)</script>', ORIGIN],
    ['blob:https://login.example.com/1234', ORIGIN],
    ['http://cdn.example.com/logo.svg', ORIGIN],
    ['http://localhost:4200/logo.svg', ORIGIN],
    ['http://evil.example.com/background.jpg', DEV_ORIGIN],
    ['//evil.example.com/imprint', DEV_ORIGIN],
    ['https://user:secret@cdn.example.com/logo.svg', ORIGIN],
    ['ftp://cdn.example.com/logo.svg', ORIGIN],
    ['https://', ORIGIN],
    ['', ORIGIN],
    ['   ', ORIGIN],
    [`https://cdn.example.com/${'a'.repeat(3000)}`, ORIGIN],
    [42, ORIGIN],
    [undefined, ORIGIN],
    [null, ORIGIN],
  ])('rejects %p on %s', (input, origin) => {
    expect(safeUrl(input, origin)).toBeNull();
  });
});

describe('isDevelopmentOrigin', () => {
  it.each([
    ['http://localhost:4200', true],
    ['http://127.0.0.1:4360', true],
    ['http://[::1]:8080', true],
    ['https://login.example.com', false],
    ['http://localhost.example.com', false],
    ['null', false],
  ])('%s → %p', (origin, expected) => {
    expect(isDevelopmentOrigin(origin)).toBe(expected);
  });
});

describe('safeText', () => {
  it.each([
    ['  Acme   Demo ', 'Acme Demo'],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['Evil\u202Ecorp', 'Evil corp'],
    ['Tab\tand\nnewline\u0000', 'Tab and newline'],
    ['', null],
    ['\u202E', null],
    [7, null],
  ])('%p → %p', (input, expected) => {
    expect(safeText(input, 80)).toBe(expected);
  });

  it('caps the length at whole characters', () => {
    expect(safeText('😀'.repeat(100), 80)).toBe('😀'.repeat(80));
  });
});

describe('safeClientId', () => {
  it.each([
    ['demo-client', 'demo-client'],
    ['6f1d2a4e-8b3c-4e5f-9a0b-1c2d3e4f5a61', '6f1d2a4e-8b3c-4e5f-9a0b-1c2d3e4f5a61'],
    ['client_1', 'client_1'],
    ['../secrets', null],
    ['a/b', null],
    ['a.json', null],
    ['-leading', null],
    ['', null],
    [undefined, null],
  ])('%p → %p', (input, expected) => {
    expect(safeClientId(input)).toBe(expected);
  });
});

describe('brandingFromClientInfo', () => {
  it('is the default branding without client info', () => {
    expect(brandingFromClientInfo(null, ORIGIN)).toEqual(DEFAULT_BRANDING);
  });

  it('keeps every valid value', () => {
    expect(
      brandingFromClientInfo(
        {
          client_id: 'demo-client',
          client_display_name: ' Acme ',
          logo_uri: '/logo.svg',
          primaryColor: 'rgb(36, 85, 195)',
          accentColor: 'teal',
          backgroundUri: 'https://cdn.example.com/bg.jpg',
          policy_uri: 'https://example.com/privacy',
          tos_uri: 'https://example.com/terms',
          imprint_uri: 'https://example.com/imprint',
          copy_right_info: '© 2026 Acme',
        },
        ORIGIN,
        CSS_NAMED_COLORS,
      ),
    ).toEqual({
      clientId: 'demo-client',
      displayName: 'Acme',
      logoUrl: 'https://login.example.com/logo.svg',
      primaryColor: '#2455c3',
      accentColor: '#008080',
      backgroundUrl: 'https://cdn.example.com/bg.jpg',
      links: [
        { kind: 'privacy', url: 'https://example.com/privacy' },
        { kind: 'terms', url: 'https://example.com/terms' },
        { kind: 'imprint', url: 'https://example.com/imprint' },
      ],
      copyright: '© 2026 Acme',
    });
  });

  it('drops every hostile value (the emulator’s hostile-client)', () => {
    const branding = brandingFromClientInfo(
      {
        client_id: '../hostile',
        client_display_name: '<script>window.__hostile = true</script>Hostile',
        logo_uri: 'javascript:window.__hostile = true',
        primaryColor: 'red;}body{display:none',
        accentColor: 'var(--ps-page-bg)',
        backgroundUri: 'http://evil.example.com/background.jpg',
        policy_uri: 'javascript:window.__hostile = true',
        tos_uri: 'data:text/html,<script>window.__hostile = true</script>',
        imprint_uri: '//evil.example.com/imprint',
      },
      DEV_ORIGIN,
    );
    // A display name with markup is no name: dropped whole, never shown as (cut) code.
    expect(branding).toEqual(DEFAULT_BRANDING);
  });

  it.each([
    ['<b>Acme</b>', 'Acme Corp'],
    ['Acme \u202Eevil', 'Acme Corp'],
    ['A'.repeat(81), 'Acme Corp'],
    ['   ', 'Acme Corp'],
  ])('drops the display name %p and falls back to the client name', (displayName, expected) => {
    expect(
      brandingFromClientInfo({ client_display_name: displayName, client_name: 'Acme Corp' }, ORIGIN)
        .displayName,
    ).toBe(expected);
  });

  it('shows no name when neither is valid, and keeps a valid one of exactly 80 characters, astral ones counted once', () => {
    expect(
      brandingFromClientInfo(
        { client_display_name: '<i>x</i>', client_name: 'x'.repeat(200) },
        ORIGIN,
      ).displayName,
    ).toBeNull();
    expect(
      brandingFromClientInfo({ client_display_name: '😀'.repeat(80) }, ORIGIN).displayName,
    ).toBe('😀'.repeat(80));
    expect(
      brandingFromClientInfo({ client_display_name: '  Acme\t Corp ' }, ORIGIN).displayName,
    ).toBe('Acme Corp');
  });

  it('falls back to the client name when there is no display name', () => {
    expect(brandingFromClientInfo({ client_name: 'Acme' }, ORIGIN).displayName).toBe('Acme');
  });
});

describe('brandingFromClientInfo without the table of colour names', () => {
  it('drops a colour given by name (until the page has loaded the names) and keeps the others', () => {
    const branding = brandingFromClientInfo(
      { primaryColor: 'teal', accentColor: '#0f766e' },
      ORIGIN,
    );
    expect(branding.primaryColor).toBeNull();
    expect(branding.accentColor).toBe('#0f766e');
  });
});
