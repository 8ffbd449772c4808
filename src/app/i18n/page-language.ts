import type { TranslateService } from '@ngx-translate/core';
import { type Observable, catchError, defer, map, of, take } from 'rxjs';
import { DEFAULT_LANGUAGE, type SupportedLanguage } from './locale';

/**
 * Shows the page in `language` through ngx-translate: downloads its file, or English's when that
 * fails. Emits once, the language shown, or `null` when no file could be had (the page can then only
 * say so, in the bundled English, and offer a retry).
 *
 * Each step starts only when the one before has failed, so unsubscribing cancels what is still to
 * come: a later switch that replaces this one (`switchMap`) never finds the page falling back to
 * English afterwards. (ngx-translate itself already ignores a download that a later `use()`
 * overtook.) A failed download is logged by ngx-translate (`failed to load "xx"`).
 */
export function showPageIn(
  translate: TranslateService,
  language: SupportedLanguage,
): Observable<SupportedLanguage | null> {
  // Deferred: a download starts when the observable is subscribed, not when it is made.
  const use = (candidate: SupportedLanguage) =>
    defer(() => translate.use(candidate)).pipe(
      take(1),
      map(() => candidate),
    );
  return use(language).pipe(
    catchError(() =>
      language === DEFAULT_LANGUAGE
        ? of(null)
        : use(DEFAULT_LANGUAGE).pipe(catchError(() => of(null))),
    ),
  );
}
