import {
  AfterViewInit,
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  DOCUMENT,
  DestroyRef,
  ElementRef,
  OnInit,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ApiError } from '../cidaas/api-error';
import { CIDAAS_CLIENT } from '../cidaas/cidaas-client';
import { configuredUrl } from '../config/cidaas-base-url';
import { FETCH } from '../config/fetch';
import { whenIdle } from '../config/when-idle';
import type { FieldSetup } from '../../contract/cidaas-types';
import { DEFAULT_LANGUAGE } from '../i18n/locale';
import { normalizePassword, passwordRulesAttribute } from '../../contract/password-policy';
import {
  Message,
  fieldOfUrlError,
  forTemporaryPassword,
  rejectedRule,
  urlErrorMessage,
  validationMessage,
} from './field-messages';
import type { PageData } from './page-data';
import type { Strength } from './password-strength';
import type { UrlError } from '../../contract/page-params';
import { PasswordField } from './password-field';
import {
  FIELD_INPUTS,
  PASSWORD_FIELDS,
  type PasswordFieldName,
  fitToPage,
  formState,
  passwordForm,
  shownErrors,
} from './password-form';
import { PointerPress } from './pointer-press';
import { RuleChecklist } from './rule-checklist';
import { PasswordSubmitter } from './submitter';
import { countDown, formatWait } from './lockout';

/** One entry of the error summary: a message that links to its field (or to nothing, e.g. a lockout). */
interface SummaryItem {
  readonly field: PasswordFieldName | null;
  readonly message: Message;
}

/**
 * The password form: current (change mode only), new and confirm fields, the live rule checklist, and
 * the submit that hands over to cidaas with a real form POST (E8 in change mode, E11 in reset mode)
 * after checking that cidaas is there to take it (`PasswordSubmitter`). A typed reactive form
 * (`password-form.ts`) bound with `[formGroup]`/`formControlName`; the view reads it through a signal
 * of its `events`. An invalid submit or an error from cidaas shows an error summary that takes focus
 * and links to each field in error (the GOV.UK pattern). While the submit is under way the fields are
 * read-only and the button busy; a navigation that does not happen (the user stops it, the POST is
 * answered with nothing to show) or a page restored from the back-forward cache gives the form back.
 * While cidaas refuses attempts (`too_many_attempts`) the form is disabled and a notice counts down
 * the wait.
 */
@Component({
  selector: 'ps-change-password-form',
  imports: [ReactiveFormsModule, TranslatePipe, RuleChecklist, PasswordField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './change-password-form.html',
  styleUrl: './change-password-form.css',
  host: { '(window:pageshow)': 'onPageShow($event)' },
})
export class ChangePasswordForm implements OnInit, AfterViewInit {
  private readonly client = inject(CIDAAS_CLIENT);
  private readonly submitter = inject(PasswordSubmitter);
  private readonly translate = inject(TranslateService);
  private readonly changeDetector = inject(ChangeDetectorRef);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly destroyRef = inject(DestroyRef);
  private readonly fetch = inject(FETCH);
  private readonly pointerPress = inject(PointerPress);

  /** What start-up loaded. */
  readonly data = input.required<PageData>();
  /** The error cidaas sent back in the URL after a failed submit, if any. */
  readonly urlError = input<UrlError | null>(null);
  /** The check before the POST found the login (or the Auth0 session) gone: the page explains it instead of the form. */
  readonly expired = output<void>();

  protected readonly inputs = FIELD_INPUTS;
  /** Change mode asks for the current password; reset and Auth0 modes cannot (and need not). */
  protected readonly mode = computed(() => this.data().target.mode);
  /** The form; {@link ngOnInit} fits it to the policy and the mode. */
  protected readonly form = passwordForm();
  /** The form as the view shows it, after each of its events (values, validity, dirtiness). */
  private readonly state = signal(formState(this.form));
  /** The new password as typed, for the checklist. */
  protected readonly newPassword = computed(() => this.state().values.newPassword);
  /** Whether the user tried to submit; from then on every error is shown. */
  protected readonly attempted = signal(false);
  /** The fields the user has left other than for the submit button (see `shownErrors`). */
  private readonly left = signal<ReadonlySet<PasswordFieldName>>(new Set());
  /**
   * Whether the checklist shows the rules not met as such: after a submit attempt, or once the user
   * has left the new password with something in it; while typing, only what is met changes.
   */
  protected readonly showUnmet = computed(
    () => this.attempted() || (this.left().has('newPassword') && this.newPassword() !== ''),
  );
  /** Whether a submit is under way (the check before the POST, then the POST); further submits are ignored. */
  protected readonly submitting = signal(false);
  /** Whether the POST went out: the browser is leaving the page, unless the navigation is given up. */
  private posted = false;
  /** Why the last submit sent nothing (cidaas unreachable before the POST); `null` when it did not fail so. */
  private readonly unreachable = signal<ApiError | null>(null);
  /**
   * The seconds left while cidaas refuses attempts (`too_many_attempts` with `retry_after`): the
   * fields are disabled until it reaches 0. `null` when cidaas set no wait; then the form stays usable
   * (cidaas says again how long is left if the user tries too early).
   */
  protected readonly lockoutLeft = signal<number | null>(null);
  /** Whether the fields are disabled: during a lockout's wait. */
  protected readonly locked = computed(() => (this.lockoutLeft() ?? 0) > 0);
  /** The lockout's wait as a clock in the page's language. */
  protected readonly lockoutClock = computed(() =>
    formatWait(this.lockoutLeft() ?? 0, this.translate.currentLang() ?? DEFAULT_LANGUAGE),
  );

  /** The server's error, shown next to its field until the user edits that field. */
  private readonly pendingServerError = signal<PasswordFieldName | null>(null);
  /** Whether the server's error is still shown in the summary (until the next submit attempt). */
  private readonly showServerError = signal(true);

  /**
   * The base URL of a breached-password range API in the style of Pwned Passwords
   * (`https://api.pwnedpasswords.com`), from `<meta name="pwned-passwords-base-url">`; `null` when the
   * deployment configures none: then nothing is checked and nothing is requested.
   */
  private readonly rangeApi = configuredUrl('pwned-passwords-base-url');
  /** The new password the range API last reported as breached; warned about only while it is still the one typed. */
  protected readonly breached = signal('');
  /** The new password's strength as the lazy meter (`password-strength.ts`) last rated it; `null` while there is none. */
  protected readonly strength = signal<Strength | null>(null);

  protected readonly passwordRules = computed(() => passwordRulesAttribute(this.data().rules));
  protected readonly minLength = computed(() => {
    const rule = this.data().rules.find((candidate) => candidate.id === 'minimumLength');
    return rule?.id === 'minimumLength' ? rule.min : null;
  });
  protected readonly reasonKey = computed(() =>
    this.mode() === 'reset'
      ? 'page.reason.reset'
      : `page.reason.${this.data().metadata?.reason ?? 'default'}`,
  );

  /** The message under each field, or `null`. */
  protected readonly messages = computed<Record<PasswordFieldName, Message | null>>(() => {
    const { errors, dirty } = this.state();
    const attempted = this.attempted();
    const left = this.left();
    const serverField = this.pendingServerError();
    const error = this.urlError();
    const result: Record<PasswordFieldName, Message | null> = {
      oldPassword: null,
      newPassword: null,
      confirmPassword: null,
    };
    for (const field of PASSWORD_FIELDS) {
      // The server's message stays next to its field until the user starts correcting it.
      result[field] = this.worded(
        serverField === field && error && !dirty[field]
          ? urlErrorMessage(error)
          : validationMessage(
              field,
              shownErrors(errors[field], { attempted, left: left.has(field) }),
            ),
      );
    }
    return result;
  });

  /**
   * The lockout cidaas announced (`too_many_attempts`), explained by its own notice instead of the
   * summary: the attempts it counts, the countdown, and the forgot-password way; `null` when none.
   */
  protected readonly lockout = computed(() => {
    const error = this.urlError();
    return error?.code === 'too_many_attempts' ? error : null;
  });
  /**
   * cidaas' forgot-password page for the same login request (change mode only), for a user who does
   * not know the current (or temporary) password or is locked out of it; `null` in other modes.
   */
  protected readonly forgotPasswordUrl = computed(() => {
    const data = this.data();
    return data.target.mode === 'change' && data.requestId
      ? this.client.passwordForgotInitUrl(data.requestId, data.metadata?.username)
      : null;
  });

  /**
   * What the server checks, for the checklist: the page's list, plus a check cidaas just rejected a
   * password for (a history rule the policy did not announce is still a rule).
   */
  protected readonly serverChecks = computed(() => {
    const error = this.urlError();
    const checks = this.data().serverChecks;
    const rejected = error && rejectedRule(error);
    return rejected === 'passwordHistory' && !checks.includes(rejected)
      ? [rejected, ...checks]
      : checks;
  });

  /** The rule of the checklist the server rejected the last new password for, until the user types another. */
  protected readonly rejectedRule = computed(() => {
    const error = this.urlError();
    return error && this.pendingServerError() === 'newPassword' && !this.state().dirty.newPassword
      ? rejectedRule(error)
      : null;
  });

  /**
   * Whether the summary says what to do after cidaas rejected the new password or its confirmation:
   * the page came back empty, so every field is to be filled in again (in change mode, the current
   * password too), with a password that meets the list (which now marks what failed).
   */
  protected readonly showNextStep = computed(() => {
    const error = this.urlError();
    const field = error && this.showServerError() ? fieldOfUrlError(error) : null;
    return field === 'newPassword' || field === 'confirmPassword';
  });

  /**
   * The error summary, `null` when there is nothing to say: why nothing was sent, or the server's
   * error (if still relevant), under the alert title; then each field in error, in order.
   */
  protected readonly summary = computed(() => {
    const error = this.urlError();
    const messages = this.messages();
    const unreachable = this.unreachable();
    const items: SummaryItem[] = unreachable
      ? // Nothing was sent: a connection that failed or timed out is the user's to check; anything else is cidaas'.
        [
          {
            field: null,
            message: {
              key:
                unreachable.kind === 'network' || unreachable.kind === 'timeout'
                  ? 'errors.submit.network'
                  : 'errors.submit.server',
            },
          },
        ]
      : error && this.showServerError() && !this.lockout()
        ? [{ field: fieldOfUrlError(error), message: this.worded(urlErrorMessage(error)) }]
        : [];
    const titleKey = items.length > 0 ? 'errors.alertTitle' : 'errors.summaryTitle';
    if (this.attempted()) {
      for (const field of PASSWORD_FIELDS) {
        const message = messages[field];
        if (message && !items.some((item) => item.field === field)) items.push({ field, message });
      }
    }
    return items.length > 0 ? { titleKey, items } : null;
  });

  /**
   * Each field's label: the tenant's text when it is in the page language, else ours. The current
   * password is named after the reason: on a first sign-in it is the temporary one.
   */
  protected readonly labels = computed<Record<PasswordFieldName, string>>(() => {
    const { metadata, fields } = this.data();
    const ours = (key: string) => String(this.translate.instant(`fields.${key}`));
    return {
      oldPassword: ours(metadata?.reason === 'first_login' ? 'temporaryPassword' : 'oldPassword'),
      newPassword: this.tenantLabel(fields.newPassword) ?? ours('newPassword'),
      confirmPassword: this.tenantLabel(fields.confirmPassword) ?? ours('confirmPassword'),
    };
  });

  constructor() {
    this.form.events
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.state.set(formState(this.form)));
  }

  ngOnInit(): void {
    fitToPage(this.form, this.data().rules, this.mode());
    const error = this.urlError();
    this.pendingServerError.set(error ? fieldOfUrlError(error) : null);
    if (error?.code === 'too_many_attempts' && error.retryAfterSeconds !== null) {
      this.destroyRef.onDestroy(countDown(this.lockoutLeft, error.retryAfterSeconds));
    }
    this.watchCancelledNavigation();
  }

  /**
   * Puts the user on the explanation of what went wrong (lockout, or cidaas' error), when there is
   * one; otherwise focus stays on the page's heading, so the reason is read before the first field.
   * Then, when the browser is idle, loads the breached-password check (`pwned-passwords.ts`) if the
   * deployment configured a range API; the strength meter (`password-strength.ts`) loads when the
   * user first comes to the new password.
   */
  ngAfterViewInit(): void {
    // In the next frame: focusing now would force a layout in the middle of the first render.
    requestAnimationFrame(() =>
      (this.host.querySelector<HTMLElement>('#ps-lockout') ?? this.summaryElement())?.focus(),
    );
    const field = this.host.querySelector<HTMLInputElement>(`#${FIELD_INPUTS.newPassword.id}`);
    const baseUrl = this.rangeApi;
    // The meter is zxcvbn and its dictionaries (about 0.9 MB of script, parsed and ranked in one long
    // task): only a user who comes to the new password loads it, so start-up (and a visit that never
    // gets there) pays nothing. Both checks are advisory: a chunk that fails to load changes nothing.
    field?.addEventListener(
      'focus',
      () =>
        void import('./password-strength')
          .then((meter) =>
            this.destroyRef.onDestroy(meter.watchStrength(field, this.data(), this.strength.set)),
          )
          .catch(() => undefined),
      { once: true },
    );
    // The breach check once the form is usable, and only where the deployment configured a range API.
    if (field && baseUrl)
      whenIdle(this.window, () =>
        import('./pwned-passwords')
          .then((check) =>
            this.destroyRef.onDestroy(
              check.watchBreaches({
                field,
                fetch: this.fetch,
                baseUrl,
                normalize: normalizePassword,
                // The warning moves whatever is below it: not while a button there is pressed.
                report: (breached) =>
                  this.pointerPress.afterRelease(
                    () => this.breached.set(breached),
                    this.destroyRef,
                  ),
              }),
            ),
          )
          .catch(() => undefined),
      );
  }

  /** A summary link moves focus to its field (the page's `<base href>` would turn `#id` into a navigation). */
  protected onSummaryLink(event: Event, field: PasswordFieldName): void {
    event.preventDefault();
    this.host.querySelector<HTMLElement>(`#${FIELD_INPUTS[field].id}`)?.focus();
  }

  /** The user left a field other than for the submit button: its errors may show from now on. */
  protected onLeft(field: PasswordFieldName): void {
    if (!this.left().has(field)) this.left.update((left) => new Set([...left, field]));
  }

  /**
   * `ngSubmit`: the form directive has already kept the browser from submitting this form itself
   * (that would put the passwords in a URL); the passwords go to cidaas in a form of their own.
   */
  protected async submit(): Promise<void> {
    if (this.submitting() || this.locked()) return;
    this.attempted.set(true);
    this.showServerError.set(false);
    this.pendingServerError.set(null);
    this.unreachable.set(null);
    this.form.markAllAsTouched();
    if (this.state().firstInvalidField !== null) {
      this.focusSummary();
      return;
    }
    this.submitting.set(true);
    const data = this.data();
    const outcome = await this.submitter.submit(
      data.target,
      data.requestId,
      this.form.getRawValue(),
    );
    switch (outcome.kind) {
      case 'posted':
        // The browser is leaving; the form stays busy until it has (or gives the navigation up).
        this.posted = true;
        return;
      case 'expired':
        this.expired.emit();
        return;
      case 'unreachable':
        // Nothing was sent: the passwords stay, so the user can simply try again.
        this.submitting.set(false);
        this.unreachable.set(outcome.error);
        this.focusSummary();
        return;
    }
  }

  /** Coming back with the back button restores the page from the cache: make it usable and empty again. */
  protected onPageShow(event: PageTransitionEvent): void {
    if (!event.persisted) return;
    this.posted = false;
    this.submitting.set(false);
    this.unreachable.set(null);
    // Empty the fields (passwords must not linger) but keep the form's mode; each field hides its password itself.
    this.form.reset();
    this.attempted.set(false);
    this.left.set(new Set());
  }

  /**
   * The form POST's navigation may not happen: the user stops it (Escape, the stop button). The page
   * then stays as it was, busy; the Navigation API's `navigateerror` says so (Chromium; other browsers
   * fire nothing, and the form stays busy until a reload), and the form comes back with what was
   * typed. (A 204 or a download in answer to the POST fires nothing either; cidaas answers neither.)
   */
  private watchCancelledNavigation(): void {
    const navigation: unknown = this.window && Reflect.get(this.window, 'navigation');
    if (!(navigation instanceof EventTarget)) return;
    const onError = () => {
      if (!this.posted) return;
      this.posted = false;
      this.submitting.set(false);
    };
    navigation.addEventListener('navigateerror', onError);
    this.destroyRef.onDestroy(() => navigation.removeEventListener('navigateerror', onError));
  }

  /** Renders the summary with what it has to say now, and moves focus to it. */
  private focusSummary(): void {
    this.changeDetector.detectChanges();
    this.summaryElement()?.focus();
  }

  /** The error summary, when it is shown. */
  private summaryElement(): HTMLElement | null {
    return this.host.querySelector<HTMLElement>('#ps-error-summary');
  }

  /** A message as this page words it: on a first sign-in the current password is the temporary one. */
  private worded<M extends Message | null>(message: M): M {
    return this.data().metadata?.reason === 'first_login' ? forTemporaryPassword(message) : message;
  }

  /** The tenant's label when it is in the page language (the tenant's wording wins over ours). */
  private tenantLabel(field: FieldSetup | null): string | null {
    const name = field?.localeText.name?.trim();
    if (!name) return null;
    const language = field?.localeText.language ?? field?.localeText.locale;
    const current = this.translate.currentLang() ?? DEFAULT_LANGUAGE;
    if (
      language &&
      language.split(/[-_]/)[0]?.toLowerCase() !== current.split('-')[0]?.toLowerCase()
    )
      return null;
    return name;
  }
}
