import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  DOCUMENT,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { SUPPORTED_LANGUAGES, type SupportedLanguage } from './locale';
import { LANGUAGE_NAME_PREFIX } from './message-files';

/** Each offered language's name in that language, by tag. */
export type LanguageNames = Readonly<Record<string, string>>;

/**
 * The languages' names in a compiled translation file (the compiler writes them into every file,
 * under {@link LANGUAGE_NAME_PREFIX}).
 */
export function languageNamesIn(translations: Readonly<Record<string, unknown>>): LanguageNames {
  const names: Record<string, string> = {};
  for (const tag of SUPPORTED_LANGUAGES) {
    const name = translations[LANGUAGE_NAME_PREFIX + tag];
    if (typeof name === 'string') names[tag] = name;
  }
  return names;
}

/** A language as the switcher offers it: its tag and its name in that language. */
export interface LanguageOption {
  readonly tag: SupportedLanguage;
  readonly nativeName: string;
}

/** A language's name in that language, as named at build time, else its tag. */
function nameOf(tag: SupportedLanguage, names: LanguageNames): string {
  return names[tag] ?? tag;
}

/**
 * Every offered language (never the pseudo-locales) with its native name, sorted by that name in
 * the page language, so Latin-script names come alphabetically, then Greek, Cyrillic, Hebrew, Arabic,
 * Indic, Thai and CJK names, each group in its own order.
 */
export function languageOptions(pageLanguage: string, names: LanguageNames): LanguageOption[] {
  const collator = new Intl.Collator([pageLanguage, 'en']);
  return SUPPORTED_LANGUAGES.map((tag) => ({ tag, nativeName: nameOf(tag, names) })).sort((a, b) =>
    collator.compare(a.nativeName, b.nativeName),
  );
}

/** The same page URL with `ui_locales` replaced, every other parameter (`lsid`, `requestId`, …) kept. */
export function urlWithLanguage(href: string, language: string): string {
  const url = new URL(href);
  url.searchParams.set('ui_locales', language);
  return url.href;
}

/**
 * The language switcher: a compact button naming the page's language that discloses the list of
 * languages, each named in that language and linking to this page in it (every URL parameter kept,
 * `ui_locales` replaced). The list is a native popover (`popovertarget`): the browser closes it on
 * Escape or a click elsewhere, returns focus to the button, keeps it next in the tab order and lays
 * it over the page (below the button where CSS anchor positioning is supported, else centered).
 * `aria-expanded` and `aria-controls` on the button make it the disclosure pattern.
 */
@Component({
  selector: 'ps-language-switcher',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Hidden, but holding its place, until the page's translation file (with the languages' names) is there.
  host: { '[attr.data-pending]': "names() ? null : ''" },
  template: `
    <button type="button" popovertarget="ps-languages" aria-controls="ps-languages" [attr.aria-expanded]="open()">
      <span class="globe" aria-hidden="true"></span>
      <span class="visually-hidden">{{ 'language.label' | translate }}: </span>{{ currentName() }}
    </button>
    <ul id="ps-languages" popover [attr.aria-label]="'language.label' | translate" (beforetoggle)="toggled($event.newState)">
      @for (option of options(); track option.tag) {
        <li>
          <a [href]="option.href" [attr.lang]="option.tag" [attr.hreflang]="option.tag" [attr.aria-current]="option.tag === current() || null">{{ option.nativeName }}</a>
        </li>
      }
    </ul>
  `,
  styles: `
    :host {
      flex: none;
      font-size: 0.875rem;
    }
    :host([data-pending]) {
      visibility: hidden;
    }
    button {
      anchor-name: --ps-language;
      display: flex;
      align-items: center;
      gap: 0.375rem;
      min-block-size: 2.25rem;
      padding: 0 0.625rem;
      font: inherit;
      color: var(--ps-text);
      background: var(--ps-input-bg);
      border: 1px solid var(--ps-border-strong);
      border-radius: var(--ps-radius);
      cursor: pointer;
    }
    /* A globe (a circle, a meridian, the equator): the switcher is found without reading the page's language. */
    .globe {
      position: relative;
      inline-size: 1rem;
      block-size: 1rem;
      border: 1.5px solid;
      border-radius: 50%;
      background: linear-gradient(currentColor, currentColor) center / 100% 1.5px no-repeat;
    }
    .globe::after {
      content: '';
      position: absolute;
      inset: -1.5px 25%;
      border: 1.5px solid;
      border-radius: 50%;
    }
    /* A chevron: down when closed, up when open. */
    button::after {
      content: '';
      inline-size: 0.375rem;
      block-size: 0.375rem;
      margin-block-end: 0.25rem;
      border: solid;
      border-width: 0 2px 2px 0;
      transform: rotate(45deg);
    }
    [aria-expanded='true']::after {
      margin: 0.25rem 0 0;
      transform: rotate(225deg);
    }
    ul {
      position-anchor: --ps-language;
      position-area: block-end span-inline-start;
      max-block-size: min(22rem, 70vh);
      margin: 0.25rem 0;
      padding: 0.25rem;
      list-style: none;
      font-size: 0.875rem;
      color: var(--ps-text);
      background: var(--ps-surface);
      border: 1px solid var(--ps-border-strong);
      border-radius: var(--ps-radius);
      box-shadow: var(--ps-shadow);
    }
    a {
      display: block;
      padding: 0.375rem 0.75rem;
      color: inherit;
      text-decoration: none;
    }
    a:focus-visible {
      outline-offset: -3px;
    }
    [aria-current] {
      padding-inline-start: calc(0.75rem - 3px);
      font-weight: 700;
      border-inline-start: 3px solid;
    }
  `,
})
export class LanguageSwitcher {
  private readonly document = inject(DOCUMENT);
  private readonly changeDetector = inject(ChangeDetectorRef);
  private readonly translate = inject(TranslateService);

  /** The language the page is shown in. */
  readonly current = input.required<SupportedLanguage>();

  /**
   * The languages' names, from the translation file the page is shown in; `null` while it loads, and
   * `{}` (the tags stand in) when no file could be had: the switcher, whose own words are bundled,
   * still shows. The service's current language, store and loading state are signals, so this
   * follows them.
   */
  protected readonly names = computed(() => {
    const language = this.translate.getCurrentLang();
    const translations = language === null ? undefined : this.translate.getTranslations(language);
    if (translations !== undefined) return languageNamesIn(translations);
    return this.translate.isLoading() ? null : {};
  });
  /** Whether the list is open (it is rendered only then). */
  protected readonly open = signal(false);
  protected readonly currentName = computed(() => nameOf(this.current(), this.names() ?? {}));
  /** The languages with their links, from the address as it is when the list opens. */
  protected readonly options = computed(() =>
    this.open()
      ? languageOptions(this.current(), this.names() ?? {}).map((option) => ({
          ...option,
          href: urlWithLanguage(this.document.location.href, option.tag),
        }))
      : [],
  );

  /**
   * Follows the popover's state. On opening, the list's links are rendered here, in the
   * `beforetoggle` event, before the browser shows the list: a Tab pressed the moment it opens must
   * find them (a render scheduled for the next frame would let that Tab fall through to the form
   * behind). On closing they go in the scheduled render, after the browser has returned focus from
   * the focused link to the button (removed now, the link would take the focus with it).
   */
  protected toggled(newState: string): void {
    this.open.set(newState === 'open');
    if (this.open()) this.changeDetector.detectChanges();
  }
}
