/**
 * Which messages the page has, and when: the one place that decides it. Framework-free; the page's
 * loader, the compiler script (`scripts/compile-i18n.ts`) and the server's preload hints
 * (`server/preload-hints.ts`) all ask this module.
 *
 * 1. **Bundled:** a few English messages ({@link isStartupMessageKey}), so the page can speak before,
 *    or without, any file: the loading notice, the start-up failure with its retry, the title, the
 *    language switcher and the success page.
 * 2. **At start-up:** the page language's compiled file ({@link startupTranslationFile}), which the
 *    server preloads with the page, so it downloads alongside the script.
 * 3. **Only when needed:** English's file, when the language's file cannot be had (`showPageIn`) or
 *    lacks or garbles a message (`EnglishFallback`); never for a complete language.
 *
 * The split between 1 and 2 pays: bundling every language's messages would add 2.4 kB (English) to
 * 3.2 kB (Arabic) gzip per language to the initial script, which the 80 kB budget has no room for;
 * one file per language is downloaded in parallel with the script (measured 2026-12-02, with the 42
 * languages' names the compiler adds to each: en 3.15 kB, de 3.61 kB, ar 3.90 kB gzip; the bundled
 * start-up messages 0.38 kB).
 */

/**
 * The prefix of the keys under which every compiled file also holds each offered language's name in
 * that language (`"languageNames.de": "Deutsch"`), written by the compiler for the language switcher.
 */
export const LANGUAGE_NAME_PREFIX = 'languageNames.';

/** Where a language's compiled messages are served: `i18n/<lang>.json`, relative to the page's `<base href>`. */
export function translationFilePath(language: string): string {
  return `i18n/${encodeURIComponent(language)}.json`;
}

/** The file the page downloads at start-up for its language (and the server preloads). */
export function startupTranslationFile(language: string): string {
  return translationFilePath(language);
}

/**
 * Whether a message is bundled in English (`npm run i18n:compile` writes these keys of
 * `i18n/en.json` to `generated/startup.en.json`; `EnglishFallback` says them).
 */
export function isStartupMessageKey(key: string): boolean {
  // Without a translation file the page can only report that it could not load (as a network
  // failure): the other start-up errors are shown with a file loaded.
  if (
    [
      'page.title',
      'page.loading',
      'page.slow',
      'startup.heading',
      'startup.network',
      'startup.retry',
    ].includes(key)
  )
    return true;
  return key.startsWith('success.') || key.startsWith('language.');
}
