import {
  PSEUDO_LOCALES,
  SUPPORTED_LANGUAGES,
  negotiateLanguage,
  scriptDirection,
  textDirection,
} from './locale';

describe('negotiateLanguage', () => {
  it.each([
    ['de', [], 'de'],
    ['de-CH', [], 'de'],
    ['de-CH fr', [], 'de'],
    ['fr-FR de en', [], 'fr'],
    ['xx de', ['en-US'], 'de'],
    ['xx', ['de-AT', 'en'], 'de'],
    ['xx', [], 'en'],
    [null, ['en-GB'], 'en'],
    [null, [], 'en'],
    ['xx-invalid-@@', ['fr'], 'fr'],
    ['  DE  ', [], 'de'],
    ['zh-TW', [], 'zh-Hant'],
    ['zh-HK', [], 'zh-Hant'],
    ['zh-MO', [], 'zh-Hant'],
    ['zh-Hant-HK', [], 'zh-Hant'],
    ['zh-hant', [], 'zh-Hant'],
    ['zh-CN', [], 'zh-Hans'],
    ['zh-SG', [], 'zh-Hans'],
    ['zh', [], 'zh-Hans'],
    ['zh-Hans-CN', [], 'zh-Hans'],
    ['pt-BR', [], 'pt-BR'],
    ['pt-br', [], 'pt-BR'],
    ['pt_BR', [], 'pt-BR'],
    ['pt-PT', [], 'pt'],
    ['pt', [], 'pt'],
    ['pt-AO', [], 'pt'],
    ['pt-Latn-BR', [], 'pt-BR'],
    ['zh-Hant-TW', [], 'zh-Hant'],
    ['nb', [], 'nb'],
    ['no', [], 'nb'],
    ['nn-NO', [], 'nb'],
    ['nb-NO', [], 'nb'],
    ['iw', [], 'he'],
    ['sr-Latn-RS', [], 'sr'],
    ['es-419', [], 'es'],
    ['fr-CA', [], 'fr'],
    ['ar-EG', [], 'ar'],
    ['en-XA', [], 'en-XA'],
    ['ar-XB', [], 'ar-XB'],
    ['ar-XB', [], 'ar-XB'],
    ['tlh en', [], 'en'],
    ['', ['ja-JP'], 'ja'],
    ['   ', ['ko'], 'ko'],
    ['%%%', ['it'], 'it'],
    ['%%%', [], 'en'],
    ['de,fr', [], 'de'],
  ] as const)('ui_locales %p, browser %p → %s', (uiLocales, browser, expected) => {
    expect(negotiateLanguage(uiLocales, browser)).toBe(expected);
  });

  it('survives a 5,000-character value and empty or hostile tags, quickly', () => {
    const started = performance.now();
    expect(negotiateLanguage('a'.repeat(5000), ['de'])).toBe('de');
    expect(negotiateLanguage('x-'.repeat(2500), [])).toBe('en');
    expect(negotiateLanguage(`${'qq '.repeat(1666)}fr`, ['de'])).toBe('de');
    expect(negotiateLanguage('<script>alert(1)</script> ../../etc/passwd', ['', ' ', '%%%'])).toBe(
      'en',
    );
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('matches every supported language and pseudo-locale by its own tag', () => {
    for (const language of [...SUPPORTED_LANGUAGES, ...PSEUDO_LOCALES])
      expect(negotiateLanguage(language, [])).toBe(language);
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
    ['ar-XB', 'rtl'],
    ['en-XA', 'ltr'],
    ['zh-Hant', 'ltr'],
    ['not a tag!', 'ltr'],
    ['', 'ltr'],
  ])('%s → %s', (tag, expected) => {
    expect(textDirection(tag)).toBe(expected);
  });

  it('gives every shipped language a direction from its script, so only Arabic, Persian, Hebrew and Urdu are rtl', () => {
    const rtl = [...SUPPORTED_LANGUAGES, ...PSEUDO_LOCALES].filter(
      (language) => textDirection(language) === 'rtl',
    );
    expect(rtl.sort()).toEqual(['ar', 'ar-XB', 'fa', 'he', 'ur']);
  });
});

describe('scriptDirection (engines without getTextInfo)', () => {
  it.each([
    ['ar-XB', 'rtl'],
    ['en-XA', 'ltr'],
    ['ur', 'rtl'],
    ['uz-Arab', 'rtl'],
    ['uz', 'ltr'],
    ['dv', 'rtl'],
  ])('%s → %s', (tag, expected) => {
    expect(scriptDirection(new Intl.Locale(tag))).toBe(expected);
  });
});
