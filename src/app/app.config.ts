import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideI18n } from './i18n/provide-i18n';

/** Application-wide providers: zoneless change detection and i18n (GETs use `fetch` through the `FETCH` token, no HttpClient). */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideI18n(),
  ],
};
