import { provideZonelessChangeDetection } from '@angular/core';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/angular';
import { TestBed } from '@angular/core/testing';
import english from '../../../i18n/en.json';
import { englishTranslations } from '../../testing/english-translations';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { NATIVE_LANGUAGE_NAMES } from '../../../generated/language-names';
import { LanguageSwitcher, languageOptions, urlWithLanguage } from './language-switcher';
import { nativeLanguageName } from '../../../scripts/i18n/language-names';
import { PSEUDO_LOCALES, SUPPORTED_LANGUAGES } from './locale';

describe('languageOptions', () => {
  it('offers every supported language once, never a pseudo-locale, each with a distinct native name', () => {
    const options = languageOptions('en', NATIVE_LANGUAGE_NAMES);
    expect(options.map((option) => option.tag).sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
    expect(options.some((option) => (PSEUDO_LOCALES as readonly string[]).includes(option.tag))).toBe(false);
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
    const url = new URL(urlWithLanguage('https://acme.example/identity/password_set?lsid=L1&ui_locales=de%20en&requestId=R1&x=a%26b#top', 'fr'));
    expect(url.pathname).toBe('/identity/password_set');
    expect(url.searchParams.get('ui_locales')).toBe('fr');
    expect(url.searchParams.get('lsid')).toBe('L1');
    expect(url.searchParams.get('requestId')).toBe('R1');
    expect(url.searchParams.get('x')).toBe('a&b');
    expect(url.hash).toBe('#top');
  });

  it('adds ui_locales when there was none', () => {
    expect(new URL(urlWithLanguage('https://acme.example/p?lsid=L1', 'pt-BR')).searchParams.get('ui_locales')).toBe('pt-BR');
  });
});

describe('LanguageSwitcher', () => {
  async function setup(current: 'de' | 'en-XA') {
    const rendered = await render(LanguageSwitcher, {
      inputs: { current },
      providers: [provideZonelessChangeDetection(), ...englishTranslations()],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('en'));
    // The full list follows the first frame.
    await waitFor(() => expect(screen.getAllByRole('option').length).toBeGreaterThanOrEqual(SUPPORTED_LANGUAGES.length));
    return rendered;
  }

  it('is a labelled select with the current language chosen and the button disabled until another is chosen', async () => {
    await setup('de');
    const select = screen.getByRole('combobox');
    expect(select).toHaveAccessibleName(english.language.label);
    expect(within(select).getByRole('option', { name: 'Deutsch', selected: true })).toHaveAttribute('lang', 'de');
    expect(within(select).getAllByRole('option')).toHaveLength(SUPPORTED_LANGUAGES.length);
    expect(screen.getByRole('button', { name: english.language.submit })).toBeDisabled();
  });

  it('enables the button once another language is chosen, and disables it again for the current one', async () => {
    await setup('de');
    const select = screen.getByRole('combobox');
    const button = screen.getByRole('button', { name: english.language.submit });
    fireEvent.change(select, { target: { value: 'fr' } });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.change(select, { target: { value: 'de' } });
    await waitFor(() => expect(button).toBeDisabled());
  });

  it('shows a pseudo-locale as itself, without offering it', async () => {
    await setup('en-XA');
    const select = screen.getByRole('combobox');
    const current = within(select).getByRole('option', { name: 'en-XA' });
    expect(current).toBeDisabled();
    expect(within(select).getAllByRole('option')).toHaveLength(SUPPORTED_LANGUAGES.length + 1);
  });

  it('lists only the current language until the page has shown its content, then every language', async () => {
    const rendered = await render(LanguageSwitcher, {
      inputs: { current: 'de', pageShown: false },
      providers: [provideZonelessChangeDetection(), ...englishTranslations()],
    });
    const select = screen.getByRole('combobox');
    await waitFor(() => expect(within(select).getAllByRole('option').map((option) => option.textContent?.trim())).toEqual(['Deutsch']));
    rendered.fixture.componentRef.setInput('pageShown', true);
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(SUPPORTED_LANGUAGES.length));
    expect(within(select).getByRole('option', { name: 'Deutsch', selected: true })).toBeInTheDocument();
  });
});
