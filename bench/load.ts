/**
 * The load test (`npm run load`): starts the production server (`server/production.ts`, what
 * `npm run serve` runs) on the built page and requests, all at once with autocannon, the page (with a
 * real password_set query, brotli accepted, German first), the main script, a translation file and a
 * 404 (a theme that does not exist, as most clients have none). One run at 200 connections, one at
 * 500, shared out evenly over the four targets.
 *
 * It prints requests/s, p99 latency, errors, non-2xx, 5xx and unexpected statuses per target, writes
 * `bench/results/load.md` and the README's table (between the `load:latest` markers), and exits 1 when
 * a run misses its targets: no errors and no 5xx at 500 connections, and the page (compressed) at no
 * less than 80 % of the main script's requests/s in every run.
 *
 * Needs a build (`npm run build`). Environment: `LOAD_CONNECTIONS` (default `200,500`),
 * `LOAD_DURATION_SECONDS` (default 10), `LOAD_PORT` (default 0: any free port), `PAGE_DIST_DIR`.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';

import autocannon from 'autocannon';

import { DEFAULT_DIST_DIR } from '../server/static';
import {
  connectionsPerTarget,
  type LoadCriteria,
  type LoadRun,
  type LoadTarget,
  runFailures,
  runTable,
  summarizeTarget,
} from './load-report';
import { replaceBetweenMarkers } from './readme-table';

const ROOT = resolve(__dirname, '..');
const RESULTS_DIR = join(__dirname, 'results');
const README = join(ROOT, 'README.md');
const README_START = '<!-- load:latest:start -->';
const README_END = '<!-- load:latest:end -->';

const CRITERIA: LoadCriteria = {
  errorFreeFromConnections: 500,
  compared: 'page',
  reference: 'main script',
  minimumRateRatio: 0.8,
};

// What Chromium sends.
const BROWSER_HEADERS = {
  'accept-encoding': 'gzip, deflate, br, zstd',
  'accept-language': 'de-DE,de;q=0.9,en;q=0.8',
  'user-agent':
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
};

function positiveIntegers(
  name: string,
  value: string | undefined,
  fallback: readonly number[],
): number[] {
  if (value === undefined || value.trim() === '') return [...fallback];
  const numbers = value.split(',').map((part) => Number(part.trim()));
  if (numbers.some((number) => !Number.isInteger(number) || number <= 0))
    throw new Error(`${name} must be positive integers separated by commas, got "${value}"`);
  return numbers;
}

/** The four targets, with the main script's name read from the built index.html. */
function targets(distDir: string): LoadTarget[] {
  const indexHtml = readFileSync(join(distDir, 'index.html'), 'utf8');
  const mainScript = /<script\b[^>]*\bsrc="(main-[A-Z0-9]{8}\.js)"/.exec(indexHtml)?.[1];
  if (mainScript === undefined) throw new Error(`no main-….js in ${join(distDir, 'index.html')}`);
  const query =
    'lsid=1ea61648-fbe7-4673-bb8b-18a06d8addd8&requestId=9080d117-43e2-4a03-8215-a9f7a03e2999';
  return [
    {
      name: 'page',
      path: `/identity/password_set?${query}`,
      expectedStatus: 200,
      headers: { ...BROWSER_HEADERS, accept: 'text/html' },
    },
    { name: 'main script', path: `/${mainScript}`, expectedStatus: 200, headers: BROWSER_HEADERS },
    { name: 'translation', path: '/i18n/de.json', expectedStatus: 200, headers: BROWSER_HEADERS },
    {
      name: '404',
      path: '/themes/unknown-client.json',
      expectedStatus: 404,
      headers: BROWSER_HEADERS,
    },
  ];
}

/** Starts `server/production.ts` as `npm run serve` does and resolves with its origin. */
async function startServer(
  distDir: string,
  port: number,
): Promise<{ origin: string; child: ChildProcessByStdio<null, Readable, Readable> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'server', 'production.ts')],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        PAGE_DIST_DIR: distDir,
        CIDAAS_BASE_URL: 'https://acme.cidaas.de',
        FORM_ACTION_EXTRA: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const origin = await new Promise<string>((resolveOrigin, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1];
      if (listening !== undefined) resolveOrigin(`http://127.0.0.1:${listening}`);
    });
    child.once('exit', (code) =>
      reject(new Error(`the production server exited ${code}: ${output}`)),
    );
  });
  child.stdout.resume();
  return { origin, child };
}

function stopServer(child: ChildProcessByStdio<null, Readable, Readable>): Promise<void> {
  return new Promise((resolveStopped) => {
    if (child.exitCode !== null) {
      resolveStopped();
      return;
    }
    child.once('exit', () => resolveStopped());
    child.kill('SIGTERM');
  });
}

/** Requests every target at once with its share of `connections` for `durationSeconds`. */
async function run(
  origin: string,
  loadTargets: readonly LoadTarget[],
  connections: number,
  durationSeconds: number,
): Promise<LoadRun> {
  const shares = connectionsPerTarget(connections, loadTargets.length);
  const results = await Promise.all(
    loadTargets.map(async (target, index) => {
      const share = shares[index] ?? 1;
      const outcome = await autocannon({
        url: `${origin}${target.path}`,
        connections: share,
        duration: durationSeconds,
        headers: { ...target.headers },
        timeout: 10,
      });
      return summarizeTarget(target, share, outcome);
    }),
  );
  return { connections, durationSeconds, results };
}

async function main(): Promise<void> {
  const distDir = process.env['PAGE_DIST_DIR']
    ? resolve(process.env['PAGE_DIST_DIR'])
    : DEFAULT_DIST_DIR;
  if (!existsSync(join(distDir, 'index.html')))
    throw new Error(
      `The page is not built (${join(distDir, 'index.html')} is missing): run "npm run build" first.`,
    );
  const connectionCounts = positiveIntegers(
    'LOAD_CONNECTIONS',
    process.env['LOAD_CONNECTIONS'],
    [200, 500],
  );
  const [durationSeconds = 10] = positiveIntegers(
    'LOAD_DURATION_SECONDS',
    process.env['LOAD_DURATION_SECONDS'],
    [10],
  );
  const [port = 0] = positiveIntegers('LOAD_PORT', process.env['LOAD_PORT'], [0]);
  const loadTargets = targets(distDir);
  const server = await startServer(distDir, port);
  const runs: LoadRun[] = [];
  // What else the machine was doing: the numbers only mean something next to it.
  const [loadBefore = 0] = loadavg();
  try {
    // Warm up (JIT, file caches), unrecorded.
    await run(server.origin, loadTargets, loadTargets.length * 4, 2);
    for (const connections of connectionCounts) {
      console.log(`load: ${connections} connections for ${durationSeconds} s…`);
      runs.push(await run(server.origin, loadTargets, connections, durationSeconds));
    }
  } finally {
    await stopServer(server.child);
  }

  const measured = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const failures = runs.flatMap((result) => runFailures(result, CRITERIA));
  const markdown = [
    `Measured ${measured} UTC with autocannon against \`npm run serve\` (the production server, one process) on 127.0.0.1, the load generator on the same machine (${availableParallelism()} cores, load average ${loadBefore.toFixed(1)} before the run).`,
    '',
    ...runs.flatMap((result) => [runTable(result, CRITERIA), '']),
    failures.length === 0
      ? `Targets met: no errors and no 5xx at ${CRITERIA.errorFreeFromConnections} connections; the page at ≥ ${Math.round(CRITERIA.minimumRateRatio * 100)} % of the main script's requests/s.`
      : `**Targets missed:** ${failures.join('; ')}.`,
  ].join('\n');
  console.log(`\n${markdown}\n`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'load.md'), `${markdown}\n`);
  const updated = replaceBetweenMarkers(
    readFileSync(README, 'utf8'),
    markdown,
    README_START,
    README_END,
  );
  if (updated === null)
    console.log(`README.md has no ${README_START} … ${README_END} markers: not updated.`);
  else writeFileSync(README, updated);
  if (failures.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`load test failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
