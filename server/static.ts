import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

import express, { Router } from 'express';

import { messagePage, setMetaContent } from './html';
import { assetPreloadLinks, baseHrefOf, preloadLinkHeaderFor } from './preload-hints';
import { markFileFromDisk } from './security-headers';

/**
 * Where `ng build` puts the browser bundle, relative to the repository root; `PAGE_DIST_DIR`
 * overrides it (e.g. to test a build made with `ng build --output-path` elsewhere).
 */
export const DEFAULT_DIST_DIR = process.env['PAGE_DIST_DIR']
  ? resolve(process.env['PAGE_DIST_DIR'])
  : resolve(__dirname, '..', 'dist', 'password-set', 'browser');

/** The hosted-page URLs that serve the Angular page's `index.html` (any query). */
export const PAGE_PATHS = [
  '/identity/password_set',
  '/password_set',
  '/identity/password_set_success',
] as const;

/** Whether the built page exists: its `index.html` in the dist folder. */
export function isPageBuilt(distDir: string): boolean {
  return existsSync(join(distDir, 'index.html'));
}

/**
 * A bundle named by its content's hash: Angular's output hashing appends `-` and 8 characters,
 * upper-case base32 from esbuild (`main-ABCD1234.js`), base64url from the chunk optimizer the build
 * runs (`chunk-xXU-NWoB.js`, see `scripts/build.ts`).
 */
export const HASHED_BUNDLE = /-[A-Za-z0-9_-]{8}\.(?:js|css)$/;

function setFileHeaders(res: ServerResponse, filePath: string): void {
  markFileFromDisk(res);
  const name = basename(filePath);
  if (HASHED_BUNDLE.test(name)) {
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  } else {
    // i18n/*.json, favicon, index.html and anything unhashed: always revalidate.
    res.setHeader('Cache-Control', 'no-cache');
  }
}

/** Deploy-time settings written into the served `index.html`'s `<meta>` elements. */
export interface PageSettings {
  /** The breached-password range API's base URL (`<meta name="pwned-passwords-base-url">`); no check when absent. */
  readonly pwnedPasswordsBaseUrl?: string | undefined;
}

/**
 * Serves the built Angular page: `index.html` (no-store) at the hosted-page paths, and the dist
 * folder's files (no directory indexes). When the page is not built, the page paths answer 503 with
 * a note to run `npm run build`; other files fall through (to the 404 page).
 */
export function staticSiteRoutes(
  distDir: string = DEFAULT_DIST_DIR,
  settings: PageSettings = {},
): Router {
  const router = Router();
  const root = resolve(distDir);

  for (const path of PAGE_PATHS) {
    router.get(path, (req, res) => {
      res.set('Cache-Control', 'no-store');
      if (!isPageBuilt(root)) {
        res
          .status(503)
          .type('html')
          .send(
            messagePage({
              title: 'Page not built',
              message: `The password_set page has not been built yet (no index.html in ${root + sep}). Run "npm run build", then reload.`,
            }),
          );
        return;
      }
      // The emulator is cidaas on the page's own origin; the index is re-read so a rebuild shows at once.
      const indexHtml = readFileSync(join(root, 'index.html'), 'utf8');
      const preload = preloadLinkHeaderFor(
        req,
        { cidaasBaseUrl: '', baseHref: baseHrefOf(indexHtml) },
        assetPreloadLinks(indexHtml),
      );
      if (preload !== null) res.set('Link', preload);
      const page =
        settings.pwnedPasswordsBaseUrl === undefined
          ? indexHtml
          : setMetaContent(indexHtml, 'pwned-passwords-base-url', settings.pwnedPasswordsBaseUrl);
      res.type('html').send(page);
    });
  }

  router.use(
    express.static(root, {
      index: false,
      redirect: false,
      fallthrough: true,
      dotfiles: 'ignore',
      setHeaders: setFileHeaders,
    }),
  );
  return router;
}
