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

/** Every error a password field can have: the policy's, plus required, same-as-current and mismatch. */
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

/**
 * A typed validator of one password field: its value → the errors, or `null` when it is valid. A
 * validator that compares with another field reads that field through a getter (a signal), so a
 * `computed` that runs it re-runs when either field changes.
 */
export type PasswordValidator = (value: string) => PasswordValidationErrors | null;

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

/** `{ required: true }` for an empty value. */
export const requiredValidator: PasswordValidator = (value) => (value === '' ? { required: true } : null);

/**
 * A validator for the new password made from the policy rules. An empty value is left to
 * {@link requiredValidator}, so an untouched field reports one clear problem rather than five.
 */
export function passwordPolicyValidator(rules: readonly PolicyRule[]): PasswordValidator {
  return (value) => {
    if (value === '') return null;
    const errors: PolicyValidationErrors = {};
    for (const result of evaluatePassword(value, rules)) {
      if (!result.met) addError(errors, result);
    }
    return Object.keys(errors).length > 0 ? errors : null;
  };
}

/**
 * A validator for a confirmation field: `{ mismatch: true }` when its value differs from `other()`
 * (compared after NFC normalization, like the policy).
 */
export function matchesValidator(other: () => string): PasswordValidator {
  return (value) => {
    if (!value) return null;
    return value.normalize('NFC') === other().normalize('NFC') ? null : { mismatch: true };
  };
}

/** A validator for the new password: `{ sameAsCurrent: true }` when it equals `other()` (the current password). */
export function differentFromValidator(other: () => string): PasswordValidator {
  return (value) => {
    const current = other();
    if (!value || !current) return null;
    return value.normalize('NFC') === current.normalize('NFC') ? { sameAsCurrent: true } : null;
  };
}

/** Runs validators in order and merges what they report; `null` when none reports anything. */
export function composeValidators(validators: readonly PasswordValidator[]): PasswordValidator {
  return (value) => {
    let errors: PasswordValidationErrors | null = null;
    for (const validator of validators) {
      const found = validator(value);
      if (found) errors = { ...(errors ?? {}), ...found };
    }
    return errors;
  };
}
