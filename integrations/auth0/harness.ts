/**
 * Runs an Auth0 post-login Action (plain JavaScript, `exports.onExecutePostLogin` and
 * `exports.onContinuePostLogin`) the way Auth0 does, with realistic `event` and `api` objects.
 * Used by the Action's tests and by the local Auth0 emulator (`server/auth0/emulator.ts`).
 *
 * What it reproduces from Auth0's runtime:
 * - `api.redirect.encodeToken({ secret, expiresInSeconds = 900, payload })`: an HS256 JWT with the
 *   custom payload plus `iss` (the tenant domain), `sub` (the user id), `iat`, `exp` and `state`
 *   (the transaction's state); Auth0's claims win over payload claims of the same name.
 * - `api.redirect.validateToken({ secret, tokenParameterName = 'session_token' })`: reads the token
 *   from the `/continue` query or body, checks the signature, the expiry and that its `state` is
 *   this transaction's, and returns the claims; throws otherwise.
 * - `api.redirect.sendUserTo(url, { query })`: the user leaves with `query` plus `state` appended.
 * - `api.access.deny(reason)`: the login ends with `access_denied`; deny wins over a redirect.
 * - `api.user.setAppMetadata(key, value)` / `setUserMetadata`: recorded and applied after the
 *   handler returns (Auth0 batches these writes too).
 */
import { resolve } from 'node:path';

import { signHs256, stringClaim, verifyHs256, type JwtClaims } from '../../server/auth0/hs256';

/** The default lifetime Auth0 gives `encodeToken` tokens. */
export const DEFAULT_ENCODE_TOKEN_SECONDS = 900;

/** Where the Action's source lives. */
export const POST_LOGIN_ACTION_PATH = resolve(__dirname, 'post-login-action.js');

/** The user as an Action sees it in `event.user`. */
export interface ActionUser {
  readonly user_id: string;
  readonly email: string;
  readonly email_verified: boolean;
  readonly app_metadata: Readonly<Record<string, unknown>>;
  readonly user_metadata: Readonly<Record<string, unknown>>;
}

/** The parts of Auth0's post-login `event` this harness fills in. */
export interface PostLoginEvent {
  readonly user: ActionUser;
  readonly stats: { readonly logins_count: number };
  readonly secrets: Readonly<Record<string, string>>;
  readonly client: { readonly client_id: string; readonly name: string };
  readonly connection: { readonly id: string; readonly name: string; readonly strategy: string };
  readonly request: {
    readonly hostname: string;
    readonly ip: string;
    readonly method: string;
    readonly query: Readonly<Record<string, string>>;
    readonly body: Readonly<Record<string, string>>;
  };
  readonly transaction: { readonly id: string; readonly protocol: string; readonly redirect_uri: string };
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
    validateToken(options: ValidateTokenOptions): JwtClaims;
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
  | { readonly kind: 'deny'; readonly reason: string };

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
  /** The tenant domain, the `iss` of tokens Auth0 makes (e.g. `tenant.eu.auth0.com`). */
  readonly domain: string;
  /** The opaque transaction state Auth0 sends along a redirect and expects back at `/continue`. */
  readonly state: string;
  /** The clock in epoch milliseconds. */
  readonly now: () => number;
}

function isHandler(value: unknown): value is ActionHandler {
  return typeof value === 'function';
}

/**
 * Loads an Action's CommonJS source as Auth0 does (`exports.onExecutePostLogin = …`).
 * @throws when the module has no `onExecutePostLogin` function.
 */
export function loadPostLoginAction(path: string = POST_LOGIN_ACTION_PATH): PostLoginAction {
  const module: unknown = require(path);
  const execute: unknown = typeof module === 'object' && module !== null ? Reflect.get(module, 'onExecutePostLogin') : undefined;
  const resume: unknown = typeof module === 'object' && module !== null ? Reflect.get(module, 'onContinuePostLogin') : undefined;
  if (!isHandler(execute)) throw new Error(`${path} does not export onExecutePostLogin`);
  return { onExecutePostLogin: execute, onContinuePostLogin: isHandler(resume) ? resume : undefined };
}

/** Makes an `encodeToken` token exactly as Auth0 does for the given transaction and user. */
export function encodeActionToken(options: EncodeTokenOptions, context: TransactionContext, userId: string): string {
  const nowSeconds = Math.floor(context.now() / 1000);
  const lifetime = options.expiresInSeconds ?? DEFAULT_ENCODE_TOKEN_SECONDS;
  return signHs256(
    { ...options.payload, iss: context.domain, sub: userId, iat: nowSeconds, exp: nowSeconds + lifetime, state: context.state },
    options.secret,
  );
}

/**
 * Validates a token the external site sent back, as `api.redirect.validateToken` does.
 * @throws an Error naming the failure (missing, malformed, signature, expired, state).
 */
export function validateActionToken(token: string | undefined, secret: string, context: TransactionContext): JwtClaims {
  if (token === undefined || token === '') throw new Error('validateToken: no token in the request');
  const verification = verifyHs256(token, secret, Math.floor(context.now() / 1000));
  if (!verification.ok) throw new Error(`validateToken: ${verification.failure}`);
  if (stringClaim(verification.claims, 'state') !== context.state) throw new Error('validateToken: state mismatch');
  return verification.claims;
}

function withState(url: string, query: Readonly<Record<string, string>>, state: string): URL {
  const target = new URL(url);
  for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
  target.searchParams.set('state', state);
  return target;
}

/** Runs one handler with a fresh `api` bound to the event and transaction, and reports what it did. */
export async function runActionHandler(handler: ActionHandler, event: PostLoginEvent, context: TransactionContext): Promise<ActionRun> {
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
      encodeToken: (options) => encodeActionToken(options, context, event.user.user_id),
      validateToken: (options) => {
        const name = options.tokenParameterName ?? 'session_token';
        return validateActionToken(event.request.query[name] ?? event.request.body[name], options.secret, context);
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
  const outcome: ActionOutcome =
    denial !== undefined ? { kind: 'deny', reason: denial } : redirect !== undefined ? { kind: 'redirect', url: redirect } : { kind: 'continue' };
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
  readonly domain: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: Readonly<Record<string, string>>;
  readonly method?: string;
  readonly redirectUri?: string;
  readonly clientId?: string;
}

/** Builds a post-login `event` like Auth0's for a database-connection login. */
export function buildPostLoginEvent(input: EventInput): PostLoginEvent {
  return {
    user: input.user,
    stats: { logins_count: input.loginsCount },
    secrets: input.secrets,
    client: { client_id: input.clientId ?? 'demo-client', name: 'Demo application' },
    connection: { id: 'con_demo', name: 'Username-Password-Authentication', strategy: 'auth0' },
    request: {
      hostname: input.domain,
      ip: '127.0.0.1',
      method: input.method ?? 'GET',
      query: input.query ?? {},
      body: input.body ?? {},
    },
    transaction: { id: 'txn_demo', protocol: 'oidc-basic-profile', redirect_uri: input.redirectUri ?? 'http://localhost/callback' },
  };
}
