import { Injectable, inject } from '@angular/core';
import { TranslateLoader, TranslationObject } from '@ngx-translate/core';
import { Observable, from, of } from 'rxjs';
import english from '../../../i18n/en.json';
import { FETCH, getJson } from '../config/fetch';
import { DEFAULT_LANGUAGE } from './locale';

function isTranslationObject(value: unknown): value is TranslationObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The translations in a fetched file; anything but a JSON object fails, so the English fallback applies. */
function asTranslations(json: unknown): TranslationObject {
  if (!isTranslationObject(json)) throw new Error('A translation file must hold a JSON object');
  return json;
}

/**
 * Loads `i18n/<lang>.json` with `fetch`, except English: the fallback language is bundled, so the
 * page can always explain itself, even when a translation file is missing or the network fails.
 */
@Injectable()
export class TranslationLoader extends TranslateLoader {
  private readonly fetch = inject(FETCH);

  getTranslation(lang: string): Observable<TranslationObject> {
    if (lang === DEFAULT_LANGUAGE) return of(english);
    // ngx-translate wants an Observable: the one rxjs bridge left in the start-up path.
    return from(getJson(this.fetch, `i18n/${encodeURIComponent(lang)}.json`).then(asTranslations));
  }
}
