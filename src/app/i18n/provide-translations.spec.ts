import type { Provider } from '@angular/core';
import {
  TRANSLATE_SERVICE_CONFIG,
  provideMissingTranslationHandler,
  provideTranslateCompiler,
  provideTranslateLoader,
  provideTranslateParser,
  provideTranslateService,
} from '@ngx-translate/core';
import { EnglishFallback } from './english-fallback';
import { providePageTranslations } from './provide-translations';
import { CompiledMessageParser, IntlTranslateCompiler } from './translate-compiler';
import { CompiledTranslationLoader } from './translation-loader';

/** A provider as `token → what provides it`, comparable with `toEqual`. */
function byToken(providers: readonly Provider[]): Map<unknown, unknown> {
  return new Map(
    providers.map((provider) => {
      if (typeof provider === 'function') return [provider, { useClass: provider }];
      if (
        typeof provider !== 'object' ||
        provider === null ||
        Array.isArray(provider) ||
        !('provide' in provider)
      )
        throw new Error('unexpected provider');
      const { provide, ...how } = provider;
      return [provide, how];
    }),
  );
}

describe('providePageTranslations', () => {
  it('provides exactly what provideTranslateService does with our loader, compiler, parser and missing-translation handler', () => {
    // What the library's own function returns (the bundle no longer calls it: see provide-translations.ts).
    const library = provideTranslateService({
      loader: provideTranslateLoader(CompiledTranslationLoader),
      compiler: provideTranslateCompiler(IntlTranslateCompiler),
      parser: provideTranslateParser(CompiledMessageParser),
      missingTranslationHandler: provideMissingTranslationHandler(EnglishFallback),
    });
    const ours = byToken(providePageTranslations());
    const theirs = byToken(library);
    expect([...ours.keys()]).toEqual([...theirs.keys()]);
    // The same classes, and a service configuration equal to the library's (`lang: undefined` left out).
    for (const [token, how] of theirs) expect(ours.get(token)).toEqual(how);
    expect(ours.get(TRANSLATE_SERVICE_CONFIG)).toEqual({
      useValue: { fallbackLang: null, isRoot: true },
    });
  });
});
