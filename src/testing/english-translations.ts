import type { Provider } from '@angular/core';
import english from '../../generated/i18n/en.json';
import { TranslationLoader } from '../app/i18n/translation-loader';

/**
 * Serves the compiled English file to the translator without a request, for component tests that
 * are about something else than loading translations (those use the real loader with a fake fetch).
 */
export const ENGLISH_TRANSLATIONS: Provider = {
  provide: TranslationLoader,
  useValue: {
    load: (language: string) => (language === 'en' ? Promise.resolve(english) : Promise.reject(new Error(`no "${language}" in this test`))),
  } satisfies Pick<TranslationLoader, 'load'>,
};
