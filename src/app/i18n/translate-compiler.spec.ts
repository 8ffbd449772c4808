import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TestBed } from '@angular/core/testing';
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { TranslateCompiler, TranslateService, type TranslationObject } from '@ngx-translate/core';
import { IntlMessageFormat } from 'intl-messageformat';
import { firstValueFrom } from 'rxjs';
import { ENGLISH_FILE, memoryTranslations } from '../../testing/english-translations';
import { providePageTranslations } from './provide-translations';
import { translationObject } from './translation-loader';

const ROOT = join(__dirname, '../../..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
/** Every source file, as translators write it (nested, ICU). */
const sources = new Map(
  readdirSync(join(ROOT, 'i18n'))
    .filter((file) => file.endsWith('.json'))
    .map((file) => [file.replace(/\.json$/, ''), readJson(join(ROOT, 'i18n', file))] as const),
);
/** The compiled file the page downloads for a language (`npm run i18n:compile`; Jest's global setup runs it). */
const compiledFile = (language: string) =>
  translationObject(readJson(join(ROOT, 'generated', 'i18n', `${language}.json`)));

function flatten(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree !== 'object' || tree === null) return [];
  return Object.entries(tree).flatMap(([key, value]): [string, string][] => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[path, value]] : flatten(value, path);
  });
}

/** The counts a plural or number argument is tried with. */
const COUNTS = [0, 1, 2, 3, 5, 11, 22, 101, 1500];

/**
 * The argument names of a message, each with the values to try: numbers for a plural or number
 * argument, each case of a select (and a value that is none of them, for `other`), else a text.
 */
function argumentsOf(
  elements: readonly MessageFormatElement[],
  found = new Map<string, readonly (string | number)[]>(),
): Map<string, readonly (string | number)[]> {
  for (const element of elements) {
    if (element.type === TYPE.argument && !found.has(element.value))
      found.set(element.value, [`«${element.value}»`]);
    if (element.type === TYPE.plural || element.type === TYPE.number)
      found.set(element.value, COUNTS);
    if (element.type === TYPE.select)
      found.set(element.value, [...Object.keys(element.options), `«${element.value}»`]);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
  }
  return found;
}

/** A real TranslateService with the page's compiler, parser and fallback, fed these files. */
async function translateWith(
  files: Record<string, TranslationObject>,
  language: string,
): Promise<TranslateService> {
  TestBed.configureTestingModule({ providers: memoryTranslations(files).providers });
  const translate = TestBed.inject(TranslateService);
  await firstValueFrom(translate.use(language));
  return translate;
}

describe('IntlTranslateCompiler formats every compiled message exactly as intl-messageformat formats its source', () => {
  it.each([...sources.keys()])('%s', async (language) => {
    const translate = await translateWith({ [language]: compiledFile(language) }, language);
    let checked = 0;
    for (const [key, source] of flatten(sources.get(language))) {
      const args = argumentsOf(parse(source, { ignoreTag: true }));
      const rounds = Math.max(1, ...[...args.values()].map((tried) => tried.length));
      for (let round = 0; round < rounds; round++) {
        // Each argument goes through its values; the shorter lists start over.
        const values = Object.fromEntries(
          [...args].map(([name, tried]) => [name, tried[round % tried.length] ?? '']),
        );
        const expected = String(
          new IntlMessageFormat(source, language, undefined, { ignoreTag: true }).format(values),
        );
        expect(`${key}: ${translate.instant(key, values)}`).toBe(`${key}: ${expected}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('IntlTranslateCompiler', () => {
  it('shows plain text as it is: no {{ }} interpolation, which is not ICU', async () => {
    const translate = await translateWith({ en: { 'a.b': 'Use {{name}} literally' } }, 'en');
    expect(translate.instant('a.b', { name: 'x' })).toBe('Use {{name}} literally');
  });

  it('leaves out what is not a message, so the key counts as missing, and keeps nested objects', () => {
    TestBed.configureTestingModule({ providers: [providePageTranslations()] });
    const compiler = TestBed.inject(TranslateCompiler);
    const compiled = compiler.compileTranslations(
      translationObject({ text: 'T', count: 42, flag: true, none: null, nested: { inner: 'I' } }),
      'en',
    );
    expect(compiled).toEqual({ text: 'T', nested: { inner: 'I' } });
    expect(compiler.compile('{count} is plain text here', 'en')).toBe('{count} is plain text here');
  });

  it('formats plurals and numbers in the language (Arabic digits, German grouping)', async () => {
    const arabic = await translateWith({ ar: compiledFile('ar') }, 'ar');
    expect(arabic.instant('rules.minimumLength', { count: 22 })).toContain(
      new Intl.NumberFormat('ar').format(22),
    );
    TestBed.resetTestingModule();
    const german = await translateWith({ de: compiledFile('de') }, 'de');
    expect(german.instant('errors.url.too_many_attempts_retry', { minutes: 1500 })).toContain(
      '1.500',
    );
  });

  it('shows English for a message it cannot format (a parameter the page does not pass, a garbled element)', async () => {
    const dutch = {
      ...compiledFile('nl'),
      'rules.noOfDigits': [{ type: 1, value: 'aantal' }],
      'page.account': [{ type: 99, value: 'x' }],
    };
    const translate = await translateWith({ nl: translationObject(dutch), en: ENGLISH_FILE }, 'nl');
    // English is downloaded (here: from memory) in the background the first time a message needs it.
    expect(translate.instant('rules.noOfDigits', { count: 2 })).toBe('rules.noOfDigits');
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    expect(translate.instant('rules.noOfDigits', { count: 2 })).toBe('At least 2 digits (0–9)');
    expect(translate.instant('page.account', { username: 'a@b.c' })).toBe('Account: a@b.c');
    expect(translate.instant('submit.label')).toBe(compiledFile('nl')['submit.label']);
  });
});
