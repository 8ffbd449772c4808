import { provideZonelessChangeDetection, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ClientInfo } from '../../contract/cidaas-types';
import { afterPendingWork } from '../../testing/after-pending-work';
import { FakeFetch, type FakeRequest } from '../../testing/fake-fetch';
import { FETCH } from '../config/fetch';
import { DEFAULT_BRANDING, type Branding } from './branding';
import { NON_TEXT_CONTRAST, TEXT_CONTRAST, contrastRatio, loadColorParser } from './color';
import type { TenantTheme } from './tenant-theme';
import { TenantThemes } from './tenant-themes';
import { applyTheme, brandStyle, cssUrl, themedBranding } from './themed-branding';

// The real loader, watched: whether the page asked for the full colour parser's chunk, and how often.
jest.mock('./color', () => {
  const actual: typeof import('./color') = jest.requireActual('./color');
  return { ...actual, loadColorParser: jest.fn(actual.loadColorParser) };
});

beforeEach(() => jest.mocked(loadColorParser).mockClear());

const branded = (overrides: Partial<Branding>): Branding => ({ ...DEFAULT_BRANDING, ...overrides });

describe('cssUrl', () => {
  it.each([
    ['https://cdn.example.com/bg.jpg', 'url("https://cdn.example.com/bg.jpg")'],
    [
      'https://cdn.example.com/a\'b.jpg?x=\\")',
      'url("https://cdn.example.com/a%27b.jpg?x=%5C%22%29")',
    ],
    ['https://cdn.example.com/(x) y', 'url("https://cdn.example.com/%28x%29%20y")'],
  ])('%p → %p', (input, expected) => {
    expect(cssUrl(input)).toBe(expected);
  });
});

describe('brandStyle', () => {
  it('sets nothing for the default branding without a theme: the default tokens apply', () => {
    expect(brandStyle(DEFAULT_BRANDING, null, 'light')).toEqual({});
    expect(brandStyle(DEFAULT_BRANDING, null, 'dark')).toEqual({});
  });

  it('applies the cidaas primary colour with readable text and no border where it stands out', () => {
    expect(brandStyle(branded({ primaryColor: '#0b1f44' }), null, 'light')).toEqual({
      '--ps-primary': '#0b1f44',
      '--ps-on-primary': '#ffffff',
      '--ps-primary-border': 'transparent',
    });
  });

  it('gives a primary colour too close to the dark background a visible border', () => {
    const style = brandStyle(branded({ primaryColor: '#0b1f44' }), null, 'dark');
    const border = style['--ps-primary-border'] ?? '';
    expect(border).toMatch(/^#[0-9a-f]{6}$/);
    expect(contrastRatio(border, '#1a1d23')).toBeGreaterThanOrEqual(NON_TEXT_CONTRAST);
  });

  it('gives a light primary colour on the light background a visible border and dark text', () => {
    const style = brandStyle(branded({ primaryColor: '#ffd60a' }), null, 'light');
    expect(style['--ps-on-primary']).toBe('#111111');
    expect(
      contrastRatio(style['--ps-primary-border'] ?? '#ffffff', '#ffffff'),
    ).toBeGreaterThanOrEqual(NON_TEXT_CONTRAST);
  });

  it('uses the accent colour for links only where it is readable', () => {
    const branding = branded({ accentColor: '#38bdf8' });
    expect(brandStyle(branding, null, 'light')['--ps-link']).toBeUndefined();
    expect(brandStyle(branding, null, 'dark')['--ps-link']).toBe('#38bdf8');
    expect(contrastRatio('#38bdf8', '#1a1d23')).toBeGreaterThanOrEqual(TEXT_CONTRAST);
  });

  it('lets the theme win over cidaas, per scheme, and writes the background as a quoted url()', () => {
    const theme: TenantTheme = {
      light: { primary: '#7c3aed' },
      dark: { surface: '#111c33', pageBackground: '#0a1224' },
      radius: '2px',
      fontFamily: '"Inter", sans-serif',
      logoHeight: 40,
      backgroundImage: 'https://cdn.example.com/bg.jpg',
    };
    const branding = branded({
      primaryColor: '#0b1f44',
      backgroundUrl: 'https://cdn.example.com/cidaas.jpg',
    });
    expect(brandStyle(branding, theme, 'light')).toEqual({
      '--ps-primary': '#7c3aed',
      '--ps-on-primary': '#ffffff',
      '--ps-primary-border': 'transparent',
      '--ps-radius': '2px',
      '--ps-font-family': '"Inter", sans-serif',
      '--ps-logo-height': '40px',
      '--ps-background-image': 'url("https://cdn.example.com/bg.jpg")',
    });
    const dark = brandStyle(branding, theme, 'dark');
    expect(dark['--ps-primary']).toBe('#0b1f44');
    expect(dark['--ps-surface']).toBe('#111c33');
    expect(dark['--ps-page-bg']).toBe('#0a1224');
    expect(dark['--ps-primary-border']).not.toBe('transparent');
  });

  it('uses the cidaas background when the theme has none', () => {
    expect(
      brandStyle(branded({ backgroundUrl: 'https://cdn.example.com/cidaas.jpg' }), null, 'dark'),
    ).toEqual({
      '--ps-background-image': 'url("https://cdn.example.com/cidaas.jpg")',
    });
  });
});

describe('applyTheme', () => {
  it('takes the logo and background of the scheme from the theme', () => {
    const theme: TenantTheme = {
      light: { logo: 'https://cdn.example.com/dark-on-light.svg' },
      dark: {},
    };
    const branding = branded({ logoUrl: 'https://cdn.example.com/light.svg' });
    expect(applyTheme(branding, theme, 'light').logoUrl).toBe(
      'https://cdn.example.com/dark-on-light.svg',
    );
    expect(applyTheme(branding, theme, 'dark').logoUrl).toBe('https://cdn.example.com/light.svg');
  });
});

describe('TenantThemes', () => {
  let http: FakeFetch;

  function setup() {
    http = new FakeFetch();
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), { provide: FETCH, useValue: http.fetch }],
    });
    return { themes: TestBed.inject(TenantThemes), http };
  }

  afterEach(() => http.verify());

  it('loads and validates themes/<client_id>.json once per client', async () => {
    const { themes, http } = setup();
    const loading = themes.loadTheme('demo-client');
    expect(themes.loadTheme('demo-client')).toBe(loading);
    expect(themes.themeOf('demo-client')).toBeNull();
    http
      .expectOne('themes/demo-client.json')
      .respond({ radius: '8px', light: { primary: 'red;}' } });
    await loading;
    expect(themes.themeOf('demo-client')).toEqual({ light: {}, dark: {}, radius: '8px' });
  });

  it('reads colour names and functions in a theme, loading the full colour parser for such a theme', async () => {
    const { themes, http } = setup();
    const loading = themes.loadTheme('named-client');
    http.expectOne('themes/named-client.json').respond({
      light: { primary: 'navy', accent: 'Teal' },
      dark: { surface: 'rgb(17, 28, 51)' },
    });
    await loading;
    expect(loadColorParser).toHaveBeenCalledTimes(1);
    expect(themes.themeOf('named-client')).toEqual({
      light: { primary: '#000080', accent: '#008080' },
      dark: { surface: '#111c33' },
    });
  });

  it('reads a theme whose colours are plain hex without loading the full colour parser', async () => {
    const { themes, http } = setup();
    const loading = themes.loadTheme('hex-client');
    http.expectOne('themes/hex-client.json').respond({
      light: { primary: '#7C3AED', logo: '/logo.svg' },
      dark: { surface: '#111c33' },
      fontFamily: 'Inter, sans-serif',
    });
    await loading;
    expect(loadColorParser).not.toHaveBeenCalled();
    expect(themes.themeOf('hex-client')).toEqual({
      light: { primary: '#7c3aed', logo: 'http://localhost/logo.svg' },
      dark: { surface: '#111c33' },
      fontFamily: '"Inter", sans-serif',
    });
  });

  it.each([
    ['a 404', (request: FakeRequest) => request.respondText('Not found', 404)],
    ['a network error', (request: FakeRequest) => request.failNetwork()],
    ['a JSON array', (request: FakeRequest) => request.respond([1, 2])],
    [
      'a body that is not JSON',
      (request: FakeRequest) => request.respondText('<html>oops</html>', 200),
    ],
  ])('treats %s as "no theme"', async (_name, answer) => {
    const { themes, http } = setup();
    const loading = themes.loadTheme('dark-client');
    answer(http.expectOne('themes/dark-client.json'));
    await expect(loading).resolves.toBeUndefined();
    expect(themes.themeOf('dark-client')).toBeNull();
  });

  it.each([[null], [undefined], ['../etc/passwd'], ['a/b']])(
    'requests nothing for the client id %p',
    async (clientId) => {
      const { themes, http } = setup();
      await themes.loadTheme(clientId);
      http.expectNone(() => true);
    },
  );
});

describe('themedBranding', () => {
  function setup(info: ClientInfo) {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        { provide: FETCH, useValue: new FakeFetch().fetch },
      ],
    });
    return TestBed.runInInjectionContext(() => themedBranding(signal(info)));
  }

  it('applies a plain hex colour on the first render, without loading the full colour parser', async () => {
    const branding = setup({ primaryColor: '#0B1F44', accentColor: ' #9EC1FF ' });
    expect(branding().style['--ps-primary']).toBe('#0b1f44');
    expect(branding().accentColor).toBe('#9ec1ff');
    TestBed.tick();
    await afterPendingWork();
    expect(loadColorParser).not.toHaveBeenCalled();
    expect(branding().style['--ps-primary']).toBe('#0b1f44');
  });

  it('shows the default colour for another notation until the full colour parser arrives, then the tenant’s', async () => {
    const branding = setup({ primaryColor: 'hsl(330, 80%, 40%)', accentColor: 'teal' });
    expect(branding().primaryColor).toBeNull();
    expect(branding().style).toEqual({});
    TestBed.tick();
    expect(loadColorParser).toHaveBeenCalledTimes(1);
    await afterPendingWork();
    expect(branding().primaryColor).toBe('#b81466');
    expect(branding().accentColor).toBe('#008080');
    expect(branding().style['--ps-primary']).toBe('#b81466');
    expect(branding().style['--ps-on-primary']).toBe('#ffffff');
  });

  it('keeps the default colour when the full colour parser cannot be loaded', async () => {
    jest.mocked(loadColorParser).mockRejectedValueOnce(new Error('chunk failed to load'));
    const branding = setup({ primaryColor: 'rgb(36, 85, 195)' });
    TestBed.tick();
    await afterPendingWork();
    expect(loadColorParser).toHaveBeenCalledTimes(1);
    expect(branding().primaryColor).toBeNull();
    expect(branding().style).toEqual({});
  });
});
