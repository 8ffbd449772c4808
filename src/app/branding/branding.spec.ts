import { brandingFromClientInfo, contrastRatio, parseHexColor, readableTextOn, safeUrl } from './branding';

const ORIGIN = 'https://login.example.com';

describe('parseHexColor', () => {
  it.each([
    ['#2455c3', '#2455c3'],
    ['#ABC', '#aabbcc'],
    [' #0f766e ', '#0f766e'],
    ['red;}body{display:none', null],
    ['red', null],
    ['#12345', null],
    ['url(javascript:alert(1))', null],
    ['', null],
    [undefined, null],
  ])('%p → %p', (input, expected) => {
    expect(parseHexColor(input)).toBe(expected);
  });
});

describe('readableTextOn', () => {
  it.each([
    ['#000000', '#ffffff'],
    ['#ffffff', '#111111'],
    ['#2455c3', '#ffffff'],
    ['#0f766e', '#ffffff'],
    ['#ffd60a', '#111111'],
    ['#00ff00', '#111111'],
    ['#0a1f44', '#ffffff'],
    ['#e11d48', '#ffffff'],
    ['#f5f5f5', '#111111'],
    ['#7c3aed', '#ffffff'],
  ])('text on %s is %s and meets WCAG AA', (background, expected) => {
    const text = readableTextOn(background);
    expect(text).toBe(expected);
    expect(contrastRatio(background, text)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('safeUrl', () => {
  it.each([
    ['https://cdn.example.com/logo.svg', 'https://cdn.example.com/logo.svg'],
    ['/assets/logo.svg', 'https://login.example.com/assets/logo.svg'],
    ['javascript:alert(1)', null],
    ['http://cdn.example.com/logo.svg', null],
    ['data:image/svg+xml,<svg/>', null],
    ['', null],
  ])('%p → %p', (input, expected) => {
    expect(safeUrl(input, ORIGIN)).toBe(expected);
  });
});

describe('brandingFromClientInfo', () => {
  it('keeps valid values and drops hostile ones', () => {
    expect(
      brandingFromClientInfo({ client_display_name: ' Acme ', logo_uri: 'javascript:alert(1)', primaryColor: 'red;}body{display:none' }, ORIGIN),
    ).toEqual({ displayName: 'Acme', logoUrl: null, primaryColor: null, onPrimaryColor: null });
  });

  it('derives a readable text colour from the primary colour', () => {
    expect(brandingFromClientInfo({ primaryColor: '#ffd60a' }, ORIGIN).onPrimaryColor).toBe('#111111');
  });
});
