/**
 * Compiles the translation files `i18n/<lang>.json` (ICU MessageFormat, as translators write them)
 * into the two files the page fetches per language (flat keys, pre-parsed messages):
 * `generated/i18n/<lang>.json` with the form's messages and `generated/i18n/<lang>.states.json` with
 * those of the page's other states (see `message-parts.ts`), and the few English messages it bundles
 * into `generated/startup.en.json` (see `startup-messages.ts`).
 * Part of `npm run build`, `npm run typecheck` and Jest's setup; fails on any invalid message.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileMessages, type MessageTree } from '../src/app/i18n/message-compiler';
import { MESSAGE_PARTS, messagePartOf, translationFilePath } from '../src/app/i18n/message-parts';
import { isStartupMessageKey } from '../src/app/i18n/startup-messages';

/** Compiles every translation file under `root`; returns how many were written. */
export function compileTranslations(root: string): number {
  const source = join(root, 'i18n');
  const target = join(root, 'generated', 'i18n');
  mkdirSync(target, { recursive: true });
  const files = readdirSync(source).filter((file) => file.endsWith('.json'));
  for (const file of files) {
    const tree: MessageTree = JSON.parse(readFileSync(join(source, file), 'utf8'));
    const compiled = compileMessages(tree);
    const language = file.replace(/\.json$/, '');
    for (const part of MESSAGE_PARTS) {
      const messages = Object.fromEntries(Object.entries(compiled).filter(([key]) => messagePartOf(key) === part));
      // translationFilePath is relative to the site root, where generated/i18n/ is served as i18n/.
      writeFileSync(join(target, translationFilePath(language, part).replace(/^i18n\//, '')), JSON.stringify(messages));
    }
    if (file === 'en.json') {
      const startup = Object.fromEntries(Object.entries(compiled).filter(([key]) => isStartupMessageKey(key)));
      // Not under the served i18n/ folder's name pattern: it is bundled, never fetched.
      writeFileSync(join(root, 'generated', 'startup.en.json'), JSON.stringify(startup));
    }
  }
  return files.length;
}

// npm scripts run in the project root.
if (process.argv[1]?.endsWith('compile-i18n.ts')) {
  console.log(`compiled ${compileTranslations(process.cwd())} translation files into generated/i18n/`);
}
