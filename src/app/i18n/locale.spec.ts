import { negotiateLanguage, textDirection } from './locale';

describe('negotiateLanguage', () => {
  it.each([
    ['de', [], 'de'],
    ['de-CH', [], 'de'],
    ['fr-FR de en', [], 'de'],
    ['fr de', ['en-US'], 'de'],
    ['fr', ['de-AT', 'en'], 'de'],
    [null, ['en-GB'], 'en'],
    [null, [], 'en'],
    ['xx-invalid-@@', ['fr'], 'en'],
    ['  DE  ', [], 'de'],
  ] as const)('ui_locales %p, browser %p → %s', (uiLocales, browser, expected) => {
    expect(negotiateLanguage(uiLocales, browser)).toBe(expected);
  });
});

describe('textDirection', () => {
  it.each([
    ['en', 'ltr'],
    ['de', 'ltr'],
    ['ar', 'rtl'],
    ['he', 'rtl'],
    ['fa', 'rtl'],
    ['ur', 'rtl'],
    ['az-Latn', 'ltr'],
    ['ku-Arab', 'rtl'],
    ['not a tag!', 'ltr'],
  ])('%s → %s', (tag, expected) => {
    expect(textDirection(tag)).toBe(expected);
  });
});
