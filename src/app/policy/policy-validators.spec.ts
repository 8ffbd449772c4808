import { FormControl } from '@angular/forms';
import { rulesFromPolicy } from './password-policy';
import { differentFromValidator, matchesValidator, passwordPolicyValidator } from './policy-validators';

const demoRules = rulesFromPolicy({ minimumLength: 10, maximumLength: 64, noOfDigits: 1, noOfSpecialChars: 1, lowerAndUpperCase: true });

describe('passwordPolicyValidator', () => {
  const validate = (value: string) => passwordPolicyValidator(demoRules)(new FormControl(value, { nonNullable: true }));

  it.each([
    ['', null],
    ['Abcdefgh1!', null],
    ['Abc1!', { minlength: { requiredLength: 10, actualLength: 5 } }],
    ['Aa1!' + 'x'.repeat(61), { maxlength: { requiredLength: 64, actualLength: 65 } }],
    ['Abcdefghi!', { digits: { requiredCount: 1, actualCount: 0 } }],
    ['Abcdefghi1', { specialCharacters: { requiredCount: 1, actualCount: 0 } }],
    ['abcdefgh1!', { lowerAndUpperCase: true }],
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
});

describe('matchesValidator', () => {
  it.each([
    ['Secret-123', 'Secret-123', null],
    ['Secret-123', 'Secret-124', { mismatch: true }],
    ['Secret-123', '', null],
    ['Émile-2026!', 'E\u0301mile-2026!', null],
  ])('new %p, confirm %p → %p', (newValue, confirmValue, expected) => {
    const newControl = new FormControl(newValue, { nonNullable: true });
    expect(matchesValidator(newControl)(new FormControl(confirmValue, { nonNullable: true }))).toEqual(expected);
  });
});

describe('differentFromValidator', () => {
  it.each([
    ['Old-Password-1', 'Old-Password-1', { sameAsCurrent: true }],
    ['Old-Password-1', 'New-Password-1', null],
    ['', 'New-Password-1', null],
    ['Old-Password-1', '', null],
  ])('current %p, new %p → %p', (current, next, expected) => {
    const currentControl = new FormControl(current, { nonNullable: true });
    expect(differentFromValidator(currentControl)(new FormControl(next, { nonNullable: true }))).toEqual(expected);
  });
});
