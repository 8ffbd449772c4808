import { isRecord } from '../../contract/is-record';
import { Injectable } from '@angular/core';
import {
  MissingTranslationHandler,
  getValue,
  type InterpolationParameters,
  type MissingTranslationHandlerParams,
} from '@ngx-translate/core';
import startupEnglish from '../../../generated/startup.en.json';
import { isCompiledMessage } from './compiled-messages';
import { DEFAULT_LANGUAGE } from './locale';
import { formatMessage } from './message-format';

const STARTUP_ENGLISH: Readonly<Record<string, unknown>> = startupEnglish;

/** Formats a compiled English message; `null` when it is not one or cannot be formatted. */
function formatEnglish(
  message: unknown,
  params: InterpolationParameters | undefined,
): string | null {
  if (!isCompiledMessage(message)) return null;
  if (typeof message === 'string') return message;
  try {
    return formatMessage(message, DEFAULT_LANGUAGE, params);
  } catch {
    return null;
  }
}

/**
 * One of the English messages the page bundles (`message-files.ts`: what it must be able to say
 * before, or without, any translation file), formatted; `null` for every other key.
 */
export function bundledEnglish(key: string, params?: InterpolationParameters): string | null {
  return formatEnglish(STARTUP_ENGLISH[key], params);
}

/**
 * ngx-translate's handler for a message the current language's file lacks, garbles or cannot format:
 * English's message, downloading English's file for that the first time (in the background; the
 * view follows once it is there, as the store is a signal). Until then, and when even English has
 * none, the bundled English start-up message or, last, the key.
 *
 * English is not ngx-translate's `fallbackLang` from the start, which would download it for every
 * user: it becomes the fallback language only when a file turns out to need it.
 */
@Injectable()
export class EnglishFallback extends MissingTranslationHandler {
  /** Whether English's file was asked for already (once per page, successful or not). */
  private englishRequested = false;

  handle({ key, translateService, interpolateParams }: MissingTranslationHandlerParams): string {
    const params = isRecord(interpolateParams) ? interpolateParams : undefined;
    const current = translateService.getCurrentLang();
    // Only once the current language's file is there: while it loads, every key is missing, and a
    // language without a file falls back as a whole (see `showPageIn`).
    if (
      current !== null &&
      current !== DEFAULT_LANGUAGE &&
      translateService.getTranslations(current) !== undefined
    ) {
      const english = translateService.getTranslations(DEFAULT_LANGUAGE);
      if (english === undefined) this.requestEnglish(translateService);
      else {
        const message = getValue(english, key);
        const text =
          typeof message === 'function' ? message(params) : formatEnglish(message, params);
        if (typeof text === 'string') return text;
      }
    }
    return bundledEnglish(key, params) ?? key;
  }

  private requestEnglish(
    translateService: MissingTranslationHandlerParams['translateService'],
  ): void {
    if (this.englishRequested) return;
    this.englishRequested = true;
    // Not while a view renders (this runs inside a template's signal read): in a microtask.
    queueMicrotask(() => translateService.setFallbackLang(DEFAULT_LANGUAGE));
  }
}
