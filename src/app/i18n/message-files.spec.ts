import { isStartupMessageKey, startupTranslationFile, translationFilePath } from './message-files';
import { startupFetchUrls } from '../../../server/preload-hints';

describe('message-files', () => {
  it('serves a language from i18n/<lang>.json, with the tag encoded', () => {
    expect(translationFilePath('pt-BR')).toBe('i18n/pt-BR.json');
    expect(translationFilePath('../x')).toBe('i18n/..%2Fx.json');
  });

  it('names the same start-up file for the page and for the server’s preload hint', () => {
    const query = new URLSearchParams({
      lsid: '1b2c3d4e-0000-4000-8000-000000000001',
      requestId: '1b2c3d4e-0000-4000-8000-000000000002',
      ui_locales: 'de',
    });
    expect(startupFetchUrls(query, ['de'], { cidaasBaseUrl: '', baseHref: '/' })[0]).toBe(
      `/${startupTranslationFile('de')}`,
    );
  });

  it('bundles only what the page must say without a file', () => {
    for (const key of [
      'page.title',
      'page.loading',
      'startup.network',
      'startup.retry',
      'success.heading',
      'language.label',
    ]) {
      expect(isStartupMessageKey(key)).toBe(true);
    }
    for (const key of [
      'rules.minLength',
      'errors.invalid_old_password',
      'page.heading',
      'startup.expired',
    ]) {
      expect(isStartupMessageKey(key)).toBe(false);
    }
  });
});
