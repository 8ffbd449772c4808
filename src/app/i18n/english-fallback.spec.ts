import { TestBed } from '@angular/core/testing';
import { TranslateService, type TranslationObject } from '@ngx-translate/core';
import { Subject, firstValueFrom } from 'rxjs';
import {
  ENGLISH_FILE,
  type TranslationFiles,
  memoryTranslations,
} from '../../testing/english-translations';
import { bundledEnglish } from './english-fallback';
import { translationObject } from './translation-loader';

const DUTCH_PART = translationObject({ 'submit.label': 'Nieuw wachtwoord instellen' });

/** A real TranslateService with the page's setup; `files` answer per language, anything else fails. */
function setup(files: TranslationFiles) {
  const { providers, loader } = memoryTranslations(files);
  TestBed.configureTestingModule({ providers });
  return { translate: TestBed.inject(TranslateService), requested: () => loader.requested };
}

const microtask = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('EnglishFallback', () => {
  it('says the bundled English start-up messages before any file, else the key, without downloading', () => {
    const { translate, requested } = setup({});
    expect(translate.instant('page.loading')).toBe('Loading your sign-in details…');
    expect(translate.instant('startup.retry')).toBe('Try again');
    expect(translate.instant('page.heading')).toBe('page.heading');
    expect(requested()).toEqual([]);
  });

  it("downloads English once, when the current language's file lacks a message, and shows English's", async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { translate, requested } = setup({ nl: DUTCH_PART, en: ENGLISH_FILE });
    await firstValueFrom(translate.use('nl'));
    expect(translate.instant('submit.label')).toBe('Nieuw wachtwoord instellen');
    // Until English is there: the bundled text or the key.
    expect(translate.instant('page.heading')).toBe('page.heading');
    expect(translate.instant('page.title')).toBe(bundledEnglish('page.title'));
    await microtask();
    expect(translate.instant('page.heading')).toBe('Choose a new password');
    expect(translate.instant('rules.noOfDigits', { count: 3 })).toBe('At least 3 digits (0–9)');
    expect(translate.getCurrentLang()).toBe('nl');
    expect(requested()).toEqual(['nl', 'en']);
    warn.mockRestore();
  });

  it('does not download English while the current language is still loading', async () => {
    const dutch = new Subject<TranslationObject>();
    const { translate, requested } = setup({ nl: dutch });
    const shown = firstValueFrom(translate.use('nl'));
    expect(translate.instant('page.heading')).toBe('page.heading');
    await microtask();
    expect(requested()).toEqual(['nl']);
    dutch.next(DUTCH_PART);
    dutch.complete();
    await shown;
    expect(translate.instant('submit.label')).toBe('Nieuw wachtwoord instellen');
  });

  it("falls back from English's own broken message to the bundled text or the key, without going round in circles", async () => {
    const { translate } = setup({
      en: translationObject({
        ...ENGLISH_FILE,
        'page.title': [{ type: 99 }],
        'page.heading': [{ type: 1, value: 'nothing' }],
      }),
    });
    await firstValueFrom(translate.use('en'));
    expect(translate.instant('page.title')).toBe(bundledEnglish('page.title'));
    expect(translate.instant('page.heading')).toBe('page.heading');
  });

  it('keeps showing the bundled text or the key when English cannot be had either', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { translate, requested } = setup({ nl: DUTCH_PART });
    await firstValueFrom(translate.use('nl'));
    translate.instant('page.heading');
    await microtask();
    expect(translate.instant('page.heading')).toBe('page.heading');
    expect(translate.instant('startup.heading')).toBe('We could not load this page');
    translate.instant('rules.heading');
    await microtask();
    expect(requested()).toEqual(['nl', 'en']);
    warn.mockRestore();
  });
});

describe('bundledEnglish', () => {
  it('formats the bundled start-up messages and knows no other', () => {
    expect(bundledEnglish('startup.network')).toEqual(expect.any(String));
    expect(bundledEnglish('page.heading')).toBeNull();
  });
});
