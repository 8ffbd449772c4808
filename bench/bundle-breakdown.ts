/**
 * Where the initial bytes go: reads the esbuild metafile that `ng build --stats-json` writes
 * (`<output>/stats.json`) and the built `index.html`, finds the initial files (what `index.html`
 * loads, plus their static imports), and groups their bytes by npm package or app folder.
 *
 * Raw bytes per group are exact (esbuild's `bytesInOutput`). Gzip bytes per group are an estimate:
 * each file is gzipped whole and its gzip size is shared out in proportion to the raw bytes, since
 * gzip cannot be split by source.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { isRecord } from '../src/contract/is-record';
import { initialFilesOf } from '../scripts/budget';

/** One group of initial bytes: a package such as `@angular/core`, or an app folder. */
export interface BundleGroup {
  readonly name: string;
  readonly rawBytes: number;
  /** Estimated: this group's share of its files' gzip size. */
  readonly gzipBytes: number;
}

/** The initial files and their bytes, grouped. */
export interface BundleBreakdown {
  readonly files: readonly {
    readonly file: string;
    readonly rawBytes: number;
    readonly gzipBytes: number;
  }[];
  readonly totalRawBytes: number;
  readonly totalGzipBytes: number;
  /** Largest first. */
  readonly groups: readonly BundleGroup[];
}

interface MetafileOutput {
  readonly bytes: number;
  readonly imports?: readonly { readonly path: string; readonly kind: string }[];
  readonly inputs?: Readonly<Record<string, { readonly bytesInOutput: number }>>;
}

function isMetafileOutput(value: unknown): value is MetafileOutput {
  return isRecord(value) && typeof value['bytes'] === 'number';
}

/** The group an esbuild input path belongs to: its npm package, or `app: <folder>` for our own code. */
export function groupOf(inputPath: string): string {
  // The last node_modules segment: with nested installs, that is the package the code is from.
  const packageMatch = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(inputPath);
  if (packageMatch?.[1] !== undefined) return packageMatch[1];
  const appMatch = /^src\/app\/([^/]+)\//.exec(inputPath);
  if (appMatch?.[1] !== undefined) return `app: ${appMatch[1]}/`;
  if (inputPath.startsWith('i18n/')) return `bundled translations (${inputPath})`;
  if (inputPath.startsWith('angular:styles') || inputPath.endsWith('.css')) return 'styles';
  return `app: ${inputPath.replace(/^src\//, '')}`;
}

/** Reads the build output folder (the `--output-path`, holding `stats.json` and `browser/`). */
export function bundleBreakdown(outputDir: string): BundleBreakdown {
  const metafile: unknown = JSON.parse(readFileSync(join(outputDir, 'stats.json'), 'utf8'));
  const outputs = isRecord(metafile) && isRecord(metafile['outputs']) ? metafile['outputs'] : {};
  const browserDir = join(outputDir, 'browser');
  const initial = initialFilesOf(readFileSync(join(browserDir, 'index.html'), 'utf8'));
  for (let index = 0; index < initial.length; index++) {
    const output = outputs[initial[index] ?? ''];
    if (!isMetafileOutput(output)) continue;
    for (const imported of output.imports ?? []) {
      if (imported.kind === 'import-statement' && !initial.includes(imported.path))
        initial.push(imported.path);
    }
  }

  const groups = new Map<string, { raw: number; gzip: number }>();
  const files = initial.map((file) => {
    const content = readFileSync(join(browserDir, file));
    const gzipBytes = gzipSync(content, { level: 6 }).length;
    const output = outputs[file];
    const inputs = isMetafileOutput(output) ? Object.entries(output.inputs ?? {}) : [];
    const attributed = inputs.reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
    for (const [path, input] of inputs) {
      const group = groups.get(groupOf(path)) ?? { raw: 0, gzip: 0 };
      group.raw += input.bytesInOutput;
      group.gzip += attributed === 0 ? 0 : (gzipBytes * input.bytesInOutput) / attributed;
      groups.set(groupOf(path), group);
    }
    return { file, rawBytes: content.length, gzipBytes };
  });
  return {
    files,
    totalRawBytes: files.reduce((sum, file) => sum + file.rawBytes, 0),
    totalGzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    groups: [...groups.entries()]
      .map(([name, { raw, gzip }]) => ({ name, rawBytes: raw, gzipBytes: Math.round(gzip) }))
      .sort((a, b) => b.rawBytes - a.rawBytes),
  };
}
