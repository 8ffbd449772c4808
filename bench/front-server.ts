/**
 * The benchmark's front server: one origin that serves what a real deployment would.
 *
 * - The built page through the production server app (`server/production.ts`: its headers, caching
 *   and compression: the build's precompressed files, on the fly for the rest), for the page paths and
 *   the files in the dist folder.
 * - The hand-written reference page from `bench/reference/` under `/bench-reference/`, with the same
 *   security headers (so it runs under the same CSP and Trusted Types) and the same compression.
 * - Everything else (the cidaas API, the emulator's assets and control API) forwarded to the cidaas
 *   emulator, compressed the way a production cidaas would answer.
 *
 * The emulator itself is left untouched; this app exists only while the benchmark runs.
 */
import { statSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join, resolve, sep } from 'node:path';

import compression from 'compression';
import express, { type Express, type RequestHandler } from 'express';

import { createProductionApp } from '../server/production';
import { securityHeaders } from '../server/security-headers';
import { PAGE_PATHS } from '../server/static';

/** Where the reference page is mounted on the front server. */
export const REFERENCE_PREFIX = '/bench-reference';

/** The reference page's URL path (it takes the same `lsid`/`requestId` query as the real page). */
export const REFERENCE_PAGE_PATH = `${REFERENCE_PREFIX}/password_set`;

/** What the front server needs. */
export interface FrontServerOptions {
  /** The built page (with `index.html`). */
  readonly distDir: string;
  /** The emulator's origin, e.g. `http://127.0.0.1:4371`. */
  readonly emulatorOrigin: string;
  /** The folder with the reference page's `index.html`, CSS and JS. */
  readonly referenceDir: string;
}

function isFileInside(root: string, urlPath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return false;
  }
  const candidate = resolve(join(root, decoded));
  if (!candidate.startsWith(root + sep)) return false;
  try {
    return statSync(candidate).isFile();
  } catch {
    return false;
  }
}

// Hop-by-hop headers are for one connection only and must not be forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
]);

function forwardableHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())),
  );
}

function proxyTo(origin: string): RequestHandler {
  const target = new URL(origin);
  return (req, res, next) => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.originalUrl,
        headers: { ...forwardableHeaders(req.headers), host: target.host },
      },
      (answer) => {
        res.status(answer.statusCode ?? 502);
        for (const [name, value] of Object.entries(forwardableHeaders(answer.headers))) {
          if (value !== undefined) res.setHeader(name, value);
        }
        answer.pipe(res);
      },
    );
    upstream.on('error', next);
    req.pipe(upstream);
  };
}

/** Builds the front server app (see the module's JSDoc). */
export function createFrontApp(options: FrontServerOptions): Express {
  const distRoot = resolve(options.distDir);
  const referenceRoot = resolve(options.referenceDir);
  const page = createProductionApp({
    distDir: distRoot,
    cidaasBaseUrl: undefined,
    formActionExtra: [],
    hsts: false,
  });
  const pagePaths = new Set<string>([...PAGE_PATHS, '/index.html']);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const reference = express.Router();
  reference.use(securityHeaders({ hsts: false }), compression());
  reference.get('/password_set', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    res.sendFile(
      join(referenceRoot, 'index.html'),
      { cacheControl: false, lastModified: false, etag: false },
      (error) => {
        if (error) next(error);
      },
    );
  });
  // Unhashed names, so revalidate like the page's unhashed files; every run starts with an empty cache anyway.
  reference.use(
    express.static(referenceRoot, {
      index: false,
      redirect: false,
      cacheControl: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  app.use(REFERENCE_PREFIX, reference);

  app.use((req, res, next) => {
    if (pagePaths.has(req.path) || isFileInside(distRoot, req.path)) {
      page(req, res, next);
      return;
    }
    next();
  });
  app.use(compression(), proxyTo(options.emulatorOrigin));
  return app;
}
