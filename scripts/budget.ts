/**
 * The page's size budget, owned by the build (`scripts/build.ts` fails above it); the benchmark
 * (`bench/`) reports against it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The page's budget: initial JS+CSS at most this many bytes, gzip level 6 (`npm run build` fails
 * above it). Set for the design card's stack (Angular, reactive forms, ngx-translate, rxjs), which
 * alone takes about 52 kB of it; our own code is the rest.
 */
export const INITIAL_JS_CSS_TARGET_BYTES = 80_000;

/**
 * The files `index.html` loads at start-up (scripts, module preloads, stylesheets), including the
 * stylesheet the build inlined (`<style data-href="styles-….css">`, see `scripts/inline-stylesheet.ts`):
 * its bytes are still initial CSS.
 */
export function initialFilesOf(indexHtml: string): string[] {
  const files: string[] = [];
  for (const match of indexHtml.matchAll(
    /<(?:script[^>]*\ssrc|link[^>]*\shref|style[^>]*\sdata-href)="([^"]+\.(?:js|css))"/g,
  )) {
    if (match[1] !== undefined && !files.includes(match[1])) files.push(match[1]);
  }
  return files;
}

/** One initial file and its gzip-6 size. */
export interface InitialFileSize {
  readonly file: string;
  readonly gzipBytes: number;
}

/**
 * The gzip-6 size of each file a built site's `index.html` loads at start-up (Angular lists every
 * statically imported chunk as a module preload), without needing the build's metafile.
 */
export function initialGzipSizes(browserDir: string): InitialFileSize[] {
  return initialFilesOf(readFileSync(join(browserDir, 'index.html'), 'utf8')).map((file) => ({
    file,
    gzipBytes: gzipSync(readFileSync(join(browserDir, file)), { level: 6 }).length,
  }));
}
