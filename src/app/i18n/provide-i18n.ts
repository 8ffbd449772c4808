import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideTranslateCompiler, provideTranslateLoader, provideTranslateService } from '@ngx-translate/core';
import { IcuTranslateCompiler } from './icu-compiler';
import { DEFAULT_LANGUAGE } from './locale';
import { TranslationLoader } from './translation-loader';

/**
 * ngx-translate for the page: English bundled, other languages from `i18n/<lang>.json` (relative to
 * `<base href>`), compiled as ICU MessageFormat, English as the fallback for any missing key.
 */
export function provideI18n(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideTranslateService({
      loader: provideTranslateLoader(TranslationLoader),
      compiler: provideTranslateCompiler(IcuTranslateCompiler),
      fallbackLang: DEFAULT_LANGUAGE,
    }),
  ]);
}
