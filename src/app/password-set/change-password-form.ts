import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  OnInit,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
  viewChildren,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { merge } from 'rxjs';
import { CidaasClient } from '../cidaas/cidaas-client';
import type { FieldSetup } from '../cidaas/cidaas-types';
import { passwordRulesAttribute } from '../policy/password-policy';
import { Message, fieldOfUrlError, urlErrorMessage, validationMessage } from './field-messages';
import type { PageData } from './page-data';
import type { UrlError } from './page-params';
import { PASSWORD_FIELDS, PasswordField, createPasswordForm, firstInvalidField } from './password-form';
import { RuleChecklist } from './rule-checklist';

/** Ids of the form's elements, so labels, hints and errors can reference each other. */
const IDS: Readonly<Record<PasswordField, string>> = {
  oldPassword: 'ps-old-password',
  newPassword: 'ps-new-password',
  confirmPassword: 'ps-confirm-password',
};

/**
 * The change-password form: current, new and confirm fields, the live rule checklist, and the submit
 * that hands over to cidaas with a real form POST.
 */
@Component({
  selector: 'ps-change-password-form',
  imports: [ReactiveFormsModule, TranslatePipe, RuleChecklist],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './change-password-form.html',
  styleUrl: './change-password-form.css',
  host: { '(window:pageshow)': 'onPageShow($event)' },
})
export class ChangePasswordForm implements OnInit {
  private readonly client = inject(CidaasClient);
  private readonly translate = inject(TranslateService);
  private readonly destroyRef = inject(DestroyRef);

  /** What start-up loaded. */
  readonly data = input.required<PageData>();
  /** The error cidaas sent back in the URL after a failed submit, if any. */
  readonly urlError = input<UrlError | null>(null);

  protected readonly ids = IDS;
  protected readonly form = computed(() => createPasswordForm(this.data().rules));
  protected readonly newPassword = signal('');
  /** Whether the user tried to submit; from then on every error is shown. */
  protected readonly attempted = signal(false);
  /** Whether the form was handed to cidaas; further submits are ignored. */
  protected readonly submitting = signal(false);
  /** Bumped whenever a control's value or status changes, so computed messages re-evaluate. */
  private readonly formVersion = signal(0);
  /** The server's error, shown next to its field until the user edits that field. */
  private readonly pendingServerError = signal<PasswordField | null>(null);

  private readonly inputs = viewChildren<ElementRef<HTMLInputElement>>('passwordInput');
  private readonly alertBox = viewChild<ElementRef<HTMLElement>>('alertBox');

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
  protected readonly reasonKey = computed(() => `page.reason.${this.data().metadata?.reason ?? 'default'}`);
  protected readonly alert = computed<Message | null>(() => {
    const error = this.urlError();
    return error ? urlErrorMessage(error) : null;
  });

  /** The message under each field, or `null`. */
  protected readonly messages = computed<Record<PasswordField, Message | null>>(() => {
    this.formVersion();
    const form = this.form();
    const attempted = this.attempted();
    const serverField = this.pendingServerError();
    const error = this.urlError();
    const result: Record<PasswordField, Message | null> = { oldPassword: null, newPassword: null, confirmPassword: null };
    for (const field of PASSWORD_FIELDS) {
      const control = form.controls[field];
      if (serverField === field && error) result[field] = urlErrorMessage(error);
      else if (control.invalid && (control.touched || attempted)) result[field] = validationMessage(field, control.errors);
    }
    return result;
  });

  /** Each field's label: the tenant's text when it is in the page language, else our translation key. */
  protected readonly labels = computed<Record<PasswordField, { readonly text: string | null; readonly key: string }>>(() => ({
    oldPassword: { text: null, key: 'fields.oldPassword' },
    newPassword: { text: this.tenantLabel(this.data().fields.newPassword), key: 'fields.newPassword' },
    confirmPassword: { text: this.tenantLabel(this.data().fields.confirmPassword), key: 'fields.confirmPassword' },
  }));

  constructor() {
    // Put the user where they need to be: on the explanation of what went wrong, else on the first field.
    afterNextRender(() => {
      const alertBox = this.alertBox();
      if (alertBox) alertBox.nativeElement.focus();
      else this.focus('oldPassword');
    });
  }

  ngOnInit(): void {
    const form = this.form();
    const error = this.urlError();
    this.pendingServerError.set(error ? fieldOfUrlError(error) : null);
    form.controls.newPassword.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((value) => this.newPassword.set(value));
    merge(form.valueChanges, form.statusChanges, form.events)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.formVersion.update((version) => version + 1));
  }

  /** Clears the server's message for a field as soon as the user starts correcting it. */
  protected onEdit(field: PasswordField): void {
    if (this.pendingServerError() === field) this.pendingServerError.set(null);
  }

  protected describedBy(field: PasswordField, ...extra: string[]): string {
    const ids = [...extra];
    if (this.messages()[field]) ids.unshift(`${IDS[field]}-error`);
    return ids.join(' ') || '';
  }

  protected submit(): void {
    if (this.submitting()) return;
    const form = this.form();
    this.attempted.set(true);
    form.markAllAsTouched();
    this.pendingServerError.set(null);
    const invalid = firstInvalidField(form);
    if (invalid !== null) {
      this.focus(invalid);
      return;
    }
    this.submitting.set(true);
    const { oldPassword, newPassword, confirmPassword } = form.getRawValue();
    this.client.firstTimeChangePassword(
      { old_password: oldPassword, new_password: newPassword, confirm_password: confirmPassword },
      this.data().lsid,
    );
  }

  /** Coming back with the back button restores the page from the cache: make it usable and empty again. */
  protected onPageShow(event: PageTransitionEvent): void {
    if (!event.persisted) return;
    this.submitting.set(false);
    this.form().reset();
    this.attempted.set(false);
  }

  private focus(field: PasswordField): void {
    this.inputs()
      .find((ref) => ref.nativeElement.id === IDS[field])
      ?.nativeElement.focus();
  }

  /** The tenant's label when it is in the page language (the tenant's wording wins over ours). */
  private tenantLabel(field: FieldSetup | null): string | null {
    const name = field?.localeText.name?.trim();
    if (!name) return null;
    const language = field?.localeText.language ?? field?.localeText.locale;
    const current = this.translate.getCurrentLang() ?? '';
    if (language && language.split(/[-_]/)[0]?.toLowerCase() !== current.split('-')[0]) return null;
    return name;
  }
}
