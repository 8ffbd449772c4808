import { rulesFromPolicy } from '../policy/password-policy';
import { PasswordForm } from './password-form';

const rules = rulesFromPolicy({ minimumLength: 10, noOfDigits: 1 });

describe('PasswordForm', () => {
  it('starts empty, untouched and invalid: every field is required', () => {
    const form = new PasswordForm(rules);
    expect(form.value()).toEqual({ oldPassword: '', newPassword: '', confirmPassword: '' });
    expect(form.controls.newPassword.touched()).toBe(false);
    expect(form.controls.oldPassword.errors()).toEqual({ required: true });
    expect(form.firstInvalidField()).toBe('oldPassword');
  });

  it('checks the new password against the policy and against the current password', () => {
    const form = new PasswordForm(rules);
    form.controls.newPassword.value.set('short');
    expect(form.controls.newPassword.errors()).toEqual({ minlength: { requiredLength: 10, actualLength: 5 }, digits: { requiredCount: 1, actualCount: 0 } });
    form.controls.newPassword.value.set('Long-enough-1');
    expect(form.controls.newPassword.errors()).toBeNull();
    form.controls.oldPassword.value.set('Long-enough-1');
    expect(form.controls.newPassword.errors()).toEqual({ sameAsCurrent: true });
  });

  it('re-checks the confirmation when the new password changes, not only when the confirmation does', () => {
    const form = new PasswordForm(rules);
    form.controls.newPassword.value.set('Long-enough-1');
    form.controls.confirmPassword.value.set('Long-enough-1');
    expect(form.controls.confirmPassword.errors()).toBeNull();
    form.controls.newPassword.value.set('Long-enough-2');
    expect(form.controls.confirmPassword.errors()).toEqual({ mismatch: true });
  });

  it('is valid once all three fields are right, and reports the first invalid field in display order otherwise', () => {
    const form = new PasswordForm(rules);
    form.controls.oldPassword.value.set('Current-1');
    form.controls.newPassword.value.set('Long-enough-1');
    expect(form.firstInvalidField()).toBe('confirmPassword');
    form.controls.confirmPassword.value.set('Long-enough-1');
    expect(form.firstInvalidField()).toBeNull();
    expect(form.value()).toEqual({ oldPassword: 'Current-1', newPassword: 'Long-enough-1', confirmPassword: 'Long-enough-1' });
  });

  it('has no current password outside change mode: it neither validates nor submits', () => {
    const form = new PasswordForm(rules, 'reset');
    form.controls.oldPassword.value.set('typed anyway');
    expect(form.controls.oldPassword.enabled).toBe(false);
    expect(form.controls.oldPassword.errors()).toBeNull();
    expect(form.firstInvalidField()).toBe('newPassword');
    expect(form.value().oldPassword).toBe('');
  });

  it('marks every field touched on a submit attempt, and reset empties and untouches them all', () => {
    const form = new PasswordForm(rules);
    form.controls.newPassword.value.set('Long-enough-1');
    form.markAllAsTouched();
    expect([form.controls.oldPassword, form.controls.newPassword, form.controls.confirmPassword].map((control) => control.touched())).toEqual([true, true, true]);
    form.reset();
    expect(form.value()).toEqual({ oldPassword: '', newPassword: '', confirmPassword: '' });
    expect(form.controls.newPassword.touched()).toBe(false);
  });
});
