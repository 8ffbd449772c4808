import { defineConfig } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './bench/chromium';

/** Port of the emulator the e2e tests start (not the demo's 4200, so both can run at once). */
const PORT = Number(process.env['E2E_PORT'] ?? 4310);

/**
 * End-to-end tests: headless Debian Chromium (browsers cannot be downloaded here) against the built
 * page served by our cidaas emulator over real HTTP. Run `npm run build` first (`npm test` does).
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // One emulator holds shared in-memory state, reset before each test: run tests one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // Multi-page stories (sign-in, the page, cidaas, back) take 10–15 s alone and over 30 s on a busy 2-core machine.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  // Per port, so concurrent runs (e.g. several engineers on one machine) do not delete each other's artifacts.
  outputDir: `test-results/port-${PORT}`,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS] },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'node --import tsx server/main.ts',
    url: `http://127.0.0.1:${PORT}/`,
    env: { PORT: String(PORT), HOST: '127.0.0.1', NODE_ENV: 'test' },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
