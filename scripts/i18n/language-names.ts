/**
 * The name of a language in that language, capitalized as a list entry ("Deutsch", "Français",
 * "العربية"), from `Intl.DisplayNames`; the tag itself when the engine has no name for it.
 *
 * Build time (`npm run i18n:compile` writes every offered language's name to
 * `generated/languages.ts`) and tests: naming 42 languages takes 100 ms and more on a slow phone,
 * which the page does not spend. Framework-free.
 */
export function nativeLanguageName(tag: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([tag], { type: 'language', languageDisplay: 'standard' }).of(tag);
  } catch {
    name = undefined;
  }
  if (!name) return tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}
