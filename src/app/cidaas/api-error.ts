import { isRecord } from '../../contract/is-record';
import { HttpFailure } from '../config/fetch';

/**
 * Every way a cidaas call can fail, as one closed union. Built once at the edge by {@link toApiError};
 * the UI maps each kind with an exhaustive `switch`.
 */
export type ApiError =
  /** The request never got an answer: offline, DNS, connection dropped, CORS. */
  | { readonly kind: 'network' }
  /** The request took longer than the client waits. */
  | { readonly kind: 'timeout' }
  /** cidaas rejected an identifier as malformed (e.g. `PUB10001`, a `requestId` that is not a UUID). */
  | { readonly kind: 'invalid-request'; readonly code: string | null }
  /** The `requestId` or `lsid` is unknown, expired or already used (e.g. `PUB10002`, E7 204). */
  | { readonly kind: 'expired'; readonly code: string | null }
  /** cidaas failed (5xx) or answered with a status we do not expect. */
  | { readonly kind: 'server'; readonly status: number }
  /** cidaas answered 2xx with a body that is not what the contract promises. */
  | { readonly kind: 'bad-response' };

/** Every {@link ApiError} kind, e.g. for checking that each one has a translation. */
export const API_ERROR_KINDS = [
  'network',
  'timeout',
  'invalid-request',
  'expired',
  'server',
  'bad-response',
] as const;

/** The kind of an {@link ApiError}. */
export type ApiErrorKind = ApiError['kind'];

/** cidaas codes that mean "this request id does not exist (any more)". */
const EXPIRED_CODES = new Set(['PUB10002']);

/** Reads the cidaas error code from any of the envelopes cidaas uses (`code`, `error.code`). */
export function cidaasErrorCode(body: unknown): string | null {
  if (!isRecord(body)) return null;
  const code = body['code'];
  if (typeof code === 'string' || typeof code === 'number') return String(code);
  const error = body['error'];
  if (isRecord(error)) {
    const nested = error['code'];
    if (typeof nested === 'string' || typeof nested === 'number') return String(nested);
  }
  return null;
}

/** Whether a value is an {@link ApiError} already. */
export function isApiError(value: unknown): value is ApiError {
  return (
    isRecord(value) &&
    typeof value['kind'] === 'string' &&
    (API_ERROR_KINDS as readonly string[]).includes(value['kind'])
  );
}

/**
 * Normalizes anything a cidaas call can throw into an {@link ApiError}. Pure; the one place where
 * HTTP statuses and cidaas codes are interpreted. `fetch` rejects with a `TypeError` when the network
 * fails; `getJson` throws a `TimeoutError` or an {@link HttpFailure}.
 */
export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  if (isRecord(error) && error['name'] === 'TimeoutError') return { kind: 'timeout' };
  if (error instanceof TypeError) return { kind: 'network' };
  if (!(error instanceof HttpFailure)) return { kind: 'bad-response' };
  const { status } = error;
  if (status >= 200 && status < 300) return { kind: 'bad-response' };
  const code = cidaasErrorCode(error.body);
  if (code !== null && EXPIRED_CODES.has(code)) return { kind: 'expired', code };
  if (status === 404 || status === 410) return { kind: 'expired', code };
  if (status === 400 || status === 422) return { kind: 'invalid-request', code };
  return { kind: 'server', status };
}
