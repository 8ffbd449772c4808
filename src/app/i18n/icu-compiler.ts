import { Injectable } from '@angular/core';
import {
  InterpolatableTranslation,
  InterpolatableTranslationObject,
  InterpolationParameters,
  TranslateCompiler,
  TranslationObject,
} from '@ngx-translate/core';
import { IntlMessageFormat } from 'intl-messageformat';

/**
 * Compiles translations as ICU MessageFormat (CLDR plural rules, locale number formatting) without
 * `eval`, so messages like `At least {count, plural, one {# digit} other {# digits}}` work under a
 * strict Content-Security-Policy. A message that fails to parse is shown as written rather than
 * breaking the page.
 */
@Injectable()
export class IcuTranslateCompiler extends TranslateCompiler {
  compile(value: string, lang: string): InterpolatableTranslation {
    let format: IntlMessageFormat;
    try {
      format = new IntlMessageFormat(value, lang, undefined, { ignoreTag: true });
    } catch {
      return value;
    }
    return (params?: InterpolationParameters) => {
      try {
        return String(format.format(params ?? {}));
      } catch {
        return value;
      }
    };
  }

  compileTranslations(translations: TranslationObject, lang: string): InterpolatableTranslationObject {
    const compiled: InterpolatableTranslationObject = {};
    for (const [key, value] of Object.entries(translations)) {
      if (typeof value === 'string') compiled[key] = this.compile(value, lang);
      else if (value !== null && typeof value === 'object' && !Array.isArray(value)) compiled[key] = this.compileTranslations(value, lang);
    }
    return compiled;
  }
}
