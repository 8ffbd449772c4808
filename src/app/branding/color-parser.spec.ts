import { normalizeCssColor, parseCssColor } from './color-parser';
import { CSS_NAMED_COLORS } from './css-named-colors';

describe('parseCssColor / normalizeCssColor', () => {
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
    expect(normalizeCssColor(input)).toBe(expected);
  });

  it.each([
    ['red', '#ff0000'],
    ['RebeccaPurple', '#663399'],
    [' navy ', '#000080'],
  ])('the name %p → %p', (input, expected) => {
    expect(normalizeCssColor(input)).toBe(expected);
  });

  it('reads every name of the table as its colour', () => {
    for (const [name, hex] of Object.entries(CSS_NAMED_COLORS))
      expect(normalizeCssColor(name.toUpperCase())).toBe(hex);
  });

  it('flattens a translucent colour over the backdrop it is given', () => {
    expect(normalizeCssColor('rgba(255, 255, 255, 0.5)', '#000000')).toBe('#808080');
    expect(normalizeCssColor('#ffffff00', '#0b1f44')).toBe('#0b1f44');
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
    expect(normalizeCssColor(input)).toBeNull();
  });

  it.each([[undefined], [null], [42], [{ r: 1 }], [['#fff']]])(
    'rejects the non-string %p',
    (input) => {
      expect(parseCssColor(input)).toBeNull();
    },
  );
});
