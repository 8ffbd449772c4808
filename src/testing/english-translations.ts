import type { Provider } from '@angular/core';
import { TranslateLoader, type TranslationObject } from '@ngx-translate/core';
import { type Observable, isObservable, of, throwError } from 'rxjs';
import english from '../../generated/i18n/en.json';
import { providePageTranslations } from '../app/i18n/provide-translations';
import { translationObject } from '../app/i18n/translation-loader';

/** The compiled English file, as the page downloads it (`npm run i18n:compile`; Jest's global setup runs it). */
export const ENGLISH_FILE: TranslationObject = translationObject(english);

/** Translation files by language; a file answers at once, an Observable (e.g. a Subject) when the test says. */
export type TranslationFiles = Readonly<
  Record<string, TranslationObject | Observable<TranslationObject>>
>;

/** A `TranslateLoader` serving files from memory; {@link requested} lists the languages asked for, in order. */
export interface InMemoryTranslations extends TranslateLoader {
  readonly requested: readonly string[];
}

/** A `TranslateLoader` that serves `files` from memory and fails for any other language. */
export function inMemoryTranslations(files: TranslationFiles): InMemoryTranslations {
  const requested: string[] = [];
  return {
    requested,
    getTranslation: (language: string): Observable<TranslationObject> => {
      requested.push(language);
      const file = files[language];
      if (file === undefined) return throwError(() => new Error(`no "${language}" in this test`));
      return isObservable(file) ? file : of(file);
    },
  };
}

/**
 * The page's real ngx-translate setup (compiler, parser, English fallback) fed `files` from memory,
 * with the loader, to ask which languages were downloaded.
 */
export function memoryTranslations(files: TranslationFiles): {
  readonly providers: Provider[];
  readonly loader: InMemoryTranslations;
} {
  const loader = inMemoryTranslations(files);
  return {
    providers: [...providePageTranslations(), { provide: TranslateLoader, useValue: loader }],
    loader,
  };
}

/**
 * The page's real ngx-translate setup fed the compiled English file from memory, for component tests
 * that are about something else than loading translations (those use the real loader with a fake fetch).
 */
export function englishTranslations(): Provider[] {
  return memoryTranslations({ en: ENGLISH_FILE }).providers;
}
