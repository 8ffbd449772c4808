/**
 * The server side of the password_set page's Auth0 mode (production code).
 *
 * The post-login Action (`integrations/auth0/post-login-action.js`) sends the user to the page with
 * `?session_token=<HS256 JWT>&state=<Auth0 transaction state>`. The page then:
 * - `GET  /auth0/password_set/context?session_token=…` → `{ email, reason, expires_at, password_policy }`
 *   (the connection's Auth0 policy in our cidaas `PasswordPolicy` shape), or 400 `{ error: 'track_expired' }`;
 * - `POST /auth0/password_set` (urlencoded `session_token, state, password, confirm_password`, a real
 *   top-level form POST) → 302 to `https://<AUTH0_DOMAIN>/continue?state=…&session_token=<result>` on
 *   success, or 302 back to the page with `error=…` (cidaas contract codes) on failure;
 * - `GET  /auth0/password_set/cancel?state=…` → 302 to `/continue?state=…` without a token, which the
 *   Action answers with `access_denied` at the application: the "back to sign-in" way out.
 *
 * Configuration comes only from the environment ({@link auth0PasswordSetConfigFromEnv}); the client
 * secret and the token secret never reach the browser and are never logged.
 */
import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { ManagementClient, ManagementError } from 'auth0';

import { firstViolation, type PasswordPolicy } from '../../src/app/policy/password-policy';
import { signHs256, stringClaim, verifyHs256 } from './hs256';
import { cidaasPolicyFromAuth0, parseAuth0PasswordOptions, type Auth0PasswordOptions } from './policy';

/** Why the user is asked to change the password (the Action's `reason` claim). */
export type PasswordChangeReason = 'first_login' | 'admin_required';

/** The `iss` of the result token this server sends to `/continue`. */
export const RESULT_TOKEN_ISSUER = 'urn:password-set:auth0';

/** How long the result token is valid: the browser follows the redirect at once. */
export const RESULT_TOKEN_LIFETIME_SECONDS = 120;

/** The minimum length of `SESSION_TOKEN_SECRET`, so an HS256 key cannot be guessed. */
export const MINIMUM_SECRET_LENGTH = 32;

/** How long a policy read from the Management API is reused. */
export const POLICY_CACHE_MS = 5 * 60 * 1000;

/** Everything the Auth0 mode needs; built from the environment by {@link auth0PasswordSetConfigFromEnv}. */
export interface Auth0PasswordSetConfig {
  /** The tenant's domain (bare host, e.g. `acme.eu.auth0.com`): the `iss` of session tokens. */
  readonly domain: string;
  /** Where the tenant is reached: `https://<domain>`, or an `http://` loopback URL for the local emulator. */
  readonly baseUrl: string;
  /** The machine-to-machine application's client id (scopes `update:users`, `read:connections`). */
  readonly clientId: string;
  /** Its client secret. */
  readonly clientSecret: string;
  /** The secret shared with the Action (`SESSION_TOKEN_SECRET`). */
  readonly sessionTokenSecret: string;
  /** The database connection's name, sent with the password update. */
  readonly connectionName: string;
  /** Where the policy comes from: fixed options, or the connection read through the Management API. */
  readonly policySource: { readonly kind: 'static'; readonly options: Auth0PasswordOptions } | { readonly kind: 'connection'; readonly connectionId: string };
  /** The page's path, for the redirects back to it with `error=…`. */
  readonly pagePath: string;
}

/** Thrown when the environment lacks or misstates a setting; names the variables, never their values. */
export class Auth0ConfigError extends Error {
  override readonly name = 'Auth0ConfigError';
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/**
 * Reads the Auth0 mode's configuration: `AUTH0_DOMAIN`, `AUTH0_CLIENT_ID`, `AUTH0_CLIENT_SECRET`,
 * `SESSION_TOKEN_SECRET` (at least 32 characters), and the policy from `AUTH0_CONNECTION_POLICY`
 * (JSON of the connection's `options`) or `AUTH0_CONNECTION_ID` (read through the Management API).
 * Optional: `AUTH0_CONNECTION` (default `Username-Password-Authentication`), `AUTH0_PASSWORD_PAGE_PATH`
 * (default `/identity/password_set`), `AUTH0_BASE_URL` (only an `http://` loopback URL, for the local emulator;
 * refused when `NODE_ENV=production`).
 *
 * @throws {Auth0ConfigError} naming every missing or invalid variable.
 */
export function auth0PasswordSetConfigFromEnv(env: NodeJS.ProcessEnv): Auth0PasswordSetConfig {
  const problems: string[] = [];
  const required = (name: string): string => {
    const value = env[name]?.trim() ?? '';
    if (value === '') problems.push(`${name} is not set`);
    return value;
  };
  const domain = required('AUTH0_DOMAIN');
  const clientId = required('AUTH0_CLIENT_ID');
  const clientSecret = required('AUTH0_CLIENT_SECRET');
  const sessionTokenSecret = required('SESSION_TOKEN_SECRET');
  if (sessionTokenSecret !== '' && sessionTokenSecret.length < MINIMUM_SECRET_LENGTH) problems.push(`SESSION_TOKEN_SECRET must have at least ${MINIMUM_SECRET_LENGTH} characters`);
  if (domain !== '' && !/^[A-Za-z0-9.-]+(?::\d{1,5})?$/.test(domain)) problems.push('AUTH0_DOMAIN must be a bare host name such as acme.eu.auth0.com');

  let baseUrl = `https://${domain}`;
  const override = env['AUTH0_BASE_URL']?.trim();
  if (override) {
    const parsed = URL.canParse(override) ? new URL(override) : undefined;
    if (env['NODE_ENV'] === 'production') problems.push('AUTH0_BASE_URL is for the local emulator only and is refused when NODE_ENV is "production"');
    else if (parsed === undefined || parsed.protocol !== 'http:' || !isLoopbackHost(parsed.hostname)) problems.push('AUTH0_BASE_URL must be an http:// loopback URL (local emulator only)');
    else baseUrl = parsed.origin;
  }

  let policySource: Auth0PasswordSetConfig['policySource'] | undefined;
  const policyJson = env['AUTH0_CONNECTION_POLICY']?.trim();
  const connectionId = env['AUTH0_CONNECTION_ID']?.trim();
  if (policyJson) {
    try {
      policySource = { kind: 'static', options: parseAuth0PasswordOptions(JSON.parse(policyJson)) };
    } catch {
      problems.push('AUTH0_CONNECTION_POLICY is not valid JSON');
    }
  } else if (connectionId) {
    policySource = { kind: 'connection', connectionId };
  } else {
    problems.push('set AUTH0_CONNECTION_POLICY or AUTH0_CONNECTION_ID');
  }

  const pagePath = env['AUTH0_PASSWORD_PAGE_PATH']?.trim() || '/identity/password_set';
  if (!pagePath.startsWith('/') || pagePath.startsWith('//')) problems.push('AUTH0_PASSWORD_PAGE_PATH must be a path starting with one /');

  if (problems.length > 0 || policySource === undefined) throw new Auth0ConfigError(`Auth0 mode is misconfigured: ${problems.join('; ')}`);
  return {
    domain,
    baseUrl,
    clientId,
    clientSecret,
    sessionTokenSecret,
    connectionName: env['AUTH0_CONNECTION']?.trim() || 'Username-Password-Authentication',
    policySource,
    pagePath,
  };
}

/** A refusal or failure of the Management API, reduced to what the page can be told. */
export class Auth0DirectoryError extends Error {
  override readonly name = 'Auth0DirectoryError';

  /**
   * @param status The HTTP status of the Management API (0 when it could not be reached).
   * @param auth0Message Auth0's error message, used only to classify (never logged or forwarded).
   */
  constructor(
    readonly status: number,
    readonly auth0Message: string,
  ) {
    super(`Management API answered ${status}`);
  }
}

/** What the Auth0 mode needs from the tenant: the Management API, behind an interface for tests. */
export interface Auth0Directory {
  /** Sets the user's password in the database connection. @throws {Auth0DirectoryError} */
  setPassword(userId: string, password: string): Promise<void>;
  /** Clears `needsPasswordReset` (and the reason) in `app_metadata`. @throws {Auth0DirectoryError} */
  clearPasswordChangeFlag(userId: string): Promise<void>;
  /** Reads a connection's password options. @throws {Auth0DirectoryError} */
  connectionPasswordOptions(connectionId: string): Promise<Auth0PasswordOptions>;
}

/**
 * A `fetch` that sends the SDK's `https://<domain>/…` requests to a local base URL instead. The
 * official SDK always builds `https://<domain>` URLs (its `baseUrl` option is not exposed on the
 * ManagementClient) but accepts a custom `fetch`, so this is how it reaches the local emulator.
 */
export function redirectingFetch(domain: string, baseUrl: string): typeof fetch {
  const tenantOrigin = `https://${domain}`;
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
    if (url === undefined || !url.startsWith(`${tenantOrigin}/`)) return fetch(input, init);
    return fetch(baseUrl + url.slice(tenantOrigin.length), init);
  };
}

async function asDirectoryError<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ManagementError) {
      const message = typeof error.body === 'object' && error.body !== null ? Reflect.get(error.body, 'message') : error.body;
      throw new Auth0DirectoryError(error.statusCode ?? 0, typeof message === 'string' ? message : '');
    }
    throw new Auth0DirectoryError(0, '');
  }
}

/** The {@link Auth0Directory} of a real tenant (or the local emulator), through the official `auth0` SDK's ManagementClient. */
export function managementApiDirectory(config: Auth0PasswordSetConfig): Auth0Directory {
  const client = new ManagementClient({
    domain: config.domain,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    ...(config.baseUrl === `https://${config.domain}` ? {} : { fetch: redirectingFetch(config.domain, config.baseUrl) }),
  });
  return {
    setPassword: async (userId, password) => {
      await asDirectoryError(() => client.users.update(userId, { password, connection: config.connectionName }));
    },
    clearPasswordChangeFlag: async (userId) => {
      // Auth0 merges app_metadata key by key and removes keys set to null.
      await asDirectoryError(() => client.users.update(userId, { app_metadata: { needsPasswordReset: false, passwordResetReason: null } }));
    },
    connectionPasswordOptions: async (connectionId) => {
      const connection = await asDirectoryError(() => client.connections.get(connectionId));
      return parseAuth0PasswordOptions(connection.options);
    },
  };
}

/** A verified session token from the Action. */
export interface SessionTokenClaims {
  readonly sub: string;
  readonly email: string;
  readonly reason: PasswordChangeReason;
  readonly state: string;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

function isReason(value: unknown): value is PasswordChangeReason {
  return value === 'first_login' || value === 'admin_required';
}

/**
 * Verifies the Action's session token: HS256 signature with the shared secret, not expired, issued
 * by the tenant (`iss` is the domain, or `https://<domain>/`), with `sub`, `state` and a known
 * `reason`. Our own result tokens (`changed: true`) are refused, so one cannot stand in for the other.
 */
export function verifySessionToken(token: string, config: Auth0PasswordSetConfig, nowMs: number): SessionTokenClaims | undefined {
  if (token === '') return undefined;
  const verification = verifyHs256(token, config.sessionTokenSecret, Math.floor(nowMs / 1000));
  if (!verification.ok) return undefined;
  const claims = verification.claims;
  const issuer = claims['iss'];
  if (issuer !== config.domain && issuer !== `https://${config.domain}/`) return undefined;
  const sub = stringClaim(claims, 'sub');
  const state = stringClaim(claims, 'state');
  const reason = claims['reason'];
  const exp = claims['exp'];
  if (sub === undefined || state === undefined || !isReason(reason) || typeof exp !== 'number' || claims['changed'] !== undefined) return undefined;
  return { sub, state, reason, exp, email: stringClaim(claims, 'email') ?? '' };
}

/** Signs the result token `/continue` hands to `onContinuePostLogin`: proof that the change happened. */
export function signResultToken(config: Auth0PasswordSetConfig, claims: { readonly sub: string; readonly state: string }, nowMs: number): string {
  const now = Math.floor(nowMs / 1000);
  return signHs256(
    { iss: RESULT_TOKEN_ISSUER, sub: claims.sub, state: claims.state, changed: true, iat: now, exp: now + RESULT_TOKEN_LIFETIME_SECONDS },
    config.sessionTokenSecret,
  );
}

/** Options of {@link auth0PasswordSetRoutes}. */
export interface Auth0PasswordSetOptions {
  /** The Management API; default {@link managementApiDirectory}. */
  readonly directory?: Auth0Directory | undefined;
  /** The clock in epoch milliseconds; default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

function field(source: unknown, name: string): string {
  if (typeof source !== 'object' || source === null || !Object.hasOwn(source, name)) return '';
  const value: unknown = Reflect.get(source, name);
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** The cidaas-contract error a Management API refusal becomes. */
function errorForDirectoryFailure(error: Auth0DirectoryError): string {
  if (error.status === 400 && /PasswordHistoryError|previously used/i.test(error.auth0Message)) return 'password_already_used';
  if (error.status === 400 && /Password\w*Error|too weak/i.test(error.auth0Message)) return 'password_policy_violation';
  if (error.status === 429) return 'too_many_attempts';
  if (error.status === 404) return 'track_expired';
  return 'server_error';
}

/**
 * The Auth0 mode's routes (see the module comment). Mount it on the app that serves the page:
 * `app.use(auth0PasswordSetRoutes(auth0PasswordSetConfigFromEnv(process.env)))`. The page host's
 * CSP `form-action` must allow the tenant's origin, because the form POST ends in a redirect there.
 */
export function auth0PasswordSetRoutes(config: Auth0PasswordSetConfig, options: Auth0PasswordSetOptions = {}): Router {
  const directory = options.directory ?? managementApiDirectory(config);
  const now = options.now ?? Date.now;
  const router = Router();
  let cachedPolicy: { readonly policy: PasswordPolicy; readonly until: number } | undefined;

  const policy = async (): Promise<PasswordPolicy> => {
    if (config.policySource.kind === 'static') return cidaasPolicyFromAuth0(config.policySource.options);
    if (cachedPolicy !== undefined && cachedPolicy.until > now()) return cachedPolicy.policy;
    const fresh = cidaasPolicyFromAuth0(await directory.connectionPasswordOptions(config.policySource.connectionId));
    cachedPolicy = { policy: fresh, until: now() + POLICY_CACHE_MS };
    return fresh;
  };

  const backToPage = (res: Response, params: Readonly<Record<string, string>>): void => {
    const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== ''));
    res.redirect(302, `${config.pagePath}?${query.toString()}`);
  };

  router.use('/auth0/password_set', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get('/auth0/password_set/context', async (req: Request, res: Response) => {
    const claims = verifySessionToken(field(req.query, 'session_token'), config, now());
    if (claims === undefined) {
      res.status(400).json({ error: 'track_expired', error_description: 'The session token is missing, invalid or expired.' });
      return;
    }
    try {
      res.json({ email: claims.email, reason: claims.reason, expires_at: new Date(claims.exp * 1000).toISOString(), password_policy: await policy() });
    } catch (error) {
      console.error('auth0 password_set: could not read the password policy', error instanceof Auth0DirectoryError ? error.status : 'unknown error');
      res.status(502).json({ error: 'server_error', error_description: 'The password policy could not be read.' });
    }
  });

  router.get('/auth0/password_set/cancel', (req: Request, res: Response) => {
    const state = field(req.query, 'state');
    if (state === '') {
      res.status(400).json({ error: 'invalid_request', error_description: 'state is required.' });
      return;
    }
    res.redirect(302, `${config.baseUrl}/continue?${new URLSearchParams({ state }).toString()}`);
  });

  router.post('/auth0/password_set', express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 }), async (req: Request, res: Response) => {
    const sessionToken = field(req.body, 'session_token');
    const state = field(req.body, 'state');
    const password = field(req.body, 'password');
    const confirmation = field(req.body, 'confirm_password');
    const back = { session_token: sessionToken, state };

    const claims = verifySessionToken(sessionToken, config, now());
    // The token is bound to one Auth0 transaction: a state from elsewhere would resume the wrong one.
    if (claims === undefined || claims.state !== state) {
      // Echoed so the page stays in Auth0 mode (it keys on session_token); the page never trusts it.
      backToPage(res, { ...back, error: 'track_expired' });
      return;
    }
    if (password !== confirmation) {
      backToPage(res, { ...back, error: 'password_mismatch' });
      return;
    }
    let rules: PasswordPolicy;
    try {
      rules = await policy();
    } catch {
      backToPage(res, { ...back, error: 'server_error' });
      return;
    }
    const violation = password === '' ? 'minimumLength' : firstViolation(password, rules);
    if (violation !== undefined) {
      backToPage(res, { ...back, error: 'password_policy_violation', error_code: violation });
      return;
    }

    try {
      await directory.setPassword(claims.sub, password);
    } catch (error) {
      const code = error instanceof Auth0DirectoryError ? errorForDirectoryFailure(error) : 'server_error';
      if (code === 'server_error') console.error('auth0 password_set: the password update failed', error instanceof Auth0DirectoryError ? error.status : 'unknown error');
      backToPage(res, { ...back, error: code });
      return;
    }
    try {
      await directory.clearPasswordChangeFlag(claims.sub);
    } catch (error) {
      // The password is changed; the Action's onContinuePostLogin clears the flag as well, so the
      // user is not sent back here. Failing now would make them choose yet another password.
      console.error('auth0 password_set: clearing needsPasswordReset failed', error instanceof Auth0DirectoryError ? error.status : 'unknown error');
    }

    const result = signResultToken(config, { sub: claims.sub, state }, now());
    res.redirect(302, `${config.baseUrl}/continue?${new URLSearchParams({ state, session_token: result }).toString()}`);
  });

  // A body too large or malformed: answer plainly, never with a stack or the request echoed back.
  const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    const status: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'status') : undefined;
    const clientError = typeof status === 'number' && status >= 400 && status < 500;
    if (!clientError) console.error('auth0 password_set: internal error', error instanceof Error ? error.name : 'unknown error');
    res.status(clientError ? status : 500).json({ error: clientError ? 'invalid_request' : 'server_error' });
  };
  router.use('/auth0/password_set', errorHandler);

  return router;
}
