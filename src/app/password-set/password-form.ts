import { FormControl, FormGroup, Validators } from '@angular/forms';
import { PolicyRule } from '../policy/password-policy';
import type { PageMode } from './page-params';
import { differentFromValidator, matchesValidator, passwordPolicyValidator } from '../policy/policy-validators';

/** The controls of the change-password form. */
export interface PasswordFormControls {
  readonly oldPassword: FormControl<string>;
  readonly newPassword: FormControl<string>;
  readonly confirmPassword: FormControl<string>;
}

/** The typed change-password form. */
export type PasswordForm = FormGroup<PasswordFormControls>;

/** The form's field names, in the order the page shows them (and focuses the first invalid one). */
export const PASSWORD_FIELDS = ['oldPassword', 'newPassword', 'confirmPassword'] as const;

/** A field of the change-password form. */
export type PasswordField = (typeof PASSWORD_FIELDS)[number];

/**
 * Builds the password form from the policy rules: every field required, the new password checked
 * against the rules and against the current password, the confirmation against the new one. Outside
 * change mode there is no current password: that control is disabled, so it neither validates nor submits.
 */
export function createPasswordForm(rules: readonly PolicyRule[], mode: PageMode = 'change'): PasswordForm {
  const oldPassword = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  const newPassword = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, passwordPolicyValidator(rules), differentFromValidator(oldPassword)],
  });
  const confirmPassword = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, matchesValidator(newPassword)],
  });
  // Cross-field validators read their sibling, so they must re-run when the sibling changes.
  oldPassword.valueChanges.subscribe(() => newPassword.updateValueAndValidity());
  newPassword.valueChanges.subscribe(() => confirmPassword.updateValueAndValidity());
  // Only a login's precheck asks for the current password; reset and Auth0 modes have none.
  if (mode !== 'change') oldPassword.disable();
  return new FormGroup<PasswordFormControls>({ oldPassword, newPassword, confirmPassword });
}

/** The first field in error, in display order, or `null` when the form is valid. */
export function firstInvalidField(form: PasswordForm): PasswordField | null {
  return PASSWORD_FIELDS.find((field) => form.controls[field].invalid) ?? null;
}
