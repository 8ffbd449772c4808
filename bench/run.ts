/**
 * `npm run bench`: how fast the password_set page becomes usable on a bad phone connection, next to a
 * hand-written reference page with the same form.
 *
 * 1. Builds the page for production into `dist-bench/` with `--stats-json` (skip with `BENCH_SKIP_BUILD=1`).
 * 2. Starts the cidaas emulator (child process) and, in this process, a front server
 *    (`bench/front-server.ts`) that serves the page through the production server app (compression
 *    on), the reference under `/bench-reference/`, and forwards the API to the emulator.
 * 3. Loads both pages alternately, N times each (`BENCH_RUNS`, default 7), in headless Chromium with
 *    CDP network emulation (150 ms RTT, 1.6 Mbps down, 750 kbps up) and 4× CPU slowdown, each run in a
 *    fresh browser context (cold cache, new connections).
 * 4. Prints median and spread, writes `bench/results/latest.json` and `latest.md` (and the table into
 *    README.md between the `bench:latest` markers), and prints where the initial bytes go
 *    (`bench/bundle-breakdown.ts`, also written to `bench/results/bundle.md`).
 *
 * Environment: `BENCH_RUNS` (default 7), `BENCH_PORT` (front server, default 4370; the emulator uses
 * the next port), `BENCH_LANG` (`ui_locales` of the page, default none = English), `BENCH_SKIP_BUILD=1`,
 * `BENCH_OUTPUT_DIR` (measure another `ng build --stats-json` output folder instead of building; results
 * still go to `bench/results/` unless `BENCH_RESULTS_DIR` is set), `CHROME_PATH` (default `/usr/bin/chromium`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

import { chromium, type Browser, type CDPSession } from '@playwright/test';

import { INITIAL_JS_CSS_TARGET_BYTES } from '../scripts/budget';
import { bundleBreakdown, type BundleBreakdown } from './bundle-breakdown';
import { README_END, README_START, replaceBetweenMarkers } from './readme-table';
import { REFERENCE_PAGE_PATH, createFrontApp } from './front-server';
import {
  CRITICAL_KINDS,
  bytesByKind,
  classifyRequest,
  criticalRoundTrips,
  initialJsCssGzip,
  inlineStyleText,
  summarize,
  type RecordedRequest,
  type RequestKind,
  type Summary,
} from './metrics';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium';

const ROOT = resolve(__dirname, '..');
// Another build to measure (e.g. an experiment built elsewhere); with it, nothing is built.
const OUTPUT_DIR = process.env['BENCH_OUTPUT_DIR']
  ? resolve(process.env['BENCH_OUTPUT_DIR'])
  : join(ROOT, 'dist-bench');
const DIST_DIR = join(OUTPUT_DIR, 'browser');
const DEFAULT_RESULTS_DIR = join(ROOT, 'bench', 'results');
const RESULTS_DIR = process.env['BENCH_RESULTS_DIR']
  ? resolve(process.env['BENCH_RESULTS_DIR'])
  : DEFAULT_RESULTS_DIR;

/** The emulated network and CPU: a bad phone connection (the issue's numbers). */
export const CONDITIONS = {
  rttMs: 150,
  downloadBitsPerSecond: 1_600_000,
  uploadBitsPerSecond: 750_000,
  cpuSlowdown: 4,
} as const;

/** The target the issue sets: our time to a usable form at most this multiple of the reference's. */
export const TIME_RATIO_TARGET = 1.3;

const CHROME_FLAGS = ['--headless=new', ...CHROMIUM_FLAGS];

/** One page load's measurements. */
export interface RunResult {
  /** ms from navigation start until the form was usable (after the next frame). */
  readonly usableMs: number;
  /** First Contentful Paint, ms from navigation start (`null` if Chromium reported none). */
  readonly fcpMs: number | null;
  /** Largest Contentful Paint, ms from navigation start (`null` if Chromium reported none). */
  readonly lcpMs: number | null;
  readonly roundTrips: number;
  /** Requests started before the form was usable (all kinds). */
  readonly requests: number;
  readonly bytes: Record<RequestKind, { transferred: number; gzip: number; count: number }>;
  /** Initial JS+CSS, gzip level 6, inline CSS included (see `initialJsCssGzip`). */
  readonly initialJsCssGzip: number;
  readonly requestLog: readonly RecordedRequest[];
}

/** The aggregated measurements of one page. */
export interface PageSummary {
  readonly usableMs: Summary;
  /** Over the runs that reported one; `null` when none did. */
  readonly fcpMs: Summary | null;
  /** Over the runs that reported one; `null` when none did. */
  readonly lcpMs: Summary | null;
  readonly roundTrips: Summary;
  readonly requests: Summary;
  /** Critical-path bytes (HTML, JS, CSS, translations, API), as transferred (headers included). */
  readonly criticalTransferred: Summary;
  /** The same responses' bodies gzipped by the benchmark (level 6). */
  readonly criticalGzip: Summary;
  /** Initial JS + CSS bodies, gzip level 6 (the build's budget, `INITIAL_JS_CSS_TARGET_BYTES`). */
  readonly jsCssGzip: Summary;
  /** Per kind: median transferred and gzip bytes and request count. */
  readonly byKind: Record<RequestKind, { transferred: number; gzip: number; count: number }>;
}

function isBenchMarks(
  value: unknown,
): value is { usable: number | null; fcp: number | null; lcp: number | null } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'usable' in value &&
    'fcp' in value &&
    'lcp' in value
  );
}

/** The summary of the runs that reported a value, or `null` when none did. */
function summarizeReported(values: readonly (number | null)[]): Summary | null {
  const reported = values.filter((value): value is number => value !== null);
  return reported.length === 0 ? null : summarize(reported);
}

interface PendingRequest {
  url: string;
  kind: RequestKind;
  start: number;
  initiatorUrl: string | null;
}

function initiatorUrlOf(initiator: {
  url?: string;
  stack?: { callFrames: { url: string }[]; parent?: unknown };
}): string | null {
  if (initiator.url) return initiator.url;
  const frame = initiator.stack?.callFrames.find((candidate) => candidate.url !== '');
  return frame?.url ?? null;
}

function inlineCssGzip(html: string): number {
  const css = inlineStyleText(html);
  return css === '' ? 0 : gzipSync(css, { level: 6 }).length;
}

async function recordNetwork(session: CDPSession): Promise<() => Promise<RecordedRequest[]>> {
  const pending = new Map<string, PendingRequest & { received: number; responded: boolean }>();
  const done: Promise<RecordedRequest | null>[] = [];
  let origin: number | null = null;
  session.on('Network.requestWillBeSent', (event) => {
    if (event.request.url.startsWith('data:')) return;
    origin ??= event.timestamp;
    pending.set(event.requestId, {
      url: event.request.url,
      kind: classifyRequest(event.request.url, event.type ?? 'Other'),
      start: (event.timestamp - origin) * 1000,
      initiatorUrl: initiatorUrlOf(event.initiator),
      received: 0,
      responded: false,
    });
  });
  session.on('Network.responseReceived', (event) => {
    const request = pending.get(event.requestId);
    if (request === undefined) return;
    request.responded = true;
    request.received = event.response.encodedDataLength;
  });
  session.on('Network.dataReceived', (event) => {
    const request = pending.get(event.requestId);
    if (request !== undefined) request.received += event.encodedDataLength;
  });
  const finish = (requestId: string, timestamp: number, encodedDataLength: number | null): void => {
    const request = pending.get(requestId);
    if (request === undefined || origin === null) return;
    pending.delete(requestId);
    // Angular's fetch backend aborts each request once it has read the whole body, so a request can end
    // "canceled" after a complete response: count what arrived, and keep it when a response was there.
    if (encodedDataLength === null && !request.responded) return;
    const { received, responded: _responded, ...recorded } = request;
    const end = (timestamp - origin) * 1000;
    done.push(
      session
        .send('Network.getResponseBody', { requestId })
        .catch(() => null)
        .then((body) => {
          const content =
            body === null
              ? Buffer.alloc(0)
              : Buffer.from(body.body, body.base64Encoded ? 'base64' : 'utf8');
          return {
            id: requestId,
            ...recorded,
            end,
            transferredBytes: encodedDataLength ?? received,
            gzipBytes: content.length === 0 ? 0 : gzipSync(content, { level: 6 }).length,
            inlineCssGzipBytes:
              recorded.kind === 'html' ? inlineCssGzip(content.toString('utf8')) : 0,
          };
        }),
    );
  };
  session.on('Network.loadingFinished', (event) =>
    finish(event.requestId, event.timestamp, event.encodedDataLength),
  );
  session.on('Network.loadingFailed', (event) => finish(event.requestId, event.timestamp, null));
  await session.send('Network.enable');
  return async () =>
    (await Promise.all(done)).filter((request): request is RecordedRequest => request !== null);
}

async function loadOnce(browser: Browser, url: string): Promise<RunResult> {
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1.75,
    isMobile: true,
    hasTouch: true,
  });
  try {
    const page = await context.newPage();
    await page.addInitScript({ path: join(ROOT, 'bench', 'probes.js') });
    const session = await context.newCDPSession(page);
    const collect = await recordNetwork(session);
    await session.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: CONDITIONS.rttMs,
      downloadThroughput: CONDITIONS.downloadBitsPerSecond / 8,
      uploadThroughput: CONDITIONS.uploadBitsPerSecond / 8,
    });
    await session.send('Emulation.setCPUThrottlingRate', { rate: CONDITIONS.cpuSlowdown });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => {
        const marks: unknown = Reflect.get(window, '__bench');
        return typeof marks === 'object' && marks !== null && Reflect.get(marks, 'usable') !== null;
      },
      undefined,
      { timeout: 120_000, polling: 50 },
    );
    // LCP settles once nothing more loads (the logo may come last).
    await page.waitForLoadState('networkidle');
    const marks: unknown = await page.evaluate(() => Reflect.get(window, '__bench'));
    if (!isBenchMarks(marks) || marks.usable === null)
      throw new Error(`no usability mark on ${url}`);
    const requests = await collect();
    const usableAt = marks.usable;
    return {
      usableMs: usableAt,
      fcpMs: marks.fcp,
      lcpMs: marks.lcp,
      roundTrips: criticalRoundTrips(requests, usableAt),
      requests: requests.filter((request) => request.start <= usableAt).length,
      bytes: bytesByKind(requests, usableAt),
      initialJsCssGzip: initialJsCssGzip(requests, usableAt),
      requestLog: requests,
    };
  } finally {
    await context.close();
  }
}

function summarizePage(runs: readonly RunResult[]): PageSummary {
  const critical = (run: RunResult, field: 'transferred' | 'gzip'): number =>
    CRITICAL_KINDS.reduce((sum, kind) => sum + run.bytes[kind][field], 0);
  const medianOf = (kind: RequestKind): { transferred: number; gzip: number; count: number } => ({
    transferred: summarize(runs.map((run) => run.bytes[kind].transferred)).median,
    gzip: summarize(runs.map((run) => run.bytes[kind].gzip)).median,
    count: summarize(runs.map((run) => run.bytes[kind].count)).median,
  });
  const byKind = {
    html: medianOf('html'),
    js: medianOf('js'),
    css: medianOf('css'),
    translation: medianOf('translation'),
    api: medianOf('api'),
    other: medianOf('other'),
  };
  return {
    usableMs: summarize(runs.map((run) => run.usableMs)),
    fcpMs: summarizeReported(runs.map((run) => run.fcpMs)),
    lcpMs: summarizeReported(runs.map((run) => run.lcpMs)),
    roundTrips: summarize(runs.map((run) => run.roundTrips)),
    requests: summarize(runs.map((run) => run.requests)),
    criticalTransferred: summarize(runs.map((run) => critical(run, 'transferred'))),
    criticalGzip: summarize(runs.map((run) => critical(run, 'gzip'))),
    jsCssGzip: summarize(runs.map((run) => run.initialJsCssGzip)),
    byKind,
  };
}

async function startEmulator(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      PAGE_DIST_DIR: DIST_DIR,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.stdout === null) throw new Error('emulator has no stdout');
  for await (const chunk of child.stdout) {
    if (String(chunk).includes('open http://')) break;
  }
  child.stdout.resume();
  return child;
}

async function passwordSetPath(emulatorOrigin: string): Promise<string> {
  const response = await fetch(`${emulatorOrigin}/__emulator/login-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'new.user@example.com', password: 'Welcome-2026' }),
  });
  if (response.status !== 201) throw new Error(`login session: HTTP ${response.status}`);
  const body: unknown = await response.json();
  const url = typeof body === 'object' && body !== null ? Reflect.get(body, 'url') : undefined;
  if (typeof url !== 'string') throw new Error('login session: no url');
  return url;
}

// kB = 1000 bytes, as Angular's build output and budgets count them.
const README = join(ROOT, 'README.md');
function updateReadme(markdown: string): void {
  const updated = replaceBetweenMarkers(readFileSync(README, 'utf8'), markdown);
  if (updated === null)
    console.log(`README.md has no ${README_START} … ${README_END} markers: not updated.`);
  else writeFileSync(README, updated);
}

const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (value: number): string => `${Math.round(value)} ms`;
const spread = (summary: Summary, format: (value: number) => string): string =>
  `${format(summary.median)} (${format(summary.min)}–${format(summary.max)}, ±${Math.round((summary.relativeSpread * 100) / 2)}%)`;
const paintMs = (value: number | null): string => (value === null ? 'none' : ms(value));
/** A paint timing: its spread, with how many runs reported it when not all did. */
const paint = (summary: Summary | null, runs: number): string =>
  summary === null
    ? 'not reported'
    : `${spread(summary, ms)}${summary.runs < runs ? `, ${summary.runs} of ${runs} runs` : ''}`;

/** The result table in markdown: one row per measure, page next to reference. */
export function markdownTable(page: PageSummary, reference: PageSummary, runs: number): string {
  const ratio = page.usableMs.median / reference.usableMs.median;
  const rows: [string, string, string][] = [
    [
      'Time to usable form (median, min–max)',
      spread(page.usableMs, ms),
      spread(reference.usableMs, ms),
    ],
    ['First contentful paint', paint(page.fcpMs, runs), paint(reference.fcpMs, runs)],
    ['LCP', paint(page.lcpMs, runs), paint(reference.lcpMs, runs)],
    [
      'Sequential round trips (critical path)',
      String(page.roundTrips.median),
      String(reference.roundTrips.median),
    ],
    ['Requests before usable', String(page.requests.median), String(reference.requests.median)],
    [
      'Critical-path bytes, transferred',
      kb(page.criticalTransferred.median),
      kb(reference.criticalTransferred.median),
    ],
    [
      'Critical-path bytes, gzip-equivalent',
      kb(page.criticalGzip.median),
      kb(reference.criticalGzip.median),
    ],
    ...CRITICAL_KINDS.map((kind): [string, string, string] => [
      `  ${kind} (transferred / gzip, requests)`,
      `${kb(page.byKind[kind].transferred)} / ${kb(page.byKind[kind].gzip)}, ${page.byKind[kind].count}`,
      `${kb(reference.byKind[kind].transferred)} / ${kb(reference.byKind[kind].gzip)}, ${reference.byKind[kind].count}`,
    ]),
    [
      `Initial JS+CSS, gzip (budget ≤ ${kb(INITIAL_JS_CSS_TARGET_BYTES)})`,
      kb(page.jsCssGzip.median),
      kb(reference.jsCssGzip.median),
    ],
  ];
  return [
    `| measure (${runs} runs each; 150 ms RTT, 1.6 Mbps down, 750 kbps up, 4× CPU) | password_set page | hand-written reference |`,
    '| --- | --- | --- |',
    ...rows.map(([name, ours, theirs]) => `| ${name} | ${ours} | ${theirs} |`),
    '',
    `**Time to usable form: ${ratio.toFixed(2)}× the reference** (target ≤ ${TIME_RATIO_TARGET}×).`,
  ].join('\n');
}

function breakdownTable(breakdown: BundleBreakdown): string {
  const top = breakdown.groups.filter((group) => group.rawBytes >= 1024);
  const rest = breakdown.groups.filter((group) => group.rawBytes < 1024);
  return [
    `Initial files: ${breakdown.files.map((file) => `${file.file} ${kb(file.rawBytes)} raw / ${kb(file.gzipBytes)} gzip-6`).join(', ')}`,
    '',
    '| package / folder | raw | gzip (est.) |',
    '| --- | ---: | ---: |',
    ...top.map((group) => `| ${group.name} | ${kb(group.rawBytes)} | ${kb(group.gzipBytes)} |`),
    `| ${rest.length} smaller parts | ${kb(rest.reduce((sum, group) => sum + group.rawBytes, 0))} | ${kb(rest.reduce((sum, group) => sum + group.gzipBytes, 0))} |`,
    `| **total** | **${kb(breakdown.totalRawBytes)}** | **${kb(breakdown.totalGzipBytes)}** |`,
  ].join('\n');
}

async function main(): Promise<void> {
  const runs = Number(process.env['BENCH_RUNS'] ?? 7);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`BENCH_RUNS must be a positive integer, got "${process.env['BENCH_RUNS']}"`);
  const frontPort = Number(process.env['BENCH_PORT'] ?? 4370);
  const emulatorPort = frontPort + 1;
  const language = process.env['BENCH_LANG'];

  if (process.env['BENCH_SKIP_BUILD'] !== '1' && process.env['BENCH_OUTPUT_DIR'] === undefined) {
    console.log('Building for production into dist-bench/ …');
    const build = spawnSync(
      'npm',
      ['run', 'build', '--', '--output-path', 'dist-bench', '--stats-json'],
      { cwd: ROOT, stdio: 'inherit' },
    );
    if (build.status !== 0) throw new Error(`ng build failed (exit ${build.status})`);
  }

  const emulator = await startEmulator(emulatorPort);
  const emulatorOrigin = `http://127.0.0.1:${emulatorPort}`;
  const front: Server = createFrontApp({
    distDir: DIST_DIR,
    emulatorOrigin,
    referenceDir: join(ROOT, 'bench', 'reference'),
  }).listen(frontPort, '127.0.0.1');
  await once(front, 'listening');
  const origin = `http://127.0.0.1:${frontPort}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: false,
    args: CHROME_FLAGS,
  });
  const pageRuns: RunResult[] = [];
  const referenceRuns: RunResult[] = [];
  try {
    const locale = language ? `&ui_locales=${encodeURIComponent(language)}` : '';
    // One unmeasured load of each warms the servers (module compilation, first compression), not the browser.
    const warmPath = await passwordSetPath(emulatorOrigin);
    await loadOnce(browser, `${origin}${warmPath}${locale}`);
    await loadOnce(
      browser,
      `${origin}${warmPath.replace('/identity/password_set', REFERENCE_PAGE_PATH)}${locale}`,
    );
    for (let run = 1; run <= runs; run++) {
      // Alternate, so both pages see the same machine noise.
      const path = await passwordSetPath(emulatorOrigin);
      const page = await loadOnce(browser, `${origin}${path}${locale}`);
      pageRuns.push(page);
      const referencePath = (await passwordSetPath(emulatorOrigin)).replace(
        '/identity/password_set',
        REFERENCE_PAGE_PATH,
      );
      const reference = await loadOnce(browser, `${origin}${referencePath}${locale}`);
      referenceRuns.push(reference);
      console.log(
        `run ${run}/${runs}: page ${ms(page.usableMs)} (FCP ${paintMs(page.fcpMs)}, LCP ${paintMs(page.lcpMs)}), reference ${ms(reference.usableMs)} (FCP ${paintMs(reference.fcpMs)}, LCP ${paintMs(reference.lcpMs)})`,
      );
    }
  } finally {
    await browser.close();
    front.closeAllConnections();
    front.close();
    emulator.kill('SIGTERM');
    await once(emulator, 'exit');
  }

  const page = summarizePage(pageRuns);
  const reference = summarizePage(referenceRuns);
  const breakdown = bundleBreakdown(OUTPUT_DIR);
  const table = markdownTable(page, reference, runs);
  const ratio = page.usableMs.median / reference.usableMs.median;
  const serving =
    'Served by the production server app (server/production.ts: the files precompressed by the build, brotli 11 or gzip 9, anything else ' +
    'compressed on the fly) for the page, on-the-fly `compression` for the reference and the API (forwarded to the emulator). "Transferred" is what Chromium received (headers included, brotli/gzip as ' +
    'negotiated; what is compressed on the fly is compressed from 1 kB up); "gzip-equivalent" is each body gzipped at level 6 by the benchmark, without headers. ' +
    '"Initial JS+CSS" includes CSS inlined in the HTML; the build fails above its budget (`scripts/build.ts`).';
  const markdown = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Chromium headless, ${language ? `ui_locales=${language}` : 'English'}.`,
    '',
    table,
    '',
    serving,
    '',
  ].join('\n');

  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    join(RESULTS_DIR, 'latest.json'),
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        conditions: CONDITIONS,
        language: language ?? 'en',
        runs,
        page,
        reference,
        usableRatio: ratio,
        targets: {
          usableRatio: TIME_RATIO_TARGET,
          initialJsCssGzipBytes: INITIAL_JS_CSS_TARGET_BYTES,
        },
        bundle: breakdown,
        lastRunRequests: {
          page: pageRuns.at(-1)?.requestLog,
          reference: referenceRuns.at(-1)?.requestLog,
        },
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(join(RESULTS_DIR, 'latest.md'), markdown);
  writeFileSync(join(RESULTS_DIR, 'bundle.md'), `${breakdownTable(breakdown)}\n`);
  if (RESULTS_DIR === DEFAULT_RESULTS_DIR) updateReadme(markdown);

  console.log(`\n${markdown}`);
  console.log(
    'Where the initial bytes go (ng build --stats-json; gzip shared out by raw bytes):\n',
  );
  console.log(breakdownTable(breakdown));
  const verdict = (ok: boolean): string => (ok ? 'ok' : 'ABOVE TARGET');
  console.log(
    `\nVerdict: time ${ratio.toFixed(2)}× the reference (target ≤ ${TIME_RATIO_TARGET}×) ${verdict(ratio <= TIME_RATIO_TARGET)}; ` +
      `critical-path bytes ${kb(page.criticalTransferred.median)} transferred; ` +
      `initial JS+CSS ${kb(page.jsCssGzip.median)} gzip (target ≤ ${kb(INITIAL_JS_CSS_TARGET_BYTES)}) ${verdict(page.jsCssGzip.median <= INITIAL_JS_CSS_TARGET_BYTES)}.`,
  );
  console.log('Results: bench/results/latest.json, latest.md, bundle.md');
}

main().catch((error: unknown) => {
  console.error('bench failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
