import { Injectable, computed, inject, signal } from '@angular/core';
import startupEnglish from '../../../generated/startup.en.json';
import { isCompiledMessage } from './compiled-messages';
import { formatMessage, type MessageParams } from './message-format';
import { DEFAULT_LANGUAGE, type SupportedLanguage } from './locale';
import { TranslationLoader } from './translation-loader';

type Messages = Readonly<Record<string, unknown>>;

const STARTUP_ENGLISH: Messages = startupEnglish;

interface Loaded {
  readonly language: SupportedLanguage;
  readonly messages: Messages;
}

/**
 * The page's translations: ICU MessageFormat messages compiled at build time (`npm run i18n:compile`)
 * and formatted with the browser's `Intl` (`message-format.ts`: CLDR plurals, locale digits), so no
 * ICU parser ships and nothing needs `eval` under the strict CSP.
 *
 * Every language, English included, is a file the page downloads (preloaded with the page). Only the
 * start-up messages are bundled in English (see `startup-messages.ts`), so the page can say that it
 * is loading, or that it could not load, before and without any file. A message a downloaded file
 * lacks or garbles is shown in English, downloading English for that.
 */
@Injectable({ providedIn: 'root' })
export class Translator {
  private readonly loader = inject(TranslationLoader);
  private readonly loaded = signal<Loaded>({ language: DEFAULT_LANGUAGE, messages: STARTUP_ENGLISH });
  private readonly englishFallback = signal<Messages>(STARTUP_ENGLISH);
  private englishFallbackRequested = false;
  private switches = 0;

  /** The language whose texts are shown (English after a failed download). */
  readonly language = computed(() => this.loaded().language);

  /**
   * Shows the page in `language`, downloading its file, or English when that fails. Never rejects:
   * resolves `false` when no file could be had (only the bundled start-up messages are available).
   * A later call wins over an earlier one.
   */
  async use(language: SupportedLanguage): Promise<boolean> {
    const switchNumber = ++this.switches;
    const candidates: SupportedLanguage[] = language === DEFAULT_LANGUAGE ? [language] : [language, DEFAULT_LANGUAGE];
    for (const candidate of candidates) {
      try {
        const messages = await this.loader.load(candidate);
        if (switchNumber === this.switches) this.loaded.set({ language: candidate, messages });
        return true;
      } catch (error) {
        console.warn(`i18n: failed to load "${candidate}"`, error instanceof Error ? error.message : 'unknown error');
      }
    }
    return false;
  }

  /** The message for `key` in the current language (English, then the key itself, when missing). */
  instant(key: string, params?: MessageParams): string {
    const { language, messages } = this.loaded();
    const text = format(messages[key], language, params);
    if (text !== null) return text;
    // A downloaded file without this message (a partial deployment): English has it.
    if (language !== DEFAULT_LANGUAGE && messages !== STARTUP_ENGLISH) this.requestEnglishFallback();
    return format(this.englishFallback()[key], DEFAULT_LANGUAGE, params) ?? key;
  }

  /** Downloads English once, in the background, for messages the current file cannot provide. */
  private requestEnglishFallback(): void {
    if (this.englishFallbackRequested) return;
    this.englishFallbackRequested = true;
    this.loader.load(DEFAULT_LANGUAGE).then(
      (messages) => this.englishFallback.set({ ...STARTUP_ENGLISH, ...messages }),
      // Nothing more to do: the key is shown, which only happens when every file is unavailable.
      () => undefined,
    );
  }
}

function format(message: unknown, language: string, params: MessageParams | undefined): string | null {
  if (!isCompiledMessage(message)) return null;
  if (typeof message === 'string') return message;
  try {
    return formatMessage(message, language, params);
  } catch {
    // A missing argument or a garbled element: let the caller fall back rather than show half a sentence.
    return null;
  }
}

/** A template's translate function (see {@link injectTranslate}). */
export type TranslateFn = (key: string, params?: MessageParams | null) => string;

/**
 * The translate function for a component's template: `{{ t('page.title') }}`,
 * `{{ t('rules.noOfDigits', { count: 2 }) }}`. It reads the {@link Translator}'s signal, so the view
 * follows the language. (A function rather than a pipe: Angular's pipe runtime costs about 0.6 kB
 * gzip.) Call in an injection context.
 */
export function injectTranslate(): TranslateFn {
  const translator = inject(Translator);
  return (key, params) => translator.instant(key, params ?? undefined);
}
