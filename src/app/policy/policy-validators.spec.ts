import { FormControl, FormGroup, Validators } from '@angular/forms';
import { rulesFromPolicy } from '../../contract/password-policy';
import {
  confirmationMatchesNewPassword,
  newPasswordDiffersFromCurrent,
  passwordPolicyValidator,
  passwordRequired,
} from './policy-validators';

const demoRules = rulesFromPolicy({
  minimumLength: 10,
  maximumLength: 64,
  noOfDigits: 1,
  noOfSpecialChars: 1,
  lowerAndUpperCase: true,
});

/** A group of the three password controls, as the form has them (`oldPassword` disabled when asked). */
function group(
  values: { oldPassword: string; newPassword: string; confirmPassword: string },
  oldPasswordDisabled = false,
): FormGroup {
  return new FormGroup({
    oldPassword: new FormControl(
      { value: values.oldPassword, disabled: oldPasswordDisabled },
      { nonNullable: true },
    ),
    newPassword: new FormControl(values.newPassword, { nonNullable: true }),
    confirmPassword: new FormControl(values.confirmPassword, { nonNullable: true }),
  });
}

describe('passwordPolicyValidator', () => {
  const validate = (value: string) => passwordPolicyValidator(demoRules)(new FormControl(value));

  it.each([
    ['', null],
    ['Abcdefgh1!', null],
    ['Abc1!', { minlength: { requiredLength: 10, actualLength: 5 } }],
    ['Aa1!' + 'x'.repeat(61), { maxlength: { requiredLength: 64, actualLength: 65 } }],
    ['Abcdefghi!', { digits: { requiredCount: 1, actualCount: 0 } }],
    ['Abcdefghi1', { specialCharacters: { requiredCount: 1, actualCount: 0 } }],
    ['abcdefgh1!', { lowerAndUpperCase: true }],
    // Lengths count code points after NFC: with a decomposed é this is 9, not 10 (Angular's own minLength counts 10 UTF-16 units).
    ['Abcdef\u0065\u03011!', { minlength: { requiredLength: 10, actualLength: 9 } }],
    ['😀😀😀😀😀Aa1!x', null],
    [
      'abc',
      {
        minlength: { requiredLength: 10, actualLength: 3 },
        digits: { requiredCount: 1, actualCount: 0 },
        specialCharacters: { requiredCount: 1, actualCount: 0 },
        lowerAndUpperCase: true,
      },
    ],
  ])('%p → %p', (value, expected) => {
    expect(validate(value)).toEqual(expected);
  });

  it('leaves a value that is not text to the other validators', () => {
    expect(passwordPolicyValidator(demoRules)(new FormControl(null))).toBeNull();
  });
});

describe('passwordRequired', () => {
  it.each(['', ' ', 'x', 'Émile'])("reports %p as Angular's Validators.required does", (value) => {
    expect(passwordRequired(new FormControl(value))).toEqual(
      Validators.required(new FormControl(value)),
    );
  });

  it('flags only the empty value', () => {
    expect(passwordRequired(new FormControl(''))).toEqual({ required: true });
    expect(passwordRequired(new FormControl(' '))).toBeNull();
  });
});

describe('confirmationMatchesNewPassword (group validator)', () => {
  it.each([
    ['Secret-123', 'Secret-123', null],
    ['Secret-123', 'Secret-124', { mismatch: true }],
    ['Secret-123', '', null],
    ['', 'Secret-123', { mismatch: true }],
    ['Émile-2026!', 'E\u0301mile-2026!', null],
  ])('new %p, confirm %p → %p', (newPassword, confirmPassword, expected) => {
    expect(
      confirmationMatchesNewPassword(group({ oldPassword: '', newPassword, confirmPassword })),
    ).toEqual(expected);
  });
});

describe('newPasswordDiffersFromCurrent (group validator)', () => {
  it.each([
    ['Old-Password-1', 'Old-Password-1', { sameAsCurrent: true }],
    ['Old-Password-1', 'New-Password-1', null],
    ['Émile-2026!', 'E\u0301mile-2026!', { sameAsCurrent: true }],
    ['', 'New-Password-1', null],
    ['Old-Password-1', '', null],
  ])('current %p, new %p → %p', (oldPassword, newPassword, expected) => {
    expect(
      newPasswordDiffersFromCurrent(group({ oldPassword, newPassword, confirmPassword: '' })),
    ).toEqual(expected);
  });

  it('is silent when the current password is not asked for (its control disabled)', () => {
    expect(
      newPasswordDiffersFromCurrent(
        group({ oldPassword: 'Same-1!', newPassword: 'Same-1!', confirmPassword: '' }, true),
      ),
    ).toBeNull();
  });
});
