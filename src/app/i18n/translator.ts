import { Injectable, computed, inject, signal } from '@angular/core';
import { formatToParts, type Formatters } from 'intl-messageformat';
import english from '../../../generated/i18n/en.json';
import { isCompiledMessage } from './compiled-messages';
import { DEFAULT_LANGUAGE, type SupportedLanguage } from './locale';
import { TranslationLoader } from './translation-loader';

/** Values for a message's ICU arguments (`{count}`, `{field}`…). */
export type MessageParams = Readonly<Record<string, string | number>>;

const ENGLISH: Readonly<Record<string, unknown>> = english;

function memoized<A extends unknown[], R>(create: (...args: A) => R): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args) => {
    const key = JSON.stringify(args);
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = create(...args)));
    return value;
  };
}

// The Intl objects ICU formatting needs, created once per locale and options.
const FORMATTERS: Formatters = {
  getNumberFormat: memoized((locales?: string | string[], options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locales, options)),
  getDateTimeFormat: memoized((locales?: string | string[], options?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locales, options)),
  getPluralRules: memoized((locales?: string | string[], options?: Intl.PluralRulesOptions) => new Intl.PluralRules(locales, options)),
};
const NO_NAMED_FORMATS = { number: {}, date: {}, time: {} };

interface Loaded {
  readonly language: SupportedLanguage;
  readonly messages: Readonly<Record<string, unknown>>;
}

/**
 * The page's translations: ICU MessageFormat messages compiled at build time (`npm run i18n:compile`)
 * and formatted here with `intl-messageformat`'s formatter and the browser's `Intl` (CLDR plurals,
 * locale digits), so the ICU parser never ships and nothing needs `eval` under the strict CSP.
 * English is bundled and fills in every message a downloaded file lacks or garbles.
 */
@Injectable({ providedIn: 'root' })
export class Translator {
  private readonly loader = inject(TranslationLoader);
  private readonly loaded = signal<Loaded>({ language: DEFAULT_LANGUAGE, messages: ENGLISH });
  private switches = 0;

  /** The language whose texts are shown (English after a failed download). */
  readonly language = computed(() => this.loaded().language);

  /**
   * Shows the page in `language`, downloading its file unless it is English. Never rejects: when the
   * file cannot be had, the page stays readable in English. A later call wins over an earlier one.
   */
  async use(language: SupportedLanguage): Promise<SupportedLanguage> {
    const switchNumber = ++this.switches;
    let next: Loaded = { language: DEFAULT_LANGUAGE, messages: ENGLISH };
    if (language !== DEFAULT_LANGUAGE) {
      try {
        next = { language, messages: await this.loader.load(language) };
      } catch (error) {
        console.warn(`i18n: failed to load "${language}", showing English`, error instanceof Error ? error.message : 'unknown error');
      }
    }
    if (switchNumber === this.switches) this.loaded.set(next);
    return this.language();
  }

  /** The message for `key` in the current language (English, then the key itself, when missing). */
  instant(key: string, params?: MessageParams): string {
    const { language, messages } = this.loaded();
    return format(messages[key], language, params) ?? format(ENGLISH[key], DEFAULT_LANGUAGE, params) ?? key;
  }
}

function format(message: unknown, language: string, params: MessageParams | undefined): string | null {
  if (!isCompiledMessage(message)) return null;
  if (typeof message === 'string') return message;
  try {
    return formatToParts(message, language, FORMATTERS, NO_NAMED_FORMATS, params)
      .map((part) => String(part.value))
      .join('');
  } catch {
    // A missing argument or a garbled element: let the caller fall back rather than show half a sentence.
    return null;
  }
}
