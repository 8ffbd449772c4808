import { nativeLanguageName } from './language-names';

describe('nativeLanguageName', () => {
  it.each([
    ['de', 'Deutsch'],
    ['fr', 'Français'],
    ['ar', 'العربية'],
    ['ja', '日本語'],
    ['zh-Hant', '中文（繁體）'],
    ['pt-BR', 'Português (Brasil)'],
  ])('%s → %s', (tag, name) => {
    expect(nativeLanguageName(tag)).toBe(name);
  });

  it('is the tag itself for a tag the engine cannot name', () => {
    expect(nativeLanguageName('not a tag')).toBe('not a tag');
  });
});
