import fc from 'fast-check';

import { checkReplacementPassword } from '../../../server/emulator/password-change';
import type { UserRecord } from '../../../server/emulator/store';
import {
  POLICY_RULE_IDS,
  type PasswordPolicy,
  type PolicyRuleId,
  rulesFromPolicy,
} from '../../contract/password-policy';
import {
  type PasswordFieldName,
  fieldErrors,
  fitToPage,
  passwordForm,
} from '../password-set/password-form';

/**
 * Property tests: the page's form (its typed FormGroup with the policy's validators) and the emulator's server-side check (the very
 * function E8 and E11 call, `checkReplacementPassword`) agree for random Unicode strings and random
 * policies, on pass/fail and on the first broken rule. Both read the shared policy module; these
 * tests prove the wiring on each side (error mapping, normalization, order), not just the module.
 */

/** Fixed, so a failure reproduces; fast-check prints the counterexample and this seed. */
const SEED = 20261122;
const NUM_RUNS = 1000;

// Characters where the rules are easy to get wrong: decomposed vs composed forms, digits of other
// scripts and planes, letters that are neither lower nor upper case, symbols that are not letters,
// whitespace kinds, astral emoji and ZWJ sequences, and lone surrogates.
const TRICKY_CHARACTERS = [
  'a',
  'z',
  'A',
  'Z',
  '0',
  '9',
  '!',
  '-',
  '_',
  ' ',
  '\u00a0',
  '\t',
  '\n',
  '\u3000',
  'é',
  'e\u0301',
  'Å',
  '\u212b',
  'A\u030a',
  'ß',
  'ẞ',
  'İ',
  'ı',
  'ǅ',
  'ʰ',
  'ª',
  '٣',
  '५',
  '𝟘',
  '߁',
  '½',
  'Ⅻ',
  '²',
  '€',
  '°',
  '😀',
  '👩\u200d👩\u200d👧',
  '\u200d',
  '\u0000',
  '\ud800',
  '\udfff',
  '日',
  'ㄱ',
  'ﬁ',
  'Ω',
  '\u2126',
  'ω',
];

const unicodeCharacter = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY_CHARACTERS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);

/** Random non-empty passwords of up to 24 characters (an empty one is `passwordRequired`'s job). */
const password = fc.string({ unit: unicodeCharacter, minLength: 1, maxLength: 24 });

// Thresholds as the wire may send them: mostly small integers, sometimes absent, null, zero,
// negative, fractional or NaN (all of which mean "no such rule").
const threshold = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 14 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, -1, 2.5, Number.NaN) },
);

const policy: fc.Arbitrary<PasswordPolicy> = fc.record(
  {
    minimumLength: threshold,
    maximumLength: fc.oneof(threshold, fc.integer({ min: 1, max: 30 })),
    noOfDigits: fc.oneof(threshold, fc.integer({ min: 1, max: 3 })),
    noOfSpecialChars: fc.oneof(threshold, fc.integer({ min: 1, max: 3 })),
    lowerAndUpperCase: fc.constantFrom(true, false, null, undefined),
    preventAlreadyUsedPwd: fc.constantFrom(true, false, undefined),
  },
  { requiredKeys: [] },
);

/** The page's validator error key for each rule. */
const ERROR_KEY_OF_RULE: Readonly<Record<PolicyRuleId, string>> = {
  minimumLength: 'minlength',
  maximumLength: 'maxlength',
  noOfDigits: 'digits',
  noOfSpecialChars: 'specialCharacters',
  lowerAndUpperCase: 'lowerAndUpperCase',
};

/** A user with no password history, so the check never needs a hash. */
function userWithoutHistory(): UserRecord {
  return {
    sub: '00000000-0000-4000-8000-000000000000',
    username: 'agreement@example.com',
    email: 'agreement@example.com',
    given_name: 'Property',
    family_name: 'Test',
    passwordHash: 'never-compared',
    history: [],
    mustChangePassword: true,
    reason: 'first_login',
    failedAttempts: 0,
    lockedUntil: undefined,
  };
}

/** The page's form for a policy in change mode, holding the given values. */
function pageForm(
  passwordPolicy: PasswordPolicy,
  values: Partial<Record<PasswordFieldName, string>>,
) {
  const form = passwordForm();
  fitToPage(form, rulesFromPolicy(passwordPolicy), 'change');
  form.setValue({ oldPassword: 'Current-1!', newPassword: '', confirmPassword: '', ...values });
  return form;
}

/** The first rule the page's form reports as broken for the new password, in the page's reporting order, or `undefined`. */
function pageFirstBrokenRule(
  value: string,
  passwordPolicy: PasswordPolicy,
): PolicyRuleId | undefined {
  // Different from `value` after normalization, so "same as current" never decides first.
  const errors = pageForm(passwordPolicy, {
    oldPassword: `${value}\u0000current`,
    newPassword: value,
  }).controls.newPassword.errors;
  if (errors === null) return undefined;
  const broken = POLICY_RULE_IDS.find((rule) => Object.hasOwn(errors, ERROR_KEY_OF_RULE[rule]));
  // Every key the validator reports must be one of the rules' keys: nothing unmapped slips through.
  expect(Object.keys(errors).every((key) => Object.values(ERROR_KEY_OF_RULE).includes(key))).toBe(
    true,
  );
  return broken;
}

/** The rule the emulator names in `error_code` when it rejects the password for the policy, or `undefined`. */
async function serverBrokenRule(
  value: string,
  passwordPolicy: PasswordPolicy,
): Promise<string | undefined> {
  const failure = await checkReplacementPassword({
    user: userWithoutHistory(),
    // Different from `value` after normalization, so "same as current" never decides first.
    current: `${value}\u0000current`,
    next: value,
    confirm: value,
    policy: passwordPolicy,
  });
  return failure?.error === 'password_policy_violation' ? failure.errorCode : undefined;
}

describe('page validators and the emulator agree (fast-check)', () => {
  it('on pass/fail and on the first broken rule, for random Unicode passwords and random policies', async () => {
    let passed = 0;
    let failed = 0;
    await fc.assert(
      fc.asyncProperty(password, policy, async (value, passwordPolicy) => {
        const page = pageFirstBrokenRule(value, passwordPolicy);
        const server = await serverBrokenRule(value, passwordPolicy);
        expect(server).toBe(page);
        if (page === undefined) passed++;
        else failed++;
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
    // Not vacuous: both outcomes occur (about 9% pass with this seed).
    expect(passed).toBeGreaterThan(NUM_RUNS / 20);
    expect(failed).toBeGreaterThan(NUM_RUNS / 2);
  });

  it('on the confirmation: "does not match" on the page exactly when the emulator answers password_mismatch', async () => {
    // The confirmation is the same text, its other normalization form, or anything else.
    const pair = password.chain((next) =>
      fc.tuple(
        fc.constant(next),
        fc.oneof(
          fc.constant(next),
          fc.constant(next.normalize('NFD')),
          fc.constant(next.normalize('NFKC')),
          password,
        ),
      ),
    );
    let mismatches = 0;
    await fc.assert(
      fc.asyncProperty(pair, policy, async ([next, confirm], passwordPolicy) => {
        const form = pageForm(passwordPolicy, {
          oldPassword: `${next}\u0000current`,
          newPassword: next,
          confirmPassword: confirm,
        });
        const pageMismatch = fieldErrors(form, 'confirmPassword')?.mismatch === true;
        const failure = await checkReplacementPassword({
          user: userWithoutHistory(),
          current: `${next}\u0000current`,
          next,
          confirm,
          policy: passwordPolicy,
        });
        expect(failure?.error === 'password_mismatch').toBe(pageMismatch);
        if (pageMismatch) mismatches++;
      }),
      { seed: SEED, numRuns: NUM_RUNS / 2 },
    );
    expect(mismatches).toBeGreaterThan(NUM_RUNS / 20);
    expect(mismatches).toBeLessThan(NUM_RUNS / 2);
  });

  it('on "same as the current password": the page flags it exactly when the emulator answers password_same_as_old', async () => {
    const pair = password.chain((current) =>
      fc.tuple(
        fc.constant(current),
        fc.oneof(fc.constant(current), fc.constant(current.normalize('NFD')), password),
      ),
    );
    let same = 0;
    await fc.assert(
      fc.asyncProperty(pair, policy, async ([current, next], passwordPolicy) => {
        const pageSame =
          fieldErrors(
            pageForm(passwordPolicy, {
              oldPassword: current,
              newPassword: next,
              confirmPassword: next,
            }),
            'newPassword',
          )?.sameAsCurrent === true;
        const failure = await checkReplacementPassword({
          user: userWithoutHistory(),
          current,
          next,
          confirm: next,
          policy: passwordPolicy,
        });
        expect(failure?.error === 'password_same_as_old').toBe(pageSame);
        if (pageSame) same++;
      }),
      { seed: SEED, numRuns: NUM_RUNS / 2 },
    );
    expect(same).toBeGreaterThan(NUM_RUNS / 20);
  });

  it('an empty new password is refused on both sides: required on the page, never accepted by the emulator', async () => {
    await fc.assert(
      fc.asyncProperty(policy, async (passwordPolicy) => {
        expect(pageForm(passwordPolicy, { newPassword: '' }).controls.newPassword.errors).toEqual({
          required: true,
        });
        const failure = await checkReplacementPassword({
          user: userWithoutHistory(),
          current: 'Current-1!',
          next: '',
          confirm: '',
          policy: passwordPolicy,
        });
        expect(failure).toBeDefined();
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
