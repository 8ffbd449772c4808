import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  InjectionToken,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { TranslatePipe, translate } from '@ngx-translate/core';
import { SUPPORTED_LANGUAGES, type SupportedLanguage } from './locale';

/** Each offered language's name in that language (`generated/language-names.ts`). */
export type LanguageNames = Readonly<Record<string, string>>;

/**
 * Loads the languages' names: a module of its own (0.6 kB gzip of names in 42 scripts), needed only
 * for the list. It is requested when the user comes to the switcher (pointer or focus), else when
 * the list opens.
 */
export function loadLanguageNames(): Promise<LanguageNames> {
  return import('../../../generated/language-names').then((module) => module.NATIVE_LANGUAGE_NAMES);
}

/** Where the switcher gets the languages' names ({@link loadLanguageNames}; tests provide their own). */
export const LANGUAGE_NAMES = new InjectionToken<() => Promise<LanguageNames>>('LANGUAGE_NAMES', {
  providedIn: 'root',
  factory: () => loadLanguageNames,
});

/** A language as the switcher offers it: its tag and its name in that language. */
export interface LanguageOption {
  readonly tag: SupportedLanguage;
  readonly nativeName: string;
}

/** A language's name in that language, as named at build time (`language-names.ts`), else its tag. */
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
 * The language switcher: a compact button naming the page's language (its translation file names it,
 * `language.name`, written by the compiler) that discloses the list of
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
  host: {
    // Hidden, but holding its place, until the page's translation file (which names the language) is there.
    '[attr.data-pending]': "currentName() === nameKey ? '' : null",
    '(pointerenter)': 'loadNames()',
    '(focusin)': 'loadNames()',
  },
  template: `
    <button type="button" popovertarget="ps-languages" aria-controls="ps-languages" [attr.aria-expanded]="open()">
      <span class="globe" aria-hidden="true"></span>
      <span class="visually-hidden">{{ 'language.label' | translate }}: </span>{{ currentName() }}
    </button>
    <ul id="ps-languages" popover [attr.aria-label]="'language.label' | translate" [attr.aria-busy]="(open() && !names()) || null" (beforetoggle)="onToggle($event.newState)">
      @for (option of options(); track option.tag) {
        <li>
          <a [href]="option.href" [attr.lang]="option.tag" [attr.hreflang]="option.tag" [attr.aria-current]="option.tag === current() || null">{{ option.nativeName }}</a>
        </li>
      } @empty {
        <li class="loading">{{ 'page.loading' | translate }}</li>
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
    .loading {
      padding: 0.375rem 0.75rem;
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
  private readonly loadLanguageNames = inject(LANGUAGE_NAMES);

  /** The language the page is shown in. */
  readonly current = input.required<SupportedLanguage>();

  /** The key of the language's own name in its translation file, which ngx-translate returns while there is none. */
  protected readonly nameKey = 'language.name';
  /** The page language's name, as its translation file gives it. */
  protected readonly currentName = translate(this.nameKey);
  /** The languages' names; `null` until loaded (`{}` if they cannot be: then the tags stand in). */
  protected readonly names = signal<LanguageNames | null>(null);
  private namesRequested = false;
  /** Whether the list is open (it is rendered only then). */
  protected readonly open = signal(false);
  /** The languages with their links, from the address as it is when the list opens (none while the names load). */
  protected readonly options = computed(() => {
    const names = this.names();
    return this.open() && names
      ? languageOptions(this.current(), names).map((option) => ({
          ...option,
          href: urlWithLanguage(this.document.location.href, option.tag),
        }))
      : [];
  });

  /** Starts loading the languages' names, once. */
  protected loadNames(): void {
    if (this.namesRequested) return;
    this.namesRequested = true;
    this.loadLanguageNames().then(
      (names) => this.names.set(names),
      // The module is gone (a redeploy since this page loaded): the tags stand in for the names.
      () => this.names.set({}),
    );
  }

  protected onToggle(newState: string): void {
    this.open.set(newState === 'open');
    this.loadNames();
  }
}
