import express, { Router, type RequestHandler, type Response } from 'express';

import { parseFaultSpec, type FaultRegistry } from '../faults';
import { ownProperty, requestOrigin } from '../http';
import { CALLBACK_PATH, isAllowedRedirectUri } from '../oauth';
import { passwordSetUrl } from '../password-change';
import { isPasswordChangeReason } from '../../../src/contract/change-reasons';
import {
  CLIENT_STRING_FIELDS,
  isPolicyObject,
  type ClientInfo,
  type EmulatorStore,
} from '../store';
import { DEMO_CLIENT_ID } from './demo-app';
import { checkResetCode, resetPasswordSetUrl } from './reset';

/** The prefix of the test-control API. */
export const CONTROL_PREFIX = '/__emulator';

function fail(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description });
}

function optionalString(body: unknown, name: string): string | undefined | null {
  const value = ownProperty(body, name);
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : null;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_MEDIA_TYPE = /^application\/json\s*(?:;|$)/i;

/**
 * Refuses a state-changing control request (anything but GET, HEAD, OPTIONS) that a web page on another
 * origin could have sent, before its body is read. Our decision, as the emulator runs on a developer's
 * machine, where any site the developer visits could otherwise reset it or inject faults:
 * - `Content-Type` must be `application/json` (415 otherwise). A cross-site page can only send JSON
 *   with a CORS preflight, which the emulator never grants; a form (urlencoded, multipart, text/plain)
 *   needs none, so forms are refused outright, even with an empty body.
 * - An `Origin` header, when present, must be the emulator's own origin (403 otherwise; `null`, sent
 *   by sandboxed and opaque contexts, is refused too), and `Sec-Fetch-Site`, when present, must be
 *   `same-origin` or `none`. A missing `Origin` is accepted: browsers send one with every request
 *   whose method is not GET or HEAD (the Fetch standard), so a request without one comes from a test
 *   runner, curl or a script, which act on the developer's own behalf; and a browser old enough to
 *   omit it still cannot send JSON across sites without the preflight.
 */
export const refuseCrossSiteControlRequests: RequestHandler = (req, res, next) => {
  if (READ_ONLY_METHODS.has(req.method)) {
    next();
    return;
  }
  const origin = req.get('origin');
  const fetchSite = req.get('sec-fetch-site');
  if (
    (origin !== undefined && origin !== requestOrigin(req)) ||
    (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')
  ) {
    fail(res, 403, 'forbidden', 'the control API only takes requests from its own origin');
    return;
  }
  if (!JSON_MEDIA_TYPE.test(req.get('content-type') ?? '')) {
    fail(
      res,
      415,
      'unsupported_media_type',
      'the control API takes JSON: send Content-Type: application/json (with {} when there is nothing to send)',
    );
    return;
  }
  next();
};

/**
 * The test-control API (JSON in, JSON out), mounted only when enabled: reset, users, clients,
 * ready-made password_set sessions (change and reset mode), track and reset-request expiry, the
 * clock, faults and a read-only view of a user. State-changing requests must be JSON from the
 * emulator's own origin ({@link refuseCrossSiteControlRequests}).
 */
export function controlRoutes(store: EmulatorStore, faults: FaultRegistry): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use(refuseCrossSiteControlRequests);
  router.use(express.json({ limit: '64kb' }));

  router.post('/reset', async (_req, res) => {
    await store.reset();
    faults.clear();
    res.json({ ok: true });
  });

  router.post('/users', async (req, res) => {
    const body: unknown = req.body;
    const username = ownProperty(body, 'username');
    const password = ownProperty(body, 'password');
    const mustChangePassword = ownProperty(body, 'mustChangePassword') ?? false;
    const reason = ownProperty(body, 'reason');
    const previousPasswords = ownProperty(body, 'previousPasswords') ?? [];
    const givenName = optionalString(body, 'given_name');
    const familyName = optionalString(body, 'family_name');
    if (typeof username !== 'string' || username.trim() === '')
      return fail(res, 400, 'invalid_request', 'username must be a non-empty string');
    if (typeof password !== 'string' || password === '')
      return fail(res, 400, 'invalid_request', 'password must be a non-empty string');
    if (typeof mustChangePassword !== 'boolean')
      return fail(res, 400, 'invalid_request', 'mustChangePassword must be a boolean');
    if (reason !== undefined && !isPasswordChangeReason(reason))
      return fail(
        res,
        400,
        'invalid_request',
        'reason must be first_login, admin_required or expired',
      );
    if (!isStringArray(previousPasswords))
      return fail(res, 400, 'invalid_request', 'previousPasswords must be an array of strings');
    if (givenName === null || familyName === null)
      return fail(res, 400, 'invalid_request', 'given_name and family_name must be strings');
    const user = await store.upsertUser({
      username,
      password,
      mustChangePassword,
      reason,
      previousPasswords,
      given_name: givenName,
      family_name: familyName,
    });
    res.status(201).json({ sub: user.sub, username: user.username });
  });

  router.put('/clients/:clientId', (req, res) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return fail(res, 400, 'invalid_request', 'body must be a JSON object');
    const patch: Omit<Partial<ClientInfo>, 'client_id'> = {};
    for (const field of CLIENT_STRING_FIELDS) {
      const value = optionalString(body, field);
      if (value === null) return fail(res, 400, 'invalid_request', `${field} must be a string`);
      if (value !== undefined) patch[field] = value;
    }
    const policy = ownProperty(body, 'password_policy');
    if (policy !== undefined) {
      if (!isPolicyObject(policy))
        return fail(res, 400, 'invalid_request', 'password_policy must be an object');
      patch.password_policy = policy;
    }
    res.json(store.upsertClient(req.params.clientId, patch));
  });

  router.post('/login-sessions', async (req, res) => {
    const body: unknown = req.body;
    const username = ownProperty(body, 'username');
    const password = ownProperty(body, 'password');
    const clientId = optionalString(body, 'client_id') ?? DEMO_CLIENT_ID;
    const redirectUri = optionalString(body, 'redirect_uri') ?? requestOrigin(req) + CALLBACK_PATH;
    const uiLocales = optionalString(body, 'ui_locales');
    const state = optionalString(body, 'state');
    if (typeof username !== 'string' || typeof password !== 'string')
      return fail(res, 400, 'invalid_request', 'username and password must be strings');
    if (clientId === null || !store.getClient(clientId))
      return fail(res, 400, 'invalid_client', 'unknown client_id');
    if (redirectUri === null || !isAllowedRedirectUri(redirectUri))
      return fail(res, 400, 'invalid_request', 'redirect_uri is not allowed');
    if (uiLocales === null || state === null)
      return fail(res, 400, 'invalid_request', 'ui_locales and state must be strings');
    const user = await store.authenticate(username, password);
    if (!user) return fail(res, 400, 'invalid_credentials', 'wrong username or password');
    if (!user.mustChangePassword)
      return fail(
        res,
        409,
        'no_password_change_required',
        'this user is not required to change the password',
      );
    const request = store.createLoginRequest({
      client_id: clientId,
      redirect_uri: redirectUri,
      state,
      nonce: undefined,
      scope: 'openid profile email',
      ui_locales: uiLocales || undefined,
    });
    const track = store.createTrack(user, request);
    res.status(201).json({
      requestId: request.requestId,
      lsid: track.lsid,
      url: passwordSetUrl({
        lsid: track.lsid,
        requestId: request.requestId,
        uiLocales: request.ui_locales,
      }),
    });
  });

  router.post('/tracks/:lsid/expire', (req, res) => {
    if (!store.expireTrack(req.params.lsid)) return fail(res, 404, 'not_found', 'unknown lsid');
    res.json({ lsid: req.params.lsid.toLowerCase(), expired: true });
  });

  router.post('/reset-sessions', (req, res) => {
    const body: unknown = req.body;
    const username = ownProperty(body, 'username');
    const clientId = optionalString(body, 'client_id') ?? DEMO_CLIENT_ID;
    const redirectUri = optionalString(body, 'redirect_uri') ?? requestOrigin(req) + CALLBACK_PATH;
    const uiLocales = optionalString(body, 'ui_locales');
    if (typeof username !== 'string' || username.trim() === '')
      return fail(res, 400, 'invalid_request', 'username must be a non-empty string');
    if (clientId === null || !store.getClient(clientId))
      return fail(res, 400, 'invalid_client', 'unknown client_id');
    if (redirectUri === null || !isAllowedRedirectUri(redirectUri))
      return fail(res, 400, 'invalid_request', 'redirect_uri is not allowed');
    if (uiLocales === null) return fail(res, 400, 'invalid_request', 'ui_locales must be a string');
    if (!store.findUser(username)) return fail(res, 404, 'not_found', 'unknown user');
    const request = store.createLoginRequest({
      client_id: clientId,
      redirect_uri: redirectUri,
      state: undefined,
      nonce: undefined,
      scope: 'openid profile email',
      ui_locales: uiLocales || undefined,
    });
    const reset = store.createResetRequest(username, request);
    const code = reset.code;
    // The user exists, so the request has a code; validating it is what the code page would do.
    const check = code === undefined ? undefined : checkResetCode(store, reset, code);
    if (code === undefined || check?.outcome !== 'valid')
      return fail(res, 500, 'server_error', 'could not validate the reset code');
    res.status(201).json({
      requestId: request.requestId,
      rprq: reset.rprq,
      exchangeId: check.exchangeId,
      code,
      url: resetPasswordSetUrl({
        requestId: request.requestId,
        rprq: reset.rprq,
        exchangeId: check.exchangeId,
        uiLocales: request.ui_locales,
      }),
    });
  });

  router.get('/reset-requests/:rprq', (req, res) => {
    const reset = store.getResetRequest(req.params.rprq);
    if (!reset) return fail(res, 404, 'not_found', 'unknown rprq');
    res.json({
      code: reset.code ?? null,
      used: reset.used,
      expired: reset.expiresAt <= store.now(),
    });
  });

  router.post('/reset-requests/:rprq/expire', (req, res) => {
    if (!store.expireResetRequest(req.params.rprq))
      return fail(res, 404, 'not_found', 'unknown rprq');
    res.json({ rprq: req.params.rprq.toLowerCase(), expired: true });
  });

  router.post('/clock', (req, res) => {
    const advanceMs = ownProperty(req.body, 'advanceMs');
    if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) {
      return fail(res, 400, 'invalid_request', 'advanceMs must be a non-negative number');
    }
    store.advanceClock(advanceMs);
    res.json({ now: new Date(store.now()).toISOString() });
  });

  router.get('/faults', (_req, res) => {
    res.json({ faults: faults.list() });
  });

  router.post('/faults', (req, res) => {
    const spec = parseFaultSpec(req.body);
    if (typeof spec === 'string') return fail(res, 400, 'invalid_request', spec);
    res.status(201).json(faults.add(spec));
  });

  router.delete('/faults', (_req, res) => {
    res.json({ cleared: faults.clear() });
  });

  router.get('/state/users/:username', (req, res) => {
    const user = store.findUser(req.params.username);
    if (!user) return fail(res, 404, 'not_found', 'unknown user');
    const lockedUntil =
      user.lockedUntil !== undefined && user.lockedUntil > store.now()
        ? user.lockedUntil
        : undefined;
    res.json({
      username: user.username,
      mustChangePassword: user.mustChangePassword,
      reason: user.reason ?? null,
      historyLength: user.history.length,
      failedAttempts: user.failedAttempts,
      lockedUntil: lockedUntil === undefined ? null : new Date(lockedUntil).toISOString(),
    });
  });

  router.use((_req, res) => fail(res, 404, 'not_found', 'unknown control endpoint'));

  return router;
}
