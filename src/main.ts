import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';

bootstrapApplication(App, appConfig).catch((error: unknown) => {
  // The page cannot start at all (e.g. a chunk failed to load): leave a readable message rather than a blank page.
  const root = document.querySelector('ps-root');
  if (root) {
    root.textContent =
      'This page could not start. Please reload it. / Diese Seite konnte nicht starten. Bitte neu laden.';
  }
  console.error('bootstrap failed', error instanceof Error ? error.name : 'unknown');
});
