import { Signal, WritableSignal, computed, signal } from '@angular/core';
import { PolicyRule } from '../policy/password-policy';
import {
  PasswordValidationErrors,
  PasswordValidator,
  composeValidators,
  differentFromValidator,
  matchesValidator,
  passwordPolicyValidator,
  requiredValidator,
} from '../policy/policy-validators';
import type { PageMode } from './page-params';

/** The form's field names, in the order the page shows them (and focuses the first invalid one). */
export const PASSWORD_FIELDS = ['oldPassword', 'newPassword', 'confirmPassword'] as const;

/** A field of the change-password form. */
export type PasswordField = (typeof PASSWORD_FIELDS)[number];

/** One field of the form, as signals: its value, whether the user has left it, and its errors. */
export interface PasswordControl {
  /** What is in the input. */
  readonly value: WritableSignal<string>;
  /** Whether the user has left the field (or tried to submit); from then on its errors are shown. */
  readonly touched: WritableSignal<boolean>;
  /** Whether the user has changed the value (typed, pasted, autofilled). */
  readonly dirty: WritableSignal<boolean>;
  /** Whether the field is part of the form (the current password is only asked for in change mode). */
  readonly enabled: boolean;
  /** The errors of the current value; always `null` for a field that is not enabled. */
  readonly errors: Signal<PasswordValidationErrors | null>;
}

function control(enabled: boolean, validators: readonly PasswordValidator[]): PasswordControl {
  const value = signal('');
  const validate = composeValidators(validators);
  return { value, touched: signal(false), dirty: signal(false), enabled, errors: computed(() => (enabled ? validate(value()) : null)) };
}

/**
 * The change-password form: three typed controls whose validators are built from the policy rules,
 * all signals, so every message and the rule checklist follow the user's typing without subscriptions.
 */
export class PasswordForm {
  /** The controls by field name. */
  readonly controls: Readonly<Record<PasswordField, PasswordControl>>;

  /**
   * Every field is required; the new password is checked against the rules and against the current
   * password, the confirmation against the new one. Outside change mode there is no current password:
   * that control is not enabled, so it neither validates nor submits.
   */
  constructor(rules: readonly PolicyRule[], mode: PageMode = 'change') {
    const oldPassword = control(mode === 'change', [requiredValidator]);
    const newPassword = control(true, [requiredValidator, passwordPolicyValidator(rules), differentFromValidator(oldPassword.value)]);
    const confirmPassword = control(true, [requiredValidator, matchesValidator(newPassword.value)]);
    this.controls = { oldPassword, newPassword, confirmPassword };
  }

  /** The first field in error, in display order, or `null` when the form is valid. */
  firstInvalidField(): PasswordField | null {
    return PASSWORD_FIELDS.find((field) => this.controls[field].errors() !== null) ?? null;
  }

  /** Marks every field as touched, so all errors show (on a submit attempt). */
  markAllAsTouched(): void {
    for (const field of PASSWORD_FIELDS) this.controls[field].touched.set(true);
  }

  /** Empties every field and forgets that they were touched or changed. */
  reset(): void {
    for (const field of PASSWORD_FIELDS) {
      this.controls[field].value.set('');
      this.controls[field].touched.set(false);
      this.controls[field].dirty.set(false);
    }
  }

  /** The values of every field (a field that is not enabled is empty). */
  value(): Record<PasswordField, string> {
    const valueOf = (field: PasswordField) => (this.controls[field].enabled ? this.controls[field].value() : '');
    return { oldPassword: valueOf('oldPassword'), newPassword: valueOf('newPassword'), confirmPassword: valueOf('confirmPassword') };
  }
}
