/**
 * Where a language's messages are served: one compiled file per language, `i18n/<lang>.json`
 * relative to the page's `<base href>` (`npm run i18n:compile` writes them to `generated/i18n/`, which
 * the build copies to `i18n/`). Used by the page's loader, the compiler script and the server's
 * preload hints, so all three name the same file. Framework-free.
 */
export function translationFilePath(language: string): string {
  return `i18n/${encodeURIComponent(language)}.json`;
}
