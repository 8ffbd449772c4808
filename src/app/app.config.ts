import { ApplicationConfig, inject, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient, withFetch } from '@angular/common/http';
import { provideRouter, withNavigationErrorHandler } from '@angular/router';
import { routes } from './app.routes';
import { provideI18n } from './i18n/provide-i18n';
import { NavigationFailure } from './navigation-failure';

/** Application-wide providers: zoneless change detection, HTTP via fetch, the router and i18n. */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(withFetch()),
    // A failed navigation (e.g. a chunk missing after a redeploy) must not leave a blank page.
    provideRouter(
      routes,
      withNavigationErrorHandler(() => inject(NavigationFailure).report()),
    ),
    provideI18n(),
  ],
};
