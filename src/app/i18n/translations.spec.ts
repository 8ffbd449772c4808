import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { API_ERROR_KINDS } from '../cidaas/api-error';
import { POLICY_RULE_IDS } from '../policy/password-policy';
import { PASSWORD_ERROR_CODES } from '../policy/policy-validators';
import { URL_ERROR_CODES } from '../password-set/page-params';
import { SUPPORTED_LANGUAGES } from './locale';

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
const translations = new Map(files.map((file) => [file.replace(/\.json$/, ''), flatten(JSON.parse(readFileSync(join(I18N_DIR, file), 'utf8')))]));
const english = translations.get('en') ?? new Map<string, string>();

describe('translation files', () => {
  it('exist for every supported language', () => {
    expect([...translations.keys()].sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
  });

  it.each([...translations.keys()])('%s has exactly the English keys', (lang) => {
    expect([...(translations.get(lang)?.keys() ?? [])].sort()).toEqual([...english.keys()].sort());
  });

  it.each([...translations.keys()])('%s has no empty values and only valid ICU messages', (lang) => {
    for (const [key, message] of translations.get(lang) ?? []) {
      expect(`${key}: ${message.trim()}`).not.toBe(`${key}: `);
      expect(() => new IntlMessageFormat(message, lang, undefined, { ignoreTag: true })).not.toThrow();
    }
  });

  it('uses ICU plurals rather than _ONE/_OTHER key pairs', () => {
    expect([...english.keys()].filter((key) => /_(ONE|OTHER)$/i.test(key))).toEqual([]);
  });

  it('has a message for every rule, validator code, URL error and API error', () => {
    const required = [
      ...POLICY_RULE_IDS.map((id) => `rules.${id}`),
      ...POLICY_RULE_IDS.map((id) => `errors.url.policy.${id}`),
      ...PASSWORD_ERROR_CODES.filter((code) => !['required', 'minlength', 'digits', 'specialCharacters', 'lowerAndUpperCase'].includes(code)).map(
        (code) => `validation.${code}`,
      ),
      'validation.oldPassword.required',
      'validation.newPassword.required',
      'validation.confirmPassword.required',
      'validation.policy',
      ...URL_ERROR_CODES.map((code) => `errors.url.${code}`),
      'errors.url.unknown',
      ...API_ERROR_KINDS.map((kind) => `startup.${kind.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())}`),
    ];
    expect(required.filter((key) => !english.has(key))).toEqual([]);
  });

  it('formats plurals per language', () => {
    const format = (lang: string, key: string, count: number) =>
      String(new IntlMessageFormat(translations.get(lang)?.get(key) ?? '', lang).format({ count }));
    expect(format('en', 'rules.noOfDigits', 1)).toBe('At least 1 digit (0–9)');
    expect(format('en', 'rules.noOfDigits', 2)).toBe('At least 2 digits (0–9)');
    expect(format('de', 'rules.noOfDigits', 2)).toBe('Mindestens 2 Ziffern (0–9)');
  });
});
