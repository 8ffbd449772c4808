import { TestBed } from '@angular/core/testing';
import { TranslateService, type TranslationObject } from '@ngx-translate/core';
import { Subject, firstValueFrom, switchMap } from 'rxjs';
import {
  ENGLISH_FILE,
  type TranslationFiles,
  memoryTranslations,
} from '../../testing/english-translations';
import { showPageIn } from './page-language';
import { translationObject } from './translation-loader';

const GERMAN = translationObject({ 'page.heading': 'Neues Passwort wählen' });
const FRENCH = translationObject({ 'page.heading': 'Choisissez un nouveau mot de passe' });

/** A real TranslateService whose loader answers `files` (a Subject answers when the test says). */
function setup(files: TranslationFiles) {
  const { providers, loader } = memoryTranslations(files);
  TestBed.configureTestingModule({ providers });
  return { translate: TestBed.inject(TranslateService), requested: () => loader.requested };
}

describe('showPageIn', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => (warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)));
  afterEach(() => warn.mockRestore());

  it('downloads nothing until subscribed', () => {
    const { translate, requested } = setup({ de: GERMAN });
    const shown = showPageIn(translate, 'de');
    expect(requested()).toEqual([]);
    shown.subscribe();
    expect(requested()).toEqual(['de']);
  });

  it('shows the language when its file loads', async () => {
    const { translate, requested } = setup({ de: GERMAN });
    expect(await firstValueFrom(showPageIn(translate, 'de'))).toBe('de');
    expect(translate.getCurrentLang()).toBe('de');
    expect(translate.instant('page.heading')).toBe('Neues Passwort wählen');
    expect(requested()).toEqual(['de']);
  });

  it("falls back to English's file when the language's fails, and says so", async () => {
    const { translate, requested } = setup({ en: ENGLISH_FILE });
    expect(await firstValueFrom(showPageIn(translate, 'it'))).toBe('en');
    expect(translate.getCurrentLang()).toBe('en');
    expect(requested()).toEqual(['it', 'en']);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('failed to load "it"'),
      expect.anything(),
    );
  });

  it('reports null when no file can be had (English is tried once)', async () => {
    const { translate, requested } = setup({});
    expect(await firstValueFrom(showPageIn(translate, 'it'))).toBeNull();
    expect(await firstValueFrom(showPageIn(translate, 'en'))).toBeNull();
    expect(requested()).toEqual(['it', 'en', 'en']);
  });

  it('a later switch cancels an earlier one: no fallback to English when the earlier file fails afterwards', async () => {
    const french = new Subject<TranslationObject>();
    const { translate, requested } = setup({ fr: french, de: GERMAN, en: ENGLISH_FILE });
    const switches = new Subject<string>();
    const shown: (string | null)[] = [];
    switches
      .pipe(switchMap((language) => showPageIn(translate, language)))
      .subscribe((language) => shown.push(language));
    switches.next('fr');
    switches.next('de');
    french.error(new Error('gone'));
    expect(shown).toEqual(['de']);
    expect(translate.getCurrentLang()).toBe('de');
    expect(requested()).toEqual(['fr', 'de']);
  });

  it('a later switch wins when an earlier download answers afterwards', async () => {
    const french = new Subject<TranslationObject>();
    const { translate } = setup({ fr: french, de: GERMAN });
    const switches = new Subject<string>();
    const shown: (string | null)[] = [];
    switches
      .pipe(switchMap((language) => showPageIn(translate, language)))
      .subscribe((language) => shown.push(language));
    switches.next('fr');
    switches.next('de');
    french.next(FRENCH);
    french.complete();
    expect(shown).toEqual(['de']);
    expect(translate.getCurrentLang()).toBe('de');
    expect(translate.instant('page.heading')).toBe('Neues Passwort wählen');
  });
});
