import type { Provider } from '@angular/core';
import {
  MissingTranslationHandler,
  TRANSLATE_SERVICE_CONFIG,
  TranslateCompiler,
  TranslateLoader,
  TranslateParser,
  TranslateService,
  TranslateStore,
} from '@ngx-translate/core';
import { EnglishFallback } from './english-fallback';
import { CompiledMessageParser, IntlTranslateCompiler } from './translate-compiler';
import { CompiledTranslationLoader } from './translation-loader';

/** The root `TranslateService`'s configuration, as `provideTranslateService` makes it without `lang` and `fallbackLang`. */
export const PAGE_TRANSLATE_SERVICE_CONFIG = { fallbackLang: null, isRoot: true } as const;

/**
 * ngx-translate as the page uses it: our compiled files (`CompiledTranslationLoader`), formatted with
 * `Intl` (`IntlTranslateCompiler`, `CompiledMessageParser`), English for a message a file lacks
 * (`EnglishFallback`). Neither `lang` nor `fallbackLang` is set here: each page load negotiates its
 * language from the URL and the browser and downloads only that file (`showPageIn`); English is
 * downloaded only when a file needs it.
 *
 * The providers `provideTranslateService({ loader, compiler, parser, missingTranslationHandler })`
 * returns, written out: that function refers to ngx-translate's default loader, compiler, parser and
 * missing-translation handler (to use where a slot is left empty), so calling it kept all four in the
 * bundle, 0.6 kB gzip of code the page replaces. A test checks that this list provides exactly the
 * tokens `provideTranslateService` does, with the same service configuration.
 */
export function providePageTranslations(): Provider[] {
  return [
    { provide: TranslateLoader, useClass: CompiledTranslationLoader },
    { provide: TranslateCompiler, useClass: IntlTranslateCompiler },
    { provide: TranslateParser, useClass: CompiledMessageParser },
    { provide: MissingTranslationHandler, useClass: EnglishFallback },
    TranslateStore,
    { provide: TRANSLATE_SERVICE_CONFIG, useValue: PAGE_TRANSLATE_SERVICE_CONFIG },
    { provide: TranslateService, useClass: TranslateService },
  ];
}
