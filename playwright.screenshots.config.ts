import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/** `npm run screenshots`: renders the page's states to `screenshots/` for a human to look at. */
export default defineConfig({
  ...base,
  testDir: 'e2e/screenshots',
  testMatch: '**/*.shots.ts',
});
