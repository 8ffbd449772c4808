import { Injectable, computed, inject, signal } from '@angular/core';
import startupEnglish from '../../../generated/startup.en.json';
import { isCompiledMessage } from './compiled-messages';
import { formatMessage, type MessageParams } from './message-format';
import { DEFAULT_LANGUAGE, type SupportedLanguage } from './locale';
import { messagePartOf, type MessagePart } from './message-parts';
import { TranslationLoader } from './translation-loader';

type Messages = Readonly<Record<string, unknown>>;

const STARTUP_ENGLISH: Messages = startupEnglish;

/** One part of a language's messages, as downloaded (English when the language's own file failed). */
interface Loaded {
  readonly language: SupportedLanguage;
  readonly messages: Messages;
}

/**
 * The page's translations: ICU MessageFormat messages compiled at build time (`npm run i18n:compile`)
 * and formatted with the browser's `Intl` (`message-format.ts`: CLDR plurals, locale digits), so no
 * ICU parser ships and nothing needs `eval` under the strict CSP.
 *
 * Every language, English included, is downloaded in two parts (`message-parts.ts`): the form's
 * messages (preloaded with the page) and those of the page's other states. Only the start-up messages
 * are bundled in English (see `startup-messages.ts`), so the page can say that it is loading, or that
 * it could not load, before and without any file. A message a downloaded file lacks or garbles is
 * shown in English, downloading English's file for that.
 */
@Injectable({ providedIn: 'root' })
export class Translator {
  private readonly loader = inject(TranslationLoader);
  private readonly parts = signal<Partial<Record<MessagePart, Loaded>>>({});
  private readonly englishFallback = signal<Partial<Record<MessagePart, Messages>>>({});
  private readonly englishFallbackRequested = new Set<MessagePart>();
  /** The language of the latest {@link use}, for parts loaded later. */
  private requested: SupportedLanguage = DEFAULT_LANGUAGE;
  private switches = 0;

  /** The language whose texts are shown (English after a failed download). */
  readonly language = computed(() => this.parts().form?.language ?? this.parts().states?.language ?? DEFAULT_LANGUAGE);

  /**
   * Shows the page in `language`, downloading the given parts of its messages (each in English when the
   * language's own file fails). Never rejects: resolves `false` when a part could not be had at all
   * (only the bundled start-up messages stand in for it). A later call wins over an earlier one.
   */
  async use(language: SupportedLanguage, parts: readonly MessagePart[] = ['form']): Promise<boolean> {
    const switchNumber = ++this.switches;
    this.requested = language;
    const loaded = await Promise.all(parts.map((part) => this.download(language, part)));
    if (switchNumber === this.switches) {
      this.parts.set(Object.fromEntries(parts.flatMap((part, index) => (loaded[index] ? [[part, loaded[index]]] : []))));
    }
    return loaded.every((part) => part !== null);
  }

  /**
   * Downloads one more part of the current language's messages, unless it is there already. Never
   * rejects: resolves `false` when the part could not be had at all.
   */
  async load(part: MessagePart): Promise<boolean> {
    if (this.parts()[part]) return true;
    const switchNumber = this.switches;
    // The language the form's file settled on: after a fallback to English, no second failed download.
    const loaded = await this.download(this.parts().form?.language ?? this.requested, part);
    if (loaded && switchNumber === this.switches) this.parts.update((parts) => ({ ...parts, [part]: loaded }));
    return loaded !== null;
  }

  /** The message for `key` in the current language (English, then the key itself, when missing). */
  instant(key: string, params?: MessageParams): string {
    const part = messagePartOf(key);
    const loaded = this.parts()[part];
    if (loaded) {
      const text = format(loaded.messages[key], loaded.language, params);
      if (text !== null) return text;
      // A downloaded file without this message (a partial deployment): English has it.
      if (loaded.language !== DEFAULT_LANGUAGE) this.requestEnglishFallback(part);
    }
    return format(this.englishFallback()[part]?.[key], DEFAULT_LANGUAGE, params) ?? format(STARTUP_ENGLISH[key], DEFAULT_LANGUAGE, params) ?? key;
  }

  /** One part in `language`, else in English; `null` (and a console warning per failure) when neither loads. */
  private async download(language: SupportedLanguage, part: MessagePart): Promise<Loaded | null> {
    const candidates: SupportedLanguage[] = language === DEFAULT_LANGUAGE ? [language] : [language, DEFAULT_LANGUAGE];
    for (const candidate of candidates) {
      try {
        return { language: candidate, messages: await this.loader.load(candidate, part) };
      } catch (error) {
        console.warn(`i18n: failed to load "${candidate}" (${part})`, error instanceof Error ? error.message : 'unknown error');
      }
    }
    return null;
  }

  /** Downloads English's file for a part once, in the background, for messages the current file cannot provide. */
  private requestEnglishFallback(part: MessagePart): void {
    if (this.englishFallbackRequested.has(part)) return;
    this.englishFallbackRequested.add(part);
    this.loader.load(DEFAULT_LANGUAGE, part).then(
      (messages) => this.englishFallback.update((fallback) => ({ ...fallback, [part]: messages })),
      // Nothing more to do: the bundled English or the key is shown, which only happens when every file is unavailable.
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
