/**
 * Writes the pseudo-locales `i18n/en-XA.json` and `i18n/ar-XB.json` from `i18n/en.json`.
 * Run after changing English: `npm run i18n:pseudo` (a Jest test fails while they are out of date).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PSEUDO_GENERATORS, pseudoLocaleFile, type MessageTree } from './i18n/pseudo-locale';

// npm scripts run in the project root.
const dir = join(process.cwd(), 'i18n');
const english: MessageTree = JSON.parse(readFileSync(join(dir, 'en.json'), 'utf8'));
for (const locale of ['en-XA', 'ar-XB'] as const satisfies ReadonlyArray<
  keyof typeof PSEUDO_GENERATORS
>) {
  writeFileSync(join(dir, `${locale}.json`), pseudoLocaleFile(english, locale));
  console.log(`wrote i18n/${locale}.json`);
}
