import express, { Router } from 'express';

import { html, renderPage } from '../../html';
import { bodyField, isUuid, queryParam, rejectMalformedFormEncoding } from '../http';
import { LOGIN_TEXTS, pickLanguage } from '../locale';
import { callbackUrl } from '../oauth';
import { passwordSetUrl } from '../password-change';
import type { EmulatorStore } from '../store';
import { badRequestPage, loginUrl } from './authz';
import { RESET_TEXTS, forgotPasswordUrl, pickResetLanguage } from './reset';

/** The `error` the login page understands. */
export const INVALID_CREDENTIALS = 'invalid_credentials';

/** Parser for the small urlencoded forms the browser posts to the emulator. */
export const formParser = express.urlencoded({
  extended: false,
  limit: '16kb',
  parameterLimit: 50,
  verify: rejectMalformedFormEncoding,
});

/** The server-rendered login page (`/identity/login`) and its form target (`POST /login-srv/login`). */
export function loginRoutes(store: EmulatorStore): Router {
  const router = Router();

  router.get('/identity/login', (req, res) => {
    const requestId = queryParam(req, 'requestId');
    const request = isUuid(requestId) ? store.getLoginRequest(requestId) : undefined;
    const lang = pickLanguage(request?.ui_locales ?? queryParam(req, 'ui_locales'));
    const texts = LOGIN_TEXTS[lang];
    res.set('Cache-Control', 'no-store').type('html');
    if (!request) {
      res.status(400).send(
        renderPage({
          lang,
          title: texts.expiredTitle,
          body: html`<h1>${texts.expiredTitle}</h1><p>${texts.expiredBody}</p><p><a href="/">${texts.startAgain}</a></p>`,
        }),
      );
      return;
    }
    const client = store.getClient(request.client_id);
    const showError = queryParam(req, 'error') === INVALID_CREDENTIALS;
    res.send(
      renderPage({
        lang,
        title: texts.title,
        body: html`<h1>${texts.heading} ${client?.client_display_name ?? client?.client_name ?? request.client_id}</h1>
<p class="muted">${texts.intro}</p>
${showError ? html`<p class="error" role="alert" id="login-error">${texts.invalidCredentials}</p>` : ''}
<form method="post" action="/login-srv/login">
  <input type="hidden" name="requestId" value="${request.requestId}">
  <label for="username">${texts.email}</label>
  <input id="username" name="username" type="email" autocomplete="username" required autofocus${showError ? html` aria-describedby="login-error" aria-invalid="true"` : ''}>
  <label for="password">${texts.password}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${showError ? html` aria-describedby="login-error" aria-invalid="true"` : ''}>
  <button type="submit">${texts.submit}</button>
</form>
<p><a href="${forgotPasswordUrl(request)}">${RESET_TEXTS[pickResetLanguage(request.ui_locales ?? queryParam(req, 'ui_locales'))].forgotLink}</a></p>`,
      }),
    );
  });

  router.post('/login-srv/login', formParser, async (req, res) => {
    const requestId = bodyField(req, 'requestId');
    const request = isUuid(requestId) ? store.getLoginRequest(requestId) : undefined;
    if (!request) {
      return badRequestPage(
        res,
        'Sign-in request expired',
        'This sign-in request has expired or is unknown. Please start again.',
      );
    }
    const user = await store.authenticate(bodyField(req, 'username'), bodyField(req, 'password'));
    res.set('Cache-Control', 'no-store');
    if (!user) return res.redirect(302, loginUrl(request, INVALID_CREDENTIALS));
    if (user.mustChangePassword) {
      const track = store.createTrack(user, request);
      return res.redirect(
        302,
        passwordSetUrl({
          lsid: track.lsid,
          requestId: request.requestId,
          uiLocales: request.ui_locales,
        }),
      );
    }
    res.redirect(302, callbackUrl(request, store.issueCode(user, request)));
  });

  return router;
}
