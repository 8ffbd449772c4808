/** Mapping Auth0 connection password policies onto the cidaas policy shape. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import { firstViolation } from '../../src/contract/password-policy';
import {
  AUTH0_POLICY_LEVELS,
  auth0AcceptsPassword,
  cidaasPolicyFromAuth0,
  parseAuth0PasswordOptions,
} from './policy';

describe('cidaasPolicyFromAuth0', () => {
  const table = [
    ['none', 1, false],
    ['low', 6, false],
    ['fair', 8, true],
    ['good', 8, true],
    ['excellent', 10, true],
  ] as const;
  for (const [level, minimumLength, classes] of table) {
    it(`maps level ${level} to minimumLength ${minimumLength}${classes ? ', a digit and lower+upper case' : ''}`, () => {
      assert.deepEqual(cidaasPolicyFromAuth0({ passwordPolicy: level }), {
        policy_name: `auth0:${level}`,
        minimumLength,
        noOfDigits: classes ? 1 : 0,
        noOfSpecialChars: 0,
        lowerAndUpperCase: classes,
        preventAlreadyUsedPwd: false,
      });
    });
  }

  it('lets password_complexity_options.min_length override the level and password_history set preventAlreadyUsedPwd', () => {
    const policy = cidaasPolicyFromAuth0(
      parseAuth0PasswordOptions({
        passwordPolicy: 'good',
        password_complexity_options: { min_length: 14 },
        password_history: { enable: true, size: 5 },
      }),
    );
    assert.equal(policy.minimumLength, 14);
    assert.equal(policy.preventAlreadyUsedPwd, true);
  });

  it('treats absent or malformed options as level none (never blocks a user on a broken setting)', () => {
    for (const options of [
      undefined,
      null,
      [],
      'good',
      { passwordPolicy: 'extreme' },
      { password_complexity_options: { min_length: -3 } },
    ]) {
      assert.equal(
        cidaasPolicyFromAuth0(parseAuth0PasswordOptions(options)).minimumLength,
        1,
        JSON.stringify(options),
      );
    }
  });

  it('never lets the page accept a password Auth0 refuses for length or character classes (levels none to good)', () => {
    // Built from the character classes the levels ask for plus any grapheme, so that a good share of
    // the candidates meets the page's policy at every level and the property is not vacuous.
    const piece = fc.oneof(
      fc.constantFrom(...'abcxyzäß'),
      fc.constantFrom(...'ABCXYZÄ'),
      fc.constantFrom(...'0123456789'),
      fc.constantFrom(...'!-#_ '),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    );
    const candidate = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.array(piece, { minLength: 6, maxLength: 24 }).map((pieces) => pieces.join('')),
    );
    for (const level of AUTH0_POLICY_LEVELS.filter((candidate) => candidate !== 'excellent')) {
      const options = { passwordPolicy: level };
      let acceptedByPage = 0;
      const runs = 400;
      fc.assert(
        fc.property(candidate, (password) => {
          if (firstViolation(password, cidaasPolicyFromAuth0(options)) !== undefined) return;
          acceptedByPage++;
          assert.ok(auth0AcceptsPassword(password, options), `${level}: ${password}`);
        }),
        { numRuns: runs },
      );
      assert.ok(
        acceptedByPage >= runs / 8,
        `${level}: only ${acceptedByPage} of ${runs} candidates reached the assertion`,
      );
    }
  });

  it("leaves excellent's repeated-character rule to Auth0 (it has no cidaas field)", () => {
    const options = { passwordPolicy: 'excellent' as const };
    assert.equal(firstViolation('Baaa-123456', cidaasPolicyFromAuth0(options)), undefined);
    assert.equal(auth0AcceptsPassword('Baaa-123456', options), false);
    assert.equal(auth0AcceptsPassword('Aba-1234567', options), true);
  });
});
