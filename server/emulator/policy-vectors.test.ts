import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  locationOf,
  pick,
  startEmulator,
  submitPasswordChange,
  type TestEmulator,
} from '../testing';
import { BREACHED_PASSWORDS } from './passwords';

/** One case of `src/contract/password-policy.vectors.json`. */
interface PolicyVector {
  readonly name: string;
  readonly policy: string;
  readonly password: string;
  readonly firstViolation: string | null;
}

function isVector(value: unknown): value is PolicyVector {
  const firstViolation = pick(value, 'firstViolation');
  return (
    typeof pick(value, 'name') === 'string' &&
    typeof pick(value, 'policy') === 'string' &&
    typeof pick(value, 'password') === 'string' &&
    (firstViolation === null || typeof firstViolation === 'string')
  );
}

const vectorsFile: unknown = JSON.parse(
  readFileSync(
    join(__dirname, '..', '..', 'src', 'contract', 'password-policy.vectors.json'),
    'utf8',
  ),
);
const policies = pick(vectorsFile, 'policies');
const cases: unknown = pick(vectorsFile, 'cases');
assert.ok(Array.isArray(cases) && cases.length > 0, 'the vectors file has cases');
const vectors: PolicyVector[] = cases.filter(isVector);
assert.equal(
  vectors.length,
  cases.length,
  'every vector has name, policy, password and firstViolation',
);

// Distinct from every vector password, so "same as current" (step 5) never interferes.
const CURRENT_PASSWORD = 'Current-Vector-Password-0';
const USERNAME = 'vector.user@example.com';

let emulator: TestEmulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.close());

describe('the shared policy vectors through E8 (the server path: PUT policy, new session, POST E8)', () => {
  it('no vector password collides with the current password or the breached list, and users have no history', () => {
    for (const vector of vectors) {
      assert.notEqual(vector.password.normalize('NFC'), CURRENT_PASSWORD);
      assert.ok(!BREACHED_PASSWORDS.has(vector.password.normalize('NFC')), vector.name);
    }
  });

  for (const vector of vectors) {
    it(vector.name, async () => {
      const policy = pick(policies, vector.policy);
      assert.ok(policy !== undefined, `policy ${vector.policy} exists`);
      const put = await emulator.sendJson(
        '/__emulator/clients/demo-client',
        { password_policy: policy },
        'PUT',
      );
      assert.equal(put.status, 200);
      // A fresh user per case: a passing case really changes the password and uses the track.
      const created = await emulator.sendJson('/__emulator/users', {
        username: USERNAME,
        password: CURRENT_PASSWORD,
        mustChangePassword: true,
      });
      assert.equal(created.status, 201);
      const sessionResponse = await emulator.sendJson('/__emulator/login-sessions', {
        username: USERNAME,
        password: CURRENT_PASSWORD,
      });
      assert.equal(sessionResponse.status, 201);
      const lsid = pick(await sessionResponse.json(), 'lsid');
      assert.ok(typeof lsid === 'string');

      const response = await submitPasswordChange(emulator, lsid, {
        old_password: CURRENT_PASSWORD,
        new_password: vector.password,
      });
      assert.equal(response.status, 302);
      const location = locationOf(response, emulator.baseUrl);
      if (vector.firstViolation !== null) {
        assert.equal(location.searchParams.get('error'), 'password_policy_violation');
        assert.equal(location.searchParams.get('error_code'), vector.firstViolation);
      } else if (vector.password === '') {
        // No rule forbids it, but an empty password is never accepted (not as a policy violation).
        assert.equal(location.searchParams.get('error'), 'invalid_request');
      } else {
        assert.equal(location.pathname, '/callback', `accepted: ${location.href}`);
        assert.ok(location.searchParams.get('code'));
      }
    });
  }
});
