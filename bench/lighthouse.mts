/**
 * `npm run lighthouse`: Lighthouse (mobile preset) on the password_set page and on the hand-written
 * reference, both served like production (compressed, through `bench/front-server.ts`) with the
 * emulator as cidaas. Prints performance, accessibility and best-practices for each run, then the
 * page's median against the targets, and fails when one is below. Needs a build (`npm run build`, or
 * `PAGE_DIST_DIR`); `LIGHTHOUSE_RUNS` (default 1 per page); ports `BENCH_PORT` (default 4370) and the
 * next one for the emulator.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.js';
import { REFERENCE_PAGE_PATH, createFrontApp } from './front-server.js';

const ROOT = resolve(import.meta.dirname, '..');
const DIST_DIR = resolve(process.env['PAGE_DIST_DIR'] ?? join(ROOT, 'dist', 'password-set', 'browser'));
const FRONT_PORT = Number(process.env['BENCH_PORT'] ?? 4370);
const EMULATOR_ORIGIN = `http://127.0.0.1:${FRONT_PORT + 1}`;
const RUNS = Number(process.env['LIGHTHOUSE_RUNS'] ?? 1);
/** The issue's targets for the page. */
const TARGETS: Readonly<Record<string, number>> = { performance: 98, accessibility: 100, 'best-practices': 100 };
const pageScores: Record<string, number[]> = {};
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];

const emulator = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: ROOT,
  env: { ...process.env, PORT: String(FRONT_PORT + 1), HOST: '127.0.0.1', NODE_ENV: 'test', PAGE_DIST_DIR: DIST_DIR },
  stdio: ['ignore', 'pipe', 'inherit'],
});
for await (const chunk of emulator.stdout) {
  if (String(chunk).includes('open http://')) break;
}
emulator.stdout.resume();
const front = createFrontApp({ distDir: DIST_DIR, emulatorOrigin: EMULATOR_ORIGIN, referenceDir: join(ROOT, 'bench', 'reference') }).listen(FRONT_PORT, '127.0.0.1');
await once(front, 'listening');
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
});
try {
  for (let run = 1; run <= RUNS; run++) {
    for (const which of ['page', 'reference']) {
      const response = await fetch(`${EMULATOR_ORIGIN}/__emulator/login-sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'new.user@example.com', password: 'Welcome-2026' }),
      });
      const body: unknown = await response.json();
      const path = typeof body === 'object' && body !== null ? Reflect.get(body, 'url') : undefined;
      if (typeof path !== 'string') throw new Error(`login session: HTTP ${response.status}`);
      const url = `http://127.0.0.1:${FRONT_PORT}${which === 'page' ? path : path.replace('/identity/password_set', REFERENCE_PAGE_PATH)}`;
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
      const lhr = result?.lhr;
      if (which === 'page') {
        for (const id of CATEGORIES) (pageScores[id] ??= []).push(Math.round((lhr?.categories[id]?.score ?? 0) * 100));
      }
      const scores = CATEGORIES.map((id) => `${id} ${Math.round((lhr?.categories[id]?.score ?? 0) * 100)}`).join(', ');
      const metrics = METRICS.map((id) => `${id.split('-').map((word) => word[0]).join('')} ${lhr?.audits[id]?.displayValue ?? '?'}`).join(', ');
      console.log(`${which.padEnd(9)} run ${run}: ${scores}; ${metrics}${lhr?.runtimeError ? ` (${lhr.runtimeError.code})` : ''}`);
    }
  }
} finally {
  await chrome.kill();
  front.closeAllConnections();
  front.close();
  emulator.kill('SIGTERM');
}

let belowTarget = false;
console.log(`\nThe page (median of ${RUNS} run${RUNS === 1 ? '' : 's'}):`);
for (const id of CATEGORIES) {
  const sorted = [...(pageScores[id] ?? [0])].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const target = TARGETS[id] ?? 0;
  belowTarget ||= median < target;
  console.log(`  ${id.padEnd(15)} ${String(median).padStart(3)}  (target ≥ ${target}) ${median >= target ? 'ok' : 'BELOW TARGET'}`);
}
process.exitCode = belowTarget ? 1 : 0;
