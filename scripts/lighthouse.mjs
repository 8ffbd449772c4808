// `npm run lighthouse`: Lighthouse (mobile preset) on the password_set page served by the emulator,
// with Debian's Chromium. Prints the performance, accessibility and best-practices scores and fails
// when one is below its target. Needs a build (`npm run build`).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const PORT = Number(process.env.LIGHTHOUSE_PORT ?? 4390);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const TARGETS = { performance: 98, accessibility: 100, 'best-practices': 100 };
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

async function startEmulator() {
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const chunk of server.stdout) {
    if (String(chunk).includes('open http://')) break;
  }
  return server;
}

async function passwordSetUrl() {
  const response = await fetch(`${ORIGIN}/__emulator/login-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'new.user@example.com', password: 'Welcome-2026' }),
  });
  if (response.status !== 201) throw new Error(`login session: HTTP ${response.status}`);
  const { url } = await response.json();
  return `${ORIGIN}${url}`;
}

const server = await startEmulator();
let chrome;
let failed = false;
try {
  const url = await passwordSetUrl();
  chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', chromeFlags: CHROME_FLAGS });
  const result = await lighthouse(url, {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: Object.keys(TARGETS),
  });
  const categories = result?.lhr.categories ?? {};
  console.log(`Lighthouse ${result?.lhr.lighthouseVersion} (mobile) on ${url.replace(/lsid=[^&]+/, 'lsid=…')}`);
  for (const [id, target] of Object.entries(TARGETS)) {
    const score = Math.round((categories[id]?.score ?? 0) * 100);
    const ok = score >= target;
    failed ||= !ok;
    console.log(`  ${id.padEnd(15)} ${String(score).padStart(3)}  (target ≥ ${target}) ${ok ? 'ok' : 'BELOW TARGET'}`);
    if (!ok) {
      for (const ref of categories[id]?.auditRefs ?? []) {
        const audit = result.lhr.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) console.log(`      - ${audit.id}: ${audit.title} (${audit.displayValue ?? audit.score})`);
      }
    }
  }
} finally {
  await chrome?.kill();
  server.kill('SIGTERM');
  await once(server, 'exit');
}
process.exitCode = failed ? 1 : 0;
