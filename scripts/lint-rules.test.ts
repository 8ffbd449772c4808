/**
 * The lint rule that keeps src/contract framework-free holds: ESLint, with the project's config,
 * refuses Angular, rxjs and app imports there, and allows them in the app.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('src/contract stays framework-free', () => {
  it('refuses Angular, ngx-translate, rxjs and the app in src/contract', async () => {
    for (const specifier of [
      '@angular/core',
      '@ngx-translate/core',
      'rxjs',
      'rxjs/operators',
      '../app/app',
      '../../server/html',
    ]) {
      const messages = await restrictedImports(
        `import { x } from '${specifier}';\nexport const y = x;\n`,
        'src/contract/probe.ts',
      );
      assert.equal(messages.length, 1, specifier);
    }
  });

  it("allows the contract's own files there, and Angular in the app", async () => {
    assert.deepEqual(
      await restrictedImports(
        `import { isRecord } from './is-record';\nexport const y = isRecord;\n`,
        'src/contract/probe.ts',
      ),
      [],
    );
    assert.deepEqual(
      await restrictedImports(
        `import { signal } from '@angular/core';\nexport const y = signal;\n`,
        'src/app/probe.ts',
      ),
      [],
    );
  });
});
