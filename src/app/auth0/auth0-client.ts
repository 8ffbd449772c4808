import { isRecord } from '../../contract/is-record';
import { isPasswordChangeReason } from '../../contract/change-reasons';
import { DOCUMENT, Injectable, inject } from '@angular/core';
import { type ApiError, toApiError } from '../cidaas/api-error';
import { CIDAAS_REQUEST_TIMEOUT_MS } from '../cidaas/cidaas-client';
import { postForm } from '../cidaas/form-post';
import type { PasswordChangeReason } from '../../contract/cidaas-types';
import { FETCH, getJson } from '../config/fetch';
import type { PasswordPolicy } from '../../contract/password-policy';

/** What the page server knows about an Auth0 session token (`GET /auth0/password_set/context`). */
export interface Auth0Context {
  readonly email: string | null;
  readonly reason: PasswordChangeReason | null;
  readonly expiresAt: string | null;
  readonly passwordPolicy: PasswordPolicy | null;
}

/** The form the page posts to set the new password in Auth0 mode. */
export interface Auth0PasswordRequest {
  readonly sessionToken: string;
  readonly state: string;
  readonly password: string;
  readonly confirmPassword: string;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function reason(value: unknown): PasswordChangeReason | null {
  return isPasswordChangeReason(value) ? value : null;
}

/** Reads the context endpoint's JSON; anything unexpected is a `bad-response`. */
export function parseAuth0Context(body: unknown): Auth0Context {
  if (!isRecord(body)) throw { kind: 'bad-response' } satisfies ApiError;
  const policy = body['password_policy'];
  return {
    email: text(body['email']),
    reason: reason(body['reason']),
    expiresAt: text(body['expires_at']),
    passwordPolicy: isRecord(policy) ? policy : null,
  };
}

/**
 * The page's Auth0 mode talks to its own server (same origin), which holds the Auth0 credentials:
 * it verifies the session token the post-login Action signed, and sets the password through the
 * Management API. See `integrations/auth0/README.md`.
 */
@Injectable({ providedIn: 'root' })
export class Auth0Client {
  private readonly fetch = inject(FETCH);
  private readonly document = inject(DOCUMENT);

  /** Who is changing the password, why, until when, and the connection's password policy; rejects with an {@link ApiError}. */
  async getContext(sessionToken: string): Promise<Auth0Context> {
    const query = new URLSearchParams({ session_token: sessionToken });
    try {
      return parseAuth0Context(
        await getJson(this.fetch, `auth0/password_set/context?${query}`, {
          timeoutMs: CIDAAS_REQUEST_TIMEOUT_MS,
        }),
      );
    } catch (error) {
      const apiError = toApiError(error);
      // The server answers 400 `track_expired` for a forged, expired or used token.
      const expired: ApiError = { kind: 'expired', code: 'track_expired' };
      throw apiError.kind === 'invalid-request' ? expired : apiError;
    }
  }

  /**
   * Sets the new password: a real form POST with the `state` from the page's URL (Auth0 appends it
   * there; the session token does not carry it). The server answers with a page that POSTs the user on
   * to Auth0's `/continue`, in the page's current language (`ui_locales`, from `<html lang>`).
   */
  setPassword(request: Auth0PasswordRequest): void {
    const language = this.document.documentElement.lang;
    postForm(this.document, new URL('auth0/password_set', this.document.baseURI).href, {
      session_token: request.sessionToken,
      state: request.state,
      password: request.password,
      confirm_password: request.confirmPassword,
      ...(language === '' ? {} : { ui_locales: language }),
    });
  }

  /** The way out ("Cancel and sign out"): ends this login attempt at the application, which can start a fresh sign-in. */
  cancelUrl(state: string): string {
    const url = new URL('auth0/password_set/cancel', this.document.baseURI);
    url.searchParams.set('state', state);
    return url.href;
  }
}
