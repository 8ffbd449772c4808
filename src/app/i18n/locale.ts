import { TRANSLATED_LANGUAGES } from '../../../generated/languages';

/**
 * Pseudo-locales generated from English by `npm run i18n:pseudo` (`en-XA`: accented and longer,
 * `ar-XB`: right to left). Selectable through `ui_locales` for tests, never offered to users.
 */
export const PSEUDO_LOCALES = ['en-XA', 'ar-XB'] as const;

/** A pseudo-locale (see {@link PSEUDO_LOCALES}). */
export type PseudoLocale = (typeof PSEUDO_LOCALES)[number];

/**
 * A language the page can be shown in: a BCP 47 tag with a translation file `i18n/<tag>.json`, as
 * listed in {@link SUPPORTED_LANGUAGES}, or a pseudo-locale.
 */
export type SupportedLanguage = string;

/**
 * The languages the page ships translations for and offers in the language switcher: one per file
 * `i18n/<lang>.json` (`npm run i18n:compile` lists them), without the pseudo-locales. A tenant adds a
 * language by adding its file. `pt` is European Portuguese, `pt-BR` Brazilian; `sr` is written in
 * Cyrillic.
 */
export const SUPPORTED_LANGUAGES: readonly SupportedLanguage[] = TRANSLATED_LANGUAGES.filter(
  (tag) => !(PSEUDO_LOCALES as readonly string[]).includes(tag),
);

/** The language used when nothing the user prefers is supported; also the translation fallback. */
export const DEFAULT_LANGUAGE: SupportedLanguage = 'en';

/** Scripts written right to left (ISO 15924), for engines without `Intl.Locale#getTextInfo`. */
const RTL_SCRIPTS = new Set([
  'Arab',
  'Hebr',
  'Syrc',
  'Thaa',
  'Nkoo',
  'Adlm',
  'Rohg',
  'Mand',
  'Samr',
]);

// Lists and tags beyond these sizes are not preferences anyone sends: stop reading instead of parsing
// a 5,000-character parameter tag by tag.
const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 64;

const ALL_LANGUAGES: readonly SupportedLanguage[] = TRANSLATED_LANGUAGES;
const BY_LOWER_CASE = new Map(ALL_LANGUAGES.map((tag) => [tag.toLowerCase(), tag]));

/** Languages served per script (`zh-Hans`, `zh-Hant`): only for these is the likely script worth looking up. */
const PER_SCRIPT_LANGUAGES = new Set(
  ALL_LANGUAGES.filter((tag) => /^[a-z]+-[A-Z][a-z]{3}$/.test(tag)).map((tag) => tag.split('-')[0]),
);

/** Languages whose other names or close relatives we serve with one file (Norwegian: Bokmål). */
const LANGUAGE_ALIASES: Readonly<Record<string, string>> = { no: 'nb', nn: 'nb' };

function lookup(tag: string): SupportedLanguage | null {
  return BY_LOWER_CASE.get(tag.toLowerCase()) ?? null;
}

function parseTag(tag: string): Intl.Locale | null {
  if (tag.length === 0 || tag.length > MAX_TAG_LENGTH) return null;
  try {
    return new Intl.Locale(tag.replace(/_/g, '-'));
  } catch {
    return null;
  }
}

/** The supported language for one BCP 47 tag: exact, then language and script, then language and region, then language. */
function matchTag(tag: string): SupportedLanguage | null {
  const locale = parseTag(tag.trim());
  if (!locale) return null;
  const exact = lookup(locale.baseName);
  if (exact) return exact;
  const language = locale.language.toLowerCase();
  // Chinese is served per script: a region or script (zh-TW, zh-HK, zh-Hant-HK, zh-SG) decides it.
  // `maximize()` loads the engine's likely-subtags data, a cost on the start-up path: only where the
  // script matters.
  if (PER_SCRIPT_LANGUAGES.has(language)) {
    const withScript = lookup(`${language}-${locale.script ?? locale.maximize().script}`);
    if (withScript) return withScript;
  }
  // A regional variant served on its own (pt-BR for pt-Latn-BR), else the language (pt for pt-PT, pt-AO).
  const regional = locale.region ? lookup(`${language}-${locale.region}`) : null;
  return regional ?? lookup(language) ?? lookup(LANGUAGE_ALIASES[language] ?? '');
}

/**
 * The first supported language among BCP 47 tags in order of preference (see {@link negotiateLanguage}).
 * Hand-written rather than `@formatjs/intl-localematcher`: its `lookup` algorithm only strips subtags
 * (it would not find zh-Hant for zh-TW, nor pt-BR for pt-Latn-BR, nor nb for no), and its best-fit
 * algorithm orders by language distance rather than by the user's first supported preference, which
 * is our product rule; either would also add its tables to the initial bundle.
 */
export function matchLanguage(tags: readonly string[]): SupportedLanguage | null {
  for (const tag of tags.slice(0, MAX_TAGS)) {
    const match = matchTag(tag);
    if (match) return match;
  }
  return null;
}

/**
 * Picks the page language: the OpenID Connect `ui_locales` list (space-separated, in order of
 * preference) first, then the browser's languages, then {@link DEFAULT_LANGUAGE}. Each tag matches
 * exactly, then by language and script (`zh-TW` → `zh-Hant`, `zh-SG` → `zh-Hans`), then by language
 * (`de-CH` → `de`, `no` → `nb`); `pt-BR` stays distinct from `pt`.
 */
export function negotiateLanguage(
  uiLocales: string | null | undefined,
  browserLanguages: readonly string[],
): SupportedLanguage {
  const requested = (uiLocales ?? '').split(/[\s,]+/, MAX_TAGS + 1).filter(Boolean);
  return matchLanguage(requested) ?? matchLanguage(browserLanguages) ?? DEFAULT_LANGUAGE;
}

/** Reads the direction from the engine's CLDR data (`getTextInfo()`, formerly the `textInfo` getter). */
function engineDirection(locale: Intl.Locale): 'ltr' | 'rtl' | null {
  let info: unknown;
  if ('getTextInfo' in locale && typeof locale.getTextInfo === 'function')
    info = Reflect.apply(locale.getTextInfo, locale, []);
  else if ('textInfo' in locale) info = locale.textInfo;
  if (typeof info !== 'object' || info === null || !('direction' in info)) return null;
  return info.direction === 'rtl' || info.direction === 'ltr' ? info.direction : null;
}

/**
 * The writing direction of a language, from its script (the engine's `Intl.Locale#getTextInfo`
 * where available, else the likely script and a table of right-to-left scripts; an explicit script
 * subtag goes straight to the table), never from a list
 * of language codes: `az-Latn` is ltr, `ku-Arab` and the pseudo-locale `ar-XB` are rtl.
 */
export function textDirection(tag: string): 'ltr' | 'rtl' {
  const locale = parseTag(tag);
  if (!locale) return 'ltr';
  // An explicit script decides on its own: some engines answer `ku-Arab` from the language alone.
  if (locale.script) return scriptDirection(locale);
  return engineDirection(locale) ?? scriptDirection(locale);
}

/** The direction from the likely script alone (the fallback of {@link textDirection}). */
export function scriptDirection(locale: Intl.Locale): 'ltr' | 'rtl' {
  const script = locale.script ?? locale.maximize().script;
  return script !== undefined && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
}
