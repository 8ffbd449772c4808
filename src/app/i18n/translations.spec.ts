import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { API_ERROR_KINDS } from '../cidaas/api-error';
import { POLICY_RULE_IDS } from '../../contract/password-policy';
import { PASSWORD_ERROR_CODES } from '../policy/policy-validators';
import { URL_ERROR_CODES } from '../../contract/page-params';
import { PSEUDO_LOCALES, SUPPORTED_LANGUAGES } from './locale';
import { pseudoLocaleFile, type MessageTree } from '../../../scripts/i18n/pseudo-locale';

const I18N_DIR = join(__dirname, '../../../i18n');

type Tree = { [key: string]: Tree | string };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [k, v] of flatten(value, path)) flat.set(k, v);
  }
  return flat;
}

const files = readdirSync(I18N_DIR).filter((file) => file.endsWith('.json'));
const sources = new Map(
  files.map((file) => [file.replace(/\.json$/, ''), readFileSync(join(I18N_DIR, file), 'utf8')]),
);
const translations = new Map([...sources].map(([lang, text]) => [lang, flatten(JSON.parse(text))]));
const english = translations.get('en') ?? new Map<string, string>();
const realLanguages = [...translations.keys()].filter(
  (lang) => !(PSEUDO_LOCALES as readonly string[]).includes(lang),
);

function format(lang: string, key: string, values: Record<string, unknown>): string {
  return String(new IntlMessageFormat(translations.get(lang)?.get(key) ?? '', lang).format(values));
}

/** The names of the arguments a message uses, those inside select and plural cases included. */
function argumentNames(
  elements: readonly MessageFormatElement[],
  found = new Set<string>(),
): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      argumentNames(element.children, found);
      continue;
    }
    found.add(element.value);
    if (element.type === TYPE.select || element.type === TYPE.plural)
      for (const option of Object.values(element.options)) argumentNames(option.value, found);
  }
  return found;
}

/** The selectors of every plural argument in a message (without exact `=n` matches). */
function pluralSelectors(elements: readonly MessageFormatElement[]): string[][] {
  const found: string[][] = [];
  for (const element of elements) {
    if (element.type === TYPE.plural) {
      found.push(Object.keys(element.options).filter((selector) => !selector.startsWith('=')));
      for (const option of Object.values(element.options))
        found.push(...pluralSelectors(option.value));
    } else if (element.type === TYPE.select) {
      for (const option of Object.values(element.options))
        found.push(...pluralSelectors(option.value));
    }
  }
  return found;
}

/**
 * For every plural argument of a message, the most `#` (the formatted count) any one of its branches
 * has. A literal `#` inside a branch is the count in ICU, not the symbol: quote it as `'#'`.
 */
function poundsPerPlural(
  elements: readonly MessageFormatElement[],
  found = new Map<string, number>(),
): Map<string, number> {
  for (const element of elements) {
    if (element.type === TYPE.plural) {
      for (const option of Object.values(element.options)) {
        const pounds = option.value.filter((child) => child.type === TYPE.pound).length;
        found.set(element.value, Math.max(found.get(element.value) ?? 0, pounds));
        poundsPerPlural(option.value, found);
      }
    } else if (element.type === TYPE.select) {
      for (const option of Object.values(element.options)) poundsPerPlural(option.value, found);
    }
  }
  return found;
}

describe('translation files', () => {
  it('exist for every supported language and pseudo-locale, at least 42 real ones', () => {
    expect([...translations.keys()].sort()).toEqual(
      [...SUPPORTED_LANGUAGES, ...PSEUDO_LOCALES].sort(),
    );
    expect(realLanguages.length).toBeGreaterThanOrEqual(42);
  });

  it.each([...translations.keys()])('%s has exactly the English keys', (lang) => {
    expect([...(translations.get(lang)?.keys() ?? [])].sort()).toEqual([...english.keys()].sort());
  });

  it.each([...translations.keys()])(
    '%s has no empty values and only valid ICU messages',
    (lang) => {
      for (const [key, message] of translations.get(lang) ?? []) {
        expect(`${key}: ${message.trim()}`).not.toBe(`${key}: `);
        expect(
          () => new IntlMessageFormat(message, lang, undefined, { ignoreTag: true }),
        ).not.toThrow();
      }
    },
  );

  it.each(realLanguages)('%s uses the same arguments as English in every message', (lang) => {
    // Parsed, not matched: a one-word case of a select (`{weak}`) is text, not an argument.
    const argumentsOf = (message: string) =>
      [...argumentNames(parse(message, { ignoreTag: true }))].sort();
    for (const [key, message] of english)
      expect(`${key}: ${argumentsOf(translations.get(lang)?.get(key) ?? '').join()}`).toBe(
        `${key}: ${argumentsOf(message).join()}`,
      );
  });

  it.each(realLanguages)("%s plurals use exactly the language's CLDR categories", (lang) => {
    const rules = new Intl.PluralRules(lang);
    const allowed = new Set<string>(rules.resolvedOptions().pluralCategories);
    // Every category an integer up to 1,000 can fall into must have a form (plus ICU's mandatory `other`).
    const required = new Set<string>([
      'other',
      ...Array.from({ length: 1001 }, (_, n) => rules.select(n)),
    ]);
    for (const [key, message] of translations.get(lang) ?? []) {
      for (const selectors of pluralSelectors(parse(message, { ignoreTag: true }))) {
        expect(
          `${key}: ${[...required].filter((category) => !selectors.includes(category)).join()}`,
        ).toBe(`${key}: `);
        expect(`${key}: ${selectors.filter((selector) => !allowed.has(selector)).join()}`).toBe(
          `${key}: `,
        );
      }
    }
  });

  it.each([...translations.keys()])(
    '%s renders the count (#) in a plural branch no more often than English (a symbol # must be quoted)',
    (lang) => {
      for (const [key, message] of translations.get(lang) ?? []) {
        const englishPounds = poundsPerPlural(parse(english.get(key) ?? '', { ignoreTag: true }));
        for (const [argument, pounds] of poundsPerPlural(parse(message, { ignoreTag: true }))) {
          expect(`${key} {${argument}}: ${pounds}`).toBe(
            `${key} {${argument}}: ${Math.min(pounds, englishPounds.get(argument) ?? 0)}`,
          );
        }
      }
    },
  );

  it.each(realLanguages)(
    '%s shows the example symbols of the special-character rule, the count once',
    (lang) => {
      const text = format(lang, 'rules.noOfSpecialChars', { count: 3 });
      expect(text).toContain('#');
      expect(text.split(new Intl.NumberFormat(lang).format(3)).length - 1).toBe(1);
    },
  );

  it('uses ICU plurals rather than _ONE/_OTHER key pairs', () => {
    expect([...english.keys()].filter((key) => /_(ONE|OTHER)$/i.test(key))).toEqual([]);
  });

  it('has a message for every rule, validator code, URL error and API error', () => {
    const required = [
      ...POLICY_RULE_IDS.map((id) => `rules.${id}`),
      ...POLICY_RULE_IDS.map((id) => `errors.url.policy.${id}`),
      ...PASSWORD_ERROR_CODES.filter(
        (code) =>
          !['required', 'minlength', 'digits', 'specialCharacters', 'lowerAndUpperCase'].includes(
            code,
          ),
      ).map((code) => `validation.${code}`),
      'validation.oldPassword.required',
      'validation.newPassword.required',
      'validation.confirmPassword.required',
      'validation.policy',
      ...URL_ERROR_CODES.map((code) => `errors.url.${code}`),
      'errors.url.unknown',
      'errors.url.unknownNoCode',
      // The current-password field's label when the reason is a first sign-in with a temporary password.
      'fields.temporaryPassword',
      ...API_ERROR_KINDS.map(
        (kind) => `startup.${kind.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())}`,
      ),
    ];
    expect(required.filter((key) => !english.has(key))).toEqual([]);
  });

  it('formats plurals per language', () => {
    expect(format('en', 'rules.noOfDigits', { count: 1 })).toBe('At least 1 digit (0–9)');
    expect(format('en', 'rules.noOfDigits', { count: 2 })).toBe('At least 2 digits (0–9)');
    expect(format('de', 'rules.noOfDigits', { count: 2 })).toBe('Mindestens 2 Ziffern (0–9)');
  });

  it.each(PSEUDO_LOCALES)(
    '%s is generated from the current English (run `npm run i18n:pseudo`)',
    (locale) => {
      const englishTree: MessageTree = JSON.parse(sources.get('en') ?? '{}');
      expect(sources.get(locale)).toBe(pseudoLocaleFile(englishTree, locale));
    },
  );
});

describe('plural forms at 0, 1, 2, 5, 11, 22, 101', () => {
  const COUNTS = [0, 1, 2, 5, 11, 22, 101] as const;
  // `#` is the count formatted for the language, so the expectations spell it with Intl.NumberFormat.
  const expected: Record<'en' | 'pl' | 'ru' | 'ar', (count: string) => readonly string[]> = {
    en: (n) => [
      `At least ${n} characters`,
      `At least ${n} character`,
      ...Array<string>(5).fill(`At least ${n} characters`),
    ],
    pl: (n) => [
      `Co najmniej ${n} znaków`,
      `Co najmniej ${n} znak`,
      `Co najmniej ${n} znaki`,
      `Co najmniej ${n} znaków`,
      `Co najmniej ${n} znaków`,
      `Co najmniej ${n} znaki`,
      `Co najmniej ${n} znaków`,
    ],
    ru: (n) => [
      `Минимум ${n} символов`,
      `Минимум ${n} символ`,
      `Минимум ${n} символа`,
      `Минимум ${n} символов`,
      `Минимум ${n} символов`,
      `Минимум ${n} символа`,
      `Минимум ${n} символ`,
    ],
    ar: (n) => [
      `${n} حرف على الأقل`,
      'حرف واحد على الأقل',
      'حرفان على الأقل',
      `${n} أحرف على الأقل`,
      `${n} حرفًا على الأقل`,
      `${n} حرفًا على الأقل`,
      `${n} حرف على الأقل`,
    ],
  };

  it.each(['en', 'pl', 'ru', 'ar'] as const)('%s: rules.minimumLength', (lang) => {
    const actual = COUNTS.map((count) => format(lang, 'rules.minimumLength', { count }));
    const wanted = COUNTS.map(
      (count, index) => expected[lang](new Intl.NumberFormat(lang).format(count))[index],
    );
    expect(actual).toEqual(wanted);
  });

  it('formats numbers with the locale (Arabic digits for ar, grouping for de)', () => {
    expect(format('ar', 'rules.minimumLength', { count: 22 })).toContain(
      new Intl.NumberFormat('ar').format(22),
    );
    expect(format('de', 'errors.url.too_many_attempts_retry', { minutes: 1500 })).toContain(
      '1.500',
    );
    expect(format('en', 'errors.url.too_many_attempts_retry', { minutes: 1500 })).toContain(
      '1,500',
    );
  });
});
