import type { Provider } from '@angular/core';
import { TranslateLoader, type TranslationObject } from '@ngx-translate/core';
import { type Observable, of, throwError } from 'rxjs';
import english from '../../generated/i18n/en.json';
import { providePageTranslations } from '../app/i18n/provide-translations';
import { translationObject } from '../app/i18n/translation-loader';

/** The compiled English file, as the page downloads it (`npm run i18n:compile`; Jest's global setup runs it). */
export const ENGLISH_FILE: TranslationObject = translationObject(english);

/** A `TranslateLoader` that serves compiled files from memory and fails for any other language. */
export function inMemoryTranslations(files: Readonly<Record<string, TranslationObject>>): TranslateLoader {
  return {
    getTranslation: (language: string): Observable<TranslationObject> => {
      const file = files[language];
      return file ? of(file) : throwError(() => new Error(`no "${language}" in this test`));
    },
  };
}

/**
 * The page's real ngx-translate setup (compiler, parser, English fallback) fed the compiled English
 * file from memory, for component tests that are about something else than loading translations
 * (those use the real loader with a fake fetch).
 */
export function englishTranslations(): Provider[] {
  return [...providePageTranslations(), { provide: TranslateLoader, useValue: inMemoryTranslations({ en: ENGLISH_FILE }) }];
}
