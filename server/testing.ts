/**
 * Helpers for the server tests (not a test file itself): start the emulator on an ephemeral port
 * with a controllable clock, small fetch wrappers that never follow redirects, and the production
 * server as a process of its own (for the server tests and the e2e stories).
 */
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { createEmulatorApp, type EmulatorOptions } from './emulator/app';
import type { FaultRegistry } from './emulator/faults';
import type { EmulatorStore } from './emulator/store';

/** A cheap scrypt cost so the suite stays fast; hashes stay self-describing, so nothing else changes. */
export const TEST_SCRYPT_COST = 1024;

/** The fixed start of the test clock. */
export const TEST_EPOCH = Date.UTC(2026, 10, 22, 9, 0, 0);

/** A running emulator for one test file. */
export interface TestEmulator {
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** The tenant state. */
  readonly store: EmulatorStore;
  /** The fault registry. */
  readonly faults: FaultRegistry;
  /** Moves the injected clock forward. */
  advance(ms: number): void;
  /** `GET` (or another method via `init`) without following redirects. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Posts an urlencoded form like a browser's top-level form submission. */
  postForm(path: string, fields: Readonly<Record<string, string>>): Promise<Response>;
  /** Sends JSON (default method POST) to the control API or elsewhere. */
  sendJson(path: string, body: unknown, method?: string): Promise<Response>;
  /** Restores the seed and clears faults (through the store, so it works with the control API disabled). */
  reset(): Promise<void>;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Starts the emulator on 127.0.0.1, port 0, with the control API enabled unless told otherwise. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  let clock = TEST_EPOCH;
  const { app, store, faults } = await createEmulatorApp({
    control: true,
    scryptCost: TEST_SCRYPT_COST,
    now: () => clock,
    ...options,
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  const baseUrl = `http://127.0.0.1:${(address satisfies AddressInfo).port}`;
  const request = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(baseUrl + path, { redirect: 'manual', ...init });
  return {
    baseUrl,
    store,
    faults,
    advance: (ms) => {
      clock += ms;
    },
    fetch: request,
    postForm: (path, fields) =>
      request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      }),
    sendJson: (path, body, method = 'POST') =>
      request(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    reset: async () => {
      await store.reset();
      faults.clear();
      clock = TEST_EPOCH;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The `Location` of a redirect, resolved against the emulator's origin. */
export function locationOf(response: Response, baseUrl: string): URL {
  const location = response.headers.get('location');
  if (location === null)
    throw new Error(`expected a redirect, got ${response.status} without Location`);
  return new URL(location, baseUrl);
}

/** What a started sign-in looks like once it reached the password_set page. */
export interface PasswordSetSession {
  readonly requestId: string;
  readonly lsid: string;
  /** The password_set URL the login redirected to. */
  readonly location: URL;
  /** The `state` the demo app sent. */
  readonly state: string;
}

/** The redirect URI the tests use. */
export function callbackOf(emulator: TestEmulator): string {
  return `${emulator.baseUrl.replace('127.0.0.1', 'localhost')}/callback`;
}

/** Starts a sign-in over HTTP (E1 with the demo client) and returns the requestId. */
export async function startSignIn(
  emulator: TestEmulator,
  extra: Readonly<Record<string, string>> = {},
  state = 'state-123',
): Promise<string> {
  const params = new URLSearchParams({
    client_id: 'demo-client',
    redirect_uri: callbackOf(emulator),
    response_type: 'code',
    scope: 'openid profile email',
    state,
    nonce: 'nonce-456',
    ...extra,
  });
  const response = await emulator.fetch(`/authz-srv/authz?${params.toString()}`);
  if (response.status !== 302) throw new Error(`E1 answered ${response.status}`);
  const requestId = locationOf(response, emulator.baseUrl).searchParams.get('requestId');
  if (requestId === null) throw new Error('E1 redirect has no requestId');
  return requestId;
}

/** Signs in over HTTP (E1, then the login form) as a user who must change the password. */
export async function signInToPasswordSet(
  emulator: TestEmulator,
  username: string,
  password: string,
  extra: Readonly<Record<string, string>> = {},
): Promise<PasswordSetSession> {
  const state = 'state-123';
  const requestId = await startSignIn(emulator, extra, state);
  const response = await emulator.postForm('/login-srv/login', { username, password, requestId });
  const location = locationOf(response, emulator.baseUrl);
  const lsid = location.searchParams.get('lsid');
  if (location.pathname !== '/identity/password_set' || lsid === null)
    throw new Error(`login did not lead to password_set: ${location.href}`);
  return { requestId, lsid, location, state };
}

/** Posts E8 for a track. */
export function submitPasswordChange(
  emulator: TestEmulator,
  lsid: string,
  fields: {
    readonly old_password: string;
    readonly new_password: string;
    readonly confirm_password?: string;
  },
): Promise<Response> {
  return emulator.postForm(`/login-srv/precheck/continue/${lsid}`, {
    old_password: fields.old_password,
    new_password: fields.new_password,
    confirm_password: fields.confirm_password ?? fields.new_password,
  });
}

/** Reads a nested property of parsed JSON (`pick(body, 'data', 'reason')`), `undefined` if any step is missing. */
export function pick(value: unknown, ...path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key))
      return undefined;
    current = Reflect.get(current, key);
  }
  return current;
}

/** A spawned `server/production.ts`: its URL and output, and how to stop it. */
export interface ServerProcess {
  readonly url: string;
  output(): string;
  /** Resolves once the server has logged that it received SIGTERM. */
  signalled(): Promise<void>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `server/production.ts` as its own process (port 0, loopback, no cidaas base URL, `env` on
 * top; `PAGE_DIST_DIR` passes through): `started` once it logs its URL, `exited` with its code.
 */
export function spawnProduction(env: Readonly<Record<string, string>>): {
  started: Promise<ServerProcess>;
  exited: Promise<{ code: number | null; output: string }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'production.ts')], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      CIDAAS_BASE_URL: '',
      FORM_ACTION_EXTRA: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; output: string }>((resolveExit) =>
    child.once('exit', (code) => resolveExit({ code, output })),
  );
  const started = new Promise<ServerProcess>((resolveStarted, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up line: ${output}`)), 15_000);
    child.stdout.on('data', () => {
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      resolveStarted({
        url: `http://127.0.0.1:${port}`,
        output: () => output,
        signalled: () =>
          new Promise((resolveSignalled) => {
            const check = (): void => {
              if (!/SIGTERM/.test(output)) return;
              child.stdout.off('data', check);
              resolveSignalled();
            };
            child.stdout.on('data', check);
            check();
          }),
        stop: async () => {
          child.kill('SIGTERM');
          return (await exited).code;
        },
      });
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${output}`));
    });
  });
  started.catch(() => undefined);
  return { started, exited };
}
