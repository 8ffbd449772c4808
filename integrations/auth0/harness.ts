/**
 * Runs an Auth0 post-login Action (plain JavaScript, `exports.onExecutePostLogin` and
 * `exports.onContinuePostLogin`) the way Auth0 does, with realistic `event` and `api` objects.
 * Used by the Action's tests and by the local Auth0 emulator (`server/auth0/emulator.ts`).
 *
 * What it reproduces from Auth0's runtime, with its sources:
 * - `api.redirect.encodeToken({ secret, expiresInSeconds = 900, payload })`: an HS256 JWT with the
 *   custom payload plus `sub` (the user id), `iss` (the tenant's domain), `exp`, `ip` (the address of
 *   the originating request) and `iat`; no `state`
 *   (https://auth0.com/docs/customize/actions/explore-triggers/signup-and-login-triggers/login-trigger/redirect-with-actions,
 *   "Pass data to the external site": the claims table and the 900-second default; `iat` as in a real
 *   tenant's token decoded at https://community.auth0.com/t/decode-session-token-in-continue-action/133463).
 *   Our decision: Auth0's claims win over payload claims of the same name (undocumented).
 * - `api.redirect.validateToken({ secret, tokenParameterName = 'session_token' })`: reads the token
 *   from the `/continue` query or body ("the name of the query or body parameter"), checks "the
 *   signature is valid", "the token is not expired" and "the `state` claim within the token matches
 *   the `state` parameter used as part of the redirect" (same page, "Pass information back to the
 *   Action"), and returns the claims; throws otherwise, with Auth0's message for a state mismatch
 *   (quoted in the community thread above). The signing and checking use `jsonwebtoken`, the JWT
 *   library Auth0 maintains (its synchronous API matches these synchronous methods).
 * - `api.redirect.sendUserTo(url, { query })`: the user leaves with `query` plus `state` appended
 *   ("Auth0 also passes a `state` parameter in that URL"). With `prompt=none` the login fails with
 *   `error=interaction_required` instead; in a refresh-token, password or resource-owner exchange a
 *   redirect is impossible ("Redirect Actions won't work with …", same page, "Restrictions and
 *   limitations"), which the harness reports by throwing.
 * - `api.access.deny(reason)`: the login ends with `access_denied`; deny wins over a redirect.
 * - `api.user.setAppMetadata(key, value)` / `setUserMetadata`: recorded and applied after the
 *   handler returns ("the engine will aggregate the changes and update the metadata at once",
 *   https://auth0.com/docs/customize/actions/explore-triggers/signup-and-login-triggers/login-trigger/post-login-api-object).
 */
import { resolve } from 'node:path';

import jwt from 'jsonwebtoken';

/** The default lifetime Auth0 gives `encodeToken` tokens ("Defaults to 900 seconds"). */
export const DEFAULT_ENCODE_TOKEN_SECONDS = 900;

/** The message Auth0's `validateToken` throws when the token's `state` is not the transaction's. */
export const STATE_MISMATCH_MESSAGE =
  'The session token is invalid: State in the token does not match the /continue state.';

/** The `event.transaction.protocol` values of exchanges that cannot redirect (Auth0's list for redirect Rules). */
export const NON_REDIRECTABLE_PROTOCOLS: readonly string[] = [
  'oauth2-refresh-token',
  'oauth2-password',
  'oauth2-resource-owner',
];

/** Where the Action's source lives. */
export const POST_LOGIN_ACTION_PATH = resolve(__dirname, 'post-login-action.js');

/** The claims of a token: any JSON object. */
export type TokenClaims = { readonly [claim: string]: unknown };

/** The user as an Action sees it in `event.user`. */
export interface ActionUser {
  readonly user_id: string;
  readonly email: string;
  readonly email_verified: boolean;
  readonly app_metadata: Readonly<Record<string, unknown>>;
  readonly user_metadata: Readonly<Record<string, unknown>>;
  /** "The last time the user's password was reset/changed. At user creation, this field does not exist." */
  readonly last_password_reset?: string | undefined;
}

/** The parts of Auth0's post-login `event` this harness fills in. */
export interface PostLoginEvent {
  readonly user: ActionUser;
  readonly stats: { readonly logins_count: number };
  readonly secrets: Readonly<Record<string, string>>;
  readonly client: { readonly client_id: string; readonly name: string };
  readonly connection: { readonly id: string; readonly name: string; readonly strategy: string };
  /** Present only when the login runs on a custom domain. */
  readonly custom_domain?:
    | { readonly domain: string; readonly domain_metadata: Readonly<Record<string, string>> }
    | undefined;
  readonly request: {
    readonly hostname: string;
    readonly ip: string;
    readonly method: string;
    readonly query: Readonly<Record<string, string>>;
    readonly body: Readonly<Record<string, string>>;
  };
  readonly transaction: {
    readonly id: string;
    readonly protocol: string;
    readonly redirect_uri: string;
    readonly prompt?: readonly string[] | undefined;
  };
}

/** One handler of an Action: `(event, api) => Promise<void>`. */
export type ActionHandler = (event: PostLoginEvent, api: PostLoginApi) => Promise<void> | void;

/** A loaded post-login Action. */
export interface PostLoginAction {
  readonly onExecutePostLogin: ActionHandler;
  readonly onContinuePostLogin: ActionHandler | undefined;
}

/** Options of `api.redirect.encodeToken`. */
export interface EncodeTokenOptions {
  readonly secret: string;
  readonly expiresInSeconds?: number;
  readonly payload?: Readonly<Record<string, unknown>>;
}

/** Options of `api.redirect.validateToken`. */
export interface ValidateTokenOptions {
  readonly secret: string;
  readonly tokenParameterName?: string;
}

/** The subset of Auth0's post-login `api` an Action for this flow may use. */
export interface PostLoginApi {
  readonly access: { deny(reason: string): void };
  readonly redirect: {
    encodeToken(options: EncodeTokenOptions): string;
    validateToken(options: ValidateTokenOptions): TokenClaims;
    sendUserTo(url: string, options?: { readonly query?: Readonly<Record<string, string>> }): void;
  };
  readonly user: {
    setAppMetadata(key: string, value: unknown): void;
    setUserMetadata(key: string, value: unknown): void;
  };
}

/** How a handler ended the login step. */
export type ActionOutcome =
  | { readonly kind: 'continue' }
  | { readonly kind: 'redirect'; readonly url: URL }
  | { readonly kind: 'deny'; readonly reason: string }
  /** Auth0 ends the login with an OAuth error of its own (a redirect asked for under `prompt=none`). */
  | { readonly kind: 'error'; readonly error: 'interaction_required' };

/** The result of running one handler. */
export interface ActionRun {
  readonly outcome: ActionOutcome;
  /** `setAppMetadata` calls in order, to apply to the stored user (`null` removes a key, as in Auth0). */
  readonly appMetadataUpdates: readonly (readonly [string, unknown])[];
  /** `setUserMetadata` calls in order. */
  readonly userMetadataUpdates: readonly (readonly [string, unknown])[];
}

/** The transaction context Auth0 keeps around an Action run. */
export interface TransactionContext {
  /** The tenant's domain, the `iss` of tokens Auth0 makes ("Hostname of your Auth0 tenant domain"). */
  readonly domain: string;
  /** The opaque transaction state Auth0 sends along a redirect and expects back at `/continue`. */
  readonly state: string;
  /** The clock in epoch milliseconds. */
  readonly now: () => number;
}

/** Thrown when an Action redirects in an exchange Auth0 cannot redirect (a refresh token, a password grant). */
export class RedirectNotPossibleError extends Error {
  override readonly name = 'RedirectNotPossibleError';
}

function isHandler(value: unknown): value is ActionHandler {
  return typeof value === 'function';
}

/**
 * Loads an Action's CommonJS source as Auth0 does (`exports.onExecutePostLogin = …`).
 * @throws when the module has no `onExecutePostLogin` function.
 */
export function loadPostLoginAction(path: string = POST_LOGIN_ACTION_PATH): PostLoginAction {
  // The Action is CommonJS, as Auth0 runs it: loaded with require, not as an ES module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module: unknown = require(path);
  const execute: unknown =
    typeof module === 'object' && module !== null
      ? Reflect.get(module, 'onExecutePostLogin')
      : undefined;
  const resume: unknown =
    typeof module === 'object' && module !== null
      ? Reflect.get(module, 'onContinuePostLogin')
      : undefined;
  if (!isHandler(execute)) throw new Error(`${path} does not export onExecutePostLogin`);
  return {
    onExecutePostLogin: execute,
    onContinuePostLogin: isHandler(resume) ? resume : undefined,
  };
}

/** Makes an `encodeToken` token exactly as Auth0 documents it for the given transaction and event. */
export function encodeActionToken(
  options: EncodeTokenOptions,
  context: TransactionContext,
  event: Pick<PostLoginEvent, 'user' | 'request'>,
): string {
  const iat = Math.floor(context.now() / 1000);
  const lifetime = options.expiresInSeconds ?? DEFAULT_ENCODE_TOKEN_SECONDS;
  const claims = {
    ...options.payload,
    iat,
    iss: context.domain,
    sub: event.user.user_id,
    exp: iat + lifetime,
    ip: event.request.ip,
  };
  return jwt.sign(claims, options.secret, { algorithm: 'HS256' });
}

function isClaims(value: unknown): value is TokenClaims {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a token the external site sent back, as `api.redirect.validateToken` does.
 * @throws an Error naming the failure (missing, malformed, signature, expired, state).
 */
export function validateActionToken(
  token: string | undefined,
  secret: string,
  context: TransactionContext,
): TokenClaims {
  if (token === undefined || token === '') throw new Error('The session token is missing.');
  const claims: unknown = jwt.verify(token, secret, {
    algorithms: ['HS256'],
    clockTimestamp: Math.floor(context.now() / 1000),
  });
  if (!isClaims(claims)) throw new Error('The session token is invalid.');
  if (claims['state'] !== context.state) throw new Error(STATE_MISMATCH_MESSAGE);
  return claims;
}

function withState(url: string, query: Readonly<Record<string, string>>, state: string): URL {
  const target = new URL(url);
  for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
  target.searchParams.set('state', state);
  return target;
}

/** Runs one handler with a fresh `api` bound to the event and transaction, and reports what it did. */
export async function runActionHandler(
  handler: ActionHandler,
  event: PostLoginEvent,
  context: TransactionContext,
): Promise<ActionRun> {
  let denial: string | undefined;
  let redirect: URL | undefined;
  const appMetadataUpdates: (readonly [string, unknown])[] = [];
  const userMetadataUpdates: (readonly [string, unknown])[] = [];
  const api: PostLoginApi = {
    access: {
      deny: (reason) => {
        denial = reason;
      },
    },
    redirect: {
      encodeToken: (options) => encodeActionToken(options, context, event),
      validateToken: (options) => {
        const name = options.tokenParameterName ?? 'session_token';
        return validateActionToken(
          event.request.query[name] ?? event.request.body[name],
          options.secret,
          context,
        );
      },
      sendUserTo: (url, options) => {
        redirect = withState(url, options?.query ?? {}, context.state);
      },
    },
    user: {
      setAppMetadata: (key, value) => {
        appMetadataUpdates.push([key, value]);
      },
      setUserMetadata: (key, value) => {
        userMetadataUpdates.push([key, value]);
      },
    },
  };
  await handler(event, api);
  let outcome: ActionOutcome;
  if (denial !== undefined) outcome = { kind: 'deny', reason: denial };
  else if (redirect === undefined) outcome = { kind: 'continue' };
  else if (NON_REDIRECTABLE_PROTOCOLS.includes(event.transaction.protocol)) {
    throw new RedirectNotPossibleError(
      `Auth0 cannot redirect in a ${event.transaction.protocol} exchange`,
    );
  } else if (event.transaction.prompt?.includes('none') === true)
    outcome = { kind: 'error', error: 'interaction_required' };
  else outcome = { kind: 'redirect', url: redirect };
  return { outcome, appMetadataUpdates, userMetadataUpdates };
}

/** Applies recorded metadata writes to a metadata object the way Auth0 merges them (`null` deletes). */
export function applyMetadataUpdates(
  metadata: Readonly<Record<string, unknown>>,
  updates: readonly (readonly [string, unknown])[],
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...metadata };
  for (const [key, value] of updates) {
    if (value === null || value === undefined) delete next[key];
    else next[key] = value;
  }
  return next;
}

/** Everything needed to build a post-login event; the rest gets realistic defaults. */
export interface EventInput {
  readonly user: ActionUser;
  readonly loginsCount: number;
  readonly secrets: Readonly<Record<string, string>>;
  /** The host the login runs on (`event.request.hostname`). */
  readonly hostname: string;
  /** The tenant's canonical domain; when it differs from `hostname`, the login runs on a custom domain. */
  readonly canonicalDomain?: string | undefined;
  readonly ip?: string | undefined;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: Readonly<Record<string, string>>;
  readonly method?: string;
  readonly redirectUri?: string;
  readonly clientId?: string;
  /** `event.transaction.protocol`; default `oidc-basic-profile` (a browser login with a code). */
  readonly protocol?: string | undefined;
  /** `event.transaction.prompt`, e.g. `['none']` for silent authentication. */
  readonly prompt?: readonly string[] | undefined;
}

/** Builds a post-login `event` like Auth0's for a database-connection login. */
export function buildPostLoginEvent(input: EventInput): PostLoginEvent {
  const onCustomDomain =
    input.canonicalDomain !== undefined && input.canonicalDomain !== input.hostname;
  return {
    user: input.user,
    stats: { logins_count: input.loginsCount },
    secrets: input.secrets,
    client: { client_id: input.clientId ?? 'demo-client', name: 'Demo application' },
    connection: { id: 'con_demo', name: 'Username-Password-Authentication', strategy: 'auth0' },
    // "only available in triggers where the request originates from a custom domain context"
    // (https://auth0.com/docs/customize/custom-domains/multiple-custom-domains/actions-integration).
    ...(onCustomDomain
      ? { custom_domain: { domain: input.hostname.replace(/:\d+$/, ''), domain_metadata: {} } }
      : {}),
    request: {
      hostname: input.hostname,
      ip: input.ip ?? '203.0.113.7',
      method: input.method ?? 'GET',
      query: input.query ?? {},
      body: input.body ?? {},
    },
    transaction: {
      id: 'txn_demo',
      protocol: input.protocol ?? 'oidc-basic-profile',
      redirect_uri: input.redirectUri ?? 'http://localhost/callback',
      ...(input.prompt === undefined ? {} : { prompt: input.prompt }),
    },
  };
}
