import { resolve } from 'node:path';

import { defineConfig } from '@playwright/test';

import base from '../../playwright.config';

/** Port of the emulator (cidaas, on its own origin) these tests start: the same variable as the e2e tests'. */
const PORT = Number(process.env['E2E_PORT'] ?? 4310);
const ROOT = resolve(__dirname, '..', '..');

/**
 * The Chromium stories of `npm run test:nginx` (`nginx.spec.ts`): the e2e configuration (Debian's
 * Chromium, the emulator as cidaas), run from the repository's root, with the nginx spec only. Kept
 * out of `npm run test:e2e` so `npm test` runs it once, as part of `test:nginx`.
 */
export default defineConfig({
  ...base,
  testDir: __dirname,
  testMatch: 'nginx.spec.ts',
  outputDir: resolve(ROOT, 'test-results', `nginx-port-${PORT}`),
  webServer:
    base.webServer === undefined || Array.isArray(base.webServer)
      ? base.webServer
      : { ...base.webServer, cwd: ROOT },
});
