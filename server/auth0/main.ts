/**
 * Entry point for the offline Auth0 flow: the Auth0 emulator (tenant + demo application) and the
 * page host (built page + Auth0 mode routes) on two ports.
 *
 * Environment: `PORT` (page host, default 4300), `AUTH0_PORT` (emulator, default PORT + 1),
 * `HOST` (default 127.0.0.1), `PAGE_DIST_DIR` (the built page), `AUTH0_EMULATOR_CUSTOM_DOMAIN=1` (the
 * tenant gets a custom domain: sign in on `localhost:<AUTH0_PORT>`, the Management API stays on
 * `127.0.0.1:<AUTH0_PORT>`).
 */
import { AUTH0_DEMO_USERS } from './emulator';
import { startAuth0DevStack } from './dev-stack';

function parsePort(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${name} must be an integer from 0 to 65535, got "${value}"`);
  return port;
}

async function main(): Promise<void> {
  const pagePort = parsePort('PORT', process.env['PORT'], 4300);
  const auth0Port = parsePort(
    'AUTH0_PORT',
    process.env['AUTH0_PORT'],
    pagePort === 0 ? 0 : pagePort + 1,
  );
  const customDomain = process.env['AUTH0_EMULATOR_CUSTOM_DOMAIN'] === '1';
  const stack = await startAuth0DevStack({
    pagePort,
    auth0Port,
    host: process.env['HOST'] || '127.0.0.1',
    customDomain,
  });
  console.log(
    [
      '',
      `Auth0 emulator + password_set page: open ${stack.loginUrl}/ and press "Sign in"`,
      `  page host: ${stack.pageUrl}   Auth0 tenant: ${stack.auth0Url}${customDomain ? `   custom domain: ${stack.loginUrl}` : ''}`,
      '',
      '  Demo users (email / password):',
      ...AUTH0_DEMO_USERS.map(
        (user) => `    ${user.email.padEnd(26)} ${user.password.padEnd(14)} ${user.behaviour}`,
      ),
      '',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping`);
    stack.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error('Auth0 dev stack failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
