import { isRecord } from '../../contract/is-record';
import { HttpFailure } from '../config/fetch';
import { toApiError } from './api-error';
import type { CidaasClient } from './cidaas-client';
import type {
  FirstTimeChangePasswordRequest,
  GetRegistrationSetupRequest,
  LoginPrecheckRequest,
  ResetPasswordRequest,
} from '../../contract/cidaas-types';
import { cidaasUrls } from '../../contract/cidaas-urls';
import {
  parseClientInfo,
  parseFieldSetup,
  parsePreloginMetadata,
  unwrapEnvelope,
} from './parse-response';

/**
 * The methods of `cidaas-javascript-sdk`'s services (v5/v6: `new PublicService(configUserProvider)`
 * and so on) that the page calls, as the SDK declares them. Structural, so the SDK's own service
 * instances satisfy it without this project depending on the SDK.
 */
export interface CidaasSdkServices {
  readonly publicService: { getClientInfo(options: { requestId: string }): Promise<unknown> };
  readonly userService: {
    getRegistrationSetup(options: GetRegistrationSetupRequest): Promise<unknown>;
    resetPassword(options: ResetPasswordRequest): unknown;
  };
  readonly tokenService: { loginPrecheck(options: LoginPrecheckRequest): Promise<unknown> };
  readonly loginService: {
    firstTimeChangePassword(options: FirstTimeChangePasswordRequest, trackId: string): void;
  };
}

/** Whether a value is a JSON object. */
/**
 * Reads what an SDK GET resolved with. The SDK resolves every answer's parsed body, error bodies
 * included (`{ success: false, status: 400, code: 'PUB10002' }`), and `false` when the answer has no
 * body: a dropped connection as much as a 204 (`Helper.createHttpPromise`). Rejects with an `ApiError`
 * as our own client does; `false` is reported as a network failure (the page then carries on without
 * what it asked for, or offers a retry, rather than declare a track expired that may not be).
 */
async function sdkAnswer<T>(call: Promise<unknown>, parse: (body: unknown) => T): Promise<T> {
  let body: unknown;
  try {
    body = await call;
  } catch (error) {
    throw toApiError(error);
  }
  if (body === false) throw toApiError(new TypeError('no answer'));
  if (isRecord(body) && body['success'] === false && typeof body['status'] === 'number')
    throw toApiError(new HttpFailure(body['status'], body));
  try {
    return parse(body);
  } catch (error) {
    throw toApiError(error);
  }
}

/**
 * The page's {@link CidaasClient} on top of `cidaas-javascript-sdk`, for a deployment that can install
 * it: provide `CIDAAS_CLIENT` with `cidaasSdkClient({ publicService, userService, tokenService,
 * loginService }, baseUrl)` (see the README). The SDK sends E3 without our `Accept-Language` (it uses
 * its own locale setting) and has no request timeout; the form POSTs are the SDK's own.
 */
export function cidaasSdkClient(sdk: CidaasSdkServices, baseUrl: string): CidaasClient {
  return {
    getClientInfo: (options) =>
      sdkAnswer(sdk.publicService.getClientInfo({ requestId: options.requestId }), (body) =>
        parseClientInfo(unwrapEnvelope(body)),
      ),
    getRegistrationSetup: (options) =>
      sdkAnswer(sdk.userService.getRegistrationSetup(options), (body) =>
        parseFieldSetup(unwrapEnvelope(body)),
      ),
    loginPrecheck: (options) =>
      sdkAnswer(sdk.tokenService.loginPrecheck(options), (body) =>
        parsePreloginMetadata(unwrapEnvelope(body)),
      ),
    firstTimeChangePassword: (options, trackId) =>
      sdk.loginService.firstTimeChangePassword(options, trackId),
    resetPassword: (options) => void sdk.userService.resetPassword(options),
    passwordForgotInitUrl: (requestId, userIdHint) =>
      cidaasUrls.passwordForgotInit(baseUrl, requestId, userIdHint),
    resolveRedirectUrl: (requestId) => cidaasUrls.resolveRedirect(baseUrl, requestId),
  };
}
