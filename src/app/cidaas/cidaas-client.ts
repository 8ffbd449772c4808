import { DOCUMENT, Injectable, inject } from '@angular/core';
import { CIDAAS_BASE_URL } from '../config/cidaas-base-url';
import { cidaasUrls } from './cidaas-urls';
import { FETCH, type GetJsonOptions, getJson } from '../config/fetch';
import { type ApiError, toApiError } from './api-error';
import type { ChangePasswordRequest, ClientInfo, FieldSetup, PreloginMetadata, ResetPasswordRequest } from './cidaas-types';
import { postForm } from './form-post';
import { parseClientInfo, parseFieldSetup, parsePreloginMetadata, unwrapEnvelope } from './parse-response';

/** How long a start-up request may take before the page offers to try again. */
export const CIDAAS_REQUEST_TIMEOUT_MS = 30_000;

/** Options of {@link CidaasClient.getClientInfo}. */
export interface ClientInfoOptions {
  readonly requestId: string;
  /** Sent as `Accept-Language`, so cidaas localizes its texts. */
  readonly acceptlanguage?: string;
}

/** Options of {@link CidaasClient.getRegistrationSetup}. */
export interface RegistrationSetupOptions {
  readonly requestId: string;
  readonly acceptlanguage: string;
}

/**
 * A typed client for the cidaas endpoints the password_set page uses, with the method names and wire
 * contract of `cidaas-javascript-sdk`. Every failure surfaces as an {@link ApiError}.
 */
@Injectable({ providedIn: 'root' })
export class CidaasClient {
  private readonly fetch = inject(FETCH);
  private readonly document = inject(DOCUMENT);
  private readonly baseUrl = inject(CIDAAS_BASE_URL);

  /** E3: public client information (branding, password policy) for a login request. */
  getClientInfo(options: ClientInfoOptions): Promise<ClientInfo> {
    const headers = options.acceptlanguage ? { 'Accept-Language': options.acceptlanguage } : undefined;
    return this.get(cidaasUrls.clientInfo(this.baseUrl, options.requestId), (body) => parseClientInfo(unwrapEnvelope(body)), { headers });
  }

  /** E5: the localized field setup for a login request. */
  getRegistrationSetup(options: RegistrationSetupOptions): Promise<FieldSetup[]> {
    const url = cidaasUrls.fieldSetup(this.baseUrl, options.requestId, options.acceptlanguage);
    return this.get(url, (body) => parseFieldSetup(unwrapEnvelope(body)));
  }

  /**
   * E7: what cidaas knows about a login track. Resolves to `null` when cidaas answers 204 (the track
   * is expired, unknown or already used), so the page can say so before the user types anything.
   */
  getPreloginMetadata(lsid: string): Promise<PreloginMetadata | null> {
    return this.get(cidaasUrls.preloginMetadata(this.baseUrl, lsid), (body) =>
      body === null ? null : parsePreloginMetadata(unwrapEnvelope(body)),
    );
  }

  /**
   * E8 (the SDK's `firstTimeChangePassword`): continues the login with the new password. This is a
   * top-level form POST, not XHR: the browser leaves the page and follows cidaas' redirect to the
   * application, or back to this page with error parameters.
   */
  firstTimeChangePassword(request: ChangePasswordRequest, lsid: string): void {
    postForm(this.document, cidaasUrls.changePassword(this.baseUrl, lsid), {
      old_password: request.old_password,
      new_password: request.new_password,
      confirm_password: request.confirm_password,
    });
  }

  /**
   * E11 (the SDK v6's `UserService.resetPassword`, without `handleResponseAsJson`): sets the new
   * password at the end of the forgot-password flow, at `/password-srv/resetpassword?action=acceptreset`.
   * Like {@link firstTimeChangePassword}, a top-level form POST: cidaas redirects to the success page,
   * or back to this page with error parameters.
   */
  resetPassword(request: ResetPasswordRequest): void {
    postForm(this.document, cidaasUrls.resetPassword(this.baseUrl), {
      resetRequestId: request.resetRequestId,
      exchangeId: request.exchangeId,
      password: request.password,
      confirmPassword: request.confirmPassword,
    });
  }

  /**
   * cidaas' "forgot password" hosted page (`password_forgot_init`) for the same login request: where
   * a user whose reset link is used or expired starts a new reset. `userIdHint` prefills the account.
   */
  passwordForgotInitUrl(requestId: string, userIdHint?: string): string {
    return cidaasUrls.passwordForgotInit(this.baseUrl, requestId, userIdHint);
  }

  /** E12: the URL that sends the user back to sign-in for the same login request. */
  resolveRedirectUrl(requestId: string): string {
    return cidaasUrls.resolveRedirect(this.baseUrl, requestId);
  }

  /** GETs a cidaas URL and parses the body; every failure rejects with an {@link ApiError}. */
  private async get<T>(url: string, parse: (body: unknown) => T, options: Omit<GetJsonOptions, 'timeoutMs'> = {}): Promise<T> {
    try {
      return parse(await getJson(this.fetch, url, { ...options, timeoutMs: CIDAAS_REQUEST_TIMEOUT_MS }));
    } catch (error) {
      throw toApiError(error);
    }
  }
}
