import { Injectable, inject } from '@angular/core';
import { TranslateLoader, type TranslationObject } from '@ngx-translate/core';
import { type Observable, defer, map } from 'rxjs';
import { FETCH, getJson } from '../config/fetch';
import { translationFilePath } from './message-files';

/** Whether a downloaded file is a JSON object; its messages are checked one by one by the compiler. */
function isTranslationObject(value: unknown): value is TranslationObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A compiled file's body as ngx-translate takes it; throws when it is not a JSON object. */
export function translationObject(body: unknown): TranslationObject {
  if (!isTranslationObject(body)) throw new Error('a translation file must hold a JSON object');
  return body;
}

/**
 * ngx-translate's loader for the page: downloads a language's compiled file, `i18n/<lang>.json`
 * relative to `<base href>` (see `message-files.ts`), with `fetch` through the `FETCH` token like
 * every other GET of the page (HttpClient would add its runtime to the bundle for one GET). The
 * server preloads the file with the page (`server/preload-hints.ts`), and this request reuses it.
 * Fails when the file cannot be had or is not a JSON object; the page then falls back to English.
 */
@Injectable()
export class CompiledTranslationLoader extends TranslateLoader {
  private readonly fetch = inject(FETCH);

  getTranslation(language: string): Observable<TranslationObject> {
    return defer(() => getJson(this.fetch, translationFilePath(language))).pipe(
      map(translationObject),
    );
  }
}
