/**
 * Compiles the translation files `i18n/<lang>.json` (ICU MessageFormat, as translators write them)
 * into `generated/i18n/<lang>.json` (flat keys, pre-parsed messages), which the page bundles (English)
 * or fetches (every other language). Part of `npm run build`, `npm run typecheck` and Jest's setup;
 * fails on any invalid message.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileMessages, type MessageTree } from '../src/app/i18n/message-compiler';

/** Compiles every translation file under `root`; returns how many were written. */
export function compileTranslations(root: string): number {
  const source = join(root, 'i18n');
  const target = join(root, 'generated', 'i18n');
  mkdirSync(target, { recursive: true });
  const files = readdirSync(source).filter((file) => file.endsWith('.json'));
  for (const file of files) {
    const tree: MessageTree = JSON.parse(readFileSync(join(source, file), 'utf8'));
    writeFileSync(join(target, file), JSON.stringify(compileMessages(tree)));
  }
  return files.length;
}

// npm scripts run in the project root.
if (process.argv[1]?.endsWith('compile-i18n.ts')) {
  console.log(`compiled ${compileTranslations(process.cwd())} translation files into generated/i18n/`);
}
