import { Injectable, inject } from '@angular/core';
import { HttpClient } from '@angular/common/http';
import { TranslateLoader, TranslationObject } from '@ngx-translate/core';
import { Observable, of } from 'rxjs';
import english from '../../../i18n/en.json';
import { DEFAULT_LANGUAGE } from './locale';

/**
 * Loads `i18n/<lang>.json` over HTTP, except English: the fallback language is bundled, so the page
 * can always explain itself, even when a translation file is missing or the network fails.
 */
@Injectable()
export class TranslationLoader extends TranslateLoader {
  private readonly http = inject(HttpClient);

  getTranslation(lang: string): Observable<TranslationObject> {
    if (lang === DEFAULT_LANGUAGE) return of(english);
    return this.http.get<TranslationObject>(`i18n/${encodeURIComponent(lang)}.json`);
  }
}
