import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import {
  PolicyRule,
  RuleResult,
  evaluatePassword,
  normalizePassword,
} from '../../contract/password-policy';

/**
 * Validation error codes of the new-password field, with Angular-style parameters. The codes are
 * stable: translations (`validation.<code>`) and tests depend on them.
 */
export interface PolicyValidationErrors {
  minlength?: { requiredLength: number; actualLength: number };
  maxlength?: { requiredLength: number; actualLength: number };
  digits?: { requiredCount: number; actualCount: number };
  specialCharacters?: { requiredCount: number; actualCount: number };
  lowerAndUpperCase?: true;
}

/**
 * Every error a password field can show: the policy's, Angular's `required`, and the form's two
 * comparisons (`sameAsCurrent` on the new password, `mismatch` on the confirmation).
 */
export interface PasswordValidationErrors extends PolicyValidationErrors {
  required?: true;
  sameAsCurrent?: true;
  mismatch?: true;
}

/** Every validator error code the password form can produce, in the order they are reported. */
export const PASSWORD_ERROR_CODES = [
  'required',
  'minlength',
  'maxlength',
  'digits',
  'specialCharacters',
  'lowerAndUpperCase',
  'sameAsCurrent',
  'mismatch',
] as const satisfies readonly (keyof PasswordValidationErrors)[];

/** A validator error code of the password form. */
export type PasswordErrorCode = (typeof PASSWORD_ERROR_CODES)[number];

function addError(errors: PolicyValidationErrors, result: RuleResult): void {
  const { rule, actual } = result;
  switch (rule.id) {
    case 'minimumLength':
      errors.minlength = { requiredLength: rule.min, actualLength: actual };
      return;
    case 'maximumLength':
      errors.maxlength = { requiredLength: rule.max, actualLength: actual };
      return;
    case 'noOfDigits':
      errors.digits = { requiredCount: rule.min, actualCount: actual };
      return;
    case 'noOfSpecialChars':
      errors.specialCharacters = { requiredCount: rule.min, actualCount: actual };
      return;
    case 'lowerAndUpperCase':
      errors.lowerAndUpperCase = true;
      return;
  }
}

/** A control's value as text (a password control holds strings; anything else counts as empty). */
function text(control: AbstractControl | null): string {
  const value: unknown = control?.value;
  return typeof value === 'string' ? value : '';
}

/**
 * `{ required: true }` for an empty password, as Angular's `Validators.required` reports it for a
 * text control. (Referring to `Validators` keeps every one of Angular's validators in the bundle,
 * 1.8 kB raw: the page needs this one.)
 */
export const passwordRequired: ValidatorFn = (control): ValidationErrors | null =>
  text(control) === '' ? { required: true } : null;

/**
 * The policy's rules as a `ValidatorFn` for the new password: one error per broken rule, keyed as
 * Angular keys its own (`{ minlength: { requiredLength, actualLength } }`), lengths in code points
 * after NFC normalization. An empty value is left to {@link passwordRequired}, so an empty field reports
 * one clear problem rather than five.
 */
export function passwordPolicyValidator(rules: readonly PolicyRule[]): ValidatorFn {
  return (control): ValidationErrors | null => {
    const value = text(control);
    if (value === '') return null;
    const errors: PolicyValidationErrors = {};
    for (const result of evaluatePassword(value, rules)) {
      if (!result.met) addError(errors, result);
    }
    return Object.keys(errors).length > 0 ? errors : null;
  };
}

/** Whether two passwords are the same for the policy (NFC-normalized, as cidaas compares them). */
function samePassword(a: string, b: string): boolean {
  return normalizePassword(a) === normalizePassword(b);
}

/**
 * A group validator: `{ sameAsCurrent: true }` when the new password (control `newPassword`) equals the
 * current one (`oldPassword`). Silent while either is empty or when the current password is not asked
 * for (its control disabled, as outside change mode).
 */
export const newPasswordDiffersFromCurrent: ValidatorFn = (group): ValidationErrors | null => {
  const current = group.get('oldPassword');
  const next = text(group.get('newPassword'));
  if (!current || current.disabled || text(current) === '' || next === '') return null;
  return samePassword(next, text(current)) ? { sameAsCurrent: true } : null;
};

/**
 * A group validator: `{ mismatch: true }` when the confirmation (control `confirmPassword`) differs from
 * the new password (`newPassword`). Silent while the confirmation is empty (that is `required`'s).
 */
export const confirmationMatchesNewPassword: ValidatorFn = (group): ValidationErrors | null => {
  const confirmation = text(group.get('confirmPassword'));
  if (confirmation === '') return null;
  return samePassword(confirmation, text(group.get('newPassword'))) ? null : { mismatch: true };
};
