import { rulesFromPolicy } from '../../contract/password-policy';
import { fieldErrors, fitToPage, formState, passwordForm, shownErrors } from './password-form';

const rules = rulesFromPolicy({ minimumLength: 10, noOfDigits: 1 });

function changeForm() {
  const form = passwordForm();
  fitToPage(form, rules, 'change');
  return form;
}

describe('passwordForm', () => {
  it('starts empty, pristine and invalid: every field is required', () => {
    const form = changeForm();
    expect(form.getRawValue()).toEqual({ oldPassword: '', newPassword: '', confirmPassword: '' });
    expect(form.controls.newPassword.touched).toBe(false);
    expect(form.controls.oldPassword.errors).toEqual({ required: true });
    expect(formState(form).firstInvalidField).toBe('oldPassword');
  });

  it('checks the new password against the policy and, as a group, against the current password', () => {
    const form = changeForm();
    form.controls.newPassword.setValue('short');
    expect(fieldErrors(form, 'newPassword')).toEqual({
      minlength: { requiredLength: 10, actualLength: 5 },
      digits: { requiredCount: 1, actualCount: 0 },
    });
    form.controls.newPassword.setValue('Long-enough-1');
    expect(fieldErrors(form, 'newPassword')).toBeNull();
    form.controls.oldPassword.setValue('Long-enough-1');
    expect(form.errors).toEqual({ sameAsCurrent: true });
    expect(fieldErrors(form, 'newPassword')).toEqual({ sameAsCurrent: true });
    expect(fieldErrors(form, 'oldPassword')).toBeNull();
  });

  it('re-checks the confirmation when the new password changes, not only when the confirmation does', () => {
    const form = changeForm();
    form.controls.newPassword.setValue('Long-enough-1');
    form.controls.confirmPassword.setValue('Long-enough-1');
    expect(fieldErrors(form, 'confirmPassword')).toBeNull();
    form.controls.newPassword.setValue('Long-enough-2');
    expect(fieldErrors(form, 'confirmPassword')).toEqual({ mismatch: true });
  });

  it('is valid once all three fields are right, and names the first invalid field in display order otherwise', () => {
    const form = changeForm();
    form.controls.oldPassword.setValue('Current-1');
    form.controls.newPassword.setValue('Long-enough-1');
    expect(formState(form).firstInvalidField).toBe('confirmPassword');
    form.controls.confirmPassword.setValue('Long-enough-1');
    expect(formState(form).firstInvalidField).toBeNull();
    expect(form.valid).toBe(true);
    expect(form.getRawValue()).toEqual({
      oldPassword: 'Current-1',
      newPassword: 'Long-enough-1',
      confirmPassword: 'Long-enough-1',
    });
  });

  it.each(['reset', 'auth0'] as const)(
    'has no current password in %s mode: it neither validates nor submits',
    (mode) => {
      const form = passwordForm();
      fitToPage(form, rules, mode);
      form.controls.oldPassword.setValue('Long-enough-1');
      form.controls.newPassword.setValue('Long-enough-1');
      expect(form.controls.oldPassword.disabled).toBe(true);
      expect(fieldErrors(form, 'oldPassword')).toBeNull();
      expect(fieldErrors(form, 'newPassword')).toBeNull();
      expect(formState(form).firstInvalidField).toBe('confirmPassword');
      expect(form.value).toEqual({ newPassword: 'Long-enough-1', confirmPassword: '' });
    },
  );

  it('reset empties every field and makes it pristine again', () => {
    const form = changeForm();
    form.controls.newPassword.setValue('Long-enough-1');
    form.controls.newPassword.markAsDirty();
    form.markAllAsTouched();
    expect(formState(form).dirty.newPassword).toBe(true);
    form.reset();
    expect(form.getRawValue()).toEqual({ oldPassword: '', newPassword: '', confirmPassword: '' });
    expect(formState(form).dirty.newPassword).toBe(false);
    expect(form.controls.newPassword.touched).toBe(false);
  });
});

describe('shownErrors (the page error state)', () => {
  const policyErrors = { minlength: { requiredLength: 10, actualLength: 3 } };

  it.each([
    ['nothing to show', null, { attempted: true, left: true }, null],
    ['not yet left, no submit', policyErrors, { attempted: false, left: false }, null],
    ['left the field', policyErrors, { attempted: false, left: true }, policyErrors],
    [
      '"required" after leaving: passing over a field is no mistake',
      { required: true as const },
      { attempted: false, left: true },
      null,
    ],
    [
      '"required" after a submit attempt',
      { required: true as const },
      { attempted: true, left: false },
      { required: true },
    ],
    [
      'anything after a submit attempt',
      policyErrors,
      { attempted: true, left: false },
      policyErrors,
    ],
  ])('%s', (_name, errors, state, expected) => {
    expect(shownErrors(errors, state)).toEqual(expected);
  });
});
