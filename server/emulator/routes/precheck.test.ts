import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import {
  callbackOf,
  locationOf,
  pick,
  signInToPasswordSet,
  startEmulator,
  startSignIn,
  submitPasswordChange,
  type TestEmulator,
} from '../../testing';
import { ERROR_DESCRIPTIONS } from '../password-change';
import { LOCKOUT_MS, TRACK_LIFETIME_MS } from '../store';

const NEW_USER = 'new.user@example.com';
const NEW_USER_PASSWORD = 'Welcome-2026';
const FLAGGED_USER = 'flagged.user@example.com';
const FLAGGED_PASSWORD = 'Flagged-2026';
const GOOD_NEW_PASSWORD = 'Brand-New-Secret-7';

let emulator: TestEmulator;

before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.close());
beforeEach(() => emulator.reset());

/** Asserts a 302 back to password_set with the given error and returns its parameters. */
function assertErrorRedirect(
  response: Response,
  error: string,
  lsid: string,
  requestId: string | null,
): URLSearchParams {
  assert.equal(response.status, 302);
  const location = locationOf(response, emulator.baseUrl);
  assert.equal(location.pathname, '/identity/password_set');
  const params = location.searchParams;
  assert.equal(params.get('error'), error);
  assert.equal(params.get('lsid'), lsid);
  assert.equal(params.get('requestId'), requestId);
  assert.ok(params.get('error_description'), 'error_description is present');
  return params;
}

describe('E7 GET /token-srv/prelogin/metadata/:lsid', () => {
  it('answers 400 JSON for an lsid that is not a UUID', async () => {
    const response = await emulator.fetch('/token-srv/prelogin/metadata/not-a-uuid');
    assert.equal(response.status, 400);
    const body: unknown = await response.json();
    assert.deepEqual(body, {
      success: false,
      status: 400,
      error: 'invalid_request',
      error_description: 'lsid must be a UUID',
    });
  });

  it('answers 204 with no body for an unknown lsid', async () => {
    const response = await emulator.fetch(
      '/token-srv/prelogin/metadata/0b8f4a52-7f43-4a57-9a55-3a3a3a3a3a3a',
    );
    assert.equal(response.status, 204);
    assert.equal(await response.text(), '');
  });

  it('describes a live track: first_login with its expiry', async () => {
    const session = await signInToPasswordSet(emulator, NEW_USER, NEW_USER_PASSWORD);
    const response = await emulator.fetch(`/token-srv/prelogin/metadata/${session.lsid}`);
    assert.equal(response.status, 200);
    const user = emulator.store.findUser(NEW_USER);
    assert.ok(user);
    assert.deepEqual(await response.json(), {
      success: true,
      status: 200,
      data: {
        precheck: 'password_change',
        sub: user.sub,
        username: NEW_USER,
        requestId: session.requestId,
        reason: 'first_login',
        expires_at: new Date(emulator.store.now() + TRACK_LIFETIME_MS).toISOString(),
      },
    });
  });

  it('reports admin_required for the flagged user', async () => {
    const session = await signInToPasswordSet(emulator, FLAGGED_USER, FLAGGED_PASSWORD);
    const response = await emulator.fetch(`/token-srv/prelogin/metadata/${session.lsid}`);
    assert.equal(pick(await response.json(), 'data', 'reason'), 'admin_required');
  });

  it('answers 204 once the track expired (clock moved an hour) and once it was used', async () => {
    const expiring = await signInToPasswordSet(emulator, NEW_USER, NEW_USER_PASSWORD);
    emulator.advance(TRACK_LIFETIME_MS);
    assert.equal(
      (await emulator.fetch(`/token-srv/prelogin/metadata/${expiring.lsid}`)).status,
      204,
    );

    const used = await signInToPasswordSet(emulator, FLAGGED_USER, FLAGGED_PASSWORD);
    const done = await submitPasswordChange(emulator, used.lsid, {
      old_password: FLAGGED_PASSWORD,
      new_password: GOOD_NEW_PASSWORD,
    });
    assert.equal(locationOf(done, emulator.baseUrl).pathname, '/callback');
    assert.equal((await emulator.fetch(`/token-srv/prelogin/metadata/${used.lsid}`)).status, 204);
  });
});

describe('E8 POST /login-srv/precheck/continue/:lsid, failures in order', () => {
  it('1. unknown track: track_expired without requestId', async () => {
    const lsid = '0b8f4a52-7f43-4a57-9a55-3a3a3a3a3a3a';
    const response = await submitPasswordChange(emulator, lsid, {
      old_password: 'x',
      new_password: 'y',
    });
    const params = assertErrorRedirect(response, 'track_expired', lsid, null);
    assert.equal(params.get('error_description'), ERROR_DESCRIPTIONS.track_expired);
  });

  it('1. a garbage lsid is an unknown track too (and is safely encoded)', async () => {
    const response = await emulator.postForm('/login-srv/precheck/continue/%3Cscript%3E', {
      old_password: 'x',
    });
    assertErrorRedirect(response, 'track_expired', '<script>', null);
  });

  it('1. expired track: track_expired with requestId and ui_locales', async () => {
    const session = await signInToPasswordSet(emulator, NEW_USER, NEW_USER_PASSWORD, {
      ui_locales: 'de-CH en',
    });
    emulator.advance(TRACK_LIFETIME_MS + 1);
    // Even a perfectly valid submission is refused: expiry is checked first.
    const response = await submitPasswordChange(emulator, session.lsid, {
      old_password: NEW_USER_PASSWORD,
      new_password: GOOD_NEW_PASSWORD,
    });
    const params = assertErrorRedirect(response, 'track_expired', session.lsid, session.requestId);
    assert.equal(params.get('ui_locales'), 'de-CH en');
  });

  it('1. a used track is expired', async () => {
    const session = await signInToPasswordSet(emulator, NEW_USER, NEW_USER_PASSWORD);
    await submitPasswordChange(emulator, session.lsid, {
      old_password: NEW_USER_PASSWORD,
      new_password: GOOD_NEW_PASSWORD,
    });
    const again = await submitPasswordChange(emulator, session.lsid, {
      old_password: GOOD_NEW_PASSWORD,
      new_password: 'Another-Secret-8',
    });
    assertErrorRedirect(again, 'track_expired', session.lsid, session.requestId);
  });

  it('3. wrong current password: invalid_old_password, and the track stays usable', async () => {
    const session = await signInToPasswordSet(emulator, NEW_USER, NEW_USER_PASSWORD);
    // Every later check would fail too; the current password is checked before them.
    const response = await submitPasswordChange(emulator, session.lsid, {
      old_password: 'wrong',
      new_password: 'x',
      confirm_password: 'y',
    });
    assertErrorRedirect(response, 'invalid_old_password', session.lsid, session.requestId);
    const retry = await submitPasswordChange(emulator, session.lsid, {
      old_password: NEW_USER_PASSWORD,
      new_password: GOOD_NEW_PASSWORD,
    });
    assert.equal(locationOf(retry, emulator.baseUrl).pathname, '/callback');
  });

  it('3. a missing current password is a wrong one (no crash)', async () => {
    const session = await signInToPasswordSet(emulator, NEW_USER, NEW_USER_PASSWORD);
    const response = await emulator.postForm(`/login-srv/precheck/continue/${session.lsid}`, {});
    assertErrorRedirect(response, 'invalid_old_password', session.lsid, session.requestId);
  });

  it('4. confirmation differs: password_mismatch (checked before same-as-old and policy)', async () => {
    const session = await signInToPasswordSet(emulator, NEW_USER, NEW_USER_PASSWORD);
    const response = await submitPasswordChange(emulator, session.lsid, {
      old_password: NEW_USER_PASSWORD,
      new_password: NEW_USER_PASSWORD,
      confirm_password: 'short',
    });
    assertErrorRedirect(response, 'password_mismatch', session.lsid, session.requestId);
  });

  it('5. new equals current: password_same_as_old (before the policy), also across Unicode normalization', async () => {
    await emulator.store.upsertUser({
      username: 'unicode@example.com',
      password: 'Café-Crème-2026',
      mustChangePassword: true,
    });
    const session = await signInToPasswordSet(emulator, 'unicode@example.com', 'Café-Crème-2026');
    const decomposed = 'Café-Crème-2026'.normalize('NFD');
    const response = await submitPasswordChange(emulator, session.lsid, {
      old_password: decomposed,
      new_password: 'Café-Crème-2026',
    });
    assertErrorRedirect(response, 'password_same_as_old', session.lsid, session.requestId);
  });

  it('6. policy: password_policy_violation with the first broken rule as error_code', async () => {
    const session = await signInToPasswordSet(emulator, NEW_USER, NEW_USER_PASSWORD);
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['Short1!', 'minimumLength'],
      [`Aa1!${'x'.repeat(61)}`, 'maximumLength'],
      ['Abcdefghi!', 'noOfDigits'],
      ['Abcdefghi1', 'noOfSpecialChars'],
      ['abcdefgh1!', 'lowerAndUpperCase'],
    ];
    for (const [password, rule] of cases) {
      const response = await submitPasswordChange(emulator, session.lsid, {
        old_password: NEW_USER_PASSWORD,
        new_password: password,
      });
      const params = assertErrorRedirect(
        response,
        'password_policy_violation',
        session.lsid,
        session.requestId,
      );
      assert.equal(params.get('error_code'), rule, password);
    }
  });

  it('7. breached list: cidaas’ documented shape, error=Bad Request with error_code VER_0120', async () => {
    const session = await signInToPasswordSet(emulator, NEW_USER, NEW_USER_PASSWORD);
    const response = await submitPasswordChange(emulator, session.lsid, {
      old_password: NEW_USER_PASSWORD,
      new_password: 'Password123!',
    });
    const params = assertErrorRedirect(response, 'Bad Request', session.lsid, session.requestId);
    assert.equal(params.get('error_description'), 'The password is compromised');
    assert.equal(params.get('error_code'), 'VER_0120');
  });

  it('8. recent password: password_already_used (flagged user history)', async () => {
    const session = await signInToPasswordSet(emulator, FLAGGED_USER, FLAGGED_PASSWORD);
    const response = await submitPasswordChange(emulator, session.lsid, {
      old_password: FLAGGED_PASSWORD,
      new_password: 'Autumn-Leaves-2025!',
    });
    assertErrorRedirect(response, 'password_already_used', session.lsid, session.requestId);
  });

  it('8. history is not checked when the policy does not ask for it', async () => {
    await emulator.sendJson(
      '/__emulator/clients/demo-client',
      { password_policy: { minimumLength: 10, preventAlreadyUsedPwd: false } },
      'PUT',
    );
    const session = await signInToPasswordSet(emulator, FLAGGED_USER, FLAGGED_PASSWORD);
    const response = await submitPasswordChange(emulator, session.lsid, {
      old_password: FLAGGED_PASSWORD,
      new_password: 'Autumn-Leaves-2025!',
    });
    assert.equal(locationOf(response, emulator.baseUrl).pathname, '/callback');
  });

  it('an empty new password that no rule forbids is refused as invalid_request', async () => {
    await emulator.sendJson('/__emulator/clients/demo-client', { password_policy: {} }, 'PUT');
    const session = await signInToPasswordSet(emulator, NEW_USER, NEW_USER_PASSWORD);
    const response = await submitPasswordChange(emulator, session.lsid, {
      old_password: NEW_USER_PASSWORD,
      new_password: '',
    });
    assertErrorRedirect(response, 'invalid_request', session.lsid, session.requestId);
  });

  it('ignores loginSettingsId and unknown fields', async () => {
    const session = await signInToPasswordSet(emulator, NEW_USER, NEW_USER_PASSWORD);
    const response = await emulator.postForm(`/login-srv/precheck/continue/${session.lsid}`, {
      old_password: NEW_USER_PASSWORD,
      new_password: GOOD_NEW_PASSWORD,
      confirm_password: GOOD_NEW_PASSWORD,
      loginSettingsId: session.lsid,
      something: 'else',
    });
    assert.equal(locationOf(response, emulator.baseUrl).pathname, '/callback');
  });

  it('never crashes on malformed bodies: JSON, broken urlencoding, no body', async () => {
    const session = await signInToPasswordSet(emulator, NEW_USER, NEW_USER_PASSWORD);
    const path = `/login-srv/precheck/continue/${session.lsid}`;
    const json = await emulator.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"old_password":',
    });
    assertErrorRedirect(json, 'invalid_old_password', session.lsid, session.requestId);
    const broken = await emulator.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'old_password=%E0%A4%A&&=',
    });
    assert.ok(broken.status === 302 || broken.status === 400, `status ${broken.status}`);
    const empty = await emulator.fetch(path, { method: 'POST' });
    assertErrorRedirect(empty, 'invalid_old_password', session.lsid, session.requestId);
    const huge = await emulator.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `old_password=${'a'.repeat(100_000)}`,
    });
    assert.equal(huge.status, 413);
    assert.doesNotMatch(await huge.text(), /at .*\.ts|Error:/);
  });
});

describe('E8 lockout', () => {
  it('locks after 5 wrong current passwords for 15 minutes, with retry_after', async () => {
    const session = await signInToPasswordSet(emulator, NEW_USER, NEW_USER_PASSWORD);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await submitPasswordChange(emulator, session.lsid, {
        old_password: `wrong-${attempt}`,
        new_password: GOOD_NEW_PASSWORD,
      });
      assertErrorRedirect(response, 'invalid_old_password', session.lsid, session.requestId);
    }
    const fifth = await submitPasswordChange(emulator, session.lsid, {
      old_password: 'wrong-5',
      new_password: GOOD_NEW_PASSWORD,
    });
    assert.equal(
      assertErrorRedirect(fifth, 'too_many_attempts', session.lsid, session.requestId).get(
        'retry_after',
      ),
      String(LOCKOUT_MS / 1000),
    );

    // Locked: even the right password is refused, and retry_after counts down.
    emulator.advance(60_000);
    const locked = await submitPasswordChange(emulator, session.lsid, {
      old_password: NEW_USER_PASSWORD,
      new_password: GOOD_NEW_PASSWORD,
    });
    assert.equal(
      assertErrorRedirect(locked, 'too_many_attempts', session.lsid, session.requestId).get(
        'retry_after',
      ),
      String(LOCKOUT_MS / 1000 - 60),
    );

    // The lock is per user: a new sign-in does not escape it.
    const fresh = await signInToPasswordSet(emulator, NEW_USER, NEW_USER_PASSWORD);
    const viaFresh = await submitPasswordChange(emulator, fresh.lsid, {
      old_password: NEW_USER_PASSWORD,
      new_password: GOOD_NEW_PASSWORD,
    });
    assertErrorRedirect(viaFresh, 'too_many_attempts', fresh.lsid, fresh.requestId);

    emulator.advance(LOCKOUT_MS - 60_000);
    const unlocked = await submitPasswordChange(emulator, session.lsid, {
      old_password: NEW_USER_PASSWORD,
      new_password: GOOD_NEW_PASSWORD,
    });
    assert.equal(locationOf(unlocked, emulator.baseUrl).pathname, '/callback');
  });

  it('a right current password resets the counter', async () => {
    const session = await signInToPasswordSet(emulator, NEW_USER, NEW_USER_PASSWORD);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await submitPasswordChange(emulator, session.lsid, {
        old_password: 'wrong',
        new_password: GOOD_NEW_PASSWORD,
      });
    }
    const policyFailure = await submitPasswordChange(emulator, session.lsid, {
      old_password: NEW_USER_PASSWORD,
      new_password: 'short',
    });
    assertErrorRedirect(
      policyFailure,
      'password_policy_violation',
      session.lsid,
      session.requestId,
    );
    const wrongAgain = await submitPasswordChange(emulator, session.lsid, {
      old_password: 'wrong',
      new_password: GOOD_NEW_PASSWORD,
    });
    assertErrorRedirect(wrongAgain, 'invalid_old_password', session.lsid, session.requestId);
  });
});

describe('the whole flow over HTTP', () => {
  it('E1 → login → password_set → E8 → callback with code and state → signed in; the next login is not forced', async () => {
    const state = 'xyz-state';
    const requestId = await startSignIn(emulator, { ui_locales: 'de' }, state);

    const login = await emulator.postForm('/login-srv/login', {
      username: NEW_USER,
      password: NEW_USER_PASSWORD,
      requestId,
    });
    assert.equal(login.status, 302);
    const passwordSet = locationOf(login, emulator.baseUrl);
    assert.equal(passwordSet.pathname, '/identity/password_set');
    assert.equal(passwordSet.searchParams.get('requestId'), requestId);
    assert.equal(passwordSet.searchParams.get('ui_locales'), 'de');
    const lsid = passwordSet.searchParams.get('lsid');
    assert.ok(lsid);

    const change = await submitPasswordChange(emulator, lsid, {
      old_password: NEW_USER_PASSWORD,
      new_password: GOOD_NEW_PASSWORD,
    });
    assert.equal(change.status, 302);
    const callback = locationOf(change, emulator.baseUrl);
    assert.equal(`${callback.origin}${callback.pathname}`, callbackOf(emulator));
    assert.equal(callback.searchParams.get('state'), state);
    const code = callback.searchParams.get('code');
    assert.ok(code);

    const signedIn = await emulator.fetch(`/callback${callback.search}`);
    assert.equal(signedIn.status, 200);
    const page = await signedIn.text();
    assert.match(page, /Signed in as new\.user@example\.com/);
    assert.match(page, new RegExp(state));
    assert.equal(
      (await emulator.fetch(`/callback${callback.search}`)).status,
      400,
      'codes are single use',
    );

    const userState: unknown = await (
      await emulator.fetch('/__emulator/state/users/new.user@example.com')
    ).json();
    assert.equal(pick(userState, 'mustChangePassword'), false);
    assert.equal(pick(userState, 'historyLength'), 1);

    const oldPassword = await emulator.postForm('/login-srv/login', {
      username: NEW_USER,
      password: NEW_USER_PASSWORD,
      requestId: await startSignIn(emulator),
    });
    assert.equal(
      locationOf(oldPassword, emulator.baseUrl).searchParams.get('error'),
      'invalid_credentials',
    );

    const second = await emulator.postForm('/login-srv/login', {
      username: NEW_USER,
      password: GOOD_NEW_PASSWORD,
      requestId: await startSignIn(emulator),
    });
    const direct = locationOf(second, emulator.baseUrl);
    assert.equal(direct.pathname, '/callback', 'no forced change the second time');
    assert.ok(direct.searchParams.get('code'));
  });
});
