import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import { COMPILE_HINT, addCompileHints, integrityOf } from './compile-hints';

describe('addCompileHints', () => {
  const site = mkdtempSync(join(tmpdir(), 'password-set-hints-'));
  after(() => rmSync(site, { recursive: true, force: true }));
  const main = 'import{a}from"./chunk-BBBB2222.js";console.log(a);';
  const chunk = 'export const a=1;';
  writeFileSync(join(site, 'main-CCCC3333.js'), main);
  writeFileSync(join(site, 'chunk-BBBB2222.js'), chunk);
  writeFileSync(
    join(site, 'index.html'),
    `<link rel="modulepreload" href="chunk-BBBB2222.js" integrity="${integrityOf(chunk)}">` +
      `<script src="main-CCCC3333.js" type="module" crossorigin="anonymous" integrity="${integrityOf(main)}"></script>` +
      '<script src="https://cdn.example/x.js" type="module"></script>',
  );

  it('prepends the hint to the entry script and updates its integrity; chunks and other origins are left alone', () => {
    assert.deepEqual(addCompileHints(site), ['main-CCCC3333.js']);
    const hinted = readFileSync(join(site, 'main-CCCC3333.js'), 'utf8');
    assert.equal(hinted, COMPILE_HINT + main);
    assert.ok(hinted.startsWith('//# allFunctionsCalledOnLoad\n'));
    assert.equal(readFileSync(join(site, 'chunk-BBBB2222.js'), 'utf8'), chunk);
    const html = readFileSync(join(site, 'index.html'), 'utf8');
    assert.ok(html.includes(`integrity="${integrityOf(hinted)}"`));
    assert.ok(html.includes(`href="chunk-BBBB2222.js" integrity="${integrityOf(chunk)}"`));
    assert.ok(!html.includes(integrityOf(main)));
  });

  it('is idempotent', () => {
    const html = readFileSync(join(site, 'index.html'), 'utf8');
    addCompileHints(site);
    assert.equal(readFileSync(join(site, 'main-CCCC3333.js'), 'utf8'), COMPILE_HINT + main);
    assert.equal(readFileSync(join(site, 'index.html'), 'utf8'), html);
  });
});

describe('integrityOf', () => {
  it('is the sha384 in base64 that browsers check', () => {
    // echo -n abc | openssl dgst -sha384 -binary | base64
    assert.equal(
      integrityOf('abc'),
      'sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn',
    );
  });
});
