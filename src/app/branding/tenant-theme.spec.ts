import { readFileSync } from 'node:fs';
import { CSS_NAMED_COLORS } from './css-named-colors';
import { join } from 'node:path';
import { TEXT_CONTRAST, contrastRatio } from './color';
import { DEFAULT_COLORS, themeValueChecks } from './tenant-theme';
import {
  parseFontFamily,
  parseLogoHeight,
  parseRadius,
  parseTenantTheme,
} from './tenant-theme-parser';

const CHECKS = themeValueChecks('https://login.example.com', CSS_NAMED_COLORS);

describe('parseFontFamily', () => {
  it.each([
    ['Inter, "Segoe UI", system-ui, sans-serif', '"Inter", "Segoe UI", system-ui, sans-serif'],
    ["'Source Sans 3', serif", '"Source Sans 3", serif'],
    ['-apple-system, BlinkMacSystemFont', '-apple-system, BlinkMacSystemFont'],
    ['Noto Sans JP', '"Noto Sans JP"'],
    ['  Roboto  ,  SANS-SERIF ', '"Roboto", sans-serif'],
  ])('%p → %p', (input, expected) => {
    expect(parseFontFamily(input)).toBe(expected);
  });

  it.each([
    ['Inter; } body { display: none'],
    ['Inter, url(https://evil.example/font.woff)'],
    ['var(--x)'],
    ['"Inter'],
    ['"Inter\', serif'],
    ['Inter, , serif'],
    ['inherit'],
    ['Inter, "a\\"b"'],
    ['Comic Sans MS </style><script>'],
    [Array.from({ length: 11 }, (_, index) => `Font${index}`).join(', ')],
    [''],
    [42],
  ])('rejects %p', (input) => {
    expect(parseFontFamily(input)).toBeNull();
  });
});

describe('parseRadius', () => {
  it.each([
    ['8px', '8px'],
    ['0px', '0px'],
    ['24px', '24px'],
    ['0.5rem', '0.5rem'],
    ['1.5rem', '1.5rem'],
    ['25px', null],
    ['2rem', null],
    ['-1px', null],
    ['8', null],
    ['8em', null],
    ['calc(8px)', null],
    ['8px;color:red', null],
    [8, null],
  ])('%p → %p', (input, expected) => {
    expect(parseRadius(input)).toBe(expected);
  });
});

describe('parseLogoHeight', () => {
  it.each([
    [48, 48],
    [24, 24],
    [96, 96],
    [40.4, 40],
    [23, null],
    [97, null],
    [Number.NaN, null],
    ['48', null],
    ['48px', null],
  ])('%p → %p', (input, expected) => {
    expect(parseLogoHeight(input)).toBe(expected);
  });
});

describe('parseTenantTheme', () => {
  it('keeps every valid token', () => {
    expect(
      parseTenantTheme(
        {
          light: {
            primary: '#0b1f44',
            accent: 'teal',
            pageBackground: '#eef2f8',
            surface: '#ffffff',
            logo: '/themes/logo.svg',
          },
          dark: {
            primary: 'hsl(220, 70%, 60%)',
            surface: '#111c33',
            pageBackground: '#0a1224',
            backgroundImage: 'https://cdn.example.com/dark.jpg',
          },
          radius: '10px',
          fontFamily: 'Inter, sans-serif',
          logoHeight: 56,
          backgroundImage: '/themes/bg.svg',
        },
        CHECKS,
      ),
    ).toEqual({
      light: {
        primary: '#0b1f44',
        accent: '#008080',
        pageBackground: '#eef2f8',
        surface: '#ffffff',
        logo: 'https://login.example.com/themes/logo.svg',
      },
      dark: {
        primary: '#5281e0',
        surface: '#111c33',
        pageBackground: '#0a1224',
        backgroundImage: 'https://cdn.example.com/dark.jpg',
      },
      radius: '10px',
      fontFamily: '"Inter", sans-serif',
      logoHeight: 56,
      backgroundImage: 'https://login.example.com/themes/bg.svg',
    });
  });

  it('drops every hostile or unreadable value and keeps the rest', () => {
    expect(
      parseTenantTheme(
        {
          light: {
            primary: 'red;}body{display:none',
            accent: 'url(javascript:alert(1))',
            // Dark backgrounds in the light scheme would make its dark text unreadable.
            pageBackground: '#101010',
            surface: 'var(--ps-text)',
            logo: 'javascript:alert(1)',
            backgroundImage: 'http://evil.example.com/bg.jpg',
          },
          dark: { surface: '#f0f0f0', pageBackground: 'expression(alert(1))', primary: '#3b6fe0' },
          radius: '100px',
          fontFamily: 'x; } * { display: none',
          logoHeight: 10_000,
          backgroundImage: 'data:image/svg+xml,<svg onload="alert(1)"/>',
          __proto__: { radius: '8px' },
          unknown: 'ignored',
        },
        CHECKS,
      ),
    ).toEqual({ light: {}, dark: { primary: '#3b6fe0' } });
  });

  it.each([[null], [[]], ['{}'], [42], [undefined]])('is null for the non-object %p', (json) => {
    expect(parseTenantTheme(json, CHECKS)).toBeNull();
  });

  it('ignores scheme tokens that are not objects', () => {
    expect(parseTenantTheme({ light: 'red', dark: ['#000000'] }, CHECKS)).toEqual({
      light: {},
      dark: {},
    });
  });
});

describe('DEFAULT_COLORS', () => {
  const styles = readFileSync(join(__dirname, '../../styles.css'), 'utf8');
  const [light = '', dark = ''] = styles.split('@media (prefers-color-scheme: dark)');
  const token = (block: string, name: string): string | undefined =>
    new RegExp(`--ps-${name}:\\s*(#[0-9a-f]{6});`).exec(block)?.[1];

  it.each([
    ['light', light],
    ['dark', dark],
  ] as const)('match the %s tokens of src/styles.css', (scheme, block) => {
    const colors = DEFAULT_COLORS[scheme];
    expect(token(block, 'page-bg')).toBe(colors.pageBackground);
    expect(token(block, 'surface')).toBe(colors.surface);
    expect([
      token(block, 'text'),
      token(block, 'text-muted'),
      token(block, 'link'),
      token(block, 'danger'),
    ]).toEqual(colors.text);
    expect(token(light, 'primary')).toBe(colors.primary);
  });

  it('keep their own text readable (so the contrast check on themed backgrounds is meaningful)', () => {
    for (const colors of Object.values(DEFAULT_COLORS)) {
      for (const text of colors.text) {
        expect(contrastRatio(text, colors.surface)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
        expect(contrastRatio(text, colors.pageBackground)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      }
    }
  });
});

describe('the example themes', () => {
  const countLeaves = (value: unknown): number =>
    typeof value === 'object' && value !== null
      ? Object.values(value).reduce<number>((sum, item) => sum + countLeaves(item), 0)
      : 1;

  it.each(['demo-client', 'dark-client'])(
    'public/themes/%s.json is valid in full: nothing is dropped',
    (clientId) => {
      const json: unknown = JSON.parse(
        readFileSync(join(__dirname, `../../../public/themes/${clientId}.json`), 'utf8'),
      );
      expect(countLeaves(parseTenantTheme(json, CHECKS))).toBe(countLeaves(json));
    },
  );

  it('the README example is valid in full', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Tenant themes'));
    const example = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
    expect(example).toBeDefined();
    const json: unknown = JSON.parse(example ?? 'null');
    expect(countLeaves(parseTenantTheme(json, CHECKS))).toBe(countLeaves(json));
  });
});
