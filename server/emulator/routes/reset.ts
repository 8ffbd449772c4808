import { randomUUID, timingSafeEqual } from 'node:crypto';

import express, { Router, type ErrorRequestHandler, type Response } from 'express';

import { html, renderPage, type SafeHtml } from '../html';
import { bodyField, isUuid, ownProperty, queryParam, rejectMalformedFormEncoding, relativeUrl } from '../http';
import { pickLanguage, type Language } from '../locale';
import {
  ERROR_DESCRIPTIONS,
  PASSWORD_SET_PATH,
  applyNewPasswordHash,
  checkReplacementPassword,
  failureParams,
  type PasswordChangeError,
  type PasswordChangeFailure,
} from '../password-change';
import { MAX_RESET_CODE_ATTEMPTS, type EmulatorStore, type LoginRequest, type ResetRequest } from '../store';
import { badRequestPage, loginUrl } from './authz';

/** The server-rendered "forgot password" page (email form); its form posts to the same path. */
export const FORGOT_PASSWORD_PATH = '/identity/forgot-password';
/** The server-rendered code page (stands in for the email with the code). */
export const RESET_CODE_PATH = '/identity/reset-code';
/** Where E11 sends the user after a successful reset (served by the Angular page). */
export const PASSWORD_SET_SUCCESS_PATH = '/identity/password_set_success';
/** The SDK's JSON API that starts a reset (`initiateResetPassword`). */
export const RESET_INITIATE_PATH = '/users-srv/resetpassword/initiate';
/** The code form's target: validates the code and issues the exchange id. */
export const RESET_VALIDATE_CODE_PATH = '/users-srv/resetpassword/validatecode';
/** E11: sets the new password. */
export const RESET_ACCEPT_PATH = '/users-srv/resetpassword/accept';

// The same limits as the login form's parser; not imported from there because login.ts links here.
const formParser = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 50, verify: rejectMalformedFormEncoding });

/** The `error` the code page understands. */
export const INVALID_CODE = 'invalid_code';
/** The `error` the forgot-password page understands. */
export const EMAIL_REQUIRED = 'email_required';
/** The only `resetMedium` the emulator supports. */
export const RESET_MEDIUM = 'email';
/** The only `processingType` the emulator supports. */
export const PROCESSING_TYPE = 'CODE';

/**
 * The `error_description`s of E11: as E8's, except that an expired reset asks for a new code rather
 * than a new sign-in.
 */
export const RESET_ERROR_DESCRIPTIONS: Readonly<Record<PasswordChangeError, string>> = {
  ...ERROR_DESCRIPTIONS,
  track_expired: 'The password reset request has expired or was already used. Please request a new code.',
};

/** The languages of the reset pages (a subset of the emulator's languages; others fall back to English). */
export type ResetLanguage = 'en' | 'de';

/** The texts of the emulator's server-rendered forgot-password and code pages. */
export interface ResetTexts {
  readonly forgotLink: string;
  readonly forgotTitle: string;
  readonly forgotIntro: string;
  readonly email: string;
  readonly emailRequired: string;
  readonly sendCode: string;
  readonly backToSignIn: string;
  readonly codeTitle: string;
  readonly codeIntro: string;
  readonly mailboxHeading: string;
  readonly mailboxCode: string;
  readonly mailboxNoAccount: string;
  readonly code: string;
  readonly codeHint: string;
  readonly invalidCode: string;
  readonly continue: string;
  readonly expiredTitle: string;
  readonly expiredBody: string;
  readonly requestNewCode: string;
  readonly signInExpiredTitle: string;
  readonly signInExpiredBody: string;
  readonly startAgain: string;
}

/** Reset page texts per language. */
export const RESET_TEXTS: Readonly<Record<ResetLanguage, ResetTexts>> = {
  en: {
    forgotLink: 'Forgot password?',
    forgotTitle: 'Forgot your password?',
    forgotIntro: "Enter your account's email address. We will send you a code to choose a new password.",
    email: 'Email',
    emailRequired: 'Enter your email address.',
    sendCode: 'Send code',
    backToSignIn: 'Back to sign-in',
    codeTitle: 'Enter the code',
    codeIntro: 'If an account uses this email address, we sent it a 6-digit code. Enter it to choose a new password.',
    mailboxHeading: 'Emulator mailbox',
    mailboxCode: 'In a real tenant we would email you a code; this emulator shows it:',
    mailboxNoAccount: 'In a real tenant no email would be sent: no account uses this address, so there is no code.',
    code: 'Code',
    codeHint: '6 digits',
    invalidCode: 'That code is not right. Check it and try again.',
    continue: 'Continue',
    expiredTitle: 'Reset request expired',
    expiredBody: 'This password reset request has expired or was already used. Please request a new code.',
    requestNewCode: 'Request a new code',
    signInExpiredTitle: 'Sign-in request expired',
    signInExpiredBody: 'This sign-in request has expired or is unknown. Please start again.',
    startAgain: 'Start again',
  },
  de: {
    forgotLink: 'Passwort vergessen?',
    forgotTitle: 'Passwort vergessen?',
    forgotIntro: 'Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden Ihnen einen Code, mit dem Sie ein neues Passwort wählen können.',
    email: 'E-Mail',
    emailRequired: 'Geben Sie Ihre E-Mail-Adresse ein.',
    sendCode: 'Code senden',
    backToSignIn: 'Zurück zur Anmeldung',
    codeTitle: 'Code eingeben',
    codeIntro: 'Falls ein Konto diese E-Mail-Adresse verwendet, haben wir ihm einen 6-stelligen Code geschickt. Geben Sie ihn ein, um ein neues Passwort zu wählen.',
    mailboxHeading: 'Postfach des Emulators',
    mailboxCode: 'Ein echter Mandant würde Ihnen den Code per E-Mail schicken; dieser Emulator zeigt ihn hier an:',
    mailboxNoAccount: 'Ein echter Mandant würde keine E-Mail senden: Kein Konto verwendet diese Adresse, daher gibt es keinen Code.',
    code: 'Code',
    codeHint: '6 Ziffern',
    invalidCode: 'Dieser Code ist nicht richtig. Prüfen Sie ihn und versuchen Sie es erneut.',
    continue: 'Weiter',
    expiredTitle: 'Anfrage abgelaufen',
    expiredBody: 'Diese Anfrage zum Zurücksetzen des Passworts ist abgelaufen oder wurde schon verwendet. Bitte fordern Sie einen neuen Code an.',
    requestNewCode: 'Neuen Code anfordern',
    signInExpiredTitle: 'Anmeldeanfrage abgelaufen',
    signInExpiredBody: 'Diese Anmeldeanfrage ist abgelaufen oder unbekannt. Bitte beginnen Sie von vorn.',
    startAgain: 'Von vorn beginnen',
  },
};

/** The language of the reset pages for a `ui_locales` list: German or English. */
export function pickResetLanguage(list: string | undefined): ResetLanguage {
  const language: Language = pickLanguage(list);
  return language === 'de' ? 'de' : 'en';
}

/** The URL of the forgot-password page for a login request (keeps its `ui_locales`). */
export function forgotPasswordUrl(request: LoginRequest, error?: string): string {
  return relativeUrl(FORGOT_PASSWORD_PATH, { requestId: request.requestId, ui_locales: request.ui_locales, error });
}

/** The URL of the code page for a reset request, optionally with an error. */
export function resetCodeUrl(params: {
  readonly requestId: string;
  readonly rprq: string;
  readonly uiLocales?: string | undefined;
  readonly error?: string | undefined;
}): string {
  return relativeUrl(RESET_CODE_PATH, { requestId: params.requestId, rprq: params.rprq, ui_locales: params.uiLocales, error: params.error });
}

/**
 * The password_set URL in reset mode: `requestId` (absent when the reset request is unknown),
 * `rprq`, `exchangeid`, `resetMedium=email`, `ui_locales`, and the error parameters of a failure.
 */
export function resetPasswordSetUrl(params: {
  readonly requestId?: string | undefined;
  readonly rprq: string;
  readonly exchangeId: string;
  readonly uiLocales?: string | undefined;
  readonly failure?: PasswordChangeFailure | undefined;
}): string {
  const { error, error_description, error_code } = failureParams(params.failure, RESET_ERROR_DESCRIPTIONS);
  return relativeUrl(PASSWORD_SET_PATH, {
    requestId: params.requestId,
    rprq: params.rprq,
    exchangeid: params.exchangeId,
    resetMedium: RESET_MEDIUM,
    ui_locales: params.uiLocales,
    error,
    error_description,
    error_code,
  });
}

/** The success page URL after a reset: `requestId` (for E12) and `ui_locales`. */
export function passwordSetSuccessUrl(request: { readonly requestId: string; readonly ui_locales?: string | undefined }): string {
  return relativeUrl(PASSWORD_SET_SUCCESS_PATH, { requestId: request.requestId, ui_locales: request.ui_locales });
}

function codesEqual(submitted: string, expected: string): boolean {
  const a = Buffer.from(submitted);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What submitting a code did. */
export type CodeCheck =
  | { readonly outcome: 'valid'; readonly exchangeId: string }
  | { readonly outcome: 'invalid' }
  | { readonly outcome: 'expired' };

/**
 * Checks a code against a reset request. The right code issues the exchange id (the same one when
 * submitted again); a wrong one counts, and after {@link MAX_RESET_CODE_ATTEMPTS} the request expires.
 * A request for an unknown account has no code, so every code is wrong, exactly as for a known one.
 */
export function checkResetCode(store: EmulatorStore, reset: ResetRequest, submitted: string): CodeCheck {
  if (!store.isResetRequestUsable(reset)) return { outcome: 'expired' };
  const code = submitted.trim();
  if (reset.code !== undefined && codesEqual(code, reset.code)) {
    reset.exchangeId ??= randomUUID();
    return { outcome: 'valid', exchangeId: reset.exchangeId };
  }
  reset.failedCodeAttempts += 1;
  if (reset.failedCodeAttempts >= MAX_RESET_CODE_ATTEMPTS) store.expireResetRequest(reset.rprq);
  return { outcome: 'invalid' };
}

/** The fields of the E11 form (missing fields arrive as `''`). */
export interface ResetAcceptForm {
  readonly resetRequestId: string;
  readonly exchangeId: string;
  readonly password: string;
  readonly confirmPassword: string;
}

/**
 * E11: sets a new password at the end of a reset. Checks, in order: the reset request (unknown,
 * expired, used, or a wrong exchange id: `track_expired`), then the same checks as E8 without the
 * current password. Returns where to redirect: back to the page with an error, or to the success page.
 */
export async function acceptPasswordReset(store: EmulatorStore, form: ResetAcceptForm): Promise<string> {
  const reset = isUuid(form.resetRequestId) ? store.getResetRequest(form.resetRequestId) : undefined;
  // Unknown request: we cannot know its requestId, so the redirect carries only what was posted.
  if (!reset) return resetPasswordSetUrl({ rprq: form.resetRequestId, exchangeId: form.exchangeId, failure: { error: 'track_expired' } });
  const request = store.getLoginRequest(reset.requestId);
  const back = (failure: PasswordChangeFailure): string =>
    resetPasswordSetUrl({ requestId: reset.requestId, rprq: reset.rprq, exchangeId: form.exchangeId, uiLocales: request?.ui_locales, failure });
  const user = reset.userId === undefined ? undefined : store.getUser(reset.userId);
  const exchangeMatches = reset.exchangeId !== undefined && form.exchangeId.toLowerCase() === reset.exchangeId;
  if (!request || !user || !exchangeMatches || !store.isResetRequestUsable(reset)) return back({ error: 'track_expired' });

  const failure = await checkReplacementPassword({
    user,
    next: form.password,
    confirm: form.confirmPassword,
    policy: store.getClient(request.client_id)?.password_policy,
  });
  if (failure) return back(failure);

  const newHash = await store.hash(form.password);
  // Another submission with the same reset request may have finished while we were hashing.
  if (!store.isResetRequestUsable(reset)) return back({ error: 'track_expired' });
  applyNewPasswordHash(user, newHash);
  // The user proved control of the mailbox and knows the new password: a password_set lock no longer applies.
  user.failedAttempts = 0;
  user.lockedUntil = undefined;
  reset.used = true;
  return passwordSetSuccessUrl(request);
}

function sendPage(res: Response, status: number, lang: ResetLanguage, title: string, body: SafeHtml): void {
  res.status(status).set('Cache-Control', 'no-store').type('html').send(renderPage({ lang, title, body }));
}

function signInExpiredPage(res: Response, lang: ResetLanguage): void {
  const texts = RESET_TEXTS[lang];
  sendPage(
    res,
    400,
    lang,
    texts.signInExpiredTitle,
    html`<h1>${texts.signInExpiredTitle}</h1><p>${texts.signInExpiredBody}</p><p><a href="/">${texts.startAgain}</a></p>`,
  );
}

function jsonError(res: Response, status: number, description: string): void {
  res.status(status).set('Cache-Control', 'no-store').json({ success: false, status, error: 'invalid_request', error_description: description });
}

// Body-parser errors (malformed JSON, too large) on the JSON API answer JSON, like the SDK expects.
const jsonApiErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const status: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'status') : undefined;
  if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
  jsonError(res, status, 'The request body could not be understood.');
};

/**
 * The forgot-password flow: the server-rendered forgot-password and code pages, the SDK's JSON
 * `initiate`, the code check (`validatecode`) and E11 (`accept`).
 */
export function resetRoutes(store: EmulatorStore): Router {
  const router = Router();

  const loginRequestOf = (requestId: string | undefined): LoginRequest | undefined =>
    isUuid(requestId) ? store.getLoginRequest(requestId) : undefined;

  router.get(FORGOT_PASSWORD_PATH, (req, res) => {
    const request = loginRequestOf(queryParam(req, 'requestId'));
    const lang = pickResetLanguage(request?.ui_locales ?? queryParam(req, 'ui_locales'));
    if (!request) return signInExpiredPage(res, lang);
    const texts = RESET_TEXTS[lang];
    const showError = queryParam(req, 'error') === EMAIL_REQUIRED;
    sendPage(
      res,
      200,
      lang,
      texts.forgotTitle,
      html`<h1>${texts.forgotTitle}</h1>
<p class="muted">${texts.forgotIntro}</p>
${showError ? html`<p class="error" role="alert" id="email-error">${texts.emailRequired}</p>` : ''}
<form method="post" action="${FORGOT_PASSWORD_PATH}">
  <input type="hidden" name="requestId" value="${request.requestId}">
  <label for="email">${texts.email}</label>
  <input id="email" name="email" type="email" autocomplete="username" required autofocus${showError ? html` aria-describedby="email-error" aria-invalid="true"` : ''}>
  <button type="submit">${texts.sendCode}</button>
</form>
<p><a href="${loginUrl(request)}">${texts.backToSignIn}</a></p>`,
    );
  });

  router.post(FORGOT_PASSWORD_PATH, formParser, (req, res) => {
    const request = loginRequestOf(bodyField(req, 'requestId'));
    if (!request) return signInExpiredPage(res, pickResetLanguage(undefined));
    const email = bodyField(req, 'email').trim();
    res.set('Cache-Control', 'no-store');
    if (email === '') return res.redirect(302, forgotPasswordUrl(request, EMAIL_REQUIRED));
    const reset = store.createResetRequest(email, request);
    res.redirect(302, resetCodeUrl({ requestId: request.requestId, rprq: reset.rprq, uiLocales: request.ui_locales }));
  });

  router.get(RESET_CODE_PATH, (req, res) => {
    const rprq = queryParam(req, 'rprq');
    const reset = isUuid(rprq) ? store.getResetRequest(rprq) : undefined;
    const request = loginRequestOf(reset?.requestId ?? queryParam(req, 'requestId'));
    const lang = pickResetLanguage(request?.ui_locales ?? queryParam(req, 'ui_locales'));
    const texts = RESET_TEXTS[lang];
    if (!request) return signInExpiredPage(res, lang);
    if (!reset || !store.isResetRequestUsable(reset)) {
      return sendPage(
        res,
        400,
        lang,
        texts.expiredTitle,
        html`<h1>${texts.expiredTitle}</h1>
<p>${texts.expiredBody}</p>
<p><a href="${forgotPasswordUrl(request)}">${texts.requestNewCode}</a></p>
<p><a href="${loginUrl(request)}">${texts.backToSignIn}</a></p>`,
      );
    }
    const showError = queryParam(req, 'error') === INVALID_CODE;
    const describedBy = showError ? 'code-hint code-error' : 'code-hint';
    sendPage(
      res,
      200,
      lang,
      texts.codeTitle,
      html`<h1>${texts.codeTitle}</h1>
<p class="muted">${texts.codeIntro}</p>
<section aria-labelledby="mailbox-heading">
  <h2 id="mailbox-heading">${texts.mailboxHeading}</h2>
  ${
    reset.code === undefined
      ? html`<p id="mailbox">${texts.mailboxNoAccount}</p>`
      : html`<p id="mailbox">${texts.mailboxCode} <strong><code id="reset-code">${reset.code}</code></strong></p>`
  }
</section>
${showError ? html`<p class="error" role="alert" id="code-error">${texts.invalidCode}</p>` : ''}
<form method="post" action="${RESET_VALIDATE_CODE_PATH}">
  <input type="hidden" name="resetRequestId" value="${reset.rprq}">
  <input type="hidden" name="requestId" value="${request.requestId}">
  <label for="code">${texts.code}</label>
  <p class="muted" id="code-hint">${texts.codeHint}</p>
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus aria-describedby="${describedBy}"${showError ? html` aria-invalid="true"` : ''}>
  <button type="submit">${texts.continue}</button>
</form>
<p><a href="${loginUrl(request)}">${texts.backToSignIn}</a></p>`,
    );
  });

  router.post(RESET_VALIDATE_CODE_PATH, formParser, (req, res) => {
    const rprq = bodyField(req, 'resetRequestId');
    const reset = isUuid(rprq) ? store.getResetRequest(rprq) : undefined;
    // The reset request knows its login request; the posted requestId only matters when it is unknown.
    const request = loginRequestOf(reset?.requestId ?? bodyField(req, 'requestId'));
    if (!request) return signInExpiredPage(res, pickResetLanguage(undefined));
    res.set('Cache-Control', 'no-store');
    const codePage = (error?: string): string => resetCodeUrl({ requestId: request.requestId, rprq, uiLocales: request.ui_locales, error });
    // The code page explains an unknown or expired request itself.
    if (!reset) return res.redirect(302, codePage());
    const check = checkResetCode(store, reset, bodyField(req, 'code'));
    switch (check.outcome) {
      case 'valid':
        return res.redirect(302, resetPasswordSetUrl({ requestId: request.requestId, rprq: reset.rprq, exchangeId: check.exchangeId, uiLocales: request.ui_locales }));
      case 'invalid':
        return res.redirect(302, codePage(INVALID_CODE));
      case 'expired':
        return res.redirect(302, codePage());
    }
  });

  router.post(RESET_INITIATE_PATH, express.json({ limit: '16kb' }), (req, res) => {
    const body: unknown = req.body;
    const email = ownProperty(body, 'email');
    const requestId = ownProperty(body, 'requestId');
    const processingType = ownProperty(body, 'processingType') ?? PROCESSING_TYPE;
    const resetMedium = ownProperty(body, 'resetMedium') ?? RESET_MEDIUM;
    if (typeof email !== 'string' || email.trim() === '') return jsonError(res, 400, 'email must be a non-empty string');
    const request = typeof requestId === 'string' ? loginRequestOf(requestId) : undefined;
    if (!request) return jsonError(res, 400, 'requestId is unknown or expired');
    if (processingType !== PROCESSING_TYPE) return jsonError(res, 400, `processingType must be ${PROCESSING_TYPE}`);
    if (resetMedium !== RESET_MEDIUM) return jsonError(res, 400, `resetMedium must be ${RESET_MEDIUM}`);
    const reset = store.createResetRequest(email.trim(), request);
    res.set('Cache-Control', 'no-store').json({ success: true, status: 200, data: { rprq: reset.rprq, reset_initiated: true } });
  });
  router.use(RESET_INITIATE_PATH, jsonApiErrors);

  router.post(RESET_ACCEPT_PATH, formParser, async (req, res) => {
    const location = await acceptPasswordReset(store, {
      resetRequestId: bodyField(req, 'resetRequestId'),
      // The page's URL spells it `exchangeid`; accept either spelling in the form too.
      exchangeId: bodyField(req, 'exchangeId') || bodyField(req, 'exchangeid'),
      password: bodyField(req, 'password'),
      confirmPassword: bodyField(req, 'confirmPassword'),
    });
    res.set('Cache-Control', 'no-store').redirect(302, location);
  });

  return router;
}
