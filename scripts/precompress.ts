/**
 * Writes precompressed siblings next to the built page's text files: `<file>.br` (brotli quality 11,
 * text mode) and `<file>.gz` (gzip level 9), which the production server sends instead of compressing
 * on the fly (`server/production.ts`, express-static-gzip). Run by `npm run build` (`scripts/build.ts`);
 * by hand after changing a file in a built site: `node --import tsx scripts/precompress.ts <browser dir>`.
 *
 * Only files worth it get siblings (a compressible type, and a compressed form smaller by more than
 * the `Content-Encoding` header it costs, {@link ENCODING_HEADER_BYTES}); a sibling left from an earlier
 * run that no longer qualifies is
 * deleted, so a sibling never outlives the content it was made from within one run.
 */
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

const brotliCompressAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The file types that get precompressed siblings (text; images and fonts are compressed already). */
export const PRECOMPRESSIBLE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.js',
  '.css',
  '.html',
  '.json',
  '.svg',
  '.txt',
]);

/**
 * What sending a compressed file adds to the response: `Content-Encoding: gzip` and its line end. A
 * sibling must save more than that. Small files count too: the page's 449-byte helper chunk is on the
 * critical path and brotli halves it (the server's on-the-fly compression keeps its 1 kB threshold,
 * where compressing costs time on every response).
 */
export const ENCODING_HEADER_BYTES = 24;

// The root index.html is never sent as a file: the production server injects the cidaas base URL into
// it, and deployers are told to edit its <meta> in place, which would leave a sibling stale.
const NEVER_PRECOMPRESSED = new Set(['index.html']);

/** One encoding's sibling suffix. */
type SiblingSuffix = '.br' | '.gz';

/** What happened to one file of the site. */
export interface PrecompressedFile {
  /** The path relative to the site's root, with `/` separators. */
  readonly path: string;
  /** The original's size in bytes. */
  readonly bytes: number;
  /** The `.br` sibling's size, or `null` when none was written. */
  readonly brotliBytes: number | null;
  /** The `.gz` sibling's size, or `null` when none was written. */
  readonly gzipBytes: number | null;
}

/** Brotli at its best: quality 11, text mode, told the input's size. */
export function brotli11(content: Buffer): Promise<Buffer> {
  return brotliCompressAsync(content, {
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
      [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });
}

/** Gzip at its best: level 9. */
export function gzip9(content: Buffer): Promise<Buffer> {
  return gzipAsync(content, { level: zlibConstants.Z_BEST_COMPRESSION });
}

/** Whether a file (by its path relative to the site's root) may get precompressed siblings at all. */
export function isPrecompressible(relativePath: string): boolean {
  return (
    !NEVER_PRECOMPRESSED.has(relativePath) &&
    PRECOMPRESSIBLE_EXTENSIONS.has(extname(relativePath).toLowerCase())
  );
}

/** Writes `compressed` as the sibling when it saves more than its header costs, else deletes any old sibling; returns its size or `null`. */
function writeOrDropSibling(
  file: string,
  suffix: SiblingSuffix,
  original: Buffer,
  compressed: Buffer | null,
): number | null {
  if (compressed !== null && compressed.length + ENCODING_HEADER_BYTES < original.length) {
    writeFileSync(file + suffix, compressed);
    return compressed.length;
  }
  rmSync(file + suffix, { force: true });
  return null;
}

/** Precompresses one file (absolute path); `relativePath` decides whether it qualifies. */
async function precompressFile(file: string, relativePath: string): Promise<PrecompressedFile> {
  const content = readFileSync(file);
  const worthIt = isPrecompressible(relativePath) && content.length > ENCODING_HEADER_BYTES;
  const [brotli, gzipped] = worthIt
    ? await Promise.all([brotli11(content), gzip9(content)])
    : [null, null];
  return {
    path: relativePath,
    bytes: content.length,
    brotliBytes: writeOrDropSibling(file, '.br', content, brotli),
    gzipBytes: writeOrDropSibling(file, '.gz', content, gzipped),
  };
}

/** Every regular file under `root` except precompressed siblings, relative to it, with `/` separators. */
function originalsUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !/\.(?:br|gz)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** Precompresses every qualifying file under `root` (the built site's browser folder); returns one entry per file. */
export async function precompressSite(root: string): Promise<PrecompressedFile[]> {
  const siteRoot = resolve(root);
  return Promise.all(
    originalsUnder(siteRoot).map((path) => precompressFile(join(siteRoot, path), path)),
  );
}

/** A one-line summary for the build log. */
export function summarize(files: readonly PrecompressedFile[]): string {
  const compressed = files.filter((file) => file.brotliBytes !== null || file.gzipBytes !== null);
  const raw = compressed.reduce((sum, file) => sum + file.bytes, 0);
  const brotli = compressed.reduce((sum, file) => sum + (file.brotliBytes ?? file.bytes), 0);
  const gzipped = compressed.reduce((sum, file) => sum + (file.gzipBytes ?? file.bytes), 0);
  const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
  return `precompressed ${compressed.length} of ${files.length} files: ${kB(raw)} raw, ${kB(gzipped)} gzip 9, ${kB(brotli)} brotli 11`;
}

if (require.main === module) {
  const root = process.argv[2];
  if (root === undefined) {
    console.error(
      'usage: node --import tsx scripts/precompress.ts <built site folder, e.g. dist/password-set/browser>',
    );
    process.exit(2);
  }
  precompressSite(root).then(
    (files) => console.log(summarize(files)),
    (error: unknown) => {
      console.error(
        `precompress failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exit(1);
    },
  );
}
