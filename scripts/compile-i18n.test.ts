import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';

import { compileTranslations } from './compile-i18n';

const ENGLISH = {
  page: {
    title: 'Set your new password',
    heading: 'Choose a new password',
    account: 'Account: {username}',
  },
  rules: { noOfDigits: 'At least {count, plural, one {# digit} other {# digits}}' },
};

describe('compileTranslations', () => {
  let root: string;
  const write = (file: string, content: unknown) =>
    writeFileSync(
      join(root, 'i18n', file),
      typeof content === 'string' ? content : JSON.stringify(content),
    );
  const generated = (...path: string[]) => readFileSync(join(root, 'generated', ...path), 'utf8');

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'password-set-i18n-'));
    mkdirSync(join(root, 'i18n'));
    write('en.json', ENGLISH);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('adds a language for every file dropped into i18n/: one compiled file each, and the list the page negotiates from', () => {
    write('de.json', {
      page: {
        title: 'Neues Passwort festlegen',
        heading: 'Neues Passwort wählen',
        account: 'Konto: {username}',
      },
    });
    write('es-MX.json', ENGLISH);
    const report = compileTranslations(root);
    assert.deepEqual(report.languages, ['de', 'en', 'es-MX']);
    assert.deepEqual(readdirSync(join(root, 'generated', 'i18n')).sort(), [
      'de.json',
      'en.json',
      'es-MX.json',
    ]);
    assert.match(
      generated('languages.ts'),
      /export const TRANSLATED_LANGUAGES: readonly string\[\] = \["de","en","es-MX"\];/,
    );
    // Flat keys, ICU parsed ahead of time.
    const german = JSON.parse(generated('i18n', 'de.json'));
    // Every file names every language in that language, for the switcher; the same in each file.
    const languageNames = {
      'languageNames.de': 'Deutsch',
      'languageNames.en': 'English',
      'languageNames.es-MX': 'Español (México)',
    };
    for (const file of ['de.json', 'en.json', 'es-MX.json']) {
      const compiled = JSON.parse(generated('i18n', file));
      assert.deepEqual(
        Object.fromEntries(
          Object.entries(compiled).filter(([key]) => key.startsWith('languageNames.')),
        ),
        languageNames,
      );
    }
    assert.equal(german['page.heading'], 'Neues Passwort wählen');
    assert.deepEqual(german['page.account'], [
      { type: 0, value: 'Konto: ' },
      { type: 1, value: 'username' },
    ]);
    // What German lacks is reported (the page shows it in English).
    assert.deepEqual(report.missing, { de: ['rules.noOfDigits'] });
  });

  it('refuses a file that writes the language names itself (the compiler owns those keys)', () => {
    write('de.json', { ...ENGLISH, languageNames: { de: 'Deutsch' } });
    assert.throws(() => compileTranslations(root), /i18n\/de\.json: keys under "languageNames"/);
  });

  it('bundles only the start-up messages of English', () => {
    compileTranslations(root);
    assert.deepEqual(Object.keys(JSON.parse(generated('startup.en.json'))), ['page.title']);
  });

  it('forgets a language whose file was removed', () => {
    write('fr.json', ENGLISH);
    compileTranslations(root);
    rmSync(join(root, 'i18n', 'fr.json'));
    compileTranslations(root);
    assert.deepEqual(readdirSync(join(root, 'generated', 'i18n')), ['en.json']);
  });

  it('refuses a file name that is not a language tag, naming it', () => {
    write('german.json', ENGLISH);
    assert.throws(
      () => compileTranslations(root),
      /i18n\/german\.json: the file name must be a language's BCP 47 tag/,
    );
    rmSync(join(root, 'i18n', 'german.json'));
    write('pt_BR.json', ENGLISH);
    assert.throws(() => compileTranslations(root), /i18n\/pt_BR\.json/);
  });

  it('refuses an invalid message and an argument the page does not pass, naming file and key', () => {
    write('nl.json', { rules: { noOfDigits: 'Minstens {count, plural, one {# cijfer}' } });
    assert.throws(
      () => compileTranslations(root),
      /i18n\/nl\.json: rules\.noOfDigits: invalid ICU message/,
    );
    write('nl.json', { page: { account: 'Account: {gebruiker}' } });
    assert.throws(
      () => compileTranslations(root),
      /i18n\/nl\.json: page\.account uses \{gebruiker\}, which the page does not pass \(English uses \{username\}\)/,
    );
  });

  it('needs English, the fallback of every other language', () => {
    rmSync(join(root, 'i18n', 'en.json'));
    write('de.json', ENGLISH);
    assert.throws(() => compileTranslations(root), /i18n\/en\.json is missing/);
  });
});
