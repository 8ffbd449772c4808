import { ApplicationConfig, provideZonelessChangeDetection } from '@angular/core';
import { providePageTranslations } from './i18n/provide-translations';

/**
 * Application-wide providers: zoneless change detection and ngx-translate (`providePageTranslations`).
 * GETs use `fetch` through the `FETCH` token; no HttpClient. No `provideBrowserGlobalErrorListeners()`:
 * it only forwards uncaught errors to the default `ErrorHandler`, which logs them to the console, as
 * the browser does for uncaught errors anyway; errors inside Angular (templates, effects) reach the
 * `ErrorHandler` without it.
 */
export const appConfig: ApplicationConfig = {
  providers: [provideZonelessChangeDetection(), providePageTranslations()],
};
