import type { UrlErrorCode } from '../../src/contract/page-params';
import {
  firstViolation,
  normalizePassword,
  type PasswordPolicy,
} from '../../src/contract/password-policy';
import { callbackUrl } from './oauth';
import { isBreachedPassword, verifyPassword } from './passwords';
import { relativeUrl } from './http';
import {
  LOCKOUT_MS,
  LOCKOUT_THRESHOLD,
  PASSWORD_HISTORY_SIZE,
  type EmulatorStore,
  type UserRecord,
} from './store';

/** The page every password_set redirect goes back to. */
export const PASSWORD_SET_PATH = '/identity/password_set';

/** The `error` codes E8 and E11 send back to the page: the page's own list, from the contract. */
export type PasswordChangeError = UrlErrorCode;

/** The English `error_description` for each error. The page must not rely on it (it translates the code). */
export const ERROR_DESCRIPTIONS: Readonly<Record<PasswordChangeError, string>> = {
  track_expired:
    'The password change session has expired or was already used. Please sign in again.',
  too_many_attempts: 'Too many wrong current passwords. Please try again later.',
  invalid_old_password: 'The current password is wrong.',
  password_mismatch: 'The new password and its confirmation do not match.',
  password_same_as_old: 'The new password must be different from the current password.',
  password_policy_violation: 'The new password does not meet the password policy.',
  // Word for word as documented (see DOCUMENTED_REASON_PHRASES).
  password_compromised: 'The password is compromised',
  password_already_used: 'This password was used recently. Please choose another one.',
  invalid_request: 'The new password is required.',
};

/** The breached-password `error_code` cidaas uses. */
export const COMPROMISED_ERROR_CODE = 'VER_0120';

/**
 * How cidaas documents the compromised-password redirect: `error` is the HTTP reason phrase and the
 * meaning is in `error_code` (`…&error=Bad+Request&error_description=The+password+is+compromised&error_code=VER_0120`,
 * docs.cidaas.com/openapi/4.0.4/password-management/post-reset-password-accept). The emulator sends
 * this shape in both modes, so the page's reading of it stays tested; the other failures keep our
 * snake_case codes (see the contract).
 */
export const DOCUMENTED_REASON_PHRASES: Readonly<Partial<Record<PasswordChangeError, string>>> = {
  password_compromised: 'Bad Request',
};

/** The fields of the E8 form (missing fields arrive as `''`). */
export interface PasswordChangeForm {
  readonly old_password: string;
  readonly new_password: string;
  readonly confirm_password: string;
}

/** A rejected submission: what to put in the redirect back to the page. */
export interface PasswordChangeFailure {
  readonly error: PasswordChangeError;
  readonly errorCode?: string | undefined;
  readonly retryAfterSeconds?: number | undefined;
}

/**
 * The checks on the new password that need no stored hashes, in E8/E11 order: confirmation, same as
 * current (decided by the caller: E8 knows the current password, E11 only its hash), the client's
 * policy via the shared policy module (an empty password that no rule forbids is still refused as
 * `invalid_request`), and the breached list. Returns the first failure or `undefined`.
 */
export function checkCandidatePassword(input: {
  readonly next: string;
  readonly confirm: string;
  readonly sameAsCurrent: boolean;
  readonly policy: PasswordPolicy | undefined;
}): PasswordChangeFailure | undefined {
  const next = normalizePassword(input.next);
  if (next !== normalizePassword(input.confirm)) return { error: 'password_mismatch' };
  if (input.sameAsCurrent) return { error: 'password_same_as_old' };
  const violation = firstViolation(next, input.policy);
  if (violation !== undefined) return { error: 'password_policy_violation', errorCode: violation };
  if (next === '') return { error: 'invalid_request' };
  if (isBreachedPassword(next))
    return { error: 'password_compromised', errorCode: COMPROMISED_ERROR_CODE };
  return undefined;
}

/**
 * E8 steps 4–7 ({@link checkCandidatePassword}) when the current password is known in plain text:
 * `current` is the already verified current password.
 */
export function checkNewPassword(input: {
  readonly current: string;
  readonly next: string;
  readonly confirm: string;
  readonly policy: PasswordPolicy | undefined;
}): PasswordChangeFailure | undefined {
  const sameAsCurrent = normalizePassword(input.next) === normalizePassword(input.current);
  return checkCandidatePassword({
    next: input.next,
    confirm: input.confirm,
    sameAsCurrent,
    policy: input.policy,
  });
}

/**
 * Every check on a user's new password, shared by E8 (steps 4–8) and E11: {@link checkCandidatePassword},
 * then the recent-password history when the policy asks for it. `current` is the verified current
 * password when the caller has it (E8); without it (E11) "same as current" is decided against the
 * stored hash. Returns the first failure or `undefined`.
 */
export async function checkReplacementPassword(input: {
  readonly user: UserRecord;
  readonly next: string;
  readonly confirm: string;
  readonly policy: PasswordPolicy | undefined;
  readonly current?: string | undefined;
}): Promise<PasswordChangeFailure | undefined> {
  const sameAsCurrent =
    input.current === undefined
      ? await verifyPassword(input.next, input.user.passwordHash)
      : normalizePassword(input.next) === normalizePassword(input.current);
  const failure = checkCandidatePassword({
    next: input.next,
    confirm: input.confirm,
    sameAsCurrent,
    policy: input.policy,
  });
  if (failure) return failure;
  if (input.policy?.preventAlreadyUsedPwd === true) {
    for (const previous of input.user.history) {
      if (await verifyPassword(input.next, previous)) return { error: 'password_already_used' };
    }
  }
  return undefined;
}

/** Stores a new password hash: the old one moves into the history, and no change is required any more. */
export function applyNewPasswordHash(user: UserRecord, newHash: string): void {
  user.history = [user.passwordHash, ...user.history].slice(0, PASSWORD_HISTORY_SIZE);
  user.passwordHash = newHash;
  user.mustChangePassword = false;
  user.reason = undefined;
}

/**
 * The error parameters of a redirect back to the page: `error`, `error_description` (from
 * `descriptions`), `error_code` and `retry_after` when present, in cidaas' documented shape where
 * there is one ({@link DOCUMENTED_REASON_PHRASES}); all `undefined` without a failure.
 */
export function failureParams(
  failure: PasswordChangeFailure | undefined,
  descriptions: Readonly<Record<PasswordChangeError, string>> = ERROR_DESCRIPTIONS,
): Readonly<
  Record<'error' | 'error_description' | 'error_code' | 'retry_after', string | undefined>
> {
  return {
    error: failure ? (DOCUMENTED_REASON_PHRASES[failure.error] ?? failure.error) : undefined,
    error_description: failure ? descriptions[failure.error] : undefined,
    error_code: failure?.errorCode,
    retry_after:
      failure?.retryAfterSeconds === undefined ? undefined : String(failure.retryAfterSeconds),
  };
}

/** The URL of the password_set page with the track's parameters and, when given, an error. */
export function passwordSetUrl(params: {
  readonly lsid: string;
  readonly requestId?: string | undefined;
  readonly uiLocales?: string | undefined;
  readonly failure?: PasswordChangeFailure | undefined;
}): string {
  return relativeUrl(PASSWORD_SET_PATH, {
    lsid: params.lsid,
    requestId: params.requestId,
    ui_locales: params.uiLocales,
    ...failureParams(params.failure),
  });
}

/**
 * E8: completes a forced password change. Runs the checks in the contract's order and returns where
 * to redirect: back to the page with an error, or to the app's `redirect_uri` with a code.
 */
export async function continuePasswordChange(
  store: EmulatorStore,
  lsid: string,
  form: PasswordChangeForm,
): Promise<string> {
  const track = store.getTrack(lsid);
  // 1. Unknown track: we cannot know its requestId, so the redirect carries only the lsid.
  if (!track) return passwordSetUrl({ lsid, failure: { error: 'track_expired' } });
  const request = store.getLoginRequest(track.requestId);
  const back = (failure: PasswordChangeFailure): string =>
    passwordSetUrl({
      lsid: track.lsid,
      requestId: track.requestId,
      uiLocales: request?.ui_locales,
      failure,
    });
  const user = store.getUser(track.userId);
  if (!request || !user || !store.isUsable(track)) return back({ error: 'track_expired' });

  // 2. Locked after too many wrong current passwords.
  if (user.lockedUntil !== undefined) {
    const remaining = user.lockedUntil - store.now();
    if (remaining > 0)
      return back({ error: 'too_many_attempts', retryAfterSeconds: Math.ceil(remaining / 1000) });
    user.lockedUntil = undefined;
    user.failedAttempts = 0;
  }

  // 3. The current password.
  if (!(await verifyPassword(form.old_password, user.passwordHash))) {
    user.failedAttempts += 1;
    track.failedAttempts += 1;
    if (user.failedAttempts >= LOCKOUT_THRESHOLD) {
      user.lockedUntil = store.now() + LOCKOUT_MS;
      user.failedAttempts = 0;
      return back({ error: 'too_many_attempts', retryAfterSeconds: LOCKOUT_MS / 1000 });
    }
    return back({ error: 'invalid_old_password' });
  }
  user.failedAttempts = 0;

  // 4.–8. Confirmation, same as current, policy, breached list, recent passwords.
  const client = store.getClient(request.client_id);
  const failure = await checkReplacementPassword({
    user,
    current: form.old_password,
    next: form.new_password,
    confirm: form.confirm_password,
    policy: client?.password_policy,
  });
  if (failure) return back(failure);

  const newHash = await store.hash(form.new_password);
  // Another submission on the same track may have finished while we were hashing.
  if (!store.isUsable(track)) return back({ error: 'track_expired' });
  applyNewPasswordHash(user, newHash);
  track.used = true;
  return callbackUrl(request, store.issueCode(user, request));
}
