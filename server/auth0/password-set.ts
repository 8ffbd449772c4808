/**
 * The server side of the password_set page's Auth0 mode (production code).
 *
 * The post-login Action (`integrations/auth0/post-login-action.js`) sends the user to the page with
 * `?session_token=<HS256 JWT>&state=<Auth0 transaction state>`: the token as Auth0's
 * `api.redirect.encodeToken` makes it (`iat`, `iss`, `sub`, `exp`, `ip` and the Action's `reason`;
 * no `state` and no email), the state appended by Auth0 itself (see `session-tokens.ts`). The page then:
 * - `GET  /auth0/password_set/context?session_token=…` → `{ email, reason, expires_at, password_policy }`
 *   (the email read from the user's profile, the connection's Auth0 policy in our cidaas
 *   `PasswordPolicy` shape), or 400 `{ error: 'track_expired' }` for a token that is invalid, too old,
 *   or already used;
 * - `POST /auth0/password_set` (urlencoded `session_token, state, password, confirm_password`, and the
 *   page's language as `ui_locales`; a real top-level form POST) → on success a small page that POSTs
 *   `state` and a result token to `https://<tenant>/continue` (`continue-page.ts`); on failure a 302
 *   back to the page with `error=…` (cidaas contract codes);
 * - `GET  /auth0/password_set/cancel?state=…` → 302 to `/continue?state=…` without a token, which the
 *   Action answers with `access_denied` at the application: the "cancel and sign out" way out.
 *
 * **Single use without shared state.** Before setting a password the server reads the user through the
 * Management API and refuses unless the user still has to change the password and has not changed it
 * since the token was issued (`last_password_reset`). A token is therefore spent by its first
 * successful use, on every instance of this server, with nothing stored here.
 *
 * Configuration comes only from the environment ({@link auth0PasswordSetConfigFromEnv}); the client
 * secret and the token secret never reach the browser and are never logged.
 */
import { isRecord } from '../../src/contract/is-record';
import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { errorStatus } from '../error-status';
import { ManagementClient, ManagementError } from 'auth0';

import { firstViolation, type PasswordPolicy } from '../../src/contract/password-policy';
import { CONTINUE_SCRIPT, CONTINUE_SCRIPT_PATH, renderContinuePage } from './continue-page';
import {
  cidaasPolicyFromAuth0,
  parseAuth0PasswordOptions,
  type Auth0PasswordOptions,
} from './policy';
import {
  signResultToken,
  tenantIssuers,
  verifySessionToken,
  type PasswordChangeReason,
  type SessionTokenClaims,
} from './session-tokens';

/** The minimum length of `SESSION_TOKEN_SECRET`, so an HS256 key cannot be guessed. */
export const MINIMUM_SECRET_LENGTH = 32;

/** How long a policy read from the Management API is reused. */
export const POLICY_CACHE_MS = 5 * 60 * 1000;

/** The longest `state` accepted from the page (Auth0's is an opaque string of a few hundred characters at most). */
export const MAX_STATE_LENGTH = 4096;

/** Everything the Auth0 mode needs; built from the environment by {@link auth0PasswordSetConfigFromEnv}. */
export interface Auth0PasswordSetConfig {
  /** The tenant's canonical domain (bare host, e.g. `acme.eu.auth0.com`): the Management API is called there. */
  readonly domain: string;
  /** The custom domain users sign in on (bare host, e.g. `login.acme.com`), if the tenant has one. */
  readonly customDomain: string | undefined;
  /** Where the Management API is reached: `https://<domain>`, or an `http://` loopback URL for the local emulator. */
  readonly managementBaseUrl: string;
  /** The tenant's `/continue` on the domain the login runs on: the custom domain when set, else the canonical one. */
  readonly continueUrl: string;
  /** The `iss` values accepted on session tokens: both domains, bare and as `https://<domain>/`. */
  readonly issuers: readonly string[];
  /** The machine-to-machine application's client id (scopes `read:users`, `update:users`, `read:connections`). */
  readonly clientId: string;
  /** Its client secret. */
  readonly clientSecret: string;
  /** The secret shared with the Action (`SESSION_TOKEN_SECRET`). */
  readonly sessionTokenSecret: string;
  /** The database connection's name, sent with the password update. */
  readonly connectionName: string;
  /** Where the policy comes from: fixed options, or the connection read through the Management API. */
  readonly policySource:
    | { readonly kind: 'static'; readonly options: Auth0PasswordOptions }
    | { readonly kind: 'connection'; readonly connectionId: string };
  /** The page's path, for the redirects back to it with `error=…`. */
  readonly pagePath: string;
}

/** Thrown when the environment lacks or misstates a setting; names the variables, never their values. */
export class Auth0ConfigError extends Error {
  override readonly name = 'Auth0ConfigError';
}

const HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$/;

function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/**
 * Reads the Auth0 mode's configuration: `AUTH0_DOMAIN` (the tenant's canonical domain),
 * `AUTH0_CLIENT_ID`, `AUTH0_CLIENT_SECRET`, `SESSION_TOKEN_SECRET` (at least 32 characters), and the
 * policy from `AUTH0_CONNECTION_POLICY` (JSON of the connection's `options`) or `AUTH0_CONNECTION_ID`
 * (read through the Management API). Optional: `AUTH0_CUSTOM_DOMAIN` (the domain users sign in on,
 * when the tenant has one), `AUTH0_CONNECTION` (default `Username-Password-Authentication`),
 * `AUTH0_PASSWORD_PAGE_PATH` (default `/identity/password_set`), `AUTH0_BASE_URL` (only an `http://`
 * loopback URL standing in for `https://<AUTH0_DOMAIN>`, for the local emulator; with it a custom
 * domain must be a loopback host too and is reached over `http:`; refused when `NODE_ENV=production`).
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
  if (sessionTokenSecret !== '' && sessionTokenSecret.length < MINIMUM_SECRET_LENGTH)
    problems.push(`SESSION_TOKEN_SECRET must have at least ${MINIMUM_SECRET_LENGTH} characters`);
  if (domain !== '' && !HOST.test(domain))
    problems.push('AUTH0_DOMAIN must be a bare host name such as acme.eu.auth0.com');
  const customDomain = env['AUTH0_CUSTOM_DOMAIN']?.trim() || undefined;
  if (customDomain !== undefined && !HOST.test(customDomain))
    problems.push('AUTH0_CUSTOM_DOMAIN must be a bare host name such as login.acme.com');

  let managementBaseUrl = `https://${domain}`;
  let scheme = 'https:';
  const override = env['AUTH0_BASE_URL']?.trim();
  if (override) {
    const parsed = URL.canParse(override) ? new URL(override) : undefined;
    if (env['NODE_ENV'] === 'production')
      problems.push(
        'AUTH0_BASE_URL is for the local emulator only and is refused when NODE_ENV is "production"',
      );
    else if (
      parsed === undefined ||
      parsed.protocol !== 'http:' ||
      !isLoopbackHost(parsed.hostname)
    )
      problems.push('AUTH0_BASE_URL must be an http:// loopback URL (local emulator only)');
    else {
      managementBaseUrl = parsed.origin;
      scheme = 'http:';
      if (
        customDomain !== undefined &&
        HOST.test(customDomain) &&
        !isLoopbackHost(new URL(`http://${customDomain}`).hostname)
      ) {
        problems.push(
          'AUTH0_CUSTOM_DOMAIN must be a loopback host when AUTH0_BASE_URL is set (local emulator only)',
        );
      }
    }
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
  if (!pagePath.startsWith('/') || pagePath.startsWith('//'))
    problems.push('AUTH0_PASSWORD_PAGE_PATH must be a path starting with one /');

  if (problems.length > 0 || policySource === undefined)
    throw new Auth0ConfigError(`Auth0 mode is misconfigured: ${problems.join('; ')}`);
  // Auth0: the login transaction lives on the domain it started on, so /continue must be on the
  // custom domain when users sign in there ("If you're using a custom domain:
  // https://{yourAuth0CustomDomain}/continue?state=…", https://auth0.com/docs/customize/rules/redirect-users),
  // while the Management API is called on the canonical domain ("Continue to use your default tenant
  // domain name … https://{yourDomain}/api/v2/", https://auth0.com/docs/customize/custom-domains/configure-features-to-use-custom-domains#apis).
  const loginDomain = customDomain ?? domain;
  return {
    domain,
    customDomain,
    managementBaseUrl,
    continueUrl:
      customDomain === undefined
        ? `${managementBaseUrl}/continue`
        : `${scheme}//${loginDomain}/continue`,
    // Auth0 documents the session token's `iss` as "Hostname of your Auth0 tenant domain (e.g.,
    // example.auth0.com)" without saying which domain a custom-domain login gets: both are accepted.
    issuers: tenantIssuers(
      customDomain === undefined || customDomain === domain ? [domain] : [domain, customDomain],
    ),
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

/** What the server needs to know about a user, read through the Management API. */
export interface Auth0UserRecord {
  /** The email address, shown on the page (never put into a URL). */
  readonly email: string | undefined;
  readonly appMetadata: Readonly<Record<string, unknown>>;
  /** When the password was last reset or changed (ISO 8601); absent until the first change. */
  readonly lastPasswordReset: string | undefined;
}

/** What the Auth0 mode needs from the tenant: the Management API, behind an interface for tests. */
export interface Auth0Directory {
  /** Reads a user. @throws {Auth0DirectoryError} (404 when the user does not exist) */
  getUser(userId: string): Promise<Auth0UserRecord>;
  /** Sets the user's password in the database connection. @throws {Auth0DirectoryError} */
  setPassword(userId: string, password: string): Promise<void>;
  /** Records that the required change is done (`needsPasswordReset` and `precreated` become `false`). @throws {Auth0DirectoryError} */
  clearPasswordChangeFlag(userId: string): Promise<void>;
  /** Reads a connection's password options. @throws {Auth0DirectoryError} */
  connectionPasswordOptions(connectionId: string): Promise<Auth0PasswordOptions>;
}

/**
 * Why this user still has to change the password, or `undefined`: the same rule as the Action's
 * `passwordChangeReason` (`integrations/auth0/post-login-action.js`; a test holds the two together).
 * `last_password_reset` is "the last time the user's password was reset/changed. At user creation,
 * this field does not exist" (https://auth0.com/docs/customize/actions/explore-triggers/signup-and-login-triggers/login-trigger/post-login-event-object).
 */
export function requiredPasswordChange(
  user: Pick<Auth0UserRecord, 'appMetadata' | 'lastPasswordReset'>,
): PasswordChangeReason | undefined {
  if (user.appMetadata['precreated'] === true && user.lastPasswordReset === undefined)
    return 'first_login';
  if (user.appMetadata['needsPasswordReset'] === true) return 'admin_required';
  return undefined;
}

/**
 * Whether a session token may still be used for this user: the change is still required, and the
 * password has not been changed since the token was issued. This makes a token single-use without
 * any state on our side: its first successful use changes both.
 */
export function sessionTokenUsable(
  user: Auth0UserRecord,
  claims: Pick<SessionTokenClaims, 'issuedAt'>,
): boolean {
  if (requiredPasswordChange(user) === undefined) return false;
  const changedAt =
    user.lastPasswordReset === undefined ? Number.NaN : Date.parse(user.lastPasswordReset);
  return !(changedAt >= claims.issuedAt * 1000);
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
      const message =
        typeof error.body === 'object' && error.body !== null
          ? Reflect.get(error.body, 'message')
          : error.body;
      throw new Auth0DirectoryError(
        error.statusCode ?? 0,
        typeof message === 'string' ? message : '',
      );
    }
    throw new Auth0DirectoryError(0, '');
  }
}

/**
 * The {@link Auth0Directory} of a real tenant (or the local emulator), through the official `auth0`
 * SDK's ManagementClient, always on the canonical domain (see {@link auth0PasswordSetConfigFromEnv}).
 * No `auth0-custom-domain` header: it only chooses the domain of the links in emails Auth0 sends
 * (https://auth0.com/docs/customize/custom-domains/multiple-custom-domains/management-api-guide), and
 * none of these calls sends one.
 */
export function managementApiDirectory(config: Auth0PasswordSetConfig): Auth0Directory {
  const client = new ManagementClient({
    domain: config.domain,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    ...(config.managementBaseUrl === `https://${config.domain}`
      ? {}
      : { fetch: redirectingFetch(config.domain, config.managementBaseUrl) }),
  });
  return {
    getUser: async (userId) => {
      const user = await asDirectoryError(() =>
        client.users.get(userId, {
          fields: 'user_id,email,app_metadata,last_password_reset',
          include_fields: true,
        }),
      );
      return {
        email: typeof user.email === 'string' ? user.email : undefined,
        appMetadata: isRecord(user.app_metadata) ? user.app_metadata : {},
        lastPasswordReset:
          typeof user.last_password_reset === 'string' ? user.last_password_reset : undefined,
      };
    },
    setPassword: async (userId, password) => {
      await asDirectoryError(() =>
        client.users.update(userId, { password, connection: config.connectionName }),
      );
    },
    clearPasswordChangeFlag: async (userId) => {
      // Auth0 merges app_metadata key by key (https://auth0.com/docs/manage-users/user-accounts/metadata/manage-metadata-api).
      await asDirectoryError(() =>
        client.users.update(userId, {
          app_metadata: { needsPasswordReset: false, precreated: false },
        }),
      );
    },
    connectionPasswordOptions: async (connectionId) => {
      const connection = await asDirectoryError(() => client.connections.get(connectionId));
      return parseAuth0PasswordOptions(connection.options);
    },
  };
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
  if (error.status === 400 && /PasswordHistoryError|previously used/i.test(error.auth0Message))
    return 'password_already_used';
  if (error.status === 400 && /Password\w*Error|too weak/i.test(error.auth0Message))
    return 'password_policy_violation';
  if (error.status === 429) return 'too_many_attempts';
  if (error.status === 404) return 'track_expired';
  return 'server_error';
}

function statusOf(error: unknown): number | 'unknown error' {
  return error instanceof Auth0DirectoryError ? error.status : 'unknown error';
}

/**
 * The Auth0 mode's routes (see the module comment). Mount it on the app that serves the page:
 * `app.use(auth0PasswordSetRoutes(auth0PasswordSetConfigFromEnv(process.env)))` (`npm run serve` does
 * when `AUTH0_DOMAIN` is set). The page host's CSP `form-action` must allow the origin of
 * {@link Auth0PasswordSetConfig.continueUrl}: the POST to `/continue` goes there.
 */
export function auth0PasswordSetRoutes(
  config: Auth0PasswordSetConfig,
  options: Auth0PasswordSetOptions = {},
): Router {
  const directory = options.directory ?? managementApiDirectory(config);
  const now = options.now ?? Date.now;
  const router = Router();
  let cachedPolicy: { readonly policy: PasswordPolicy; readonly until: number } | undefined;

  const policy = async (): Promise<PasswordPolicy> => {
    if (config.policySource.kind === 'static')
      return cidaasPolicyFromAuth0(config.policySource.options);
    if (cachedPolicy !== undefined && cachedPolicy.until > now()) return cachedPolicy.policy;
    const fresh = cidaasPolicyFromAuth0(
      await directory.connectionPasswordOptions(config.policySource.connectionId),
    );
    cachedPolicy = { policy: fresh, until: now() + POLICY_CACHE_MS };
    return fresh;
  };

  const verify = (token: string): Promise<SessionTokenClaims | undefined> =>
    verifySessionToken(token, {
      secret: config.sessionTokenSecret,
      issuers: config.issuers,
      nowMs: now(),
    });

  /** The user, or `'gone'` when Auth0 no longer knows them; other failures throw. */
  const readUser = async (userId: string): Promise<Auth0UserRecord | 'gone'> => {
    try {
      return await directory.getUser(userId);
    } catch (error) {
      if (error instanceof Auth0DirectoryError && error.status === 404) return 'gone';
      throw error;
    }
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
    const expired = (): void => {
      res.status(400).json({
        error: 'track_expired',
        error_description: 'The session token is missing, invalid, expired or already used.',
      });
    };
    const claims = await verify(field(req.query, 'session_token'));
    if (claims === undefined) return expired();
    let user: Auth0UserRecord | 'gone';
    let rules: PasswordPolicy;
    try {
      [user, rules] = await Promise.all([readUser(claims.sub), policy()]);
    } catch (error) {
      console.error(
        'auth0 password_set: could not read the user or the password policy',
        statusOf(error),
      );
      res.status(502).json({
        error: 'server_error',
        error_description: 'The sign-in service could not be reached.',
      });
      return;
    }
    if (user === 'gone' || !sessionTokenUsable(user, claims)) return expired();
    res.json({
      email: user.email ?? null,
      reason: claims.reason,
      expires_at: new Date(claims.expiresAt * 1000).toISOString(),
      password_policy: rules,
    });
  });

  router.get('/auth0/password_set/cancel', (req: Request, res: Response) => {
    const state = field(req.query, 'state');
    if (state === '' || state.length > MAX_STATE_LENGTH) {
      res.status(400).json({ error: 'invalid_request', error_description: 'state is required.' });
      return;
    }
    res.redirect(302, `${config.continueUrl}?${new URLSearchParams({ state }).toString()}`);
  });

  router.get(CONTINUE_SCRIPT_PATH, (_req: Request, res: Response) => {
    res.type('text/javascript').send(CONTINUE_SCRIPT);
  });

  router.post(
    '/auth0/password_set',
    express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 }),
    async (req: Request, res: Response) => {
      const sessionToken = field(req.body, 'session_token');
      const state = field(req.body, 'state');
      const password = field(req.body, 'password');
      const confirmation = field(req.body, 'confirm_password');
      // Echoed so the page stays in Auth0 mode (it keys on session_token); the page never trusts it.
      const back = { session_token: sessionToken, state };

      const claims = await verify(sessionToken);
      if (claims === undefined || state === '' || state.length > MAX_STATE_LENGTH) {
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

      // Read before writing: a token whose change is done (by this request's twin, or a replay) is spent.
      try {
        const user = await readUser(claims.sub);
        if (user === 'gone' || !sessionTokenUsable(user, claims)) {
          backToPage(res, { ...back, error: 'track_expired' });
          return;
        }
        await directory.setPassword(claims.sub, password);
      } catch (error) {
        const code =
          error instanceof Auth0DirectoryError ? errorForDirectoryFailure(error) : 'server_error';
        if (code === 'server_error')
          console.error('auth0 password_set: the password update failed', statusOf(error));
        backToPage(res, { ...back, error: code });
        return;
      }
      try {
        await directory.clearPasswordChangeFlag(claims.sub);
      } catch (error) {
        // The password is changed, and `last_password_reset` now spends the token; the Action's
        // onContinuePostLogin clears the flags as well, so the user is not sent back here. Failing now
        // would make them choose yet another password.
        console.error('auth0 password_set: clearing needsPasswordReset failed', statusOf(error));
      }

      const result = await signResultToken(
        { sub: claims.sub, state },
        config.sessionTokenSecret,
        now(),
      );
      res
        .status(200)
        .type('html')
        .send(
          renderContinuePage({
            action: config.continueUrl,
            fields: { state, session_token: result },
            uiLocales: field(req.body, 'ui_locales') || undefined,
            browserLanguages: req.acceptsLanguages(),
          }),
        );
    },
  );

  // A body too large or malformed: answer plainly, never with a stack or the request echoed back.
  const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    const status = errorStatus(error, req, 'auth0 password_set');
    res.status(status).json({ error: status === 500 ? 'server_error' : 'invalid_request' });
  };
  router.use('/auth0/password_set', errorHandler);

  return router;
}
