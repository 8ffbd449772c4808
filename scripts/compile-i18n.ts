/**
 * Compiles the translation files `i18n/<lang>.json` (nested keys, ICU MessageFormat, as translators
 * write them) into what the page fetches and bundles:
 *
 * - `generated/i18n/<lang>.json`, one per language: flat keys, messages parsed ahead of time (the page
 *   ships no ICU parser; `translate-compiler.ts` formats them with `Intl`);
 * - `generated/startup.en.json`: the few English messages the page bundles (see `src/app/i18n/message-files.ts`);
 * - `generated/languages.ts`: the list of languages, one per file, which the page negotiates and offers
 *   (see `locale.ts`), and the digits of those that do not write ASCII digits (see `message-format.ts`);
 *   adding `i18n/<lang>.json` is all it takes to add a language;
 * - in every compiled file, each offered language's name in that language under
 *   `languageNames.<tag>` (`"languageNames.de": "Deutsch"`), for the switcher: named here, so the page
 *   need not spend the time, and delivered with the file the page downloads anyway (no request of
 *   their own, and there whenever the page's text is).
 *
 * Fails, naming the file and key, on a file name that is not a BCP 47 language tag, an invalid message,
 * or a message that uses an argument its English message does not have (the page would have no value
 * for it). Warns about keys that English has and a file lacks: the page shows those in English.
 * Part of `npm run build`, `npm run typecheck`, the server scripts and Jest's setup.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nativeLanguageName } from './i18n/language-names';
import { localeZeroDigit } from './i18n/locale-zero-digit';
import { compileMessages, messageArguments, type MessageTree } from './i18n/message-compiler';
import { PSEUDO_GENERATORS } from './i18n/pseudo-locale';
import {
  LANGUAGE_NAME_PREFIX,
  isStartupMessageKey,
  translationFilePath,
} from '../src/app/i18n/message-files';

/** What {@link compileTranslations} did. */
export interface CompileReport {
  /** The languages compiled, one per file, sorted. */
  readonly languages: readonly string[];
  /** Per language, the English keys its file lacks (shown in English). */
  readonly missing: Readonly<Record<string, readonly string[]>>;
}

/**
 * Whether a file name (without `.json`) is a BCP 47 tag in its canonical form, of a language the
 * browser's `Intl` knows (the switcher names it with `Intl.DisplayNames`, plurals need its CLDR rules).
 */
function isLanguageTag(name: string): boolean {
  try {
    if (Intl.getCanonicalLocales(name)[0] !== name) return false;
    return (
      new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(
        new Intl.Locale(name).language,
      ) !== undefined
    );
  } catch {
    return false;
  }
}

/** Compiles every translation file under `root` (see the module comment); throws on the first error. */
export function compileTranslations(root: string): CompileReport {
  const source = join(root, 'i18n');
  const generated = join(root, 'generated');
  const languages = readdirSync(source)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
  for (const language of languages) {
    if (!isLanguageTag(language)) {
      throw new Error(
        `i18n/${language}.json: the file name must be a language's BCP 47 tag in its canonical form (e.g. de, pt-BR, zh-Hant)`,
      );
    }
  }
  if (!languages.includes('en'))
    throw new Error('i18n/en.json is missing: English is every other language’s fallback');

  const compile = (language: string) => {
    const tree: MessageTree = JSON.parse(readFileSync(join(source, `${language}.json`), 'utf8'));
    try {
      return compileMessages(tree);
    } catch (error) {
      throw new Error(
        `i18n/${language}.json: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  };
  const names = Object.fromEntries(
    languages
      .filter((language) => !(language in PSEUDO_GENERATORS))
      .map((language) => [`${LANGUAGE_NAME_PREFIX}${language}`, nativeLanguageName(language)]),
  );
  const english = compile('en');
  // A file removed from i18n/ must not live on in the build.
  rmSync(join(generated, 'i18n'), { recursive: true, force: true });
  mkdirSync(join(generated, 'i18n'), { recursive: true });
  const missing: Record<string, string[]> = {};
  for (const language of languages) {
    const messages = language === 'en' ? english : compile(language);
    for (const [key, message] of Object.entries(messages)) {
      const englishMessage = english[key];
      if (englishMessage === undefined) continue;
      const allowed = new Set(messageArguments(englishMessage));
      const unknown = messageArguments(message).filter((name) => !allowed.has(name));
      if (unknown.length > 0) {
        throw new Error(
          `i18n/${language}.json: ${key} uses {${unknown.join('}, {')}}, which the page does not pass (English uses ${[...allowed].map((name) => `{${name}}`).join(', ') || 'none'})`,
        );
      }
    }
    const lacking = Object.keys(english).filter((key) => !(key in messages));
    if (lacking.length > 0) missing[language] = lacking;
    // translationFilePath is relative to the site root, where generated/i18n/ is served as i18n/.
    if (Object.keys(messages).some((key) => key.startsWith(LANGUAGE_NAME_PREFIX))) {
      throw new Error(
        `i18n/${language}.json: keys under "${LANGUAGE_NAME_PREFIX.slice(0, -1)}" are written by the compiler (each language's own name); remove them`,
      );
    }
    writeFileSync(
      join(generated, translationFilePath(language)),
      JSON.stringify({ ...messages, ...names }),
    );
  }
  // Not under the served i18n/ folder: it is bundled, never fetched.
  const startup = Object.fromEntries(
    Object.entries(english).filter(([key]) => isStartupMessageKey(key)),
  );
  writeFileSync(join(generated, 'startup.en.json'), JSON.stringify(startup));
  const zeroDigits = Object.fromEntries(
    languages.flatMap((language) => {
      const zero = localeZeroDigit(language);
      return zero === null ? [] : [[language, zero]];
    }),
  );
  writeFileSync(
    join(generated, 'languages.ts'),
    `// Written by \`npm run i18n:compile\` (scripts/compile-i18n.ts) from the files in i18n/: do not edit.\n` +
      `/** Every language with a translation file \`i18n/<lang>.json\`, pseudo-locales included. */\n` +
      `export const TRANSLATED_LANGUAGES: readonly string[] = ${JSON.stringify(languages)};\n` +
      `/** The code point of the zero digit of each language that does not write ASCII digits, as \`Intl.NumberFormat\` writes it. */\n` +
      `export const LOCALE_ZERO_DIGITS: Readonly<Record<string, number>> = ${JSON.stringify(zeroDigits)};\n`,
  );
  return { languages, missing };
}

// npm scripts run in the project root.
if (process.argv[1]?.endsWith('compile-i18n.ts')) {
  try {
    const { languages, missing } = compileTranslations(process.cwd());
    for (const [language, keys] of Object.entries(missing)) {
      console.warn(
        `i18n/${language}.json lacks ${keys.length} of the English messages (shown in English): ${keys.join(', ')}`,
      );
    }
    console.log(`compiled ${languages.length} translation files into generated/i18n/`);
  } catch (error) {
    console.error(`i18n:compile failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
