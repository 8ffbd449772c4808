import { ChangeDetectionStrategy, Component, DOCUMENT, computed, effect, inject, input, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { SUPPORTED_LANGUAGES, type SupportedLanguage } from './locale';

/** Each offered language's name in that language (`generated/language-names.ts`). */
export type LanguageNames = Readonly<Record<string, string>>;

/**
 * Loads the languages' names: a module of its own (0.6 kB gzip of names in 42 scripts), which the
 * first render does not need. It is requested at start-up, alongside the page's data.
 */
export function loadLanguageNames(): Promise<LanguageNames> {
  return import('../../../generated/language-names').then((module) => module.NATIVE_LANGUAGE_NAMES);
}

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
 * A small language switcher: a native `<select>` with a visible label and a button. Choosing alone
 * changes nothing (arrow keys in a closed select must not reload the page); the button reloads the
 * page in the chosen language, keeping every URL parameter.
 */
@Component({
  selector: 'ps-language-switcher',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Hidden, but holding its place, until the page has loaded its texts and the languages' names.
  host: { '[attr.data-pending]': "pageShown() && names() ? null : ''" },
  template: `
    <form class="switcher" (submit)="switchLanguage($event)">
      <label for="ps-language">{{ 'language.label' | translate }}</label>
      <select id="ps-language" name="ui_locales" (change)="choose($event)">
        @if (!offered()) {
          <!-- A pseudo-locale is shown as itself but never offered. -->
          <option value="" disabled selected>{{ current() }}</option>
        }
        @for (option of options(); track option.tag) {
          <option [value]="option.tag" [attr.lang]="option.tag" [selected]="option.tag === current()">{{ option.nativeName }}</option>
        }
      </select>
      <button type="submit" class="switch" [disabled]="chosen() === current()">{{ 'language.submit' | translate }}</button>
    </form>
  `,
  styles: `
    :host {
      display: block;
      margin-block-end: 0.75rem;
    }
    /* One row of fixed layout whatever the language list and the label: nothing moves when they change. */
    :host([data-pending]) {
      visibility: hidden;
    }
    .switcher {
      display: flex;
      flex-wrap: nowrap;
      align-items: center;
      justify-content: flex-end;
      gap: 0.375rem 0.5rem;
      font-size: 0.875rem;
    }
    label {
      color: var(--ps-text-muted);
      min-inline-size: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    select {
      inline-size: 11rem;
      min-inline-size: 0;
      flex: 0 1 auto;
    }
    /* On a phone the label gets a row of its own rather than being cut short (still a fixed layout). */
    @media (max-width: 26rem) {
      .switcher {
        flex-wrap: wrap;
      }
      label {
        flex-basis: 100%;
        text-align: end;
      }
      /* The select takes what the button leaves: the two never wrap, whatever the button's text. */
      select {
        flex: 1 1 0;
        inline-size: auto;
      }
    }
    select,
    .switch {
      font: inherit;
      min-block-size: 2.25rem;
      padding-block: 0.25rem;
      padding-inline: 0.5rem;
      border: 1px solid var(--ps-border-strong);
      border-radius: var(--ps-radius);
      color: var(--ps-text);
      background: var(--ps-input-bg);
      max-inline-size: 100%;
    }
    .switch {
      cursor: pointer;
    }
    .switch:disabled {
      cursor: default;
      opacity: 0.6;
    }
    select:focus-visible,
    .switch:focus-visible {
      outline: 2px solid var(--ps-focus);
      outline-offset: 2px;
    }
  `,
})
export class LanguageSwitcher {
  private readonly document = inject(DOCUMENT);

  /** The language the page is shown in. */
  readonly current = input.required<SupportedLanguage>();
  /**
   * Whether the page has shown what the user came for. Until then the list holds only the current
   * language: naming all 42 languages (`Intl.DisplayNames`) takes about 100 ms on a slow phone, which
   * must not delay the form. The full list follows in the task after the next frame.
   */
  readonly pageShown = input(true);

  /** The languages' names; `null` until loaded (`{}` if they cannot be: then the tags stand in). */
  protected readonly names = signal<LanguageNames | null>(null);
  private readonly allLanguages = signal(false);
  protected readonly options = computed(() => {
    const current = this.current();
    const names = this.names() ?? {};
    if (this.allLanguages()) return languageOptions(current, names);
    const offered = SUPPORTED_LANGUAGES.find((tag) => tag === current);
    return offered ? [{ tag: offered, nativeName: nameOf(offered, names) }] : [];
  });
  protected readonly offered = computed(() => this.options().some((option) => option.tag === this.current()));
  private readonly selection = signal<string | null>(null);
  protected readonly chosen = computed(() => this.selection() ?? this.current());

  constructor() {
    loadLanguageNames().then(
      (names) => this.names.set(names),
      // The module is gone (a redeploy since this page loaded): the tags stand in for the names.
      () => this.names.set({}),
    );
    effect((onCleanup) => {
      if (!this.pageShown() || this.allLanguages()) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const frame = requestAnimationFrame(() => (timer = setTimeout(() => this.allLanguages.set(true))));
      onCleanup(() => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      });
    });
  }

  protected choose(event: Event): void {
    if (event.target instanceof HTMLSelectElement) this.selection.set(event.target.value);
  }

  protected switchLanguage(event: Event): void {
    event.preventDefault();
    const language = this.chosen();
    if (language === this.current()) return;
    this.document.location.assign(urlWithLanguage(this.document.location.href, language));
  }
}
