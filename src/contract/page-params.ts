import { PolicyRuleId, POLICY_RULE_IDS } from './password-policy';

/** cidaas identifiers (`lsid`, `requestId`) are UUIDs. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a UUID, the shape of every cidaas identifier the page accepts. */
export function isUuid(value: string | null | undefined): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * Error codes cidaas (and our emulator) send back to the page after a failed submit: the one list the
 * page reads and the emulator sends (see the contract's error table).
 */
export const URL_ERROR_CODES = [
  'invalid_old_password',
  'password_mismatch',
  'password_policy_violation',
  'password_already_used',
  'password_same_as_old',
  'password_compromised',
  'track_expired',
  'too_many_attempts',
  // An empty new password that no policy rule forbids (our decision: cidaas does not document it).
  'invalid_request',
] as const;

/** A known error code from the URL. */
export type UrlErrorCode = (typeof URL_ERROR_CODES)[number];

/** An error that came back in the page URL (`error`, `error_description`, `error_code`, `retry_after`). */
export type UrlError =
  | { readonly code: Exclude<UrlErrorCode, 'password_policy_violation' | 'too_many_attempts'> }
  | { readonly code: 'password_policy_violation'; readonly rule: PolicyRuleId | null }
  | { readonly code: 'too_many_attempts'; readonly retryAfterSeconds: number | null }
  /**
   * A code we do not know: shown with a generic message. `supportCode` is the code to mention to
   * support, only when it looks like a code ({@link supportCodeOf}); `null` for anything else.
   */
  | { readonly code: 'unknown'; readonly supportCode: string | null };

/** Why the page cannot offer the form, decided from the URL alone. */
export type LinkProblem =
  | 'missing-lsid'
  | 'missing-request-id'
  | 'malformed-lsid'
  | 'malformed-request-id'
  | 'malformed-reset'
  /** An Auth0 link whose session token or state is missing or malformed. */
  | 'malformed-session'
  /** Both a change-password track (`lsid`) and a reset request (`rprq`): we cannot tell which flow this is. */
  | 'ambiguous-mode';

/** How the new password is submitted to cidaas: the login's precheck (E8) or forgot-password (E11). */
export type CidaasTarget =
  | { readonly mode: 'change'; readonly lsid: string }
  | { readonly mode: 'reset'; readonly rprq: string; readonly exchangeId: string };

/** Auth0 mode: the post-login Action sent the user here with a signed session token and its state. */
export interface Auth0Target {
  readonly mode: 'auth0';
  readonly sessionToken: string;
  readonly state: string;
}

/** How and where the new password is submitted. */
export type SubmitTarget = CidaasTarget | Auth0Target;

/** The mode of the page: changing a known password at login, or resetting a forgotten one. */
export type PageMode = SubmitTarget['mode'];

/** The page parameters, read from the URL. */
export type PageParams =
  | {
      readonly ok: true;
      readonly platform: 'cidaas';
      readonly target: CidaasTarget;
      readonly requestId: string;
      readonly uiLocales: string | null;
      readonly error: UrlError | null;
    }
  | {
      readonly ok: true;
      readonly platform: 'auth0';
      readonly target: Auth0Target;
      readonly uiLocales: string | null;
      readonly error: UrlError | null;
    }
  | {
      readonly ok: false;
      readonly problem: LinkProblem;
      /** The `requestId` when it is usable, so the page can still offer "sign in again". */
      readonly requestId: string | null;
      readonly uiLocales: string | null;
    };

/** Longest value we look at; anything longer is treated as malformed without further parsing. */
const MAX_PARAM_LENGTH = 200;

/** Auth0 session tokens are JWTs: longer than identifiers, but still bounded. */
const MAX_TOKEN_LENGTH = 4096;

/** A JWT's shape: three base64url parts. */
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function first(params: URLSearchParams, ...names: string[]): string | null {
  for (const name of names) {
    const value = params.get(name);
    if (value !== null && value !== '')
      return value.length > MAX_PARAM_LENGTH ? value.slice(0, MAX_PARAM_LENGTH + 1) : value;
  }
  return null;
}

function isKnownCode(code: string): code is UrlErrorCode {
  return (URL_ERROR_CODES as readonly string[]).includes(code);
}

function isRuleId(value: string | null): value is PolicyRuleId {
  return value !== null && (POLICY_RULE_IDS as readonly string[]).includes(value);
}

/**
 * cidaas' error ids (`error_code`) whose meaning is one of our codes. VER_0120: the compromised
 * password of the documented failure redirect of `?action=acceptreset`
 * (docs.cidaas.com/openapi/4.0.4/password-management/post-reset-password-accept). VER_0006 (invalid
 * `requestId` or `resetRequestId`) and VER_0007 (`password_already_resetted`): the reset link can no
 * longer be used (docs.cidaas.com/faq/verification-actions-service-error-code).
 */
const CIDAAS_ERROR_IDS: ReadonlyMap<string, UrlErrorCode> = new Map([
  ['VER_0120', 'password_compromised'],
  ['VER_0006', 'track_expired'],
  ['VER_0007', 'track_expired'],
]);

/** cidaas' own `error` names (same docs page) that mean one of our codes. */
const CIDAAS_ERROR_NAMES: ReadonlyMap<string, UrlErrorCode> = new Map([
  ['password_already_resetted', 'track_expired'],
]);

// HTTP reason phrases (RFC 9110, section 15) cidaas may put in `error` (`error=Bad+Request`): not codes.
const REASON_PHRASES = new Set(
  'bad request|unauthorized|forbidden|not found|conflict|gone|too many requests|internal server error|bad gateway|service unavailable|gateway timeout'.split(
    '|',
  ),
);

/** Whether a value is an HTTP reason phrase (any case, with spaces, `_` or `-` between the words). */
export function isReasonPhrase(value: string): boolean {
  return REASON_PHRASES.has(
    value
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, ' '),
  );
}

// A code in `error`: the contract's shape, with a letter and at most six digits, so that no phone number fits.
const ERROR_CODE_SHAPE = /^(?=[^a-z]*[a-z])(?!(?:\D*\d){7})[a-z0-9_.-]{1,40}$/;
// A cidaas error id in `error_code` (VER_0120, PUB10002).
const ERROR_ID_SHAPE = /^[A-Z]{2,8}_?\d{1,6}$/;

/**
 * The code the page may show for support, or `null`. `error` and `error_code` are whatever the link
 * says, so an attacker can write anything there ("Call our hotline …", markup, bidi overrides): only
 * a value shaped like a code is shown (`error` as the contract's `^[a-z0-9_.-]{1,40}$` with a letter
 * and at most six digits; else `error_code` as a cidaas id such as `VER_0120`), never a reason phrase.
 */
export function supportCodeOf(error: string | null, errorCode: string | null): string | null {
  if (error !== null && ERROR_CODE_SHAPE.test(error) && !isReasonPhrase(error)) return error;
  if (errorCode !== null && ERROR_ID_SHAPE.test(errorCode)) return errorCode;
  return null;
}

/** The longest wait `retry_after` may announce (a day); a larger or malformed value says "a while". */
const MAX_RETRY_AFTER_SECONDS = 86_400;

function retryAfterSecondsOf(value: string | null): number | null {
  if (value === null || !/^\d{1,6}$/.test(value)) return null;
  const seconds = Number(value);
  return seconds > 0 && seconds <= MAX_RETRY_AFTER_SECONDS ? seconds : null;
}

/** Our code for what the URL says: `error_code` first (a cidaas id, a rule id, one of ours), then `error`. */
function meaningOf(error: string | null, errorCode: string | null): UrlErrorCode | null {
  if (errorCode !== null) {
    const fromId = CIDAAS_ERROR_IDS.get(errorCode.toUpperCase());
    if (fromId) return fromId;
    if (isRuleId(errorCode)) return 'password_policy_violation';
    const lower = errorCode.toLowerCase();
    if (isKnownCode(lower)) return lower;
  }
  if (error === null) return null;
  const lower = error.trim().toLowerCase();
  return isKnownCode(lower) ? lower : (CIDAAS_ERROR_NAMES.get(lower) ?? null);
}

/**
 * Reads the error cidaas appended to the URL, if any. cidaas documents its failure redirect as
 * `error=Bad+Request&error_description=The+password+is+compromised&error_code=VER_0120`: `error` is an
 * HTTP reason phrase there and the meaning is in `error_code`. So the meaning comes from `error_code`
 * first (a cidaas id such as `VER_0120`, a policy rule id, or one of our codes), then from `error`
 * when it is one of our codes. `error_description` is never read: it is not in the user's language,
 * and anyone can write anything there.
 */
export function parseUrlError(params: URLSearchParams): UrlError | null {
  const error = first(params, 'error');
  const errorCode = first(params, 'error_code')?.trim() ?? null;
  if (error === null && errorCode === null) return null;
  const code = meaningOf(error, errorCode);
  switch (code) {
    case null:
      return { code: 'unknown', supportCode: supportCodeOf(error, errorCode) };
    case 'password_policy_violation':
      return { code, rule: isRuleId(errorCode) ? errorCode : null };
    case 'too_many_attempts':
      return { code, retryAfterSeconds: retryAfterSecondsOf(first(params, 'retry_after')) };
    default:
      return { code };
  }
}

/** Reads Auth0 mode's `session_token` and `state`, or `null` when the URL is not an Auth0 one. */
function auth0Target(params: URLSearchParams): Auth0Target | 'malformed-session' | null {
  const token = params.get('session_token');
  if (token === null) return null;
  const state = params.get('state');
  if (
    token.length > MAX_TOKEN_LENGTH ||
    !JWT.test(token) ||
    !state ||
    state.length > MAX_TOKEN_LENGTH
  )
    return 'malformed-session';
  return { mode: 'auth0', sessionToken: token, state };
}

/** Decides the submit target from the URL: `lsid` means change mode, `rprq` + `exchangeId` reset mode. */
function submitTarget(params: URLSearchParams): CidaasTarget | LinkProblem {
  const lsid = first(params, 'lsid', 'track_id', 'trackId');
  const rprq = first(params, 'rprq');
  const exchangeId = first(params, 'exchangeId', 'exchangeid');
  if (lsid !== null && (rprq !== null || exchangeId !== null)) return 'ambiguous-mode';
  if (rprq !== null || exchangeId !== null) {
    return isUuid(rprq) && isUuid(exchangeId)
      ? { mode: 'reset', rprq, exchangeId }
      : 'malformed-reset';
  }
  if (lsid === null) return 'missing-lsid';
  return isUuid(lsid) ? { mode: 'change', lsid } : 'malformed-lsid';
}

/**
 * Reads the page parameters from a query string. Change mode: `lsid` (aliases `track_id`, `trackId`:
 * SDK v5 renamed it) and `requestId`. Reset mode (end of forgot-password): `requestId`, `rprq` and
 * `exchangeId` (also spelled `exchangeid`). Auth0 mode: `session_token` and `state` from the
 * post-login Action. Unknown parameters are ignored.
 */
export function parsePageParams(search: string | URLSearchParams): PageParams {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const requestIdRaw = first(params, 'requestId');
  const uiLocalesRaw = first(params, 'ui_locales');
  const uiLocales = uiLocalesRaw && uiLocalesRaw.length <= MAX_PARAM_LENGTH ? uiLocalesRaw : null;
  const requestId = isUuid(requestIdRaw) ? requestIdRaw : null;
  const auth0 = auth0Target(params);
  if (auth0 === 'malformed-session') return { ok: false, problem: auth0, requestId, uiLocales };
  if (auth0 !== null)
    return { ok: true, platform: 'auth0', target: auth0, uiLocales, error: parseUrlError(params) };
  const target = submitTarget(params);
  if (typeof target === 'string') return { ok: false, problem: target, requestId, uiLocales };
  if (requestIdRaw === null)
    return { ok: false, problem: 'missing-request-id', requestId, uiLocales };
  if (requestId === null)
    return { ok: false, problem: 'malformed-request-id', requestId, uiLocales };
  return {
    ok: true,
    platform: 'cidaas',
    target,
    requestId,
    uiLocales,
    error: parseUrlError(params),
  };
}
