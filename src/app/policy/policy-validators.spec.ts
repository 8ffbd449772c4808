import { rulesFromPolicy } from './password-policy';
import { composeValidators, differentFromValidator, matchesValidator, passwordPolicyValidator, requiredValidator } from './policy-validators';

const demoRules = rulesFromPolicy({ minimumLength: 10, maximumLength: 64, noOfDigits: 1, noOfSpecialChars: 1, lowerAndUpperCase: true });

describe('passwordPolicyValidator', () => {
  const validate = (value: string) => passwordPolicyValidator(demoRules)(value);

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
    expect(matchesValidator(() => newValue)(confirmValue)).toEqual(expected);
  });
});

describe('differentFromValidator', () => {
  it.each([
    ['Old-Password-1', 'Old-Password-1', { sameAsCurrent: true }],
    ['Old-Password-1', 'New-Password-1', null],
    ['', 'New-Password-1', null],
    ['Old-Password-1', '', null],
  ])('current %p, new %p → %p', (current, next, expected) => {
    expect(differentFromValidator(() => current)(next)).toEqual(expected);
  });
});

describe('requiredValidator', () => {
  it('flags only the empty value', () => {
    expect(requiredValidator('')).toEqual({ required: true });
    expect(requiredValidator(' ')).toBeNull();
  });
});

describe('composeValidators', () => {
  it('merges what each validator reports, in order, and is null when none reports anything', () => {
    const validate = composeValidators([requiredValidator, passwordPolicyValidator(demoRules), differentFromValidator(() => 'abc')]);
    expect(validate('')).toEqual({ required: true });
    expect(validate('abc')).toEqual({
      minlength: { requiredLength: 10, actualLength: 3 },
      digits: { requiredCount: 1, actualCount: 0 },
      specialCharacters: { requiredCount: 1, actualCount: 0 },
      lowerAndUpperCase: true,
      sameAsCurrent: true,
    });
    expect(validate('Abcdefgh1!')).toBeNull();
  });
});
