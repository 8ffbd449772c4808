import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { Subject, switchMap, tap } from 'rxjs';
import { focusOnChange } from '../a11y/focus-on-change';
import { PAGE_QUERY } from '../config/page-query';
import { HOSTED_PAGE } from '../hosted-page';
import { CIDAAS_CLIENT } from '../cidaas/cidaas-client';
import { bindHostCustomProperties } from '../branding/host-custom-properties';
import { themedBranding } from '../branding/themed-branding';
import type { ApiError } from '../cidaas/api-error';
import { setDocumentLanguage } from '../i18n/document-language';
import { LanguageSwitcher } from '../i18n/language-switcher';
import { DEFAULT_LANGUAGE, negotiateLanguage } from '../i18n/locale';
import { PageShell } from '../branding/page-shell';
import { ChangePasswordForm } from './change-password-form';
import type { DeadEnd, PageData, PageState } from './page-data';
import { PageLoader } from './page-loader';
import { parsePageParams } from '../../contract/page-params';

/** After this long, the loading state says that it is taking longer than usual. */
export const SLOW_LOADING_MS = 5_000;

/** How long before the login track expires the page warns the user. */
export const EXPIRY_WARNING_MS = 60_000;

/** `bad-response` → `badResponse`: how the translation keys name the page's kebab-case codes. */
function camelCase(code: string): string {
  return code.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * The translation key explaining a start-up failure: `startup.<kind>` in camel case (`bad-response` →
 * `startup.badResponse`); the translations' test checks there is one for every `ApiError` kind.
 */
function failureKey(error: ApiError): string {
  return `startup.${camelCase(error.kind)}`;
}

/**
 * The translation key prefix explaining why the link cannot work: an expired one by what expired
 * (`expired-track` → `deadEnd.expiredTrack`), an ambiguous one, and every other problem as an invalid
 * link. The spec checks every reason against the keys (a function is 100 bytes lighter than the table).
 */
export function deadEndKey(reason: DeadEnd): string {
  return `deadEnd.${reason.startsWith('expired-') ? camelCase(reason) : reason === 'ambiguous-mode' ? 'ambiguousLink' : 'invalidLink'}`;
}

/**
 * The password_set hosted page: `?lsid&requestId` after a login that requires a new password, or
 * `?requestId&rprq&exchangeId` at the end of forgot-password. Reads the URL, loads what it needs, and
 * shows the form, a dead end with the way back to sign-in, or a retry. At
 * `/identity/password_set_success?requestId` (where cidaas sends the user after a reset) it confirms
 * the change and offers the way on to sign-in.
 */
@Component({
  selector: 'ps-password-set-page',
  imports: [TranslatePipe, PageShell, ChangePasswordForm, LanguageSwitcher],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './password-set-page.html',
  styleUrl: './password-set-page.css',
})
export class PasswordSetPage {
  private readonly loader = inject(PageLoader);
  private readonly client = inject(CIDAAS_CLIENT);
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  /** Each start-up or retry; a later one cancels an earlier one still loading (`switchMap`). */
  private readonly loads = new Subject<void>();

  private readonly page = inject(HOSTED_PAGE);
  protected readonly params = parsePageParams(inject(PAGE_QUERY));
  protected readonly language = negotiateLanguage(
    this.params.uiLocales,
    this.document.defaultView?.navigator.languages ?? [],
  );
  protected readonly state = signal<PageState>({ kind: 'loading' });

  protected readonly branding = themedBranding(
    computed(() => {
      const state = this.state();
      return state.kind === 'ready'
        ? state.data.clientInfo
        : state.kind === 'dead-end' || state.kind === 'success'
          ? state.clientInfo
          : null;
    }),
  );
  protected readonly urlError = this.params.ok ? this.params.error : null;
  /** What the form needs, once the page is ready. */
  protected readonly readyData = computed(() => {
    const state = this.state();
    return state.kind === 'ready' ? state.data : null;
  });
  /**
   * A dead end or the success page: the prefix of its heading and body keys, and the way on (sign in
   * again, or continue to sign in) when there is somewhere to go, else what to do instead.
   */
  protected readonly notice = computed(() => {
    const state = this.state();
    if (state.kind === 'dead-end') {
      return {
        prefix: deadEndKey(state.reason),
        url: state.exitUrl,
        action: 'deadEnd.signInAgain',
        fallback: 'deadEnd.returnToApp',
      };
    }
    return state.kind === 'success'
      ? {
          prefix: 'success',
          url: state.signInUrl,
          action: 'success.continue',
          fallback: 'success.returnToApp',
        }
      : null;
  });
  /** A used or expired reset link: where a new reset starts (cidaas' forgot-password page, same login request). */
  protected readonly newResetUrl = computed(() => {
    const state = this.state();
    return state.kind === 'dead-end' &&
      state.reason === 'expired-reset' &&
      this.params.ok &&
      this.params.platform === 'cidaas'
      ? this.client.passwordForgotInitUrl(this.params.requestId)
      : null;
  });
  protected readonly failureKey = computed(() => {
    const state = this.state();
    return state.kind === 'failed' ? failureKey(state.error) : '';
  });

  /** Whether start-up is taking longer than usual. */
  protected readonly slow = signal(false);
  private slowTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the login track expires within a minute (from E7 `expires_at`). */
  protected readonly expiresSoon = signal(false);
  private expiryTimers: ReturnType<typeof setTimeout>[] = [];

  constructor() {
    this.destroyRef.onDestroy(() => {
      this.clearExpiryTimers();
      clearTimeout(this.slowTimer);
    });
    setDocumentLanguage(this.document, this.language);
    bindHostCustomProperties(computed(() => this.branding().style));
    // A dead end or a failure replaces the whole card: move focus to its heading so it is read out.
    focusOnChange(this.state, 'ps-page-heading');
    this.showLoads();
    this.loadPage();
  }

  /** Loads (or, after a failure, reloads) everything the page needs. */
  protected loadPage(): void {
    this.loads.next();
  }

  /** Shows each load's outcome; a retry replaces (unsubscribes) a load still running, as does leaving the page. */
  private showLoads(): void {
    this.loads
      .pipe(
        tap(() => this.showLoading()),
        switchMap(() =>
          this.page === 'password_set_success'
            ? this.loader.loadSuccess(
                this.params.ok && this.params.platform === 'auth0' ? null : this.params.requestId,
                this.language,
              )
            : this.loader.loadForm(this.params, this.language),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((state) => {
        clearTimeout(this.slowTimer);
        // The translation may have fallen back to English: say so to the browser.
        setDocumentLanguage(this.document, this.translate.getCurrentLang() ?? DEFAULT_LANGUAGE);
        this.state.set(state);
        this.updateTitle();
        if (state.kind === 'ready')
          this.watchExpiry(state.data.metadata?.expires_at, state.data.exitUrl);
      });
  }

  /** The check before the POST found the login track (or reset request, or Auth0 session) gone: explain it, with the way back. */
  protected onExpired(data: PageData): void {
    this.clearExpiryTimers();
    this.expiresSoon.set(false);
    const reason = data.target.mode === 'reset' ? 'expired-reset' : 'expired-track';
    this.state.set({
      kind: 'dead-end',
      reason,
      exitUrl: data.exitUrl,
      clientInfo: data.clientInfo,
    });
  }

  private showLoading(): void {
    this.clearExpiryTimers();
    this.state.set({ kind: 'loading' });
    this.slow.set(false);
    clearTimeout(this.slowTimer);
    this.slowTimer = setTimeout(() => this.slow.set(true), SLOW_LOADING_MS);
  }

  /**
   * Warns a minute before the login track expires and, once it has, replaces the form with the
   * explanation and the way back to sign-in, instead of letting the user type into a dead form.
   */
  private watchExpiry(expiresAt: string | undefined, exitUrl: string): void {
    this.clearExpiryTimers();
    const expiry = expiresAt ? Date.parse(expiresAt) : Number.NaN;
    if (Number.isNaN(expiry)) return;
    const remaining = expiry - Date.now();
    this.expiryTimers = [
      setTimeout(() => this.expiresSoon.set(true), Math.max(0, remaining - EXPIRY_WARNING_MS)),
      setTimeout(
        () => {
          this.expiresSoon.set(false);
          const state = this.state();
          const clientInfo = state.kind === 'ready' ? state.data.clientInfo : null;
          this.state.set({ kind: 'dead-end', reason: 'expired-track', exitUrl, clientInfo });
        },
        Math.max(0, remaining),
      ),
    ];
  }

  private clearExpiryTimers(): void {
    for (const timer of this.expiryTimers) clearTimeout(timer);
    this.expiryTimers = [];
  }

  private updateTitle(): void {
    const name = this.branding().displayName;
    const key = this.state().kind === 'success' ? 'success.title' : 'page.title';
    const heading: unknown = this.translate.instant(key);
    const title = typeof heading === 'string' ? heading : key;
    this.document.title = name ? `${title} – ${name}` : title;
  }
}
