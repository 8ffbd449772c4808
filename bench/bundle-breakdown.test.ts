import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { initialFilesOf } from '../scripts/budget';
import { bundleBreakdown, groupOf } from './bundle-breakdown';

describe('groupOf', () => {
  const cases: [string, string][] = [
    ['node_modules/@angular/core/fesm2022/core.mjs', '@angular/core'],
    ['node_modules/rxjs/dist/esm/internal/Observable.js', 'rxjs'],
    ['node_modules/.pnpm/x/node_modules/intl-messageformat/lib/core.js', 'intl-messageformat'],
    ['src/app/password-set/rule-checklist.ts', 'app: password-set/'],
    ['src/main.ts', 'app: main.ts'],
    ['i18n/en.json', 'bundled translations (i18n/en.json)'],
    ['angular:styles/global:styles', 'styles'],
  ];
  for (const [input, group] of cases) {
    it(`puts ${input} in ${group}`, () => assert.equal(groupOf(input), group));
  }
});

describe('initialFilesOf', () => {
  it('finds scripts, module preloads and stylesheets, but not the favicon', () => {
    const html = `<link rel="icon" href="favicon.svg"><link rel="stylesheet" href="styles-A.css" crossorigin="anonymous">
      <link rel="modulepreload" href="chunk-B.js" integrity="x"><script src="main-C.js" type="module"></script>`;
    assert.deepEqual(initialFilesOf(html), ['styles-A.css', 'chunk-B.js', 'main-C.js']);
  });

  it('counts a stylesheet the build inlined by the file it came from', () => {
    const html = `<style data-href="styles-A.css">html{margin:0}</style><style>p{}</style><script src="main-C.js" type="module"></script>`;
    assert.deepEqual(initialFilesOf(html), ['styles-A.css', 'main-C.js']);
  });
});

describe('bundleBreakdown', () => {
  it('follows static imports, skips lazy chunks, and adds raw bytes per package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-breakdown-'));
    try {
      mkdirSync(join(dir, 'browser'));
      writeFileSync(
        join(dir, 'browser', 'index.html'),
        '<script src="main.js" type="module"></script>',
      );
      writeFileSync(join(dir, 'browser', 'main.js'), 'a'.repeat(300));
      writeFileSync(join(dir, 'browser', 'shared.js'), 'b'.repeat(100));
      writeFileSync(join(dir, 'browser', 'lazy.js'), 'c'.repeat(50));
      const stats = {
        inputs: {},
        outputs: {
          'main.js': {
            bytes: 300,
            imports: [
              { path: 'shared.js', kind: 'import-statement' },
              { path: 'lazy.js', kind: 'dynamic-import' },
            ],
            inputs: {
              'src/main.ts': { bytesInOutput: 100 },
              'node_modules/@angular/core/x.mjs': { bytesInOutput: 200 },
            },
          },
          'shared.js': {
            bytes: 100,
            imports: [],
            inputs: { 'node_modules/@angular/core/y.mjs': { bytesInOutput: 100 } },
          },
          'lazy.js': {
            bytes: 50,
            imports: [],
            inputs: { 'src/app/success/page.ts': { bytesInOutput: 50 } },
          },
        },
      };
      writeFileSync(join(dir, 'stats.json'), JSON.stringify(stats));
      const breakdown = bundleBreakdown(dir);
      assert.deepEqual(
        breakdown.files.map((file) => file.file),
        ['main.js', 'shared.js'],
      );
      assert.equal(breakdown.totalRawBytes, 400);
      assert.deepEqual(
        breakdown.groups.map((group) => [group.name, group.rawBytes]),
        [
          ['@angular/core', 300],
          ['app: main.ts', 100],
        ],
      );
      assert.ok(
        breakdown.groups.every((group) => group.gzipBytes > 0 && group.gzipBytes < group.rawBytes),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
