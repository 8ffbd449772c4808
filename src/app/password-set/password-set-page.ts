import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  ElementRef,
  afterRenderEffect,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { Subscription } from 'rxjs';
import { brandingFromClientInfo } from '../branding/branding';
import { CidaasClient } from '../cidaas/cidaas-client';
import type { ApiError } from '../cidaas/api-error';
import { negotiateLanguage, textDirection } from '../i18n/locale';
import { ChangePasswordForm } from './change-password-form';
import type { DeadEnd, PageState } from './page-data';
import { PageLoader } from './page-loader';
import { parsePageParams } from './page-params';

/** The translation key explaining a start-up failure. */
function failureKey(error: ApiError): string {
  switch (error.kind) {
    case 'network':
      return 'startup.network';
    case 'timeout':
      return 'startup.timeout';
    case 'server':
      return 'startup.server';
    case 'bad-response':
      return 'startup.badResponse';
    case 'invalid-request':
      return 'startup.invalidRequest';
    case 'expired':
      return 'startup.expired';
  }
}

/** The translation key prefix explaining why the link cannot work. */
function deadEndKey(reason: DeadEnd): string {
  switch (reason) {
    case 'missing-lsid':
    case 'malformed-lsid':
    case 'missing-request-id':
    case 'malformed-request-id':
      return 'deadEnd.invalidLink';
    case 'expired-track':
      return 'deadEnd.expiredTrack';
    case 'expired-request':
      return 'deadEnd.expiredRequest';
  }
}

/**
 * The password_set hosted page (`/identity/password_set?lsid&requestId[&ui_locales]`): reads the URL,
 * loads what it needs, and shows the form, a dead end with the way back to sign-in, or a retry.
 */
@Component({
  selector: 'ps-password-set-page',
  imports: [TranslatePipe, ChangePasswordForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './password-set-page.html',
  styleUrl: './password-set-page.css',
  host: {
    '[style.--ps-primary]': 'branding().primaryColor',
    '[style.--ps-on-primary]': 'branding().onPrimaryColor',
  },
})
export class PasswordSetPage {
  private readonly loader = inject(PageLoader);
  private readonly client = inject(CidaasClient);
  private readonly translate = inject(TranslateService);
  private readonly title = inject(Title);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  private loading: Subscription | null = null;

  protected readonly params = parsePageParams(queryOf(inject(ActivatedRoute)));
  protected readonly language = negotiateLanguage(this.params.uiLocales, this.document.defaultView?.navigator.languages ?? []);
  protected readonly state = signal<PageState>({ kind: 'loading' });

  protected readonly branding = computed(() => {
    const state = this.state();
    const info = state.kind === 'ready' ? state.data.clientInfo : state.kind === 'dead-end' ? state.clientInfo : null;
    return brandingFromClientInfo(info, this.document.location.origin);
  });
  protected readonly urlError = this.params.ok ? this.params.error : null;
  protected readonly signInAgainUrl = computed(() => {
    const state = this.state();
    return state.kind === 'dead-end' && state.requestId ? this.client.resolveRedirectUrl(state.requestId) : null;
  });
  protected readonly deadEndKey = computed(() => {
    const state = this.state();
    return state.kind === 'dead-end' ? deadEndKey(state.reason) : '';
  });
  protected readonly failureKey = computed(() => {
    const state = this.state();
    return state.kind === 'failed' ? failureKey(state.error) : '';
  });

  private readonly focusTarget = viewChild<ElementRef<HTMLElement>>('focusTarget');

  constructor() {
    const root = this.document.documentElement;
    root.lang = this.language;
    root.dir = textDirection(this.language);
    // A dead end or a failure replaces the whole card: move focus to its heading so it is read out.
    afterRenderEffect(() => this.focusTarget()?.nativeElement.focus());
    this.load();
  }

  /** Loads (or, after a failure, reloads) everything the page needs. */
  protected load(): void {
    this.loading?.unsubscribe();
    this.state.set({ kind: 'loading' });
    this.loading = this.loader
      .load(this.params, this.language)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => {
        this.state.set(state);
        this.updateTitle();
      });
  }

  private updateTitle(): void {
    const name = this.branding().displayName;
    const heading = this.translate.instant('page.title');
    this.title.setTitle(name ? `${heading} – ${name}` : heading);
  }
}

function queryOf(route: ActivatedRoute): URLSearchParams {
  const query = route.snapshot.queryParamMap;
  const search = new URLSearchParams();
  for (const key of query.keys) {
    const value = query.get(key);
    if (value !== null) search.set(key, value);
  }
  return search;
}
