import { FormControl, FormGroup, type ValidationErrors } from '@angular/forms';
import type { PolicyRule } from '../../contract/password-policy';
import {
  type PasswordValidationErrors,
  confirmationMatchesNewPassword,
  newPasswordDiffersFromCurrent,
  passwordPolicyValidator,
  passwordRequired,
} from '../policy/policy-validators';
import type { PageMode } from '../../contract/page-params';

/** The form's field names, in the order the page shows them (and focuses the first invalid one). */
export const PASSWORD_FIELDS = ['oldPassword', 'newPassword', 'confirmPassword'] as const;

/** A field of the change-password form. */
export type PasswordFieldName = (typeof PASSWORD_FIELDS)[number];

/**
 * Each field's input: its id (its label, its messages and the error summary's links reference it) and
 * its form name, what a real form submission would use (password managers read it).
 */
export const FIELD_INPUTS: Readonly<
  Record<PasswordFieldName, { readonly id: string; readonly name: string }>
> = {
  oldPassword: { id: 'ps-old-password', name: 'old_password' },
  newPassword: { id: 'ps-new-password', name: 'new_password' },
  confirmPassword: { id: 'ps-confirm-password', name: 'confirm_password' },
};

/** The change-password form: a typed group of three non-nullable text controls. */
export type PasswordFormGroup = FormGroup<Record<PasswordFieldName, FormControl<string>>>;

/** The field each group-level error belongs to: it is shown there, as the field's own. */
const GROUP_ERROR_FIELDS: Readonly<Record<string, PasswordFieldName>> = {
  sameAsCurrent: 'newPassword',
  mismatch: 'confirmPassword',
};

/**
 * The change-password form: every field required (`passwordRequired`); the group checks that the new password
 * differs from the current one and that the confirmation matches it. {@link fitToPage} adds the
 * policy's rules once the page knows them.
 */
export function passwordForm(): PasswordFormGroup {
  const password = () => new FormControl('', { nonNullable: true, validators: passwordRequired });
  return new FormGroup(
    { oldPassword: password(), newPassword: password(), confirmPassword: password() },
    { validators: [newPasswordDiffersFromCurrent, confirmationMatchesNewPassword] },
  );
}

/**
 * Fits the form to what start-up loaded: the client's policy rules validate the new password, and
 * outside change mode (reset, Auth0) there is no current password to ask for, so that control is
 * disabled: it neither validates nor submits.
 */
export function fitToPage(
  form: PasswordFormGroup,
  rules: readonly PolicyRule[],
  mode: PageMode,
): void {
  const { oldPassword, newPassword } = form.controls;
  newPassword.addValidators(passwordPolicyValidator(rules));
  newPassword.updateValueAndValidity();
  if (mode === 'change') oldPassword.enable();
  else oldPassword.disable();
}

/** The errors of one field: its control's own and the group's that belong to it; `null` when valid or disabled. */
export function fieldErrors(
  form: PasswordFormGroup,
  field: PasswordFieldName,
): PasswordValidationErrors | null {
  const control = form.controls[field];
  if (control.disabled) return null;
  const groupErrors = Object.entries(form.errors ?? {}).filter(
    ([code]) => GROUP_ERROR_FIELDS[code] === field,
  );
  const errors: ValidationErrors = { ...control.errors, ...Object.fromEntries(groupErrors) };
  return Object.keys(errors).length > 0 ? errors : null;
}

/** What the view shows of the form at one moment (see {@link formState}). */
export interface PasswordFormState {
  /** Each field's value (a disabled field's too). */
  readonly values: Readonly<Record<PasswordFieldName, string>>;
  /** Each field's errors (see {@link fieldErrors}). */
  readonly errors: Readonly<Record<PasswordFieldName, PasswordValidationErrors | null>>;
  /** Whether the user has changed each field (typed, pasted, autofilled) since the form was shown or reset. */
  readonly dirty: Readonly<Record<PasswordFieldName, boolean>>;
  /** The first field in error, in display order, or `null` when the form is valid. */
  readonly firstInvalidField: PasswordFieldName | null;
}

/** A snapshot of the form for the view, taken after each of its `events`. */
export function formState(form: PasswordFormGroup): PasswordFormState {
  const per = <T>(read: (field: PasswordFieldName) => T) =>
    ({
      oldPassword: read('oldPassword'),
      newPassword: read('newPassword'),
      confirmPassword: read('confirmPassword'),
    }) as const;
  const errors = per((field) => fieldErrors(form, field));
  return {
    values: form.getRawValue(),
    errors,
    dirty: per((field) => form.controls[field].dirty),
    firstInvalidField: PASSWORD_FIELDS.find((field) => errors[field] !== null) ?? null,
  };
}

/**
 * When a field's errors are shown (the page's error state, in place of Angular's "touched"): all of
 * them after a submit attempt; before that, only once the user has left the field, and never
 * "required" (passing over a field you have not got to yet is no mistake). The form directives mark
 * a control touched on every blur, also on the way to the submit button, where a message appearing
 * would move the button between press and release; so "left" is the page's own record of blurs
 * that did not go to the submit button.
 */
export function shownErrors(
  errors: PasswordValidationErrors | null,
  state: { readonly attempted: boolean; readonly left: boolean },
): PasswordValidationErrors | null {
  if (!errors || state.attempted) return errors;
  return state.left && !errors.required ? errors : null;
}
