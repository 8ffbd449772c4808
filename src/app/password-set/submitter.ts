import { Injectable, inject } from '@angular/core';
import { Auth0Client } from '../auth0/auth0-client';
import { type ApiError, toApiError } from '../cidaas/api-error';
import { CIDAAS_CLIENT } from '../cidaas/cidaas-client';
import { normalizePassword } from '../../contract/password-policy';
import type { SubmitTarget } from '../../contract/page-params';

/**
 * How long the check before the POST may take. A user who pressed the button waits for it, so it is
 * short; a cidaas that cannot answer a GET this quickly would most likely fail the POST too.
 */
export const PRECHECK_TIMEOUT_MS = 5_000;

/** The passwords as typed. */
export interface PasswordsToSubmit {
  readonly oldPassword: string;
  readonly newPassword: string;
  readonly confirmPassword: string;
}

/**
 * What became of a submit: the form POST went out (the browser is leaving the page), the login track
 * (or Auth0 session) is gone, or cidaas could not be reached and nothing was sent.
 */
export type SubmitOutcome =
  | { readonly kind: 'posted' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'unreachable'; readonly error: ApiError };

/** Rejects with a `timeout` {@link ApiError} when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject({ kind: 'timeout' } satisfies ApiError), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The submit: a short check that the POST can succeed, then the POST. A top-level form POST hands the
 * page over to the browser: if the network or cidaas fails then, the user gets the browser's offline
 * page or cidaas' raw error instead of this page, and Back brings an empty form. So right before
 * posting it asks cidaas whether the login is still there:
 *
 * - change mode: E7 (`loginPrecheck`) for the track; 200 posts, 204 means the track is gone;
 * - reset mode: cidaas offers no check of a reset request (see the contract), so E3 (`getClientInfo`)
 *   for the login request only tells that cidaas answers; any answer from cidaas posts (E11 decides);
 * - Auth0 mode: the page server's context for the session token, which verifies the token and that the
 *   change is still due.
 *
 * No answer within {@link PRECHECK_TIMEOUT_MS}, a 5xx, or an answer that is not cidaas' (a captive
 * portal's page) sends nothing. New passwords are posted NFC-normalized, as the policy counts them;
 * the current password exactly as typed (it must match what the user signed in with).
 */
@Injectable({ providedIn: 'root' })
export class PasswordSubmitter {
  private readonly client = inject(CIDAAS_CLIENT);
  private readonly auth0 = inject(Auth0Client);

  /** Checks, then posts; resolves with what happened (never rejects). */
  async submit(
    target: SubmitTarget,
    requestId: string | null,
    passwords: PasswordsToSubmit,
  ): Promise<SubmitOutcome> {
    const reachable = await this.precheck(target, requestId);
    if (reachable.kind !== 'posted') return reachable;
    const password = normalizePassword(passwords.newPassword);
    const confirmPassword = normalizePassword(passwords.confirmPassword);
    switch (target.mode) {
      case 'change':
        this.client.firstTimeChangePassword(
          {
            old_password: passwords.oldPassword,
            new_password: password,
            confirm_password: confirmPassword,
          },
          target.lsid,
        );
        break;
      case 'reset':
        this.client.resetPassword({
          resetRequestId: target.rprq,
          exchangeId: target.exchangeId,
          password,
          confirmPassword,
        });
        break;
      case 'auth0':
        this.auth0.setPassword({
          sessionToken: target.sessionToken,
          state: target.state,
          password,
          confirmPassword,
        });
        break;
    }
    return reachable;
  }

  /** `posted` when the POST may go out (nothing is posted here), else why not. */
  private async precheck(target: SubmitTarget, requestId: string | null): Promise<SubmitOutcome> {
    try {
      const answer =
        target.mode === 'change'
          ? this.client.loginPrecheck({ track_id: target.lsid })
          : target.mode === 'auth0'
            ? this.auth0.getContext(target.sessionToken)
            : requestId === null
              ? undefined
              : this.client.getClientInfo({ requestId });
      return (await withTimeout(Promise.resolve(answer), PRECHECK_TIMEOUT_MS)) === null
        ? { kind: 'expired' }
        : { kind: 'posted' };
    } catch (error) {
      const apiError = toApiError(error);
      // A cidaas that answers "expired" or "invalid" is there: in reset mode (where the check asked about
      // the login request, not the reset) and for a malformed request, the POST goes and E11/E8 decide.
      if (apiError.kind === 'expired')
        return target.mode === 'reset' ? { kind: 'posted' } : { kind: 'expired' };
      return apiError.kind === 'invalid-request'
        ? { kind: 'posted' }
        : { kind: 'unreachable', error: apiError };
    }
  }
}
