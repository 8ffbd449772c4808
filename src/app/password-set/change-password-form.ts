import { AfterViewInit, ChangeDetectionStrategy, ChangeDetectorRef, Component, ElementRef, OnInit, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { map } from 'rxjs';
import { Auth0Client } from '../auth0/auth0-client';
import { CIDAAS_CLIENT } from '../cidaas/cidaas-client';
import type { FieldSetup } from '../../contract/cidaas-types';
import { DEFAULT_LANGUAGE } from '../i18n/locale';
import { passwordRulesAttribute } from '../../contract/password-policy';
import { Message, fieldOfUrlError, urlErrorMessage, validationMessage } from './field-messages';
import type { PageData } from './page-data';
import type { UrlError } from '../../contract/page-params';
import { PasswordField } from './password-field';
import { PASSWORD_FIELDS, PasswordField as PasswordFieldName, fitToPage, formState, passwordForm, shownErrors } from './password-form';
import { RuleChecklist } from './rule-checklist';

/** Ids of the form's inputs, so labels, hints, errors and the error summary can reference them. */
const IDS: Readonly<Record<PasswordFieldName, string>> = {
  oldPassword: 'ps-old-password',
  newPassword: 'ps-new-password',
  confirmPassword: 'ps-confirm-password',
};

/** One entry of the error summary: a message that links to its field (or to nothing, e.g. a lockout). */
interface SummaryItem {
  readonly field: PasswordFieldName | null;
  readonly message: Message;
}

/**
 * The password form: current (change mode only), new and confirm fields, the live rule checklist, and
 * the submit that hands over to cidaas with a real form POST (E8 in change mode, E11 in reset mode).
 * A typed reactive form (`password-form.ts`) bound with `[formGroup]`/`formControlName`; the view
 * reads it through a signal of its `events`. An invalid submit or an error from cidaas shows an error
 * summary that takes focus and links to each field in error (the GOV.UK pattern).
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
  private readonly auth0 = inject(Auth0Client);
  private readonly translate = inject(TranslateService);
  private readonly changeDetector = inject(ChangeDetectorRef);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;

  /** What start-up loaded. */
  readonly data = input.required<PageData>();
  /** The error cidaas sent back in the URL after a failed submit, if any. */
  readonly urlError = input<UrlError | null>(null);

  protected readonly ids = IDS;
  /** Change mode asks for the current password; reset and Auth0 modes cannot (and need not). */
  protected readonly mode = computed(() => this.data().target.mode);
  /** The form; {@link ngOnInit} fits it to the policy and the mode. */
  protected readonly form = passwordForm();
  /** The form as the view shows it, after each of its events (values, validity, dirtiness). */
  private readonly state = toSignal(this.form.events.pipe(map(() => formState(this.form))), { initialValue: formState(this.form) });
  /** The new password as typed, for the checklist. */
  protected readonly newPassword = computed(() => this.state().values.newPassword);
  /** Whether the user tried to submit; from then on every error is shown. */
  protected readonly attempted = signal(false);
  /** The fields the user has left other than for the submit button (see `shownErrors`). */
  private readonly left = signal<ReadonlySet<PasswordFieldName>>(new Set());
  /** Whether the form was handed to cidaas; further submits are ignored. */
  protected readonly submitting = signal(false);
  /** The server's error, shown next to its field until the user edits that field. */
  private readonly pendingServerError = signal<PasswordFieldName | null>(null);
  /** Whether the server's error is still shown in the summary (until the next submit attempt). */
  private readonly showServerError = signal(true);

  protected readonly passwordRules = computed(() => passwordRulesAttribute(this.data().rules));
  protected readonly maxLength = computed(() => {
    const rule = this.data().rules.find((candidate) => candidate.id === 'maximumLength');
    return rule?.id === 'maximumLength' ? rule.max : null;
  });
  protected readonly minLength = computed(() => {
    const rule = this.data().rules.find((candidate) => candidate.id === 'minimumLength');
    return rule?.id === 'minimumLength' ? rule.min : null;
  });
  protected readonly username = computed(() => this.data().metadata?.username ?? null);
  protected readonly reasonKey = computed(() =>
    this.mode() === 'reset' ? 'page.reason.reset' : `page.reason.${this.data().metadata?.reason ?? 'default'}`,
  );
  protected readonly otherAccountUrl = computed(() => this.data().exitUrl);
  /** Auth0's way out ends the login at the application (the Action denies it), so it says so. */
  protected readonly otherAccountKey = computed(() => (this.mode() === 'auth0' ? 'page.cancelAndSignOut' : 'page.otherAccount'));

  /** The message under each field, or `null`. */
  protected readonly messages = computed<Record<PasswordFieldName, Message | null>>(() => {
    const { errors, dirty } = this.state();
    const attempted = this.attempted();
    const left = this.left();
    const serverField = this.pendingServerError();
    const error = this.urlError();
    const result: Record<PasswordFieldName, Message | null> = { oldPassword: null, newPassword: null, confirmPassword: null };
    for (const field of PASSWORD_FIELDS) {
      // The server's message stays next to its field until the user starts correcting it.
      if (serverField === field && error && !dirty[field]) result[field] = urlErrorMessage(error);
      else result[field] = validationMessage(field, shownErrors(errors[field], { attempted, left: left.has(field) }));
    }
    return result;
  });

  /** The error summary: the server's error (if still relevant), then each field in error, in order. */
  protected readonly summaryItems = computed<readonly SummaryItem[]>(() => {
    const items: SummaryItem[] = [];
    const error = this.urlError();
    const messages = this.messages();
    if (error && this.showServerError()) items.push({ field: fieldOfUrlError(error), message: urlErrorMessage(error) });
    if (this.attempted()) {
      for (const field of PASSWORD_FIELDS) {
        const message = messages[field];
        if (message && !items.some((item) => item.field === field)) items.push({ field, message });
      }
    }
    return items;
  });
  protected readonly summaryTitleKey = computed(() =>
    this.urlError() && this.showServerError() ? 'errors.alertTitle' : 'errors.summaryTitle',
  );

  /** Each field's label: the tenant's text when it is in the page language, else our translation key. */
  protected readonly labels = computed<Record<PasswordFieldName, { readonly text: string | null; readonly key: string }>>(() => ({
    oldPassword: { text: null, key: 'fields.oldPassword' },
    newPassword: { text: this.tenantLabel(this.data().fields.newPassword), key: 'fields.newPassword' },
    confirmPassword: { text: this.tenantLabel(this.data().fields.confirmPassword), key: 'fields.confirmPassword' },
  }));

  ngOnInit(): void {
    fitToPage(this.form, this.data().rules, this.mode());
    const error = this.urlError();
    this.pendingServerError.set(error ? fieldOfUrlError(error) : null);
  }

  /** Puts the user where they need to be: on the explanation of what went wrong, else on the first field. */
  ngAfterViewInit(): void {
    // In the next frame: focusing now would force a layout in the middle of the first render.
    requestAnimationFrame(() => {
      const summary = this.summary();
      if (summary) summary.focus();
      else this.focusField(this.mode() === 'change' ? 'oldPassword' : 'newPassword');
    });
  }

  /** A summary link moves focus to its field (the page's `<base href>` would turn `#id` into a navigation). */
  protected onSummaryLink(event: Event, field: PasswordFieldName): void {
    event.preventDefault();
    this.focusField(field);
  }

  /** The user left a field other than for the submit button: its errors may show from now on. */
  protected onLeft(field: PasswordFieldName): void {
    if (!this.left().has(field)) this.left.update((left) => new Set([...left, field]));
  }

  /**
   * `ngSubmit`: the form directive has already kept the browser from submitting this form itself
   * (that would put the passwords in a URL); the passwords go to cidaas in a form of their own.
   */
  protected submit(): void {
    if (this.submitting()) return;
    this.attempted.set(true);
    this.showServerError.set(false);
    this.pendingServerError.set(null);
    this.form.markAllAsTouched();
    if (this.state().firstInvalidField !== null) {
      // Render the summary with the new errors now, so focus can move to it.
      this.changeDetector.detectChanges();
      this.summary()?.focus();
      return;
    }
    this.submitting.set(true);
    const { oldPassword, newPassword, confirmPassword } = this.form.getRawValue();
    const target = this.data().target;
    switch (target.mode) {
      case 'change':
        this.client.firstTimeChangePassword(
          { old_password: oldPassword, new_password: newPassword, confirm_password: confirmPassword },
          target.lsid,
        );
        return;
      case 'reset':
        this.client.resetPassword({ resetRequestId: target.rprq, exchangeId: target.exchangeId, password: newPassword, confirmPassword });
        return;
      case 'auth0':
        this.auth0.setPassword({ sessionToken: target.sessionToken, state: target.state, password: newPassword, confirmPassword });
        return;
    }
  }

  /** Coming back with the back button restores the page from the cache: make it usable and empty again. */
  protected onPageShow(event: PageTransitionEvent): void {
    if (!event.persisted) return;
    this.submitting.set(false);
    // Empty the fields (passwords must not linger) but keep the form's mode; each field hides its password itself.
    this.form.reset();
    this.attempted.set(false);
    this.left.set(new Set());
  }

  /** The error summary, when it is shown. */
  private summary(): HTMLElement | null {
    return this.host.querySelector<HTMLElement>('#ps-error-summary');
  }

  private focusField(field: PasswordFieldName): void {
    this.host.querySelector<HTMLElement>(`#${IDS[field]}`)?.focus();
  }

  /** The tenant's label when it is in the page language (the tenant's wording wins over ours). */
  private tenantLabel(field: FieldSetup | null): string | null {
    const name = field?.localeText.name?.trim();
    if (!name) return null;
    const language = field?.localeText.language ?? field?.localeText.locale;
    const current = this.translate.currentLang() ?? DEFAULT_LANGUAGE;
    if (language && language.split(/[-_]/)[0]?.toLowerCase() !== current.split('-')[0]?.toLowerCase()) return null;
    return name;
  }
}
