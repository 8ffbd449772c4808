import { isLoopbackOrigin } from '../../src/contract/url-safety';
import { join } from 'node:path';

import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';

import { securityHeaders } from '../security-headers';
import { staticSiteRoutes } from '../static';
import { FaultRegistry } from './faults';
import { messagePage } from '../html';
import { isJsonApiPath } from './http';
import { authzRoutes } from './routes/authz';
import { CONTROL_PREFIX, controlRoutes } from './routes/control';
import { demoAccounts, demoAppRoutes } from './routes/demo-app';
import { fieldSetupRoutes } from './routes/fieldsetup';
import { loginRoutes } from './routes/login';
import { precheckRoutes } from './routes/precheck';
import { publicRoutes } from './routes/public';
import { PWNED_PASSWORDS_PATH, pwnedPasswordsRoutes } from './routes/pwned-passwords';
import { resetRoutes } from './routes/reset';
import { EmulatorStore, loadSeed, type Seed } from './store';

/** How to build the emulator app. */
export interface EmulatorOptions {
  /** Whether the test-control API under `/__emulator/` is mounted (otherwise it is a 404). Default `false`. */
  readonly control?: boolean | undefined;
  /** The clock (epoch ms). Inject one in tests to expire things without sleeping. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** The scrypt cost N for password hashes; tests lower it for speed. */
  readonly scryptCost?: number | undefined;
  /** The folder of the built Angular page. Default `dist/password-set/browser` in the repository. */
  readonly distDir?: string | undefined;
  /** The seed to start from and reset to. Default `server/emulator/seed.json`. */
  readonly seed?: Seed | undefined;
  /**
   * Whether the page is configured with the emulator's breached-password range API (on the page's own
   * origin, so `connect-src 'self'` allows it). Default `true`: the demo shows the warning.
   */
  readonly breachCheck?: boolean | undefined;
}

/** The emulator's express app, with the store and fault registry behind it (for tests and the banner). */
export interface EmulatorApp {
  /** The express application: listen on it or pass it to `http.createServer`. */
  readonly app: Express;
  /** The in-memory tenant state. */
  readonly store: EmulatorStore;
  /** The injected faults. */
  readonly faults: FaultRegistry;
}

/** Whether the test-control API should be mounted: not when `NODE_ENV=production` or `EMULATOR_CONTROL=0`. */
export function isControlEnabled(env: NodeJS.ProcessEnv): boolean {
  return env['NODE_ENV'] !== 'production' && env['EMULATOR_CONTROL'] !== '0';
}

// Emulator responses carry one-time values (codes, lsids, random state); only the static files opt in to caching.
const defaultHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

const notFound: RequestHandler = (req, res) => {
  res.set('Cache-Control', 'no-store');
  if (isJsonApiPath(req.path)) {
    res.status(404).json({ success: false, status: 404, error: 'not_found' });
    return;
  }
  res
    .status(404)
    .type('html')
    .send(
      messagePage({
        title: 'Not found',
        message: `Nothing here: ${req.path}`,
        link: { href: '/', text: 'Go to the demo application' },
      }),
    );
};

function statusOf(error: unknown): number {
  const status: unknown =
    typeof error === 'object' && error !== null
      ? (Reflect.get(error, 'status') ?? Reflect.get(error, 'statusCode'))
      : undefined;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

// Never echoes the error or a stack: body-parser errors (bad JSON, too large) become a plain 4xx.
const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const status = statusOf(error);
  if (status >= 500)
    console.error(
      `emulator: internal error on ${req.method} ${req.path}:`,
      error instanceof Error ? error.name : 'unknown',
    );
  if (res.headersSent) {
    res.end();
    return;
  }
  const message =
    status >= 500
      ? 'Something went wrong in the emulator.'
      : 'The request could not be understood.';
  res.status(status).set('Cache-Control', 'no-store');
  if (isJsonApiPath(req.path)) {
    res.json({
      success: false,
      status,
      error: status >= 500 ? 'server_error' : 'invalid_request',
      error_description: message,
    });
    return;
  }
  res.type('html').send(
    messagePage({
      title: status >= 500 ? 'Error' : 'Bad request',
      message,
      link: { href: '/', text: 'Go to the demo application' },
    }),
  );
};

/**
 * The paths of the JSON APIs the page reads at start-up (E3, E5, E7): they may be read by a page on
 * another local origin, and they get an API's security headers, not a document's.
 */
const JSON_READ_API_PATHS =
  /^\/(public-srv|registration-setup-srv|fieldsetup-srv|user-srv|token-srv)\//;

/**
 * CORS for the page's GET requests when the page is served from another loopback origin (cidaas
 * allows the origins of a tenant's custom hosted pages the same way). Form POSTs need no CORS.
 */
const loopbackCors: RequestHandler = (req, res, next) => {
  const origin = req.get('origin');
  if (
    req.method === 'GET' &&
    origin &&
    isLoopbackOrigin(origin) &&
    JSON_READ_API_PATHS.test(req.path)
  ) {
    res.set('Access-Control-Allow-Origin', origin);
    res.vary('Origin');
  }
  next();
};

/**
 * Builds the cidaas emulator and the static server for the built page on one express app:
 * security headers, the control API (when enabled), fault injection, the emulated endpoints
 * (E1, login, E3, E5, E7, E8, E12), the demo relying party, a breached-password range API, the built
 * page (configured with that API), 404 and error pages.
 */
export async function createEmulatorApp(options: EmulatorOptions = {}): Promise<EmulatorApp> {
  const seed = options.seed ?? loadSeed();
  const store = await EmulatorStore.create({
    now: options.now,
    scryptCost: options.scryptCost,
    seed,
  });
  const faults = new FaultRegistry();
  const app = express();

  app.disable('x-powered-by');
  app.set('etag', false);
  // The same headers as the production server, minus HSTS: the emulator runs on http://localhost.
  app.use(securityHeaders({ hsts: false, apiPaths: JSON_READ_API_PATHS }));
  app.use(defaultHeaders);

  if (options.control === true) app.use(CONTROL_PREFIX, controlRoutes(store, faults));
  app.use(faults.middleware());
  app.use(loopbackCors);

  app.use(
    '/emulator-assets',
    express.static(join(__dirname, 'assets'), { index: false, redirect: false, fallthrough: true }),
  );
  app.use(demoAppRoutes(store, demoAccounts(seed)));
  app.use(authzRoutes(store));
  app.use(loginRoutes(store));
  app.use(publicRoutes(store));
  app.use(fieldSetupRoutes(store));
  app.use(precheckRoutes(store));
  app.use(resetRoutes(store));
  app.use(pwnedPasswordsRoutes());
  app.use(
    staticSiteRoutes(options.distDir, {
      pwnedPasswordsBaseUrl: options.breachCheck === false ? undefined : PWNED_PASSWORDS_PATH,
    }),
  );

  app.use(notFound);
  app.use(errorHandler);
  return { app, store, faults };
}
