import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import { checkInitialGzipBudget } from './build';

describe('checkInitialGzipBudget', () => {
  const site = mkdtempSync(join(tmpdir(), 'password-set-budget-'));
  after(() => rmSync(site, { recursive: true, force: true }));
  writeFileSync(
    join(site, 'index.html'),
    '<link rel="stylesheet" href="styles-AAAA1111.css"><link rel="modulepreload" href="chunk-BBBB2222.js"><script src="main-CCCC3333.js" type="module"></script>',
  );
  writeFileSync(join(site, 'styles-AAAA1111.css'), 'body{margin:0}');
  // Random bytes do not compress: their gzip size is about their raw size.
  writeFileSync(join(site, 'chunk-BBBB2222.js'), randomBytes(30_000));
  writeFileSync(join(site, 'main-CCCC3333.js'), randomBytes(20_000));
  writeFileSync(join(site, 'chunk-LAZY4444.js'), randomBytes(50_000));

  it('counts every file index.html loads (not lazy chunks) and passes within the budget', () => {
    const report = checkInitialGzipBudget(site, 60_000);
    assert.match(report, /^initial JS\+CSS: 50\.\d kB gzip of the 60\.0 kB budget/);
    assert.match(report, /chunk-BBBB2222\.js 30\.\d kB, main-CCCC3333\.js 20\.\d kB/);
    assert.doesNotMatch(report, /LAZY/);
  });

  it('fails the build above the budget, naming the files', () => {
    assert.throws(
      () => checkInitialGzipBudget(site, 45_000),
      /initial JS\+CSS is 50\.\d kB gzip, over the 45\.0 kB budget \(styles-AAAA1111\.css/,
    );
  });

  it("by default allows 80 kB gzip (the design card's stack and the page) and no more", () => {
    const defaults = mkdtempSync(join(tmpdir(), 'password-set-budget-default-'));
    try {
      writeFileSync(
        join(defaults, 'index.html'),
        '<script src="main-DDDD4444.js" type="module"></script>',
      );
      writeFileSync(join(defaults, 'main-DDDD4444.js'), randomBytes(79_000));
      assert.match(checkInitialGzipBudget(defaults), /of the 80\.0 kB budget/);
      writeFileSync(join(defaults, 'main-DDDD4444.js'), randomBytes(81_000));
      assert.throws(() => checkInitialGzipBudget(defaults), /over the 80\.0 kB budget/);
    } finally {
      rmSync(defaults, { recursive: true, force: true });
    }
  });
});
