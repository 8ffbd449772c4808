import { isRecord } from '../../contract/is-record';
import { Injectable, Injector, inject } from '@angular/core';
import {
  MissingTranslationHandler,
  TranslateCompiler,
  TranslateParser,
  TranslateService,
  type InterpolatableTranslation,
  type InterpolatableTranslationObject,
  type InterpolateFunction,
  type InterpolationParameters,
  type TranslationObject,
} from '@ngx-translate/core';
import { isCompiledMessage } from './compiled-messages';
import { bundledEnglish } from './english-fallback';
import { DEFAULT_LANGUAGE } from './locale';
import { formatMessage } from './message-format';

/**
 * What ngx-translate stores for one message of a compiled file: plain text as it is, ICU elements as
 * a function of the parameters that formats them with `Intl` in `language` (and calls `onFailure`
 * instead of showing half a sentence when a garbled element or a missing parameter stops it).
 * `undefined` for anything else a downloaded file may hold, so the key counts as missing.
 */
export function interpolatable(
  message: unknown,
  language: string,
  onFailure: (params: InterpolationParameters | undefined) => string,
): string | InterpolateFunction | undefined {
  if (!isCompiledMessage(message)) return undefined;
  if (typeof message === 'string') return message;
  return (params) => {
    try {
      return formatMessage(message, language, params);
    } catch {
      return onFailure(params);
    }
  };
}

/**
 * ngx-translate's compiler for the page's translation files. The ICU messages are parsed at build
 * time (`npm run i18n:compile`, `scripts/i18n/message-compiler.ts`), so the page ships no ICU parser and needs no
 * `eval` or `new Function` (the Content-Security-Policy and Trusted Types forbid both): this compiler
 * only turns each compiled message into a function that formats it with the browser's `Intl`
 * (`message-format.ts`: CLDR plurals, locale digits).
 *
 * A message that cannot be formatted (a garbled file, a parameter the message should not use) is
 * shown in English through the {@link MissingTranslationHandler}, like a missing one.
 */
@Injectable()
export class IntlTranslateCompiler extends TranslateCompiler {
  // Read when a message fails, not at construction: the TranslateService depends on this compiler.
  private readonly injector = inject(Injector);

  /**
   * A single message set at run time (`TranslateService.set`) is plain text: the page has no ICU
   * parser to compile ICU syntax with.
   */
  compile(value: string): string {
    return value;
  }

  /** Compiles a downloaded file: flat dotted keys (nested objects are kept nested) to text or functions. */
  compileTranslations(
    translations: TranslationObject,
    language: string,
  ): InterpolatableTranslationObject {
    return this.compileTree(translations, language, '');
  }

  private compileTree(
    tree: Readonly<Record<string, unknown>>,
    language: string,
    prefix: string,
  ): InterpolatableTranslationObject {
    const compiled: Record<string, InterpolatableTranslation> = {};
    for (const [name, message] of Object.entries(tree)) {
      const key = prefix + name;
      const value = isRecord(message)
        ? this.compileTree(message, language, `${key}.`)
        : interpolatable(message, language, (params) => this.fallback(key, language, params));
      if (value !== undefined) compiled[name] = value;
    }
    return compiled;
  }

  /** The text for a message that failed to format: English's, else the bundled English or the key. */
  private fallback(
    key: string,
    language: string,
    params: InterpolationParameters | undefined,
  ): string {
    // English's own message failed: nothing further to fall back to.
    if (language === DEFAULT_LANGUAGE) return bundledEnglish(key, params) ?? key;
    const translateService = this.injector.get(TranslateService);
    const text = this.injector
      .get(MissingTranslationHandler)
      .handle({ key, translateService, ...(params ? { interpolateParams: params } : {}) });
    return typeof text === 'string' ? text : key;
  }
}

/**
 * ngx-translate's parser for the page: a compiled message is called with its parameters, plain text
 * is shown as it is. (The default parser would also replace `{{name}}` in plain text; our messages use
 * ICU's `{name}`, formatted by the compiled functions.)
 */
@Injectable()
export class CompiledMessageParser extends TranslateParser {
  interpolate(expression: InterpolateFunction | string, params?: InterpolationParameters): string {
    return typeof expression === 'function' ? expression(params) : expression;
  }
}
