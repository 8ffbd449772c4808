/**
 * `npm run lighthouse`: Lighthouse (mobile preset) on the password_set page and on the hand-written
 * reference, both served like production (compressed, through `bench/front-server.ts`) with the
 * emulator as cidaas. Prints performance, accessibility and best-practices for each run, then the
 * page's median against the targets, and fails when one is below: performance at least the
 * reference's median in the same run (absolute scores move with the machine's load), accessibility
 * and best practices 100. Needs a build (`npm run build`, or
 * `PAGE_DIST_DIR`); `LIGHTHOUSE_RUNS` (default 1 per page); `LIGHTHOUSE_REPORT_DIR` keeps each report; ports `BENCH_PORT` (default 4370) and the
 * next one for the emulator.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.js';
import { REFERENCE_PAGE_PATH, createFrontApp } from './front-server.js';

const ROOT = resolve(import.meta.dirname, '..');
const DIST_DIR = resolve(
  process.env['PAGE_DIST_DIR'] ?? join(ROOT, 'dist', 'password-set', 'browser'),
);
const FRONT_PORT = Number(process.env['BENCH_PORT'] ?? 4370);
const EMULATOR_ORIGIN = `http://127.0.0.1:${FRONT_PORT + 1}`;
const RUNS = Number(process.env['LIGHTHOUSE_RUNS'] ?? 1);
/** Where to keep each run's full report (`<page|reference>-<run>.json`), for a look at the audits; none when unset. */
const REPORT_DIR = process.env['LIGHTHOUSE_REPORT_DIR'];
/** The targets for the page that do not depend on the run (performance is measured against the reference). */
const FIXED_TARGETS: Readonly<Record<string, number>> = {
  accessibility: 100,
  'best-practices': 100,
};
const scoresOf: Record<'page' | 'reference', Record<string, number[]>> = {
  page: {},
  reference: {},
};
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
];

const emulator = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: ROOT,
  env: {
    ...process.env,
    PORT: String(FRONT_PORT + 1),
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    PAGE_DIST_DIR: DIST_DIR,
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
for await (const chunk of emulator.stdout) {
  if (String(chunk).includes('open http://')) break;
}
emulator.stdout.resume();
const front = createFrontApp({
  distDir: DIST_DIR,
  emulatorOrigin: EMULATOR_ORIGIN,
  referenceDir: join(ROOT, 'bench', 'reference'),
}).listen(FRONT_PORT, '127.0.0.1');
await once(front, 'listening');
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
});
try {
  for (let run = 1; run <= RUNS; run++) {
    for (const which of ['page', 'reference'] as const) {
      const response = await fetch(`${EMULATOR_ORIGIN}/__emulator/login-sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'new.user@example.com', password: 'Welcome-2026' }),
      });
      const body: unknown = await response.json();
      const path = typeof body === 'object' && body !== null ? Reflect.get(body, 'url') : undefined;
      if (typeof path !== 'string') throw new Error(`login session: HTTP ${response.status}`);
      const url = `http://127.0.0.1:${FRONT_PORT}${which === 'page' ? path : path.replace('/identity/password_set', REFERENCE_PAGE_PATH)}`;
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: CATEGORIES,
      });
      const lhr = result?.lhr;
      if (REPORT_DIR !== undefined && lhr !== undefined)
        writeFileSync(join(REPORT_DIR, `${which}-${run}.json`), JSON.stringify(lhr));
      // A run Lighthouse could not measure (e.g. NO_NAVSTART) has no scores: it is reported, not counted as 0.
      if (!lhr?.runtimeError)
        for (const id of CATEGORIES)
          (scoresOf[which][id] ??= []).push(Math.round((lhr?.categories[id]?.score ?? 0) * 100));
      const scores = CATEGORIES.map(
        (id) => `${id} ${Math.round((lhr?.categories[id]?.score ?? 0) * 100)}`,
      ).join(', ');
      const metrics = METRICS.map(
        (id) =>
          `${id
            .split('-')
            .map((word) => word[0])
            .join('')} ${lhr?.audits[id]?.displayValue ?? '?'}`,
      ).join(', ');
      console.log(
        `${which.padEnd(9)} run ${run}: ${scores}; ${metrics}${lhr?.runtimeError ? ` (${lhr.runtimeError.code})` : ''}`,
      );
    }
  }
} finally {
  await chrome.kill();
  front.closeAllConnections();
  front.close();
  emulator.kill('SIGTERM');
}

const median = (scores: readonly number[] | undefined): number => {
  const sorted = [...(scores ?? [0])].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
let belowTarget = false;
console.log(`\nThe page (median of ${RUNS} run${RUNS === 1 ? '' : 's'}):`);
for (const id of CATEGORIES) {
  const score = median(scoresOf.page[id]);
  const target = FIXED_TARGETS[id] ?? median(scoresOf.reference[id]);
  const against = id in FIXED_TARGETS ? '' : ', the reference in this run';
  belowTarget ||= score < target;
  console.log(
    `  ${id.padEnd(15)} ${String(score).padStart(3)}  (target ≥ ${target}${against}) ${score >= target ? 'ok' : 'BELOW TARGET'}`,
  );
}
process.exitCode = belowTarget ? 1 : 0;
