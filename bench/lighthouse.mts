/**
 * Lighthouse (mobile preset) on the page AND the hand-written reference, both served like production
 * (compressed, through `bench/front-server.ts`), to compare with `npm run lighthouse`, which loads the
 * page from the emulator without compression. Run: `node --import tsx bench/lighthouse.mts`
 * (`LIGHTHOUSE_RUNS`, default 2 per page; needs `dist-bench/`, e.g. from `npm run bench`; ports:
 * `BENCH_PORT`, default 4370, and the next one for the emulator).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

import { REFERENCE_PAGE_PATH, createFrontApp } from './front-server.js';

const ROOT = resolve(import.meta.dirname, '..');
const DIST_DIR = join(ROOT, 'dist-bench', 'browser');
const FRONT_PORT = Number(process.env['BENCH_PORT'] ?? 4370);
const EMULATOR_ORIGIN = `http://127.0.0.1:${FRONT_PORT + 1}`;
const RUNS = Number(process.env['LIGHTHOUSE_RUNS'] ?? 2);
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
  chromePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
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
