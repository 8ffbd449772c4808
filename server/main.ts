/**
 * Entry point: the local cidaas emulator and the built password_set page on one origin.
 *
 * Environment: `PORT` (default 4200; 0 picks a free port), `HOST` (default 127.0.0.1), `NODE_ENV`
 * (`production` disables the test-control API), `EMULATOR_CONTROL=0` (disables it too).
 */
import type { AddressInfo } from 'node:net';

import { createEmulatorApp, isControlEnabled } from './emulator/app';
import { demoAccounts } from './emulator/routes/demo-app';
import { DEFAULT_DIST_DIR, isPageBuilt } from './static';

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 4200;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be an integer from 0 to 65535, got "${value}"`);
  return port;
}

async function main(): Promise<void> {
  const port = parsePort(process.env['PORT']);
  const host = process.env['HOST'] || '127.0.0.1';
  const control = isControlEnabled(process.env);
  const { app } = await createEmulatorApp({ control, distDir: DEFAULT_DIST_DIR });

  const server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const actualPort =
    typeof address === 'object' && address !== null ? (address satisfies AddressInfo).port : port;

  const lines = [
    '',
    `cidaas emulator + password_set page: open http://localhost:${actualPort}/`,
    `  (listening on ${host}:${actualPort}; test-control API ${control ? `enabled at /__emulator/` : 'disabled'})`,
    '',
    '  Demo users (email / password):',
    ...demoAccounts().map(
      (account) =>
        `    ${account.username.padEnd(26)} ${account.password.padEnd(14)} ${account.behaviour}`,
    ),
    '',
  ];
  if (!isPageBuilt(DEFAULT_DIST_DIR)) {
    lines.push(
      `  The page is not built: ${DEFAULT_DIST_DIR}/index.html is missing.`,
      '  Run "npm run build" (the emulator works meanwhile; /identity/password_set answers 503 until then).',
      '',
    );
  }
  console.log(lines.join('\n'));

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the emulator`);
    server.close(() => process.exit(0));
    // Keep-alive connections would hold close() open; nobody needs them once we are stopping.
    server.closeAllConnections();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error('emulator failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
