/** The languages the emulator's own texts (field setup labels, login page) are available in. */
export type Language = 'en' | 'de';

/**
 * Picks the language for a `ui_locales` / `acceptlanguage` value: the primary subtag of the first
 * tag of a space or comma separated list (`"de-CH en"` → `de`), ignoring `;q=` weights. Anything
 * unsupported or absent falls back to English.
 */
export function pickLanguage(list: string | undefined): Language {
  const first = (list ?? '').trim().split(/[\s,]+/)[0] ?? '';
  const primary = first.split(/[;_-]/)[0]?.toLowerCase();
  return primary === 'de' ? 'de' : 'en';
}

/** The languages the demo tenant's field setup texts (E5 `localeText`) are available in. */
export const TENANT_LANGUAGES = ['en', 'de', 'fr', 'ar'] as const;

/** A language of the tenant's field setup texts. */
export type TenantLanguage = (typeof TENANT_LANGUAGES)[number];

function isTenantLanguage(value: string): value is TenantLanguage {
  return (TENANT_LANGUAGES as readonly string[]).includes(value);
}

/**
 * Picks the tenant-text language for an `acceptlanguage` / `ui_locales` / `Accept-Language` value:
 * the first tag (in the order given; `;q=` weights ignored) whose primary subtag the tenant has
 * texts for (`"de-CH en"` → `de`, `"ar-XB"` → `ar`, `"xx fr"` → `fr`), else English.
 */
export function pickTenantLanguage(list: string | undefined): TenantLanguage {
  // A header or parameter longer than this is no list of preferences: read only its start.
  const tags = (list ?? '')
    .slice(0, 512)
    .trim()
    .split(/[\s,]+/);
  for (const tag of tags) {
    const primary = tag.split(/[;_-]/)[0]?.toLowerCase() ?? '';
    if (isTenantLanguage(primary)) return primary;
  }
  return 'en';
}

/** The BCP 47 locale reported in `localeText.locale` for a language. */
export const LOCALE_OF: Readonly<Record<TenantLanguage, string>> = {
  en: 'en-US',
  de: 'de-DE',
  fr: 'fr-FR',
  ar: 'ar-SA',
};

/** The texts of the emulator's server-rendered login page. */
export interface LoginTexts {
  readonly title: string;
  readonly heading: string;
  readonly intro: string;
  readonly email: string;
  readonly password: string;
  readonly submit: string;
  readonly invalidCredentials: string;
  readonly expiredTitle: string;
  readonly expiredBody: string;
  readonly startAgain: string;
}

/** Login page texts per language. */
export const LOGIN_TEXTS: Readonly<Record<Language, LoginTexts>> = {
  en: {
    title: 'Sign in',
    heading: 'Sign in to',
    intro:
      'Local cidaas emulator: use one of the demo accounts listed on the demo application page.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    invalidCredentials: 'Wrong email or password.',
    expiredTitle: 'Sign-in request expired',
    expiredBody: 'This sign-in request has expired or is unknown. Please start again.',
    startAgain: 'Start again',
  },
  de: {
    title: 'Anmelden',
    heading: 'Anmelden bei',
    intro:
      'Lokaler cidaas-Emulator: Verwenden Sie eines der Demo-Konten von der Seite der Demo-Anwendung.',
    email: 'E-Mail',
    password: 'Passwort',
    submit: 'Anmelden',
    invalidCredentials: 'E-Mail oder Passwort ist falsch.',
    expiredTitle: 'Anmeldeanfrage abgelaufen',
    expiredBody: 'Diese Anmeldeanfrage ist abgelaufen oder unbekannt. Bitte beginnen Sie von vorn.',
    startAgain: 'Von vorn beginnen',
  },
};
