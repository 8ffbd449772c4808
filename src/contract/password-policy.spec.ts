import fc from 'fast-check';
import vectors from './password-policy.vectors.json';
import {
  PolicyInput,
  PolicyRule,
  codePointLength,
  evaluatePassword,
  firstViolation,
  passwordRulesAttribute,
  rulesFromPolicy,
} from './password-policy';

const policies: Record<string, PolicyInput> = vectors.policies;

describe('password policy: shared vectors', () => {
  it('has at least 40 cases', () => {
    expect(vectors.cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(vectors.cases.map((c) => [c.name, c] as const))('%s', (_name, vector) => {
    const policy = policies[vector.policy];
    expect(policy).toBeDefined();
    const results = evaluatePassword(vector.password, rulesFromPolicy(policy));
    const actual = Object.fromEntries(results.map((result) => [result.rule.id, result.met]));
    expect(actual).toEqual(vector.expected);
    expect(firstViolation(vector.password, policy) ?? null).toBe(vector.firstViolation);
  });
});

describe('rulesFromPolicy', () => {
  it('lists the rules in display order with their thresholds', () => {
    expect(
      rulesFromPolicy({
        lowerAndUpperCase: true,
        noOfSpecialChars: 1,
        noOfDigits: 2,
        maximumLength: 64,
        minimumLength: 10,
      }),
    ).toEqual<PolicyRule[]>([
      { id: 'minimumLength', min: 10 },
      { id: 'maximumLength', max: 64 },
      { id: 'noOfDigits', min: 2 },
      { id: 'noOfSpecialChars', min: 1 },
      { id: 'lowerAndUpperCase' },
    ]);
  });

  it.each([[null], [undefined], [{}], [{ minimumLength: 0, lowerAndUpperCase: false }]])(
    'has no rules for %p',
    (policy) => {
      expect(rulesFromPolicy(policy)).toEqual([]);
    },
  );
});

describe('evaluatePassword', () => {
  it('reports what it counted, for the messages', () => {
    const rules = rulesFromPolicy({ minimumLength: 10, noOfDigits: 2, noOfSpecialChars: 3 });
    expect(evaluatePassword('ab1!😀', rules).map((r) => r.actual)).toEqual([5, 1, 2]);
  });
});

describe('passwordRulesAttribute', () => {
  it('describes the demo policy for password managers', () => {
    const rules = rulesFromPolicy({
      minimumLength: 10,
      maximumLength: 64,
      noOfDigits: 1,
      noOfSpecialChars: 1,
      lowerAndUpperCase: true,
    });
    expect(passwordRulesAttribute(rules)).toBe(
      'minlength: 10; maxlength: 64; required: digit; required: special; required: lower; required: upper;',
    );
  });

  it('is empty without rules', () => {
    expect(passwordRulesAttribute([])).toBe('');
  });
});

describe('password policy properties', () => {
  const policyArb = fc.record({
    minimumLength: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    maximumLength: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    noOfDigits: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    noOfSpecialChars: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    lowerAndUpperCase: fc.option(fc.boolean(), { nil: undefined }),
  });
  const passwordArb = fc.string({ unit: 'grapheme', maxLength: 30 });

  it('gives one result per rule, in order', () => {
    fc.assert(
      fc.property(policyArb, passwordArb, (policy, password) => {
        const rules = rulesFromPolicy(policy);
        expect(evaluatePassword(password, rules).map((r) => r.rule)).toEqual(rules);
      }),
    );
  });

  it('judges a password the same in any Unicode normalization form', () => {
    fc.assert(
      fc.property(policyArb, passwordArb, (policy, password) => {
        const rules = rulesFromPolicy(policy);
        const met = (value: string) => evaluatePassword(value, rules).map((r) => r.met);
        expect(met(password.normalize('NFD'))).toEqual(met(password.normalize('NFC')));
      }),
    );
  });

  it('meets the minimum length exactly when the NFC code point count reaches it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), passwordArb, (min, password) => {
        const [result] = evaluatePassword(password, rulesFromPolicy({ minimumLength: min }));
        expect(result?.met).toBe([...password.normalize('NFC')].length >= min);
      }),
    );
  });

  it('counts code points, never UTF-16 units', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (value) => {
        expect(codePointLength(value)).toBe(Array.from(value).length);
      }),
    );
  });

  it('passes every password when the policy has no rules', () => {
    fc.assert(
      fc.property(passwordArb, (password) => expect(firstViolation(password, {})).toBeUndefined()),
    );
  });
});
