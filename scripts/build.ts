/**
 * `npm run build` after the translations are compiled: runs `ng build` with the arguments it was given
 * (`npm run build -- --output-path dist-bench --stats-json` passes them through), then adds V8's
 * compile hint to the entry script (`scripts/compile-hints.ts`), inlines the global stylesheet into
 * `index.html` (`scripts/inline-stylesheet.ts`) and precompresses the site `ng build` wrote
 * (`scripts/precompress.ts`). The site's folder is read from the same
 * arguments, so both steps always agree: `<--output-path>/browser`, by default
 * `dist/password-set/browser` (angular.json sets no `outputPath`, so Angular uses `dist/<project>`).
 * Last, it enforces the gzip budget angular.json cannot express (its budgets count raw bytes): the
 * initial JS+CSS must stay within {@link INITIAL_JS_CSS_TARGET_BYTES} gzipped, or the build fails.
 *
 * `ng build` runs with Angular's chunk optimizer (`NG_BUILD_OPTIMIZE_CHUNKS=1`, unless the environment
 * sets it): without it, esbuild's object-spread helpers, shared by the main script and the lazy
 * chunks, become an initial chunk of their own (0.4 kB gzip), one more request before the page can
 * start. Merged into the main script, the initial files are 0.5 kB gzip smaller, and Lighthouse's
 * first contentful paint comes about 0.1 s sooner (README, "Performance"). The optimizer keeps the
 * names esbuild gave the files (hashes of their content before merging), so a name still changes
 * with the source.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { INITIAL_JS_CSS_TARGET_BYTES, initialGzipSizes } from './budget';
import { addCompileHints } from './compile-hints';
import { inlineStylesheets } from './inline-stylesheet';
import { precompressSite, summarize } from './precompress';

/** Where `ng build` writes when no `--output-path` is given (Angular's `dist/<project name>`). */
export const DEFAULT_OUTPUT_PATH = join('dist', 'password-set');

/**
 * The browser folder `ng build` writes for these arguments: the last `--output-path` (also written
 * `--output-path=…`, `--outputPath …` or `--outputPath=…`, as the Angular CLI accepts) plus `browser`.
 */
export function browserOutputDir(args: readonly string[], cwd: string): string {
  let outputPath = DEFAULT_OUTPUT_PATH;
  args.forEach((arg, index) => {
    const inline = /^--output-?[pP]ath=(.*)$/.exec(arg);
    if (inline?.[1] !== undefined) outputPath = inline[1];
    const next = args[index + 1];
    if (/^--output-?[pP]ath$/.test(arg) && next !== undefined) outputPath = next;
  });
  return resolve(cwd, outputPath, 'browser');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const ng = require.resolve('@angular/cli/bin/ng.js');
  const build = spawnSync(process.execPath, [ng, 'build', ...args], {
    stdio: 'inherit',
    env: {
      ...process.env,
      NG_BUILD_OPTIMIZE_CHUNKS: process.env['NG_BUILD_OPTIMIZE_CHUNKS'] ?? '1',
    },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const site = browserOutputDir(args, process.cwd());
  if (!existsSync(join(site, 'index.html')))
    throw new Error(`ng build succeeded but ${site} has no index.html: which folder did it write?`);
  console.log(`compile hint (eager compilation) added to ${addCompileHints(site).join(', ')}`);
  console.log(`inlined into index.html: ${inlineStylesheets(site).join(', ') || 'nothing'}`);
  console.log(summarize(await precompressSite(site)));
  console.log(checkInitialGzipBudget(site));
}

/** Checks the initial JS+CSS of a built site against the gzip budget; throws when over, else says how much is left. */
export function checkInitialGzipBudget(
  site: string,
  budgetBytes: number = INITIAL_JS_CSS_TARGET_BYTES,
): string {
  const sizes = initialGzipSizes(site);
  const total = sizes.reduce((sum, size) => sum + size.gzipBytes, 0);
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  const detail = sizes.map((size) => `${size.file} ${kB(size.gzipBytes)}`).join(', ');
  if (total > budgetBytes)
    throw new Error(
      `initial JS+CSS is ${kB(total)} gzip, over the ${kB(budgetBytes)} budget (${detail})`,
    );
  return `initial JS+CSS: ${kB(total)} gzip of the ${kB(budgetBytes)} budget (${detail})`;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
