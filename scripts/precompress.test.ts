import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { browserOutputDir } from './build';
import {
  ENCODING_HEADER_BYTES,
  isPrecompressible,
  precompressSite,
  summarize,
} from './precompress';

const BUNDLE = `export const words = ${JSON.stringify('set your new password '.repeat(500))};`;
const STYLES = `body{${'color:red;margin:0;'.repeat(200)}}`;
const TRANSLATION = JSON.stringify(
  Object.fromEntries(
    Array.from({ length: 100 }, (_, index) => [`key${index}`, `Message number ${index}`]),
  ),
);
// Random bytes do not compress: their "compressed" forms are larger than the file.
const INCOMPRESSIBLE = randomBytes(4096);

describe('precompressSite', () => {
  let site: string;
  beforeEach(() => {
    site = mkdtempSync(join(tmpdir(), 'precompress-'));
    writeFileSync(join(site, 'index.html'), `<!doctype html>${'<p>page</p>'.repeat(200)}`);
    writeFileSync(join(site, 'main-ABCD2345.js'), BUNDLE);
    writeFileSync(join(site, 'styles-ABCD2345.css'), STYLES);
    writeFileSync(join(site, 'small-ABCD2345.js'), 'export const x = 1;');
    writeFileSync(join(site, 'random.txt'), INCOMPRESSIBLE);
    writeFileSync(join(site, 'photo.png'), Buffer.alloc(8192, 1));
    mkdirSync(join(site, 'i18n'));
    writeFileSync(join(site, 'i18n', 'de.json'), TRANSLATION);
  });
  afterEach(() => rmSync(site, { recursive: true, force: true }));

  it('writes .br and .gz siblings that decompress to the original, and smaller than it', async () => {
    await precompressSite(site);
    const originals: ReadonlyArray<readonly [string, string]> = [
      ['main-ABCD2345.js', BUNDLE],
      ['styles-ABCD2345.css', STYLES],
      ['i18n/de.json', TRANSLATION],
    ];
    for (const [path, content] of originals) {
      const brotli = readFileSync(join(site, `${path}.br`));
      const gzipped = readFileSync(join(site, `${path}.gz`));
      assert.equal(brotliDecompressSync(brotli).toString('utf8'), content, path);
      assert.equal(gunzipSync(gzipped).toString('utf8'), content, path);
      assert.ok(brotli.length < content.length && gzipped.length < content.length, path);
    }
  });

  it('reports each file with the sizes it wrote, and summarizes them', async () => {
    const files = await precompressSite(site);
    assert.deepEqual(
      files.map((file) => file.path),
      [
        'i18n/de.json',
        'index.html',
        'main-ABCD2345.js',
        'photo.png',
        'random.txt',
        'small-ABCD2345.js',
        'styles-ABCD2345.css',
      ],
    );
    const main = files.find((file) => file.path === 'main-ABCD2345.js');
    assert.deepEqual(main, {
      path: 'main-ABCD2345.js',
      bytes: BUNDLE.length,
      brotliBytes: statSync(join(site, 'main-ABCD2345.js.br')).size,
      gzipBytes: statSync(join(site, 'main-ABCD2345.js.gz')).size,
    });
    assert.match(summarize(files), /^precompressed 3 of 7 files: /);
  });

  it('compresses a small file when that saves more than the Content-Encoding header costs', async () => {
    // Like the build's helper chunk: a few hundred bytes of minified JavaScript with repeats.
    const helpers = 'var a=Object.defineProperty,b=Object.defineProperties;'.repeat(8);
    writeFileSync(join(site, 'chunk-HELP1234.js'), helpers);
    const files = await precompressSite(site);
    const entry = files.find((file) => file.path === 'chunk-HELP1234.js');
    assert.ok(
      entry?.brotliBytes !== null &&
        entry?.brotliBytes !== undefined &&
        entry.brotliBytes + ENCODING_HEADER_BYTES < helpers.length,
    );
    assert.equal(
      brotliDecompressSync(readFileSync(join(site, 'chunk-HELP1234.js.br'))).toString(),
      helpers,
    );
  });

  it('skips files too small to gain, incompressible files, other types and the root index.html', async () => {
    const files = await precompressSite(site);
    for (const path of ['small-ABCD2345.js', 'random.txt', 'photo.png', 'index.html']) {
      assert.equal(existsSync(join(site, `${path}.br`)), false, `${path}.br`);
      assert.equal(existsSync(join(site, `${path}.gz`)), false, `${path}.gz`);
      const entry = files.find((file) => file.path === path);
      assert.deepEqual([entry?.brotliBytes, entry?.gzipBytes], [null, null], path);
    }
  });

  it('deletes a sibling left from an earlier run when its file no longer qualifies, and never compresses siblings', async () => {
    await precompressSite(site);
    writeFileSync(join(site, 'main-ABCD2345.js'), 'export {};');
    const files = await precompressSite(site);
    assert.equal(existsSync(join(site, 'main-ABCD2345.js.br')), false);
    assert.equal(existsSync(join(site, 'main-ABCD2345.js.gz')), false);
    assert.ok(existsSync(join(site, 'styles-ABCD2345.css.br')));
    assert.equal(existsSync(join(site, 'styles-ABCD2345.css.br.br')), false);
    assert.equal(files.filter((file) => /\.(?:br|gz)$/.test(file.path)).length, 0);
  });

  it('replaces a stale sibling with one made from the current content', async () => {
    await precompressSite(site);
    const changed = BUNDLE.replace('set your', 'choose a');
    writeFileSync(join(site, 'main-ABCD2345.js'), changed);
    await precompressSite(site);
    assert.equal(
      brotliDecompressSync(readFileSync(join(site, 'main-ABCD2345.js.br'))).toString('utf8'),
      changed,
    );
    assert.equal(
      gunzipSync(readFileSync(join(site, 'main-ABCD2345.js.gz'))).toString('utf8'),
      changed,
    );
  });
});

describe('isPrecompressible', () => {
  const cases: ReadonlyArray<readonly [string, boolean]> = [
    ['main-ABCD2345.js', true],
    ['styles-ABCD2345.CSS', true],
    ['i18n/de.json', true],
    ['favicon.svg', true],
    ['3rdpartylicenses.txt', true],
    ['themes/page.html', true],
    ['index.html', false],
    ['photo.png', false],
    ['font.woff2', false],
    ['main-ABCD2345.js.br', false],
  ];
  for (const [path, expected] of cases) {
    it(`${path}: ${expected}`, () => assert.equal(isPrecompressible(path), expected));
  }

  it("counts a sibling's cost as its Content-Encoding header", () =>
    assert.equal(ENCODING_HEADER_BYTES, 'Content-Encoding: gzip\r\n'.length));
});

describe('browserOutputDir', () => {
  const cases: ReadonlyArray<readonly [readonly string[], string]> = [
    [[], 'dist/password-set/browser'],
    [['--output-path', 'dist-bench', '--stats-json'], 'dist-bench/browser'],
    [['--stats-json', '--output-path=dist-x'], 'dist-x/browser'],
    [['--outputPath', '/tmp/site'], '/tmp/site/browser'],
    [['--configuration', 'development', '--outputPath=out'], 'out/browser'],
  ];
  for (const [args, expected] of cases) {
    it(`${JSON.stringify(args)} → ${expected}`, () => {
      assert.equal(browserOutputDir(args, '/repo'), resolve('/repo', expected));
    });
  }
});
