import { DOCUMENT, InjectionToken, inject } from '@angular/core';
import { CIDAAS_BASE_URL } from '../config/cidaas-base-url';
import { FETCH, type Fetch, type GetJsonOptions, getJson } from '../config/fetch';
import { toApiError } from './api-error';
import type {
  ClientInfo,
  FieldSetup,
  FirstTimeChangePasswordRequest,
  GetClientInfoRequest,
  GetRegistrationSetupRequest,
  LoginPrecheckRequest,
  PreloginMetadata,
  ResetPasswordRequest,
} from '../../contract/cidaas-types';
import { cidaasUrls } from '../../contract/cidaas-urls';
import { postForm } from './form-post';
import {
  parseClientInfo,
  parseFieldSetup,
  parsePreloginMetadata,
  unwrapEnvelope,
} from './parse-response';

/** How long a start-up request may take before the page offers to try again. */
export const CIDAAS_REQUEST_TIMEOUT_MS = 30_000;

/**
 * The cidaas calls of the page, with the method names and argument shapes of `cidaas-javascript-sdk`
 * (v6: `PublicService.getClientInfo`, `UserService.getRegistrationSetup` and `resetPassword`,
 * `TokenService.loginPrecheck`, `LoginService.firstTimeChangePassword`) and its wire contract. Unlike
 * the SDK's raw answers, a GET resolves to its parsed, typed `data`, and every failure rejects with an
 * `ApiError`. The page gets it through {@link CIDAAS_CLIENT}.
 */
export interface CidaasClient {
  /** E3: public client information (branding, password policy) for a login request. */
  getClientInfo(options: GetClientInfoRequest): Promise<ClientInfo>;
  /** E5: the localized field setup for a login request. */
  getRegistrationSetup(options: GetRegistrationSetupRequest): Promise<FieldSetup[]>;
  /**
   * E7: what cidaas knows about a login track. `null` when cidaas answers 204 (the track is expired,
   * unknown or already used), so the page can say so before the user types anything.
   */
  loginPrecheck(options: LoginPrecheckRequest): Promise<PreloginMetadata | null>;
  /**
   * E8: continues the login with the new password. A top-level form POST, not XHR: the browser leaves
   * the page and follows cidaas' redirect to the application, or back to this page with error parameters.
   */
  firstTimeChangePassword(options: FirstTimeChangePasswordRequest, trackId: string): void;
  /**
   * E11 (the SDK v6's `UserService.resetPassword`): sets the new password at the end of the
   * forgot-password flow, at `/password-srv/resetpassword?action=acceptreset`. Like
   * {@link firstTimeChangePassword}, a top-level form POST (the SDK's default, without
   * `handleResponseAsJson`): cidaas redirects to the success page, or back to this page with error
   * parameters.
   */
  resetPassword(options: ResetPasswordRequest): void;
  /**
   * cidaas' "forgot password" hosted page (`password_forgot_init`) for the same login request: where
   * a user whose reset link is used or expired starts a new reset. `userIdHint` prefills the account.
   * A link, not an SDK call.
   */
  passwordForgotInitUrl(requestId: string, userIdHint?: string): string;
  /** E12: the URL that sends the user back to sign-in for the same login request (a link, not a call). */
  resolveRedirectUrl(requestId: string): string;
}

/**
 * The page's {@link CidaasClient}: `fetch` (through the `FETCH` token) against the deploy-time cidaas
 * base URL, with a timeout, every answer parsed and every failure normalized at this edge.
 */
export class FetchCidaasClient implements CidaasClient {
  constructor(
    private readonly fetch: Fetch,
    private readonly document: Document,
    /** The cidaas base URL without a trailing slash; `''` for the page's own origin. */
    private readonly baseUrl: string,
  ) {}

  getClientInfo(options: GetClientInfoRequest): Promise<ClientInfo> {
    const headers = options.acceptlanguage
      ? { 'Accept-Language': options.acceptlanguage }
      : undefined;
    return this.get(
      cidaasUrls.clientInfo(this.baseUrl, options.requestId),
      (body) => parseClientInfo(unwrapEnvelope(body)),
      { headers },
    );
  }

  getRegistrationSetup(options: GetRegistrationSetupRequest): Promise<FieldSetup[]> {
    const url = cidaasUrls.fieldSetup(this.baseUrl, options.requestId, options.acceptlanguage);
    return this.get(url, (body) => parseFieldSetup(unwrapEnvelope(body)));
  }

  loginPrecheck(options: LoginPrecheckRequest): Promise<PreloginMetadata | null> {
    return this.get(cidaasUrls.preloginMetadata(this.baseUrl, options.track_id), (body) =>
      body === null ? null : parsePreloginMetadata(unwrapEnvelope(body)),
    );
  }

  firstTimeChangePassword(options: FirstTimeChangePasswordRequest, trackId: string): void {
    postForm(this.document, cidaasUrls.changePassword(this.baseUrl, trackId), {
      old_password: options.old_password,
      new_password: options.new_password,
      confirm_password: options.confirm_password,
    });
  }

  resetPassword(options: ResetPasswordRequest): void {
    postForm(this.document, cidaasUrls.resetPassword(this.baseUrl), {
      resetRequestId: options.resetRequestId,
      exchangeId: options.exchangeId,
      password: options.password,
      confirmPassword: options.confirmPassword,
    });
  }

  passwordForgotInitUrl(requestId: string, userIdHint?: string): string {
    return cidaasUrls.passwordForgotInit(this.baseUrl, requestId, userIdHint);
  }

  resolveRedirectUrl(requestId: string): string {
    return cidaasUrls.resolveRedirect(this.baseUrl, requestId);
  }

  /** GETs a cidaas URL and parses the body; every failure rejects with an `ApiError`. */
  private async get<T>(
    url: string,
    parse: (body: unknown) => T,
    options: Omit<GetJsonOptions, 'timeoutMs'> = {},
  ): Promise<T> {
    try {
      return parse(
        await getJson(this.fetch, url, { ...options, timeoutMs: CIDAAS_REQUEST_TIMEOUT_MS }),
      );
    } catch (error) {
      throw toApiError(error);
    }
  }
}

/**
 * The page's cidaas client: {@link FetchCidaasClient} by default. A deployment that can install
 * `cidaas-javascript-sdk` provides this token with the SDK's services instead (see `cidaasSdkClient`
 * in `cidaas-sdk-client.ts` and the README).
 */
export const CIDAAS_CLIENT = new InjectionToken<CidaasClient>('CIDAAS_CLIENT', {
  providedIn: 'root',
  factory: () => new FetchCidaasClient(inject(FETCH), inject(DOCUMENT), inject(CIDAAS_BASE_URL)),
});
