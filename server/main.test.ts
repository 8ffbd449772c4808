import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/** Starts `server/main.ts` on a free port, waits for the banner, and returns it with the process. */
async function startMain(
  env: Readonly<Record<string, string>>,
): Promise<{ banner: string; url: string; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'main.ts')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${output}`)), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/Demo users[\s\S]*regular\.user/.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  const port = /open http:\/\/localhost:(\d+)\//.exec(banner)?.[1];
  assert.ok(port, banner);
  return {
    banner,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

describe('server/main.ts', () => {
  it('prints the URL and the demo users, serves, and exits 0 on SIGTERM', async () => {
    const main = await startMain({});
    try {
      assert.match(main.banner, /open http:\/\/localhost:\d+\//);
      for (const text of [
        'new.user@example.com',
        'Welcome-2026',
        'flagged.user@example.com',
        'Flagged-2026',
        'regular.user@example.com',
        'Regular-2026',
      ]) {
        assert.ok(main.banner.includes(text), text);
      }
      assert.equal((await fetch(`${main.url}/`)).status, 200);
      assert.equal((await fetch(`${main.url}/__emulator/faults`)).status, 200);
    } finally {
      assert.equal(await main.stop(), 0);
    }
  });

  it('disables the control API with EMULATOR_CONTROL=0 and with NODE_ENV=production', async () => {
    const environments: ReadonlyArray<Readonly<Record<string, string>>> = [
      { EMULATOR_CONTROL: '0' },
      { NODE_ENV: 'production' },
    ];
    for (const env of environments) {
      const main = await startMain(env);
      try {
        assert.match(main.banner, /test-control API disabled/);
        assert.equal((await fetch(`${main.url}/__emulator/reset`, { method: 'POST' })).status, 404);
      } finally {
        assert.equal(await main.stop(), 0);
      }
    }
  });
});
