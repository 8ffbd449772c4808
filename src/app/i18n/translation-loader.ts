import { Injectable, inject } from '@angular/core';
import { FETCH, getJson } from '../config/fetch';
import type { SupportedLanguage } from './locale';
import { translationFilePath, type MessagePart } from './message-parts';

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Downloads a compiled translation file, one part of a language's messages (`i18n/<lang>.json` or
 * `i18n/<lang>.states.json`, see `message-parts.ts`) relative to `<base href>` (see {@link Translator}).
 */
@Injectable({ providedIn: 'root' })
export class TranslationLoader {
  private readonly fetch = inject(FETCH);

  /**
   * Resolves with the file's messages (each still to be checked by the translator); rejects when the
   * file cannot be had or is not a JSON object.
   */
  async load(language: SupportedLanguage, part: MessagePart): Promise<Readonly<Record<string, unknown>>> {
    const body = await getJson(this.fetch, translationFilePath(language, part));
    if (!isRecord(body)) throw new Error('a translation file must hold a JSON object');
    return body;
  }
}
