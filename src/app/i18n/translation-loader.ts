import { Injectable } from '@angular/core';
import type { SupportedLanguage } from './locale';

/** Why a translation file could not be used. */
export class TranslationLoadError extends Error {
  override readonly name = 'TranslationLoadError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Downloads a compiled translation file, `i18n/<lang>.json` relative to `<base href>`. English is
 * bundled and never downloaded (see {@link Translator}).
 */
@Injectable({ providedIn: 'root' })
export class TranslationLoader {
  /** Resolves with the file's messages (unchecked values); rejects with a {@link TranslationLoadError}. */
  async load(language: SupportedLanguage): Promise<Readonly<Record<string, unknown>>> {
    let response: Response;
    try {
      response = await fetch(`i18n/${encodeURIComponent(language)}.json`);
    } catch {
      throw new TranslationLoadError('network error');
    }
    if (!response.ok) throw new TranslationLoadError(`HTTP ${response.status}`);
    const body: unknown = await response.json().catch(() => null);
    if (!isRecord(body)) throw new TranslationLoadError('not a translation file');
    return body;
  }
}
