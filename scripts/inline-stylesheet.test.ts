import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';

import { inlineStylesheets } from './inline-stylesheet';

describe('inlineStylesheets', () => {
  let site: string;
  beforeEach(() => {
    site = mkdtempSync(join(tmpdir(), 'password-set-inline-'));
    writeFileSync(
      join(site, 'styles-AAAA1111.css'),
      ':root{color-scheme:light dark}html{background:#f3f5f8}',
    );
  });
  afterEach(() => rmSync(site, { recursive: true, force: true }));

  it('replaces the stylesheet link with a <style> naming its file, and leaves scripts and other links alone', () => {
    writeFileSync(
      join(site, 'index.html'),
      '<head><link rel="icon" href="favicon.svg"><link rel="stylesheet" href="styles-AAAA1111.css" crossorigin="anonymous" integrity="sha384-x"></head>' +
        '<body><link rel="modulepreload" href="chunk-B.js"><script src="main-C.js" type="module"></script></body>',
    );
    assert.deepEqual(inlineStylesheets(site), ['styles-AAAA1111.css']);
    assert.equal(
      readFileSync(join(site, 'index.html'), 'utf8'),
      '<head><link rel="icon" href="favicon.svg"><style data-href="styles-AAAA1111.css">:root{color-scheme:light dark}html{background:#f3f5f8}</style></head>' +
        '<body><link rel="modulepreload" href="chunk-B.js"><script src="main-C.js" type="module"></script></body>',
    );
  });

  it('leaves stylesheets of other origins linked', () => {
    const html = '<link rel="stylesheet" href="https://cdn.example/x.css">';
    writeFileSync(join(site, 'index.html'), html);
    assert.deepEqual(inlineStylesheets(site), []);
    assert.equal(readFileSync(join(site, 'index.html'), 'utf8'), html);
  });

  it('refuses CSS that would end the <style> element early', () => {
    writeFileSync(join(site, 'styles-AAAA1111.css'), 'a{content:"</style><script>"}');
    writeFileSync(join(site, 'index.html'), '<link rel="stylesheet" href="styles-AAAA1111.css">');
    assert.throws(() => inlineStylesheets(site), /cannot be inlined/);
  });
});
