import type { Provider } from '@angular/core';
import {
  provideMissingTranslationHandler,
  provideTranslateCompiler,
  provideTranslateLoader,
  provideTranslateParser,
  provideTranslateService,
} from '@ngx-translate/core';
import { EnglishFallback } from './english-fallback';
import { CompiledMessageParser, IntlTranslateCompiler } from './translate-compiler';
import { CompiledTranslationLoader } from './translation-loader';

/**
 * ngx-translate as the page uses it: our compiled files (`CompiledTranslationLoader`), formatted with
 * `Intl` (`IntlTranslateCompiler`, `CompiledMessageParser`), English for a message a file lacks
 * (`EnglishFallback`). Neither `lang` nor `fallbackLang` is set here: each page load negotiates its
 * language from the URL and the browser and downloads only that file (`showPageIn`); English is
 * downloaded only when a file needs it.
 */
export function providePageTranslations(): Provider[] {
  return provideTranslateService({
    loader: provideTranslateLoader(CompiledTranslationLoader),
    compiler: provideTranslateCompiler(IntlTranslateCompiler),
    parser: provideTranslateParser(CompiledMessageParser),
    missingTranslationHandler: provideMissingTranslationHandler(EnglishFallback),
  });
}
