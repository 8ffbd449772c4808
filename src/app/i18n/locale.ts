/** The languages the page ships translations for (files in `i18n/<lang>.json`). */
export const SUPPORTED_LANGUAGES = ['en', 'de'] as const;

/** A language the page ships translations for. */
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

/** The language used when nothing the user prefers is supported; also the translation fallback. */
export const DEFAULT_LANGUAGE: SupportedLanguage = 'en';

/** Scripts written right to left (ISO 15924), for engines without `Intl.Locale#getTextInfo`. */
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr']);

function isSupported(tag: string): tag is SupportedLanguage {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(tag);
}

function canonical(tag: string): Intl.Locale | null {
  try {
    return new Intl.Locale(tag);
  } catch {
    return null;
  }
}

/** The first supported language among BCP 47 tags in order of preference: exact match, then by language. */
export function matchLanguage(tags: readonly string[]): SupportedLanguage | null {
  for (const tag of tags) {
    const locale = canonical(tag.trim());
    if (!locale) continue;
    const full = locale.baseName.toLowerCase();
    if (isSupported(full)) return full;
    const language = locale.language.toLowerCase();
    if (isSupported(language)) return language;
  }
  return null;
}

/**
 * Picks the page language: the OpenID Connect `ui_locales` list (space-separated, in order of
 * preference) first, then the browser's languages, then {@link DEFAULT_LANGUAGE}.
 */
export function negotiateLanguage(uiLocales: string | null | undefined, browserLanguages: readonly string[]): SupportedLanguage {
  const requested = (uiLocales ?? '').split(/[\s,]+/).filter(Boolean);
  return matchLanguage(requested) ?? matchLanguage(browserLanguages) ?? DEFAULT_LANGUAGE;
}

/** The writing direction of a language, from its likely script rather than a list of language codes. */
export function textDirection(tag: string): 'ltr' | 'rtl' {
  const locale = canonical(tag);
  if (!locale) return 'ltr';
  const maximized = locale.maximize();
  const script = maximized.script;
  return script !== undefined && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
}
