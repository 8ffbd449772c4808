import {
  DARK_TEXT,
  LIGHT_TEXT,
  NON_TEXT_CONTRAST,
  TEXT_CONTRAST,
  borderToStandOut,
  contrastRatio,
  loadColorParser,
  needsColorParser,
  normalizeColor,
  normalizeHexColor,
  readableTextOn,
  relativeLuminance,
} from './color';
import { normalizeCssColor } from './color-parser';

describe('normalizeHexColor (the plain hex the initial bundle reads)', () => {
  it.each([
    ['#2455c3', '#2455c3'],
    ['#ABC', '#aabbcc'],
    ['#0F766E', '#0f766e'],
    [' #0f766e ', '#0f766e'],
    ['\t#fff\n', '#ffffff'],
  ])('%p → %p, as the full parser reads it', (input, expected) => {
    expect(normalizeHexColor(input)).toBe(expected);
    expect(normalizeCssColor(input)).toBe(expected);
    expect(needsColorParser(input)).toBe(false);
  });

  it.each([
    // Valid colours, but only the full parser reads them.
    ['#0b1f44ff'],
    ['#0008'],
    ['rgb(36, 85, 195)'],
    ['hsl(0, 100%, 50%)'],
    ['red'],
    // Not colours at all: the full parser rejects them too.
    ['#12345'],
    ['#ggg'],
    ['#2455c3;'],
    ['#2455c3 !important'],
    ['#2455c3 x'],
    ['# 2455c3'],
    ['##2455c3'],
    ['2455c3'],
    ['red;}body{display:none'],
    ['var(--ps-page-bg)'],
  ])('leaves %p to the full parser', (input) => {
    expect(normalizeHexColor(input)).toBeNull();
    expect(needsColorParser(input)).toBe(true);
  });

  it.each([
    [''],
    ['   '],
    ['#' + 'f'.repeat(100)],
    [' '.repeat(60) + '#2455c3'],
    [undefined],
    [null],
    [42],
    [['#fff']],
  ])('rejects %p without needing the full parser', (input) => {
    expect(normalizeHexColor(input)).toBeNull();
    expect(needsColorParser(input)).toBe(false);
    expect(normalizeCssColor(input)).toBeNull();
  });
});

describe('normalizeColor', () => {
  it('reads plain hex without the full parser, and every other notation only with it', () => {
    expect(normalizeColor('#2455C3')).toBe('#2455c3');
    expect(normalizeColor('rgb(36, 85, 195)')).toBeNull();
    expect(normalizeColor('teal')).toBeNull();
    expect(normalizeColor('#00000080')).toBeNull();
    expect(normalizeColor('rgb(36, 85, 195)', normalizeCssColor)).toBe('#2455c3');
    expect(normalizeColor('teal', normalizeCssColor)).toBe('#008080');
    expect(normalizeColor('#00000080', normalizeCssColor)).toBe('#7f7f7f');
    expect(normalizeColor('red;}', normalizeCssColor)).toBeNull();
  });

  it('asks the full parser nothing for plain hex', () => {
    const parser = jest.fn(normalizeCssColor);
    expect(normalizeColor(' #ABC ', parser)).toBe('#aabbcc');
    expect(parser).not.toHaveBeenCalled();
  });

  it('loads the full parser lazily', async () => {
    expect(await loadColorParser()).toBe(normalizeCssColor);
  });
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
        const hex = normalizeCssColor(`hsl(${hue}, 80%, ${lightness}%)`);
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
