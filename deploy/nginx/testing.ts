/**
 * Helpers for the nginx tests (not a test file itself): render the configuration with `render.sh` and
 * start a real nginx from the Debian package with it, the way the container does
 * (`docker-entrypoint.sh`), on a free port of 127.0.0.1. Raw HTTP requests that show the bytes on the
 * wire are `server/raw-http.ts`'s, shared with the Node production server's tests.
 */
import { type ChildProcessByStdio, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

import { rawRequest } from '../../server/raw-http';

/** The folder of the nginx configuration, its templates and scripts. */
export const NGINX_DEPLOY_DIR = __dirname;

/** The nginx binary: Debian's, or `NGINX_BIN`. */
export const NGINX_BIN = process.env['NGINX_BIN'] ?? '/usr/sbin/nginx';

/** Debian's folder of nginx's dynamic modules (`NGINX_MODULES_DIR` for another). */
export const NGINX_MODULES_DIR = process.env['NGINX_MODULES_DIR'] ?? '/usr/lib/nginx/modules';

/** What a machine lacks to run the nginx tests, or `null` when it has it all. */
export function nginxMissing(): string | null {
  const missing = [
    existsSync(NGINX_BIN) ? null : `nginx (${NGINX_BIN})`,
    existsSync(join(NGINX_MODULES_DIR, 'ngx_http_brotli_static_module.so'))
      ? null
      : 'libnginx-mod-http-brotli-static',
    existsSync(join(NGINX_MODULES_DIR, 'ngx_http_headers_more_filter_module.so'))
      ? null
      : 'libnginx-mod-http-headers-more-filter',
  ].filter((part) => part !== null);
  return missing.length === 0 ? null : missing.join(', ');
}

/**
 * Says loudly, once per process, that the nginx tests are skipped and why. Only where nginx cannot be
 * installed: `.ci/run` installs it, so on our machines and CI they always run.
 */
export function announceNginxSkipped(missing: string): void {
  const line = '!'.repeat(100);
  console.error(
    [
      line,
      `!! SKIPPED: the nginx tests need ${missing}.`,
      '!! Install them: apt-get install -y --no-install-recommends nginx-light libnginx-mod-http-brotli-static libnginx-mod-http-headers-more-filter brotli',
      line,
    ].join('\n'),
  );
}

/** The result of running `render.sh`. */
export interface RenderResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `render.sh <siteDir> <outDir>` with the given environment (over a clean one: no inherited CIDAAS_BASE_URL). */
export function render(
  siteDir: string,
  outDir: string,
  env: Readonly<Record<string, string>> = {},
): RenderResult {
  const result = spawnSync(join(NGINX_DEPLOY_DIR, 'render.sh'), [siteDir, outDir], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NGINX_MODULES_DIR, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A free TCP port of 127.0.0.1, as the kernel hands one out. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListening) => server.listen(0, '127.0.0.1', resolveListening));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolveClosed) => server.close(() => resolveClosed()));
  return port;
}

/** A running nginx. */
export interface RunningNginx {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The render folder: the rendered configuration and page, the pid file, the access log. */
  readonly runtimeDir: string;
  /** What nginx wrote to stderr so far. */
  output(): string;
  /** Stops nginx (fast shutdown) and removes the render folder. */
  stop(): Promise<void>;
}

/** What {@link startNginx} serves and how it is configured. */
export interface NginxOptions {
  /** The built site (`dist/password-set/browser`). */
  readonly siteDir: string;
  /** The deployment's environment: CIDAAS_BASE_URL, FORM_ACTION_EXTRA, PASSWORD_SET_BROTLI, … */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Starts nginx through the container's entrypoint (`docker-entrypoint.sh`: render.sh, then nginx in the
 * foreground with `-e stderr`) on a free port, and resolves once it answers `/ping`.
 */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startNginxOnce(options, await freePort());
    } catch (error) {
      // Another process took the port between our look and nginx's bind: try another one.
      if (attempt < 3 && error instanceof Error && /Address already in use/.test(error.message))
        continue;
      throw error;
    }
  }
}

async function startNginxOnce(options: NginxOptions, port: number): Promise<RunningNginx> {
  const runtimeDir = mkdtempSync(join(tmpdir(), 'password-set-nginx-'));
  // Run as root (CI), nginx's workers drop to "nobody": they must be able to read the render folder.
  chmodSync(runtimeDir, 0o755);
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    join(NGINX_DEPLOY_DIR, 'docker-entrypoint.sh'),
    [],
    {
      env: {
        PATH: `${dirname(NGINX_BIN)}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
        NGINX_MODULES_DIR,
        PASSWORD_SET_SITE_DIR: options.siteDir,
        PASSWORD_SET_RUNTIME_DIR: runtimeDir,
        PASSWORD_SET_ACCESS_LOG: join(runtimeDir, 'access.log'),
        NGINX_WORKER_PROCESSES: '1',
        HOST: '127.0.0.1',
        PORT: String(port),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) =>
    child.once('exit', (code) => resolveExit(code)),
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(runtimeDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 15_000;
  for (;;) {
    const state = await Promise.race([exited.then(() => 'exited' as const), ping(url)]);
    if (state === 'exited') {
      await stop();
      throw new Error(`nginx exited before it answered:\n${output}`);
    }
    if (state === 'ready') break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not answer on ${url} within 15 s:\n${output}`);
    }
    await new Promise((resolveLater) => setTimeout(resolveLater, 50));
  }
  return { url, runtimeDir, output: () => output, stop };
}

/** Whether the server answers `/ping` with 200 yet. */
async function ping(url: string): Promise<'ready' | 'not yet'> {
  try {
    const response = await rawRequest(url, '/ping');
    return response.status === 200 ? 'ready' : 'not yet';
  } catch {
    return 'not yet';
  }
}

/** Reads a file of the render folder. */
export function renderedFile(nginx: RunningNginx, name: string): Buffer {
  return readFileSync(join(nginx.runtimeDir, name));
}
