/// <reference path="./negotiator.d.ts" />
/**
 * The production server for the built password_set page (`npm run serve`): the page and its files,
 * the security headers, caching, gzip/brotli, a health check and a graceful shutdown. No emulator
 * routes and no test-control API.
 *
 * Static files: the precompressed siblings `npm run build` writes (`<file>.br`, brotli 11; `<file>.gz`,
 * gzip 9; see `scripts/precompress.ts`) are sent as they are, brotli first; a file without them (a build
 * made with plain `ng build`, a small file, a theme added at deployment) is compressed on the fly like
 * every dynamic response. The siblings are found once at start-up, and are not files in their own right:
 * `/main-….js.br` is a 404.
 *
 * The page itself is built once at start-up: the base URL injected, then compressed (brotli 11 and gzip 9),
 * so each request only picks the encoding. Ranges are not served (`Range` is ignored): with compression a
 * `206` would describe bytes of another representation, and nothing here is large enough to resume.
 *
 * Limits: see {@link DEFAULT_SERVER_LIMITS} (timeouts for a request's headers, a whole request and an
 * idle keep-alive connection, a connection cap); the README says what a reverse proxy should add.
 *
 * Environment: `PORT` (default 8080; 0 picks a free port), `HOST` (default 0.0.0.0),
 * `PAGE_DIST_DIR` (default `dist/password-set/browser`), `CIDAAS_BASE_URL` (optional tenant
 * authority, written into `index.html` at start-up), `FORM_ACTION_EXTRA` (optional, space- or
 * comma-separated origins the `form-action` CSP also allows: the applications cidaas redirects to;
 * see `server/security-headers.ts`), `PWNED_PASSWORDS_BASE_URL` (optional breached-password range API,
 * written into `index.html` and allowed by `connect-src`), `NODE_ENV` (`production` refuses `http:` URLs, even on localhost),
 * `MAX_CONNECTIONS` (default 1024) and `KEEP_ALIVE_TIMEOUT_SECONDS` (default 5; behind a load balancer,
 * more than its idle timeout for upstream connections).
 */
import { isSecureUrl } from '../src/contract/url-safety';
import { countMetaElements, escapeHtml, setMetaContent } from './html';
import { readFileSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, posix, resolve } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

import compression from 'compression';
import express, {
  type ErrorRequestHandler,
  type Express,
  type Request,
  type RequestHandler,
} from 'express';
import expressStaticGzip from 'express-static-gzip';
import { errorStatus } from './error-status';
import Negotiator from 'negotiator';

import { auth0PasswordSetConfigFromEnv, auth0PasswordSetRoutes } from './auth0/password-set';
import { assetPreloadLinks, baseHrefOf, preloadLinkHeaderFor } from './preload-hints';
import { markFileFromDisk, securityHeaders } from './security-headers';
import { DEFAULT_DIST_DIR, HASHED_BUNDLE, PAGE_PATHS } from './static';

/** A start-up configuration problem, with a message meant for the person deploying. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** The production server's settings, validated. */
export interface ProductionConfig {
  /** The TCP port (0 = any free port). */
  readonly port: number;
  /** The interface to listen on. */
  readonly host: string;
  /** The folder of the built page (with `index.html`). */
  readonly distDir: string;
  /** The cidaas base URL without a trailing slash, or `undefined` for "the page's own origin". */
  readonly cidaasBaseUrl: string | undefined;
  /** Extra `form-action` sources (application origins, or `https:`). */
  readonly formActionExtra: readonly string[];
  /** The breached-password range API's base URL without a trailing slash, or `undefined` for "no check". */
  readonly pwnedPasswordsBaseUrl: string | undefined;
  /** Whether `Strict-Transport-Security` is sent. */
  readonly hsts: boolean;
  /** The HTTP server's limits. */
  readonly limits: ServerLimits;
}

/** The HTTP server's limits against slow, idle and too many clients (see {@link createProductionServer}). */
export interface ServerLimits {
  /** How long a client may take to send a request's headers (Node answers 408 and closes). */
  readonly headersTimeoutMs: number;
  /** How long a client may take to send a whole request, body included (408 and closed). */
  readonly requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  readonly keepAliveTimeoutMs: number;
  /** How long a connection may be silent (a client that stops reading a response) before it is closed. */
  readonly socketTimeoutMs: number;
  /** The most connections open at once; further ones are closed at once (counted by Node, per process). */
  readonly maxConnections: number;
  /** How often Node checks the headers and request timeouts (its default of 30 s would let them overrun by that much). */
  readonly timeoutCheckIntervalMs: number;
}

/**
 * The default limits. A login page's requests are small GETs (and one small form POST in the Auth0
 * mode): ten seconds for the headers and thirty for a request are generous even on a bad mobile
 * connection, and stop a client that trickles its request (slowloris) from holding a connection.
 */
export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  socketTimeoutMs: 30_000,
  maxConnections: 1024,
  timeoutCheckIntervalMs: 1_000,
};

/** How long a graceful shutdown may wait for open requests before closing their connections. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** The suffixes of the precompressed siblings `scripts/precompress.ts` writes next to the built files. */
export const PRECOMPRESSED_SIBLING = /\.(?:br|gz)$/;

/** Reads an integer setting from `min` to `max`, or `fallback` when unset. */
function parseInteger(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max)
    throw new ConfigurationError(
      `${name} must be an integer from ${min} to ${max}, got "${value}".`,
    );
  return number;
}

/** Parses a URL the way the CSP and the page need it: https (or local http outside production), no credentials, query or fragment. */
function parseSecureUrl(name: string, value: string, production: boolean): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(
      `${name} must be an absolute URL such as https://acme.cidaas.de, got "${value}".`,
    );
  }
  if (url.protocol !== 'https:' && !isSecureUrl(url, !production)) {
    throw new ConfigurationError(
      `${name} must be an https: URL (http://localhost or http://127.0.0.1 only when NODE_ENV is not "production"), got "${value}".`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigurationError(
      `${name} must not contain credentials, a query or a fragment, got "${value}".`,
    );
  }
  return url;
}

function withoutTrailingSlash(url: URL): string {
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * Reads and validates the environment. Throws a {@link ConfigurationError} that says what to fix,
 * so the server refuses to start rather than serve a page that posts passwords to the wrong place.
 */
export function readProductionConfig(env: NodeJS.ProcessEnv): ProductionConfig {
  const production = env['NODE_ENV'] === 'production';
  const rawBaseUrl = env['CIDAAS_BASE_URL']?.trim() ?? '';
  const baseUrl =
    rawBaseUrl === '' ? undefined : parseSecureUrl('CIDAAS_BASE_URL', rawBaseUrl, production);
  const rawRangeUrl = env['PWNED_PASSWORDS_BASE_URL']?.trim() ?? '';
  const rangeUrl =
    rawRangeUrl === ''
      ? undefined
      : parseSecureUrl('PWNED_PASSWORDS_BASE_URL', rawRangeUrl, production);
  const formActionExtra = (env['FORM_ACTION_EXTRA'] ?? '')
    .split(/[\s,]+/)
    .filter((entry) => entry !== '')
    .map((entry) => {
      if (entry === 'https:') return entry;
      const url = parseSecureUrl('FORM_ACTION_EXTRA', entry, production);
      if (url.pathname !== '/')
        throw new ConfigurationError(
          `FORM_ACTION_EXTRA lists origins (or "https:"), not URLs with a path, got "${entry}".`,
        );
      return url.origin;
    });
  const keepAliveSeconds = parseInteger(
    'KEEP_ALIVE_TIMEOUT_SECONDS',
    env['KEEP_ALIVE_TIMEOUT_SECONDS'],
    DEFAULT_SERVER_LIMITS.keepAliveTimeoutMs / 1000,
    1,
    600,
  );
  return {
    port: parseInteger('PORT', env['PORT'], 8080, 0, 65535),
    host: env['HOST'] || '0.0.0.0',
    distDir: env['PAGE_DIST_DIR'] ? resolve(env['PAGE_DIST_DIR']) : DEFAULT_DIST_DIR,
    cidaasBaseUrl: baseUrl === undefined ? undefined : withoutTrailingSlash(baseUrl),
    formActionExtra,
    pwnedPasswordsBaseUrl: rangeUrl === undefined ? undefined : withoutTrailingSlash(rangeUrl),
    hsts: true,
    limits: {
      ...DEFAULT_SERVER_LIMITS,
      maxConnections: parseInteger(
        'MAX_CONNECTIONS',
        env['MAX_CONNECTIONS'],
        DEFAULT_SERVER_LIMITS.maxConnections,
        1,
        1_000_000,
      ),
      // Independent of the headers timeout: Node does not count a keep-alive connection's idle time against it (tested).
      keepAliveTimeoutMs: keepAliveSeconds * 1000,
    },
  };
}

/** Escapes a value for a double-quoted HTML attribute: the servers' one escaper. */
export const escapeHtmlAttribute: (value: string) => string = escapeHtml;

/** The `<meta>` elements of `index.html` that carry the deploy-time settings the page reads. */
export const PAGE_SETTING_METAS = {
  cidaasBaseUrl: 'cidaas-base-url',
  pwnedPasswordsBaseUrl: 'pwned-passwords-base-url',
} as const;

/**
 * Writes a deploy-time setting into its `<meta name="…" content="…">` of the built `index.html`.
 * Throws when the element is missing or appears more than once (a build that does not read the
 * setting must not start as if it did).
 */
export function injectPageSetting(indexHtml: string, name: string, value: string): string {
  const found = countMetaElements(indexHtml, name);
  if (found !== 1)
    throw new ConfigurationError(
      `index.html must contain exactly one <meta name="${name}"> element, found ${found}.`,
    );
  return setMetaContent(indexHtml, name, value);
}

/** Writes the cidaas base URL into `<meta name="cidaas-base-url" content="…">` (see {@link injectPageSetting}). */
export function injectCidaasBaseUrl(indexHtml: string, baseUrl: string): string {
  return injectPageSetting(indexHtml, PAGE_SETTING_METAS.cidaasBaseUrl, baseUrl);
}

function setStaticFileHeaders(res: ServerResponse, filePath: string): void {
  markFileFromDisk(res);
  // For a precompressed response this is the sibling's path (main-….js.br): judge by the original's name.
  const servedFor = basename(filePath).replace(PRECOMPRESSED_SIBLING, '');
  // Unhashed files (i18n/*.json, favicon) may change with a deployment: always revalidate.
  res.setHeader(
    'Cache-Control',
    HASHED_BUNDLE.test(servedFor) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

/** Serves the built files, precompressed siblings first; with `ETag` and `Last-Modified` when `validators`. */
function staticFiles(root: string, validators: boolean): RequestHandler {
  return expressStaticGzip(root, {
    enableBrotli: true,
    // Encoding names as in Accept-Encoding (not the file suffixes): brotli whenever the client takes it.
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      // `Range` is ignored (a 200 with the whole file): see the module's JSDoc.
      acceptRanges: false,
      index: false,
      redirect: false,
      fallthrough: true,
      dotfiles: 'ignore',
      etag: validators,
      lastModified: validators,
      setHeaders: setStaticFileHeaders,
    },
  });
}

const notFound: RequestHandler = (_req, res) => {
  // express-static-gzip sets Content-Encoding before it looks for the file; a plain-text 404 is not brotli.
  res.removeHeader('Content-Encoding');
  res.status(404).set('Cache-Control', 'no-store').type('text/plain').send('Not found');
};

/** An error carrying the HTTP status the error handler should answer with. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A request path as a file server could read it: percent-decoded until nothing changes (a proxy in
 * front may decode once more), backslashes taken as slashes, `.` and `..` resolved, `//` collapsed.
 * `null` when the path is not valid percent-encoding.
 */
export function normalizedRequestPath(path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  for (let round = 0; round < 4 && decoded.includes('%'); round += 1) {
    try {
      const again = decodeURIComponent(decoded);
      if (again === decoded) break;
      decoded = again;
    } catch {
      // What is left is not an encoding of anything (a literal "%" in a name): keep it.
      break;
    }
  }
  return posix.normalize(`/${decoded.replace(/\\/g, '/')}`);
}

const INDEX_FILE = /(?:^|\/)index\.html$/i;

// Runs before the files. A malformed URL is a 400 (express-static-gzip would answer with its own).
// The precompressed siblings stay private: served raw they would be opaque binaries under the wrong
// cache policy. And index.html is only ever the served copy (at /index.html, routed before this): the
// file on disk lacks the injected base URL, so any other spelling that reaches it (/%69ndex.html,
// /i18n/..%2findex.html, …) is a 404.
const guardFilePaths: RequestHandler = (req, res, next) => {
  const path = normalizedRequestPath(req.path);
  if (path === null) {
    next(new HttpError(400, 'malformed URL'));
    return;
  }
  if (PRECOMPRESSED_SIBLING.test(path) || INDEX_FILE.test(path)) {
    notFound(req, res, next);
    return;
  }
  next();
};

/** The page as sent: the built `index.html` with the base URL, plain and compressed once at start-up. */
interface PreparedPage {
  readonly identity: Buffer;
  readonly br: Buffer;
  readonly gzip: Buffer;
}

/** Compresses the page once: brotli 11 and gzip 9, what the build writes for the other files. */
function preparePage(html: string): PreparedPage {
  const identity = Buffer.from(html, 'utf8');
  return {
    identity,
    br: brotliCompressSync(identity, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    gzip: gzipSync(identity, { level: 9 }),
  };
}

/** The page's encoding for a request: the client's preference (q), brotli before gzip when equal, else none. */
function pageEncoding(req: Request): keyof PreparedPage {
  const [best] = new Negotiator(req).encodings(['br', 'gzip', 'identity'], {
    preferred: ['br', 'gzip', 'identity'],
  });
  return best === 'br' || best === 'gzip' ? best : 'identity';
}

// Responses that are already in their final encoding: the on-the-fly compression leaves them alone.
const precompressedResponses = new WeakSet<ServerResponse>();

// Never echoes the error: a malformed URL (bad percent-encoding) is a plain 400, anything else a 500.
const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const code = errorStatus(error, req, 'production server');
  if (res.headersSent) {
    res.end();
    return;
  }
  res.removeHeader('Content-Encoding');
  res
    .status(code)
    .set('Cache-Control', 'no-store')
    .type('text/plain')
    .send(code === 500 ? 'Internal server error' : 'Bad request');
};

/**
 * Builds the production app. Reads `index.html` once (and writes the base URL into it); throws a
 * {@link ConfigurationError} when the page is not built.
 */
export function createProductionApp(
  config: Pick<ProductionConfig, 'distDir' | 'cidaasBaseUrl' | 'formActionExtra' | 'hsts'> &
    Partial<Pick<ProductionConfig, 'pwnedPasswordsBaseUrl'>>,
  /** Server-side routes of an identity platform other than cidaas (the Auth0 mode), mounted before the page. */
  extraRoutes: readonly RequestHandler[] = [],
): Express {
  const root = resolve(config.distDir);
  let indexHtml: string;
  try {
    indexHtml = readFileSync(join(root, 'index.html'), 'utf8');
  } catch {
    throw new ConfigurationError(
      `The page is not built: ${join(root, 'index.html')} is missing. Run "npm run build" (or set PAGE_DIST_DIR).`,
    );
  }
  if (config.cidaasBaseUrl !== undefined)
    indexHtml = injectCidaasBaseUrl(indexHtml, config.cidaasBaseUrl);
  if (config.pwnedPasswordsBaseUrl !== undefined)
    indexHtml = injectPageSetting(
      indexHtml,
      PAGE_SETTING_METAS.pwnedPasswordsBaseUrl,
      config.pwnedPasswordsBaseUrl,
    );

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(
    securityHeaders({
      cidaasOrigin:
        config.cidaasBaseUrl === undefined ? undefined : new URL(config.cidaasBaseUrl).origin,
      formActionExtra: config.formActionExtra,
      pwnedPasswordsOrigin:
        config.pwnedPasswordsBaseUrl === undefined
          ? undefined
          : new URL(config.pwnedPasswordsBaseUrl).origin,
      hsts: config.hsts,
    }),
  );
  // For dynamic responses and files without precompressed siblings; it leaves a response that already
  // has a Content-Encoding (a sibling) alone. Brotli quality 5 instead of the package's 4: measured on
  // the main bundle (102 kB), 28.4 kB instead of 30.1 kB for the same ~3 ms; 11 (what the build
  // writes) would take ~120 ms per response on the fly.
  app.use(
    compression({
      brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
      filter: (req, res) => !precompressedResponses.has(res) && compression.filter(req, res),
    }),
  );

  app.get('/ping', (_req, res) => {
    res.set('Cache-Control', 'no-store').type('text/plain').send('pong');
  });

  for (const routes of extraRoutes) app.use(routes);

  const preloadSettings = {
    cidaasBaseUrl: config.cidaasBaseUrl ?? '',
    baseHref: baseHrefOf(indexHtml),
  };
  const assetLinks = assetPreloadLinks(indexHtml);
  const page = preparePage(indexHtml);
  const sendIndex: RequestHandler = (req, res) => {
    const preload = preloadLinkHeaderFor(req, preloadSettings, assetLinks);
    if (preload !== null) res.set('Link', preload);
    const encoding = pageEncoding(req);
    precompressedResponses.add(res);
    res.vary('Accept-Encoding');
    if (encoding !== 'identity') res.set('Content-Encoding', encoding);
    res.set('Cache-Control', 'no-store').type('html').send(page[encoding]);
  };
  // `/index.html` too: the file on disk lacks the injected base URL, so it is never served as is.
  for (const path of [...PAGE_PATHS, '/index.html']) app.get(path, sendIndex);

  app.use(guardFilePaths);
  // A file named by its content's hash is never revalidated (immutable): validators would be bytes for nothing.
  const hashedFiles = staticFiles(root, false);
  const otherFiles = staticFiles(root, true);
  app.use((req, res, next) =>
    (HASHED_BUNDLE.test(req.path) ? hashedFiles : otherFiles)(req, res, next),
  );
  app.use(notFound);
  app.use(errorHandler);
  return app;
}

/**
 * The HTTP server for the app, with its limits: a client that sends its headers or its request too
 * slowly gets a 408 and is disconnected, an idle keep-alive connection is closed, a silent connection
 * is closed, and connections beyond the cap are closed as they arrive.
 */
export function createProductionServer(
  app: RequestListener,
  limits: ServerLimits = DEFAULT_SERVER_LIMITS,
): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
    },
    app,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  // Node's default: the socket is destroyed without a response (the client sees a reset or an empty reply).
  server.timeout = limits.socketTimeoutMs;
  return server;
}

/**
 * Prepares a server for a graceful stop and returns the function that stops it: no new connections,
 * idle keep-alive connections closed at once, each open request allowed to finish (its connection is
 * then closed rather than kept alive), and after `graceMs` every connection closed regardless.
 */
export function gracefulShutdown(
  server: Server,
  graceMs: number = SHUTDOWN_GRACE_MS,
): () => Promise<void> {
  let stopping = false;
  server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    if (stopping && !response.headersSent) response.setHeader('Connection', 'close');
    // Node marks the connection idle in its own 'finish' listener; close it right after that.
    response.once('finish', () => {
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
  });
  return () =>
    new Promise((resolveClosed) => {
      stopping = true;
      const force = setTimeout(() => server.closeAllConnections(), graceMs);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        resolveClosed();
      });
      server.closeIdleConnections();
    });
}

/**
 * The Auth0 mode's server routes when `AUTH0_DOMAIN` is set (see `integrations/auth0/README.md`),
 * with the origin of the tenant's `/continue` (its custom domain, if it has one) added to
 * `form-action`: the page posts the user there after the change.
 */
export function auth0Mode(env: NodeJS.ProcessEnv): {
  readonly routes: RequestHandler[];
  readonly tenantOrigin: string[];
} {
  if (!env['AUTH0_DOMAIN']) return { routes: [], tenantOrigin: [] };
  const auth0 = auth0PasswordSetConfigFromEnv(env);
  return {
    routes: [auth0PasswordSetRoutes(auth0)],
    tenantOrigin: [new URL(auth0.continueUrl).origin],
  };
}

async function main(): Promise<void> {
  const config = readProductionConfig(process.env);
  const auth0 = auth0Mode(process.env);
  const app = createProductionApp(
    { ...config, formActionExtra: [...config.formActionExtra, ...auth0.tenantOrigin] },
    auth0.routes,
  );
  const server = createProductionServer(app, config.limits);
  server.listen(config.port, config.host);
  const shutDown = gracefulShutdown(server);
  await new Promise<void>((resolveListening, reject) => {
    server.once('listening', resolveListening);
    server.once('error', reject);
  });
  const address = server.address();
  const port =
    typeof address === 'object' && address !== null
      ? (address satisfies AddressInfo).port
      : config.port;
  console.log(
    [
      `password_set production server: listening on http://${config.host}:${port}/ (page at /identity/password_set)`,
      `  page: ${config.distDir}`,
      `  cidaas base URL: ${config.cidaasBaseUrl ?? "the page's own origin"}`,
      `  breached-password range API: ${config.pwnedPasswordsBaseUrl ?? 'none (no check)'}`,
      `  form-action extra: ${config.formActionExtra.length > 0 ? config.formActionExtra.join(' ') : 'none'}`,
      `  limits: ${config.limits.maxConnections} connections, headers ${config.limits.headersTimeoutMs / 1000} s, request ${config.limits.requestTimeoutMs / 1000} s, keep-alive ${config.limits.keepAliveTimeoutMs / 1000} s, idle ${config.limits.socketTimeoutMs / 1000} s`,
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing open requests, then stopping`);
    void shutDown().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(
      `production server failed to start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
}
