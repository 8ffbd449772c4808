import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TestBed } from '@angular/core/testing';
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { compileMessage, compileMessages, type MessageTree } from './message-compiler';
import type { SupportedLanguage } from './locale';
import { messagePartOf, type MessagePart } from './message-parts';
import { TranslationLoader } from './translation-loader';
import { Translator } from './translator';

const I18N_DIR = join(__dirname, '../../../i18n');
const sources = new Map<string, MessageTree>(
  readdirSync(I18N_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(I18N_DIR, file), 'utf8'))]),
);

function flatten(tree: MessageTree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[path, value]] : flatten(value, path);
  });
}

/** The argument names of a message, each with whether it takes a number (plural or number argument). */
function argumentsOf(elements: readonly MessageFormatElement[], found = new Map<string, boolean>()): Map<string, boolean> {
  for (const element of elements) {
    if (element.type === TYPE.argument) found.set(element.value, found.get(element.value) ?? false);
    if (element.type === TYPE.plural || element.type === TYPE.number) found.set(element.value, true);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
  }
  return found;
}

function loaderOf(files: Record<string, Readonly<Record<string, unknown>>>): Pick<TranslationLoader, 'load'> {
  return {
    load: (language: SupportedLanguage) =>
      files[language] ? Promise.resolve(files[language]) : Promise.reject(new Error(`no ${language}`)),
  };
}

function translatorWith(loader: Pick<TranslationLoader, 'load'>): Translator {
  TestBed.configureTestingModule({ providers: [{ provide: TranslationLoader, useValue: loader }] });
  return TestBed.inject(Translator);
}

const compiled = (lang: string) => compileMessages(sources.get(lang) ?? {});

describe('compileMessage', () => {
  it('keeps plain text as a string, with ICU quoting resolved', () => {
    expect(compileMessage('k', 'Plain text')).toBe('Plain text');
    expect(compileMessage('k', "It''s '{'literal'}'")).toBe("It's {literal}");
  });

  it('parses a message with arguments into elements without source locations', () => {
    const message = compileMessage('k', 'At least {count, plural, one {# digit} other {# digits}}');
    expect(Array.isArray(message)).toBe(true);
    expect(JSON.stringify(message)).not.toContain('location');
  });

  it('names the key of an invalid message', () => {
    expect(() => compileMessage('rules.broken', 'At least {count, plural, one {# digit}')).toThrow(/^rules\.broken: invalid ICU message/);
  });

  it('flattens nested keys to dotted paths', () => {
    expect(compileMessages({ page: { title: 'T', reason: { default: 'D' } } })).toEqual({ 'page.title': 'T', 'page.reason.default': 'D' });
  });
});

describe('Translator formats compiled messages exactly as intl-messageformat formats the sources', () => {
  const COUNTS = [0, 1, 2, 3, 5, 11, 22, 101, 1500];
  it.each([...sources.keys()])('%s', async (lang) => {
    const translator = translatorWith(loaderOf({ [lang]: compiled(lang) }));
    expect(await translator.use(lang as SupportedLanguage, ['form', 'states'])).toBe(true);
    expect(translator.language()).toBe(lang);
    let checked = 0;
    for (const [key, source] of flatten(sources.get(lang) ?? {})) {
      const args = argumentsOf(parse(source, { ignoreTag: true }));
      for (const count of args.size > 0 ? COUNTS : [0]) {
        const values = Object.fromEntries([...args].map(([name, numeric]) => [name, numeric ? count : `«${name}»`]));
        const expected = String(new IntlMessageFormat(source, lang, undefined, { ignoreTag: true }).format(values));
        expect(`${key}: ${translator.instant(key, values)}`).toBe(`${key}: ${expected}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('Translator', () => {
  const german = () => compiled('de');
  const english = () => compiled('en');

  it('starts with only the bundled start-up messages, without downloading anything', () => {
    const load = jest.fn();
    const translator = translatorWith({ load });
    expect(translator.language()).toBe('en');
    expect(translator.instant('page.loading')).toBe('Loading your sign-in details…');
    expect(translator.instant('startup.retry')).toBe('Try again');
    expect(translator.instant('page.heading')).toBe('page.heading');
    expect(load).not.toHaveBeenCalled();
  });

  it('downloads English like any other language', async () => {
    const translator = translatorWith(loaderOf({ en: english() }));
    expect(await translator.use('en')).toBe(true);
    expect(translator.instant('page.heading')).toBe('Choose a new password');
  });

  it('switches to a downloaded language and formats its plurals', async () => {
    const translator = translatorWith(loaderOf({ de: german() }));
    await translator.use('de');
    expect(translator.language()).toBe('de');
    expect(translator.instant('rules.noOfDigits', { count: 2 })).toBe('Mindestens 2 Ziffern (0–9)');
  });

  it('falls back to English, and says so in the console, when the file cannot be loaded', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const translator = translatorWith(loaderOf({ en: english() }));
    expect(await translator.use('it')).toBe(true);
    expect(translator.language()).toBe('en');
    expect(translator.instant('page.heading')).toBe('Choose a new password');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('failed to load "it"'), 'no it');
    warn.mockRestore();
  });

  it('reports failure when no file can be had, keeping the start-up messages to say so', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const translator = translatorWith(loaderOf({}));
    expect(await translator.use('it')).toBe(false);
    expect(translator.instant('startup.heading')).toBe('We could not load this page');
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('shows English for each message a file lacks, garbles, or cannot format, downloading English once for that', async () => {
    const load = jest.fn((language: SupportedLanguage) =>
      language === 'nl'
        ? Promise.resolve({ 'submit.label': 'Nieuw wachtwoord instellen', 'page.heading': 42, 'rules.noOfDigits': [{ type: 99 }] })
        : Promise.resolve(english()),
    );
    const translator = translatorWith({ load });
    await translator.use('nl');
    expect(translator.instant('submit.label')).toBe('Nieuw wachtwoord instellen');
    expect(translator.instant('page.heading')).toBe('page.heading');
    await Promise.resolve();
    await Promise.resolve();
    expect(translator.instant('page.heading')).toBe('Choose a new password');
    expect(translator.instant('rules.noOfDigits', { count: 1 })).toBe('At least 1 digit (0–9)');
    expect(load.mock.calls.map(([language]) => language)).toEqual(['nl', 'en']);
  });

  it('lets the latest switch win when an earlier download answers later', async () => {
    let answerFrench: (messages: Record<string, unknown>) => void = () => undefined;
    const translator = translatorWith({
      load: (language: SupportedLanguage) =>
        language === 'fr' ? new Promise((resolve) => (answerFrench = resolve)) : Promise.resolve(german()),
    });
    const french = translator.use('fr');
    await translator.use('de');
    answerFrench(compiled('fr'));
    await french;
    expect(translator.language()).toBe('de');
  });

  it('loads a language in parts: the form first, the other states when asked, each in its own file', async () => {
    const de = german();
    const load = jest.fn((language: SupportedLanguage, part: MessagePart) =>
      language === 'de' ? Promise.resolve(Object.fromEntries(Object.entries(de).filter(([key]) => messagePartOf(key) === part))) : Promise.reject(new Error('no')),
    );
    const translator = translatorWith({ load });
    expect(await translator.use('de')).toBe(true);
    expect(translator.instant('page.heading')).toBe(de['page.heading']);
    // Not loaded yet: the bundled English start-up message, else the key.
    expect(translator.instant('startup.heading')).toBe('We could not load this page');
    expect(translator.instant('deadEnd.signInAgain')).toBe('deadEnd.signInAgain');
    expect(await translator.load('states')).toBe(true);
    expect(translator.instant('deadEnd.signInAgain')).toBe(de['deadEnd.signInAgain']);
    expect(await translator.load('states')).toBe(true);
    expect(load.mock.calls).toEqual([['de', 'form'], ['de', 'states']]);
  });

  it('loads the other states in English, without trying the failed language again, after the form fell back', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const load = jest.fn((language: SupportedLanguage) => (language === 'en' ? Promise.resolve(english()) : Promise.reject(new Error('no'))));
    const translator = translatorWith({ load });
    await translator.use('it');
    expect(await translator.load('states')).toBe(true);
    expect(translator.instant('deadEnd.signInAgain')).toBe('Sign in again');
    expect(load.mock.calls).toEqual([['it', 'form'], ['en', 'form'], ['en', 'states']]);
    warn.mockRestore();
  });

  it('reports a part that cannot be had at all', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const translator = translatorWith({ load: (_language: SupportedLanguage, part: MessagePart) => (part === 'form' ? Promise.resolve(english()) : Promise.reject(new Error('no'))) });
    expect(await translator.use('en', ['form', 'states'])).toBe(false);
    expect(translator.instant('page.heading')).toBe('Choose a new password');
    warn.mockRestore();
  });
});
