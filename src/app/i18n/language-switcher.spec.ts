import { provideZonelessChangeDetection } from '@angular/core';
import { render, screen, waitFor, within } from '@testing-library/angular';
import { TestBed } from '@angular/core/testing';
import english from '../../../i18n/en.json';
import {
  ENGLISH_FILE,
  englishTranslations,
  memoryTranslations,
} from '../../testing/english-translations';
import { TranslateService, type TranslationObject } from '@ngx-translate/core';
import { Subject, firstValueFrom } from 'rxjs';
import {
  LanguageSwitcher,
  languageNamesIn,
  languageOptions,
  urlWithLanguage,
} from './language-switcher';
import { nativeLanguageName } from '../../../scripts/i18n/language-names';
import { PSEUDO_LOCALES, SUPPORTED_LANGUAGES } from './locale';

/** The names as every compiled translation file holds them. */
const NATIVE_LANGUAGE_NAMES = languageNamesIn(ENGLISH_FILE);

describe('languageNamesIn', () => {
  it('reads every offered language’s name from a compiled file, and nothing else', () => {
    expect(Object.keys(NATIVE_LANGUAGE_NAMES).sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
    expect(NATIVE_LANGUAGE_NAMES['de']).toBe('Deutsch');
    expect(languageNamesIn({ 'page.title': 'x', 'languageNames.de': 7 })).toEqual({});
  });
});

describe('languageOptions', () => {
  it('offers every supported language once, never a pseudo-locale, each with a distinct native name', () => {
    const options = languageOptions('en', NATIVE_LANGUAGE_NAMES);
    expect(options.map((option) => option.tag).sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
    expect(
      options.some((option) => (PSEUDO_LOCALES as readonly string[]).includes(option.tag)),
    ).toBe(false);
    expect(new Set(options.map((option) => option.nativeName)).size).toBe(options.length);
  });

  it('names each language in that language, as named at build time', () => {
    const options = languageOptions('en', NATIVE_LANGUAGE_NAMES);
    for (const option of options) expect(option.nativeName).toBe(nativeLanguageName(option.tag));
    expect(options.find((option) => option.tag === 'de')?.nativeName).toBe('Deutsch');
  });

  it('sorts Latin-script names alphabetically before other scripts', () => {
    const names = languageOptions('en', NATIVE_LANGUAGE_NAMES).map((option) => option.nativeName);
    expect(names.indexOf('Dansk')).toBeLessThan(names.indexOf('Deutsch'));
    expect(names.indexOf('Deutsch')).toBeLessThan(names.indexOf('English'));
    expect(names.indexOf('Türkçe')).toBeLessThan(names.indexOf('Ελληνικά'));
    expect(names.indexOf('Ελληνικά')).toBeLessThan(names.indexOf('Русский'));
    expect(names.indexOf('Русский')).toBeLessThan(names.indexOf('العربية'));
  });
});

describe('urlWithLanguage', () => {
  it('replaces ui_locales and keeps lsid, requestId and every other parameter', () => {
    const url = new URL(
      urlWithLanguage(
        'https://acme.example/identity/password_set?lsid=L1&ui_locales=de%20en&requestId=R1&x=a%26b#top',
        'fr',
      ),
    );
    expect(url.pathname).toBe('/identity/password_set');
    expect(url.searchParams.get('ui_locales')).toBe('fr');
    expect(url.searchParams.get('lsid')).toBe('L1');
    expect(url.searchParams.get('requestId')).toBe('R1');
    expect(url.searchParams.get('x')).toBe('a&b');
    expect(url.hash).toBe('#top');
  });

  it('adds ui_locales when there was none', () => {
    expect(
      new URL(urlWithLanguage('https://acme.example/p?lsid=L1', 'pt-BR')).searchParams.get(
        'ui_locales',
      ),
    ).toBe('pt-BR');
  });
});

describe('LanguageSwitcher', () => {
  const PAGE_URL = '/identity/password_set?lsid=L1&requestId=R1&ui_locales=de&extra=a%26b';
  afterAll(() => history.replaceState(null, '', '/'));

  async function setup(current: 'de' | 'en-XA') {
    history.replaceState(null, '', PAGE_URL);
    const rendered = await render(LanguageSwitcher, {
      inputs: { current },
      providers: [provideZonelessChangeDetection(), ...englishTranslations()],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('en'));
    // The names come with the translation file.
    await waitFor(() => expect(rendered.fixture.nativeElement).not.toHaveAttribute('data-pending'));
    const button = screen.getByRole('button');
    const list = document.getElementById(button.getAttribute('aria-controls') ?? '');
    if (!list) throw new Error('the button controls no element');
    return { rendered, button, list };
  }

  /** What the browser does when the popover opens or closes (jsdom has no popovers). */
  function toggle(list: HTMLElement, newState: 'open' | 'closed'): void {
    list.dispatchEvent(Object.assign(new Event('beforetoggle'), { newState }));
  }

  it('is a button naming the page language in that language, which controls the collapsed list', async () => {
    const { button, list } = await setup('de');
    expect(button).toHaveAccessibleName(`${english.language.label}: Deutsch`);
    // Seen: the language's name alone; the label is for screen readers.
    expect(within(button).getByText(`${english.language.label}:`)).toHaveClass('visually-hidden');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveAttribute('popovertarget', list.id);
    expect(list).toHaveAttribute('popover');
    expect(list).toHaveAccessibleName(english.language.label);
    expect(within(list).queryAllByRole('link')).toHaveLength(0);
  });

  it('holds its place, hidden, while the translation file with the names loads', async () => {
    const file = new Subject<TranslationObject>();
    const rendered = await render(LanguageSwitcher, {
      inputs: { current: 'de' },
      providers: [provideZonelessChangeDetection(), ...memoryTranslations({ en: file }).providers],
    });
    const shown = firstValueFrom(TestBed.inject(TranslateService).use('en'));
    await rendered.fixture.whenStable();
    expect(rendered.fixture.nativeElement).toHaveAttribute('data-pending');
    file.next(ENGLISH_FILE);
    file.complete();
    await shown;
    await rendered.fixture.whenStable();
    expect(rendered.fixture.nativeElement).not.toHaveAttribute('data-pending');
    expect(screen.getByRole('button')).toHaveAccessibleName(`${english.language.label}: Deutsch`);
  });

  it('shows when no translation file can be had, in its bundled English, the tags standing in for the names', async () => {
    const rendered = await render(LanguageSwitcher, {
      inputs: { current: 'de' },
      providers: [provideZonelessChangeDetection(), ...memoryTranslations({}).providers],
    });
    await expect(firstValueFrom(TestBed.inject(TranslateService).use('de'))).rejects.toThrow();
    await rendered.fixture.whenStable();
    expect(rendered.fixture.nativeElement).not.toHaveAttribute('data-pending');
    expect(screen.getByRole('button')).toHaveAccessibleName(`${english.language.label}: de`);
  });

  it('opens to every offered language, named in that language, each a link to this page in it keeping every parameter', async () => {
    const { rendered, button, list } = await setup('de');
    toggle(list, 'open');
    await rendered.fixture.whenStable();
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const links = within(list).getAllByRole('link');
    expect(links).toHaveLength(SUPPORTED_LANGUAGES.length);
    expect(links.map((link) => link.getAttribute('lang')).sort()).toEqual(
      [...SUPPORTED_LANGUAGES].sort(),
    );
    for (const link of links) {
      const tag = link.getAttribute('lang') ?? '';
      expect(link).toHaveAttribute('hreflang', tag);
      expect(link).toHaveTextContent(nativeLanguageName(tag));
      const url = new URL(link.getAttribute('href') ?? '', location.href);
      expect(url.pathname).toBe('/identity/password_set');
      expect(Object.fromEntries(url.searchParams)).toEqual({
        lsid: 'L1',
        requestId: 'R1',
        ui_locales: tag,
        extra: 'a&b',
      });
    }
    expect(within(list).getByRole('link', { current: true })).toHaveTextContent('Deutsch');
    expect(within(list).getByRole('link', { name: 'Français' })).not.toHaveAttribute(
      'aria-current',
    );

    toggle(list, 'closed');
    await rendered.fixture.whenStable();
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(within(list).queryAllByRole('link')).toHaveLength(0);
  });

  it('has its links in the list as the browser shows it: rendered within the beforetoggle event, for a Tab pressed at once', async () => {
    const { button, list } = await setup('de');
    toggle(list, 'open');
    // No wait for a scheduled render: the browser shows the list right after this event.
    expect(within(list).getAllByRole('link')).toHaveLength(SUPPORTED_LANGUAGES.length);
    expect(button).toHaveAttribute('aria-expanded', 'true');
  });

  it('keeps its links through the beforetoggle event that closes it, so the browser can return focus from a link to the button', async () => {
    const { rendered, list } = await setup('de');
    toggle(list, 'open');
    const french = within(list).getByRole('link', { name: 'Français' });
    french.focus();
    toggle(list, 'closed');
    expect(french).toHaveFocus();
    await rendered.fixture.whenStable();
    expect(within(list).queryAllByRole('link')).toHaveLength(0);
  });

  it('links from the address as it is when the list opens', async () => {
    const { rendered, list } = await setup('de');
    history.replaceState(null, '', '/identity/password_set?lsid=L2&requestId=R2');
    toggle(list, 'open');
    await rendered.fixture.whenStable();
    const url = new URL(
      within(list).getByRole('link', { name: 'English' }).getAttribute('href') ?? '',
      location.href,
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      lsid: 'L2',
      requestId: 'R2',
      ui_locales: 'en',
    });
  });

  it('shows a pseudo-locale as itself, without offering it', async () => {
    const { rendered, button, list } = await setup('en-XA');
    expect(button).toHaveAccessibleName(`${english.language.label}: en-XA`);
    toggle(list, 'open');
    await rendered.fixture.whenStable();
    expect(within(list).getAllByRole('link')).toHaveLength(SUPPORTED_LANGUAGES.length);
    expect(within(list).queryByRole('link', { current: true })).toBeNull();
  });
});
