import {
  DARK_TEXT,
  LIGHT_TEXT,
  NON_TEXT_CONTRAST,
  TEXT_CONTRAST,
  borderToStandOut,
  contrastRatio,
  isColorName,
  loadNamedColors,
  normalizeColor,
  parseCssColor,
  readableTextOn,
  relativeLuminance,
} from './color';
import { CSS_NAMED_COLORS } from './css-named-colors';

describe('parseCssColor / normalizeColor', () => {
  it.each([
    ['#2455c3', '#2455c3'],
    ['#ABC', '#aabbcc'],
    [' #0f766e ', '#0f766e'],
    ['#0b1f44ff', '#0b1f44'],
    ['#0008', '#777777'],
    ['#00000080', '#7f7f7f'],
    ['rgb(36, 85, 195)', '#2455c3'],
    ['RGB(36,85,195)', '#2455c3'],
    ['rgba(36, 85, 195, 1)', '#2455c3'],
    ['rgb(36 85 195)', '#2455c3'],
    ['rgb(36 85 195 / 100%)', '#2455c3'],
    ['rgb(100%, 0%, 0%)', '#ff0000'],
    ['rgb(300, -20, 0)', '#ff0000'],
    ['rgba(0, 0, 0, 0.5)', '#808080'],
    ['hsl(0, 100%, 50%)', '#ff0000'],
    ['hsl(120deg 100% 25%)', '#008000'],
    ['hsla(240, 100%, 50%, 1)', '#0000ff'],
    ['hsl(0.5turn 100% 50%)', '#00ffff'],
  ])('%p → %p', (input, expected) => {
    expect(normalizeColor(input)).toBe(expected);
  });

  it.each([
    ['red', '#ff0000'],
    ['RebeccaPurple', '#663399'],
    [' navy ', '#000080'],
  ])('the name %p → %p with the table of names, and nothing without it', (input, expected) => {
    expect(normalizeColor(input, undefined, CSS_NAMED_COLORS)).toBe(expected);
    expect(normalizeColor(input)).toBeNull();
    expect(isColorName(input)).toBe(true);
  });

  it('knows what only a colour name can be, and loads the names lazily', async () => {
    expect(['#fff', 'rgb(1, 2, 3)', 'red;}', 'red blue', '', 42].map(isColorName)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(await loadNamedColors()).toBe(CSS_NAMED_COLORS);
  });

  it.each([
    ['red;}body{display:none'],
    ['red; background: url(https://evil.example/x)'],
    ['var(--x)'],
    ['var(--ps-page-bg)'],
    ['url(javascript:alert(1))'],
    ['url(https://evil.example/track.png)'],
    ['expression(alert(1))'],
    ['currentcolor'],
    ['transparent'],
    ['inherit'],
    ['constructor'],
    ['__proto__'],
    ['toString'],
    ['#12345'],
    ['#ggg'],
    ['#2455c3;'],
    ['#2455c3 !important'],
    ['rgb(1, 2)'],
    ['rgb(1, 2, 3, 4, 5)'],
    ['rgb(10%, 2, 3)'],
    ['rgb(1 2, 3)'],
    ['rgb(1, 2, 3'],
    // A valid colour followed by anything is not a colour: the parser must read to the end.
    ['rgb(1,2,3)junk'],
    ['rgb(1, 2, 3) red'],
    ['rgb(1, 2, 3);background:url(x)'],
    ['rgba(1, 2, 3, 0.5)}'],
    ['#2455c3 x'],
    ['red;'],
    ['rgb(calc(1), 2, 3)'],
    ['hsl(0, 100, 50)'],
    ['color(display-p3 1 0 0)'],
    ['red blue'],
    ['/* */red'],
    ['\\72 ed'],
    ['r\u0000ed'],
    ['#' + 'f'.repeat(100)],
    [''],
    ['   '],
  ])('rejects %p', (input) => {
    expect(parseCssColor(input)).toBeNull();
    expect(normalizeColor(input)).toBeNull();
  });

  it.each([[undefined], [null], [42], [{ r: 1 }], [['#fff']]])(
    'rejects the non-string %p',
    (input) => {
      expect(parseCssColor(input)).toBeNull();
    },
  );
});

describe('relativeLuminance and contrastRatio', () => {
  it('match the WCAG reference values', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 10);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#2455c3', '#2455c3')).toBe(1);
  });
});

describe('readableTextOn', () => {
  it.each([
    ['#000000', LIGHT_TEXT],
    ['#ffffff', DARK_TEXT],
    ['#2455c3', LIGHT_TEXT],
    ['#0f766e', LIGHT_TEXT],
    ['#0b1f44', LIGHT_TEXT],
    ['#ffd60a', DARK_TEXT],
    ['#00ff00', DARK_TEXT],
    ['#e11d48', LIGHT_TEXT],
    ['#f5f5f5', DARK_TEXT],
    ['#7c3aed', LIGHT_TEXT],
    ['#38bdf8', DARK_TEXT],
    ['#ff8800', DARK_TEXT],
    // Mid greys: neither white (4.48:1) nor #111111 (4.2:1) reaches AA here, black does.
    ['#777777', '#000000'],
    ['#7a7a7a', '#000000'],
  ])('text on %s is %s and meets WCAG AA', (background, expected) => {
    const text = readableTextOn(background);
    expect(text).toBe(expected);
    expect(contrastRatio(background, text)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
  });

  it('reaches 4.5:1 on every grey and on a sweep of hues', () => {
    const backgrounds: string[] = [];
    for (let value = 0; value < 256; value += 1)
      backgrounds.push(`#${value.toString(16).padStart(2, '0').repeat(3)}`);
    for (let hue = 0; hue < 360; hue += 15) {
      for (const lightness of [20, 35, 50, 65, 80]) {
        const hex = normalizeColor(`hsl(${hue}, 80%, ${lightness}%)`);
        if (hex) backgrounds.push(hex);
      }
    }
    const failing = backgrounds.filter(
      (background) => contrastRatio(background, readableTextOn(background)) < TEXT_CONTRAST,
    );
    expect(failing).toEqual([]);
  });
});

describe('borderToStandOut', () => {
  it.each([
    // [fill, backgrounds, needs a border]
    ['#2455c3', ['#ffffff', '#f3f5f8'], false],
    ['#0b1f44', ['#ffffff', '#f3f5f8'], false],
    ['#0b1f44', ['#1a1d23', '#0f1115'], true],
    ['#ffd60a', ['#ffffff', '#f3f5f8'], true],
    ['#f5f5f5', ['#ffffff', '#f3f5f8'], true],
    ['#2455c3', ['#1a1d23', '#0f1115'], true],
    ['#8ab4ff', ['#1a1d23', '#0f1115'], false],
  ])('%s on %j needs a border: %p', (fill, backgrounds, needsBorder) => {
    const border = borderToStandOut(fill, backgrounds);
    expect(border !== null).toBe(needsBorder);
    if (border !== null) {
      for (const background of backgrounds)
        expect(contrastRatio(border, background)).toBeGreaterThanOrEqual(NON_TEXT_CONTRAST);
    }
  });
});
