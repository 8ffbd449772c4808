/**
 * A local Auth0 tenant for development and tests, so the Auth0 flow runs offline:
 * - `GET /authorize` → `/u/login` (a login form) → runs the post-login Action through the harness →
 *   redirect to the password page with `session_token` and `state`, or straight to the application;
 * - `GET|POST /continue` with `state` (query or body) runs `onContinuePostLogin` and finishes at the
 *   application's callback (`?code&state`, or `?error=access_denied&error_description&state`);
 * - Management API: `POST /oauth/token` (client credentials), `GET|PATCH /api/v2/users/{id}`
 *   (password, app_metadata, with Auth0's password strength and history checks, and
 *   `last_password_reset`) and `GET /api/v2/connections/{id}`;
 * - a tiny demo application: `/` (sign in) and `/callback` (who signed in, or the error).
 *
 * **Custom domains.** The tenant answers on every host it is reached by. With `canonicalHost` set,
 * that host is the tenant's canonical domain and any other is a custom domain, as on a real tenant:
 * a login transaction belongs to the host it started on, so `/continue` elsewhere is an
 * `invalid_request`; session tokens carry the canonical domain as `iss`; the Management API's
 * audience is always `https://<canonical>/api/v2/`, and an access token works only on the host it was
 * obtained on (sources at each rule below).
 *
 * Its own Express app (it is not mounted into the cidaas emulator). Everything is in memory.
 */
import { randomBytes } from 'node:crypto';

import express, {
  type ErrorRequestHandler,
  type Express,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { errorStatus } from '../error-status';

import {
  applyMetadataUpdates,
  buildPostLoginEvent,
  loadPostLoginAction,
  runActionHandler,
  type ActionHandler,
  type ActionRun,
  type ActionUser,
  type EventInput,
  type PostLoginAction,
} from '../../integrations/auth0/harness';
import { hashPassword, verifyPassword } from '../emulator/passwords';
import { html, renderPage } from '../html';
import { auth0AcceptsPassword, type Auth0PasswordOptions } from './policy';

/** The demo application's client id. */
export const DEMO_CLIENT_ID = 'demo-app';

/** The machine-to-machine client the password_set server uses against the emulator's Management API. */
export const EMULATOR_M2M_CLIENT = {
  clientId: 'password-set-m2m',
  clientSecret: 'local-only-m2m-secret-not-for-production',
} as const;

/** The emulated database connection. */
export const EMULATOR_CONNECTION = {
  id: 'con_demo',
  name: 'Username-Password-Authentication',
  options: {
    passwordPolicy: 'good',
    password_complexity_options: { min_length: 10 },
    password_history: { enable: true, size: 5 },
  } satisfies Auth0PasswordOptions,
} as const;

/** A user as the emulator seeds it. */
export interface Auth0SeedUser {
  readonly user_id: string;
  readonly email: string;
  readonly password: string;
  readonly logins_count: number;
  readonly app_metadata: Readonly<Record<string, unknown>>;
  /** What signing in as this user shows (for the banner). */
  readonly behaviour: string;
}

/** The three demo users: pre-created (first login), flagged by an administrator, regular. */
export const AUTH0_DEMO_USERS: readonly Auth0SeedUser[] = [
  {
    user_id: 'auth0|precreated0001',
    email: 'new.user@example.com',
    password: 'Welcome-2026',
    logins_count: 0,
    app_metadata: { precreated: true },
    behaviour: 'pre-created, first login: must choose a new password',
  },
  {
    user_id: 'auth0|flagged000002',
    email: 'flagged.user@example.com',
    password: 'Flagged-2026',
    logins_count: 7,
    app_metadata: { needsPasswordReset: true },
    behaviour: 'needsPasswordReset: must choose a new password',
  },
  {
    user_id: 'auth0|regular000003',
    email: 'regular.user@example.com',
    password: 'Regular-2026',
    logins_count: 3,
    app_metadata: {},
    behaviour: 'no change needed',
  },
];

/** A stored user. */
interface StoredUser {
  readonly user_id: string;
  readonly email: string;
  passwordHash: string;
  /** Previous password hashes, newest first. */
  history: string[];
  /** When the password was last changed (ISO 8601); absent until then, as on Auth0. */
  last_password_reset: string | undefined;
  logins_count: number;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
}

/** A login transaction, keyed by its opaque `state`. */
interface Transaction {
  readonly state: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly appState: string;
  /** The host the login started on: the transaction lives there (the custom-domain rule above). */
  readonly host: string;
  userId?: string;
  phase: 'login' | 'redirected' | 'done';
}

/** An authorised Management API request the emulator received (the password itself is never recorded). */
export interface RecordedManagementRequest {
  readonly method: string;
  readonly path: string;
  /** The JSON body with `password` replaced by `"[redacted]"`. */
  readonly body: Readonly<Record<string, unknown>>;
}

/** How to build the Auth0 emulator. */
export interface Auth0EmulatorOptions {
  /** The Action secrets; a function so the page's URL can be known after its server listens. */
  readonly secrets: () => Readonly<Record<string, string>>;
  /** The Action to run; default `integrations/auth0/post-login-action.js`. */
  readonly action?: PostLoginAction | undefined;
  /** The clock in epoch ms; default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** scrypt cost for the demo password hashes; tests lower it. */
  readonly scryptCost?: number | undefined;
  /** The users to seed; default {@link AUTH0_DEMO_USERS}. */
  readonly users?: readonly Auth0SeedUser[] | undefined;
  /**
   * The tenant's canonical domain (`host:port`); requests on any other host are custom-domain
   * requests. Default: none, every host is treated as the canonical domain.
   */
  readonly canonicalHost?: string | undefined;
}

/** The running emulator's app and state, for tests and the dev stack. */
export interface Auth0Emulator {
  /** The Express app; listen on it. */
  readonly app: Express;
  /** The Management API requests received so far. */
  readonly managementRequests: readonly RecordedManagementRequest[];
  /** A stored user's current view (no hashes), or `undefined`. */
  user(userId: string):
    | {
        readonly logins_count: number;
        readonly app_metadata: Readonly<Record<string, unknown>>;
        readonly last_password_reset: string | undefined;
      }
    | undefined;
}

function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

function field(source: unknown, name: string): string {
  if (typeof source !== 'object' || source === null || !Object.hasOwn(source, name)) return '';
  const value: unknown = Reflect.get(source, name);
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

function stringRecord(source: unknown): Record<string, string> {
  const record: Record<string, string> = {};
  if (typeof source !== 'object' || source === null) return record;
  for (const [key, value] of Object.entries(source))
    if (typeof value === 'string') record[key] = value;
  return record;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLoopbackRedirect(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    (url.hostname === 'localhost' || url.hostname === '127.0.0.1')
  );
}

/** The host a request reached the tenant on (`host:port`). */
function requestHost(req: Request): string {
  return req.get('host') ?? 'localhost';
}

function origin(req: Request): string {
  return `${req.protocol}://${requestHost(req)}`;
}

function invalidRequestPage(res: Response, detail: string): void {
  res
    .status(400)
    .type('html')
    .send(
      renderPage({
        lang: 'en',
        title: 'Invalid request',
        body: html`<h1>invalid_request</h1><p>${detail}</p>`,
      }),
    );
}

/** The answer to a login step whose `state` names no transaction in that phase: 400 and a plain page (our decision; Auth0 documents no such page). */
function invalidStatePage(res: Response): void {
  res
    .status(400)
    .type('html')
    .send(
      renderPage({
        lang: 'en',
        title: 'Invalid state',
        body: html`<h1>Invalid state</h1><p>Start again from the application.</p>`,
      }),
    );
}

function loginPage(state: string, email: string, error: string | undefined): string {
  return renderPage({
    lang: 'en',
    title: 'Sign in – Auth0 emulator',
    body: html`<h1>Sign in</h1>
<p class="muted">Local Auth0 emulator (tenant login page).</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/u/login">
<input type="hidden" name="state" value="${state}">
<label for="username">Email</label>
<input id="username" name="username" type="email" autocomplete="username" required value="${email}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Continue</button>
</form>`,
  });
}

function managementError(
  res: Response,
  status: number,
  error: string,
  message: string,
  errorCode?: string,
): void {
  res
    .status(status)
    .json({ statusCode: status, error, message, ...(errorCode ? { errorCode } : {}) });
}

const MANAGEMENT_SCOPES = 'read:users update:users read:connections';

/** Builds the Auth0 emulator (see the module comment). */
export async function createAuth0Emulator(options: Auth0EmulatorOptions): Promise<Auth0Emulator> {
  const action = options.action ?? loadPostLoginAction();
  const now = options.now ?? Date.now;
  const users = new Map<string, StoredUser>();
  for (const seed of options.users ?? AUTH0_DEMO_USERS) {
    users.set(seed.user_id, {
      user_id: seed.user_id,
      email: seed.email,
      passwordHash: await hashPassword(seed.password, options.scryptCost),
      history: [],
      last_password_reset: undefined,
      logins_count: seed.logins_count,
      app_metadata: { ...seed.app_metadata },
      user_metadata: {},
    });
  }
  const transactions = new Map<string, Transaction>();
  const codes = new Map<string, { readonly userId: string; readonly clientId: string }>();
  const accessTokens = new Map<
    string,
    { readonly scope: string; readonly expiresAt: number; readonly host: string }
  >();
  const canonical = (req: Request): string => options.canonicalHost ?? requestHost(req);
  const managementRequests: RecordedManagementRequest[] = [];

  const actionUser = (user: StoredUser): ActionUser => ({
    user_id: user.user_id,
    email: user.email,
    email_verified: true,
    app_metadata: { ...user.app_metadata },
    user_metadata: { ...user.user_metadata },
    last_password_reset: user.last_password_reset,
  });

  const finish = (
    res: Response,
    transaction: Transaction,
    user: StoredUser,
    run: ActionRun,
  ): void => {
    const callback = new URL(transaction.redirectUri);
    switch (run.outcome.kind) {
      case 'redirect':
        transaction.phase = 'redirected';
        res.redirect(302, run.outcome.url.href);
        return;
      case 'deny':
        transaction.phase = 'done';
        callback.searchParams.set('error', 'access_denied');
        callback.searchParams.set('error_description', run.outcome.reason);
        break;
      case 'error':
        transaction.phase = 'done';
        callback.searchParams.set('error', run.outcome.error);
        break;
      case 'continue': {
        transaction.phase = 'done';
        const code = randomToken();
        codes.set(code, { userId: user.user_id, clientId: transaction.clientId });
        callback.searchParams.set('code', code);
        break;
      }
    }
    if (transaction.appState !== '') callback.searchParams.set('state', transaction.appState);
    res.redirect(302, callback.href);
  };

  /**
   * Runs one of the Action's handlers for a transaction's user, as Auth0 does at the end of a login
   * (`onExecutePostLogin`) and at `/continue` (`onContinuePostLogin`, which also sees that request's
   * query and body), keeps the metadata it updated, and answers as its outcome says.
   */
  const runAction = async (
    handler: ActionHandler,
    req: Request,
    res: Response,
    transaction: Transaction,
    user: StoredUser,
    request: Pick<EventInput, 'query' | 'body' | 'method'>,
  ): Promise<void> => {
    const event = buildPostLoginEvent({
      user: actionUser(user),
      loginsCount: user.logins_count,
      secrets: options.secrets(),
      hostname: requestHost(req),
      canonicalDomain: canonical(req),
      ip: req.ip,
      redirectUri: transaction.redirectUri,
      clientId: transaction.clientId,
      ...request,
    });
    // `iss` is the "Hostname of your Auth0 tenant domain (e.g., example.auth0.com)"
    // (https://auth0.com/docs/customize/actions/explore-triggers/signup-and-login-triggers/login-trigger/redirect-with-actions).
    const run = await runActionHandler(handler, event, {
      domain: canonical(req),
      state: transaction.state,
      now,
    });
    user.app_metadata = applyMetadataUpdates(user.app_metadata, run.appMetadataUpdates);
    user.user_metadata = applyMetadataUpdates(user.user_metadata, run.userMetadataUpdates);
    finish(res, transaction, user, run);
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    res.set('Referrer-Policy', 'no-referrer');
    res.set('X-Frame-Options', 'DENY');
    // The login form's POST ends in a redirect to the page host (another local origin), and Chromium
    // applies form-action to every redirect after a form POST.
    res.set(
      'Content-Security-Policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self' http://127.0.0.1:* http://localhost:*; frame-ancestors 'none'",
    );
    next();
  });
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  app.use(express.json({ limit: '16kb' }));

  app.get('/', (req, res) => {
    const authorize = new URL('/authorize', origin(req));
    authorize.search = new URLSearchParams({
      client_id: DEMO_CLIENT_ID,
      redirect_uri: `${origin(req)}/callback`,
      response_type: 'code',
      scope: 'openid profile email',
      state: randomToken(12),
    }).toString();
    res.type('html').send(
      renderPage({
        lang: 'en',
        title: 'Demo application (Auth0)',
        body: html`<h1>Demo application</h1><p>Signs in through the local Auth0 emulator.</p><p><a class="button" href="${authorize.href}">Sign in</a></p>`,
      }),
    );
  });

  app.get('/callback', (req, res) => {
    const code = field(req.query, 'code');
    const grant = codes.get(code);
    codes.delete(code);
    const user = grant ? users.get(grant.userId) : undefined;
    const error = field(req.query, 'error');
    const body = user
      ? html`<h1>Signed in</h1><p>Signed in as <strong data-testid="signed-in-user">${user.email}</strong>.</p><p><a href="/">Back</a></p>`
      : html`<h1>Not signed in</h1><p class="error" role="alert">${error || 'invalid_code'}: ${field(req.query, 'error_description')}</p><p><a class="button" href="/">Sign in again</a></p>`;
    res
      .status(user ? 200 : 400)
      .type('html')
      .send(renderPage({ lang: 'en', title: user ? 'Signed in' : 'Not signed in', body }));
  });

  app.get('/authorize', (req, res) => {
    const clientId = field(req.query, 'client_id');
    const redirectUri = field(req.query, 'redirect_uri');
    if (
      clientId !== DEMO_CLIENT_ID ||
      !isLoopbackRedirect(redirectUri) ||
      field(req.query, 'response_type') !== 'code'
    ) {
      invalidRequestPage(res, 'Unknown client, redirect_uri or response_type.');
      return;
    }
    const transaction: Transaction = {
      state: randomToken(),
      clientId,
      redirectUri,
      appState: field(req.query, 'state'),
      host: requestHost(req),
      phase: 'login',
    };
    transactions.set(transaction.state, transaction);
    res.redirect(302, `/u/login?${new URLSearchParams({ state: transaction.state }).toString()}`);
  });

  app.get('/u/login', (req, res) => {
    const transaction = transactions.get(field(req.query, 'state'));
    if (!transaction || transaction.phase !== 'login') {
      invalidStatePage(res);
      return;
    }
    res.type('html').send(loginPage(transaction.state, '', undefined));
  });

  app.post('/u/login', async (req, res) => {
    const transaction = transactions.get(field(req.body, 'state'));
    if (!transaction || transaction.phase !== 'login') {
      invalidStatePage(res);
      return;
    }
    const email = field(req.body, 'username').trim().toLowerCase();
    const user = [...users.values()].find((candidate) => candidate.email === email);
    if (!user || !(await verifyPassword(field(req.body, 'password'), user.passwordHash))) {
      res
        .status(401)
        .type('html')
        .send(loginPage(transaction.state, email, 'Wrong email or password.'));
      return;
    }
    user.logins_count += 1;
    transaction.userId = user.user_id;
    await runAction(action.onExecutePostLogin, req, res, transaction, user, { method: 'POST' });
  });

  // "After the redirect, resume authentication by redirecting the user to the /continue endpoint and
  // including the state parameter … If you do not send the original state back to the /continue
  // endpoint, Auth0 will lose the context of the login transaction and the user will not be able to
  // log in due to an invalid_request error"; the token "should be sent back to Auth0 by making a POST
  // request to the /continue endpoint", so both methods are accepted
  // (https://auth0.com/docs/customize/actions/explore-triggers/signup-and-login-triggers/login-trigger/redirect-with-actions).
  const resume: RequestHandler = async (req, res) => {
    const state = field(req.query, 'state') || field(req.body, 'state');
    if (state === '') {
      invalidRequestPage(res, 'The state parameter is missing. Start again from the application.');
      return;
    }
    const transaction = transactions.get(state);
    const user = transaction?.userId !== undefined ? users.get(transaction.userId) : undefined;
    if (!transaction || transaction.phase !== 'redirected' || !user) {
      invalidRequestPage(
        res,
        'This login transaction is unknown or already finished. Start again from the application.',
      );
      return;
    }
    // The transaction lives on the domain the login started on: "existing sessions created at
    // {yourDomain} will no longer be valid once you start using your custom domain", and /continue is
    // "https://{yourAuth0CustomDomain}/continue" for a custom-domain login
    // (https://auth0.com/docs/customize/custom-domains/configure-features-to-use-custom-domains,
    // https://auth0.com/docs/customize/rules/redirect-users).
    if (requestHost(req) !== transaction.host) {
      invalidRequestPage(
        res,
        'This login transaction is not known on this domain. Start again from the application.',
      );
      return;
    }
    if (!action.onContinuePostLogin) {
      res
        .status(500)
        .type('html')
        .send(
          renderPage({
            lang: 'en',
            title: 'Action error',
            body: html`<h1>Action error</h1><p>The Action redirected but has no onContinuePostLogin.</p>`,
          }),
        );
      return;
    }
    await runAction(action.onContinuePostLogin, req, res, transaction, user, {
      query: stringRecord(req.query),
      body: stringRecord(req.body),
      method: req.method,
    });
  };
  app.get('/continue', resume);
  app.post('/continue', resume);

  app.post('/oauth/token', (req, res) => {
    const grantType = field(req.body, 'grant_type');
    if (grantType !== 'client_credentials') {
      res.status(400).json({
        error: 'unsupported_grant_type',
        error_description: 'Only client_credentials is emulated.',
      });
      return;
    }
    if (
      field(req.body, 'client_id') !== EMULATOR_M2M_CLIENT.clientId ||
      field(req.body, 'client_secret') !== EMULATOR_M2M_CLIENT.clientSecret
    ) {
      res.status(401).json({ error: 'access_denied', error_description: 'Unauthorized' });
      return;
    }
    // "Continue to use your default tenant domain name (such as … https://{yourDomain}/api/v2/) instead
    // of your custom domain when specifying an audience", and "All requests (i.e. obtaining the token,
    // and actually calling the API) must use the same domain"
    // (https://auth0.com/docs/customize/custom-domains/configure-features-to-use-custom-domains#apis).
    const audience = field(req.body, 'audience');
    if (audience !== `https://${canonical(req)}/api/v2/`) {
      res.status(403).json({
        error: 'access_denied',
        error_description: 'Service not enabled within domain: ' + audience,
      });
      return;
    }
    const token = randomToken(32);
    accessTokens.set(token, {
      scope: MANAGEMENT_SCOPES,
      expiresAt: now() + 86_400_000,
      host: requestHost(req),
    });
    res.json({
      access_token: token,
      token_type: 'Bearer',
      expires_in: 86_400,
      scope: MANAGEMENT_SCOPES,
    });
  });

  const requireScope =
    (scope: string): RequestHandler =>
    (req, res, next) => {
      const header = req.get('authorization') ?? '';
      const grant = header.startsWith('Bearer ')
        ? accessTokens.get(header.slice('Bearer '.length))
        : undefined;
      if (!grant || grant.expiresAt <= now() || grant.host !== requestHost(req)) {
        managementError(res, 401, 'Unauthorized', 'Invalid token', 'invalid_token');
        return;
      }
      if (!grant.scope.split(' ').includes(scope)) {
        managementError(
          res,
          403,
          'Forbidden',
          `Insufficient scope, expected any of: ${scope}`,
          'insufficient_scope',
        );
        return;
      }
      const body: unknown = req.body;
      const recorded = isPlainObject(body) ? body : {};
      managementRequests.push({
        method: req.method,
        path: req.path,
        body: 'password' in recorded ? { ...recorded, password: '[redacted]' } : { ...recorded },
      });
      next();
    };

  const userView = (user: StoredUser): Record<string, unknown> => ({
    user_id: user.user_id,
    email: user.email,
    email_verified: true,
    logins_count: user.logins_count,
    app_metadata: user.app_metadata,
    user_metadata: user.user_metadata,
    // "Last time the password was reset/changed. At user creation, this field does not exist."
    ...(user.last_password_reset === undefined
      ? {}
      : { last_password_reset: user.last_password_reset }),
    identities: [
      {
        connection: EMULATOR_CONNECTION.name,
        provider: 'auth0',
        user_id: user.user_id.replace(/^auth0\|/, ''),
        isSocial: false,
      },
    ],
  });

  // `fields` and `include_fields` select the attributes returned, as `GET /api/v2/users/{id}` documents.
  app.get('/api/v2/users/:id', requireScope('read:users'), (req, res) => {
    const user = users.get(String(req.params['id']));
    if (!user)
      return managementError(res, 404, 'Not Found', 'The user does not exist.', 'inexistent_user');
    const view = userView(user);
    const fields = field(req.query, 'fields')
      .split(',')
      .filter((name) => name !== '');
    if (fields.length === 0) return void res.json(view);
    const include = field(req.query, 'include_fields') !== 'false';
    res.json(
      Object.fromEntries(
        Object.entries(view).filter(([name]) => fields.includes(name) === include),
      ),
    );
  });

  const UPDATABLE = new Set([
    'password',
    'connection',
    'app_metadata',
    'user_metadata',
    'email_verified',
    'blocked',
  ]);

  app.patch('/api/v2/users/:id', requireScope('update:users'), async (req, res) => {
    const body: unknown = req.body;
    if (!isPlainObject(body))
      return managementError(
        res,
        400,
        'Bad Request',
        'Payload validation error: expected an object',
      );
    const extra = Object.keys(body).filter((key) => !UPDATABLE.has(key));
    if (extra.length > 0)
      return managementError(
        res,
        400,
        'Bad Request',
        `Payload validation error: 'Additional properties not allowed: ${extra.join(',')}'.`,
      );
    const user = users.get(String(req.params['id']));
    if (!user)
      return managementError(res, 404, 'Not Found', 'The user does not exist.', 'inexistent_user');
    const password = body['password'];
    if (password !== undefined) {
      if (typeof password !== 'string')
        return managementError(
          res,
          400,
          'Bad Request',
          'Payload validation error: password must be a string',
        );
      if (body['connection'] !== undefined && body['connection'] !== EMULATOR_CONNECTION.name)
        return managementError(res, 400, 'Bad Request', 'The connection does not exist.');
      if (!auth0AcceptsPassword(password, EMULATOR_CONNECTION.options))
        return managementError(
          res,
          400,
          'Bad Request',
          'PasswordStrengthError: Password is too weak',
        );
      const previous = [user.passwordHash, ...user.history].slice(
        0,
        EMULATOR_CONNECTION.options.password_history.size,
      );
      for (const hash of previous) {
        if (await verifyPassword(password, hash))
          return managementError(
            res,
            400,
            'Bad Request',
            'PasswordHistoryError: Password has previously been used',
          );
      }
      user.history = previous;
      user.passwordHash = await hashPassword(password, options.scryptCost);
      user.last_password_reset = new Date(now()).toISOString();
    }
    // Root-level properties are merged, `null` deletes one, and "patching the metadata itself with an
    // empty object removes the metadata completely"
    // (https://auth0.com/docs/manage-users/user-accounts/metadata/manage-metadata-api).
    const appMetadata = body['app_metadata'];
    if (appMetadata !== undefined) {
      if (!isPlainObject(appMetadata))
        return managementError(
          res,
          400,
          'Bad Request',
          'Payload validation error: app_metadata must be an object',
        );
      user.app_metadata =
        Object.keys(appMetadata).length === 0
          ? {}
          : applyMetadataUpdates(user.app_metadata, Object.entries(appMetadata));
    }
    res.json(userView(user));
  });

  app.get('/api/v2/connections/:id', requireScope('read:connections'), (req, res) => {
    if (req.params['id'] !== EMULATOR_CONNECTION.id)
      return managementError(
        res,
        404,
        'Not Found',
        'The connection does not exist',
        'inexistent_connection',
      );
    res.json({
      id: EMULATOR_CONNECTION.id,
      name: EMULATOR_CONNECTION.name,
      strategy: 'auth0',
      options: EMULATOR_CONNECTION.options,
    });
  });

  const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    const code = errorStatus(error, req, 'auth0 emulator');
    if (res.headersSent) return void res.end();
    managementError(
      res,
      code,
      code === 500 ? 'Internal Server Error' : 'Bad Request',
      code === 500
        ? 'Something went wrong in the emulator.'
        : 'The request could not be understood.',
    );
  };
  app.use(errorHandler);

  return {
    app,
    managementRequests,
    user: (userId) => {
      const user = users.get(userId);
      return user
        ? {
            logins_count: user.logins_count,
            app_metadata: { ...user.app_metadata },
            last_password_reset: user.last_password_reset,
          }
        : undefined;
    },
  };
}
