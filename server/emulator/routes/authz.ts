import { CIDAAS_ROUTES } from '../cidaas-routes';
import { Router, type Request, type Response } from 'express';

import { messagePage } from '../../html';
import { isUuid, queryParam, relativeUrl } from '../http';
import { isAllowedRedirectUri } from '../oauth';
import type { EmulatorStore, LoginRequest } from '../store';

/** The emulator's server-rendered login page. */
export const LOGIN_PATH = '/identity/login';

/** The login page URL for a request (keeps its `ui_locales`), optionally with an error. */
export function loginUrl(request: LoginRequest, error?: string): string {
  return relativeUrl(LOGIN_PATH, {
    requestId: request.requestId,
    ui_locales: request.ui_locales,
    error,
  });
}

/** Answers a browser request that cannot go on with a 400 HTML page and a way back to the start. */
export function badRequestPage(res: Response, title: string, message: string): void {
  res
    .status(400)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      messagePage({ title, message, link: { href: '/', text: 'Back to the demo application' } }),
    );
}

// Long enough for real values, short enough that nobody stores megabytes per request.
const MAX_PARAM_LENGTH = 2048;

function param(req: Request, name: string): string | undefined {
  const value = queryParam(req, name);
  return value === undefined ? undefined : value.slice(0, MAX_PARAM_LENGTH);
}

/** E1 (`/authz-srv/authz`) and E12 (`/authz-srv/authz/resolve_redirect/:requestId`). */
export function authzRoutes(store: EmulatorStore): Router {
  const router = Router();

  router.get('/authz-srv/authz', (req, res) => {
    const clientId = param(req, 'client_id');
    const redirectUri = param(req, 'redirect_uri');
    if (!clientId || !store.getClient(clientId)) {
      return badRequestPage(
        res,
        'Unknown application',
        'The application that sent you here is not registered (client_id).',
      );
    }
    // Never redirect anywhere before the redirect URI is known to be registered.
    if (!isAllowedRedirectUri(redirectUri)) {
      return badRequestPage(
        res,
        'Invalid redirect URI',
        'The application that sent you here gave a redirect_uri that is not registered.',
      );
    }
    if (param(req, 'response_type') !== 'code') {
      return badRequestPage(
        res,
        'Unsupported response type',
        'Only response_type=code is supported.',
      );
    }
    const request = store.createLoginRequest({
      client_id: clientId,
      redirect_uri: redirectUri,
      state: param(req, 'state'),
      nonce: param(req, 'nonce'),
      scope: param(req, 'scope') ?? 'openid',
      ui_locales: param(req, 'ui_locales') || undefined,
    });
    res.redirect(302, loginUrl(request));
  });

  router.get(CIDAAS_ROUTES.resolveRedirect, (req, res) => {
    const requestId = req.params.requestId;
    const request = isUuid(requestId) ? store.getLoginRequest(requestId) : undefined;
    if (!request) {
      return badRequestPage(
        res,
        'Sign-in request expired',
        'This sign-in request has expired. Please start again.',
      );
    }
    res.redirect(302, loginUrl(request));
  });

  return router;
}
