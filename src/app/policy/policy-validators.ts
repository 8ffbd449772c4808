import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { PolicyRule, RuleResult, evaluatePassword } from './password-policy';

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
] as const;

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

/**
 * A validator for the new password made from the policy rules. An empty value is left to
 * `Validators.required`, so an untouched field reports one clear problem rather than five.
 */
export function passwordPolicyValidator(rules: readonly PolicyRule[]): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const value = control.value;
    if (typeof value !== 'string' || value === '') return null;
    const errors: PolicyValidationErrors = {};
    for (const result of evaluatePassword(value, rules)) {
      if (!result.met) addError(errors, result);
    }
    return Object.keys(errors).length > 0 ? { ...errors } : null;
  };
}

/**
 * A validator for a confirmation field: `{ mismatch: true }` when its value differs from the value of
 * `other` (compared after NFC normalization, like the policy). Re-run it when `other` changes.
 */
export function matchesValidator(other: AbstractControl<string>): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    if (!control.value) return null;
    return control.value.normalize('NFC') === other.value.normalize('NFC') ? null : { mismatch: true };
  };
}

/** A validator for the new password: `{ sameAsCurrent: true }` when it equals the current password. */
export function differentFromValidator(other: AbstractControl<string>): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    if (!control.value || !other.value) return null;
    return control.value.normalize('NFC') === other.value.normalize('NFC') ? { sameAsCurrent: true } : null;
  };
}
