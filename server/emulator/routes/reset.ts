import { CIDAAS_ROUTES } from '../cidaas-routes';
import { randomUUID, timingSafeEqual } from 'node:crypto';

import express, {
  Router,
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';

import { html, renderPage, type SafeHtml } from '../../html';
import {
  bodyField,
  isUuid,
  ownProperty,
  queryParam,
  rejectMalformedFormEncoding,
  relativeUrl,
} from '../http';
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
import {
  MAX_RESET_CODE_ATTEMPTS,
  type EmulatorStore,
  type LoginRequest,
  type ResetRequest,
} from '../store';
import { loginUrl } from './authz';

/**
 * cidaas' "forgot password" hosted page (key `password_forgot_init`, certain: the Terraform provider's
 * list of hosted-page keys). Its path on a real tenant is UNCERTAIN: cidaas' Shopware plugin links
 * `/identity/password_forgot_init?userIdHint&requestId&type=email`; custom pages live where the tenant put
 * them (`/custom-hp/password_forgot_init` in cidaas-connect/hp-ex-3-login). The emulator's page asks for
 * the email and, once a reset request exists (`rprq`), for the code, on the same page, as the cidaas
 * example page does (cidaas-connect/hp-ex-1-password_forgot: a wrong code comes back to it with
 * `error=invalid_code` and the `rprq`).
 */
export const PASSWORD_FORGOT_INIT_PATH = CIDAAS_ROUTES.passwordForgotInit;
/** The emulator's earlier paths of the email and code steps: they redirect to {@link PASSWORD_FORGOT_INIT_PATH}. */
export const LEGACY_FORGOT_PASSWORD_PATHS: readonly string[] = [
  '/identity/forgot-password',
  '/identity/reset-code',
];
/** Where E11 sends the user after a successful reset (served by the Angular page). */
export const PASSWORD_SET_SUCCESS_PATH = '/identity/password_set_success';
/**
 * The SDK v6's reset API: one path, the step in `?action=` (cidaas-javascript-sdk 6.0.0,
 * src/main/user-service/UserService.ts; docs.cidaas.com/openapi/password-management/post-reset-password-*).
 */
export const RESET_PASSWORD_PATH = CIDAAS_ROUTES.resetPassword;
/** The `action`s of {@link RESET_PASSWORD_PATH}. */
export type ResetAction = 'initiatereset' | 'validatecode' | 'acceptreset';

/** The path of one step of the SDK v6's reset API, e.g. `/password-srv/resetpassword?action=validatecode`. */
export function resetActionPath(action: ResetAction): string {
  return `${RESET_PASSWORD_PATH}?action=${action}`;
}

/**
 * The paths the SDK up to 5.1.3 and cidaas' hosted-page examples (cidaas-connect/hp-ex-1-password_forgot,
 * hp-ex-2-password_set) use, kept as aliases: older tenants' pages post there.
 */
export const LEGACY_RESET_PATHS: Readonly<Record<ResetAction, string>> = {
  initiatereset: '/users-srv/resetpassword/initiate',
  validatecode: '/users-srv/resetpassword/validatecode',
  acceptreset: '/users-srv/resetpassword/accept',
};

// The same limits as the login form's parser; not imported from there because login.ts links here.
const formParser = express.urlencoded({
  extended: false,
  limit: '16kb',
  parameterLimit: 50,
  verify: rejectMalformedFormEncoding,
});

/**
 * The `error` of a wrong code, as cidaas redirects it back to password_forgot_init (the example page
 * cidaas-connect/hp-ex-1-password_forgot checks for exactly this value).
 */
export const INVALID_CODE = 'invalid_code';
/** The `error` the emulator's email step shows for an empty email (our decision). */
export const EMAIL_REQUIRED = 'email_required';
/**
 * The `resetMedium` the emulator supports and puts in the password_set URL: `email`, as in cidaas'
 * documented redirect (docs.cidaas.com/openapi/4.0.4/password-management/post-reset-password-accept).
 * The SDK v6 sends it as `EMAIL` (its `ResetMedium` enum: `SMS`, `EMAIL`, `IVR`); any case is accepted.
 */
export const RESET_MEDIUM = 'email';
/** The `processingType` the emulator supports (the SDK's `ProcessingType`: `CODE`, `LINK`); optional, any case. */
export const PROCESSING_TYPE = 'CODE';

/**
 * The `error_description`s of E11: as E8's, except that an expired reset asks for a new code rather
 * than a new sign-in.
 */
export const RESET_ERROR_DESCRIPTIONS: Readonly<Record<PasswordChangeError, string>> = {
  ...ERROR_DESCRIPTIONS,
  track_expired:
    'The password reset request has expired or was already used. Please request a new code.',
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
    forgotIntro:
      "Enter your account's email address. We will send you a code to choose a new password.",
    email: 'Email',
    emailRequired: 'Enter your email address.',
    sendCode: 'Send code',
    backToSignIn: 'Back to sign-in',
    codeTitle: 'Enter the code',
    codeIntro:
      'If an account uses this email address, we sent it a 6-digit code. Enter it to choose a new password.',
    mailboxHeading: 'Emulator mailbox',
    mailboxCode: 'In a real tenant we would email you a code; this emulator shows it:',
    mailboxNoAccount:
      'In a real tenant no email would be sent: no account uses this address, so there is no code.',
    code: 'Code',
    codeHint: '6 digits',
    invalidCode: 'That code is not right. Check it and try again.',
    continue: 'Continue',
    expiredTitle: 'Reset request expired',
    expiredBody:
      'This password reset request has expired or was already used. Please request a new code.',
    requestNewCode: 'Request a new code',
    signInExpiredTitle: 'Sign-in request expired',
    signInExpiredBody: 'This sign-in request has expired or is unknown. Please start again.',
    startAgain: 'Start again',
  },
  de: {
    forgotLink: 'Passwort vergessen?',
    forgotTitle: 'Passwort vergessen?',
    forgotIntro:
      'Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden Ihnen einen Code, mit dem Sie ein neues Passwort wählen können.',
    email: 'E-Mail',
    emailRequired: 'Geben Sie Ihre E-Mail-Adresse ein.',
    sendCode: 'Code senden',
    backToSignIn: 'Zurück zur Anmeldung',
    codeTitle: 'Code eingeben',
    codeIntro:
      'Falls ein Konto diese E-Mail-Adresse verwendet, haben wir ihm einen 6-stelligen Code geschickt. Geben Sie ihn ein, um ein neues Passwort zu wählen.',
    mailboxHeading: 'Postfach des Emulators',
    mailboxCode:
      'Ein echter Mandant würde Ihnen den Code per E-Mail schicken; dieser Emulator zeigt ihn hier an:',
    mailboxNoAccount:
      'Ein echter Mandant würde keine E-Mail senden: Kein Konto verwendet diese Adresse, daher gibt es keinen Code.',
    code: 'Code',
    codeHint: '6 Ziffern',
    invalidCode: 'Dieser Code ist nicht richtig. Prüfen Sie ihn und versuchen Sie es erneut.',
    continue: 'Weiter',
    expiredTitle: 'Anfrage abgelaufen',
    expiredBody:
      'Diese Anfrage zum Zurücksetzen des Passworts ist abgelaufen oder wurde schon verwendet. Bitte fordern Sie einen neuen Code an.',
    requestNewCode: 'Neuen Code anfordern',
    signInExpiredTitle: 'Anmeldeanfrage abgelaufen',
    signInExpiredBody:
      'Diese Anmeldeanfrage ist abgelaufen oder unbekannt. Bitte beginnen Sie von vorn.',
    startAgain: 'Von vorn beginnen',
  },
};

/** The language of the reset pages for a `ui_locales` list: German or English. */
export function pickResetLanguage(list: string | undefined): ResetLanguage {
  const language: Language = pickLanguage(list);
  return language === 'de' ? 'de' : 'en';
}

/**
 * The URL of the password_forgot_init page for a login request (keeps its `ui_locales`): the email
 * step, or with `rprq` the code step, optionally with an error.
 */
export function forgotPasswordUrl(
  request: LoginRequest,
  extra: {
    readonly rprq?: string | undefined;
    readonly error?: string | undefined;
    readonly userIdHint?: string | undefined;
  } = {},
): string {
  return relativeUrl(PASSWORD_FORGOT_INIT_PATH, {
    userIdHint: extra.userIdHint,
    requestId: request.requestId,
    rprq: extra.rprq,
    ui_locales: request.ui_locales,
    error: extra.error,
  });
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
  const { error, error_description, error_code } = failureParams(
    params.failure,
    RESET_ERROR_DESCRIPTIONS,
  );
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

/**
 * The success page URL after a reset, as documented: `requestId`, `suggested_action=LOGIN` and a
 * `trackId` (docs.cidaas.com/openapi/4.0.4/password-management/post-reset-password-accept, "Password
 * reset accepted"), plus `ui_locales` (our decision: the page speaks the login's language). The
 * emulator's `trackId` is a fresh UUID that refers to nothing: the page must not need it.
 */
export function passwordSetSuccessUrl(request: {
  readonly requestId: string;
  readonly ui_locales?: string | undefined;
}): string {
  return relativeUrl(PASSWORD_SET_SUCCESS_PATH, {
    requestId: request.requestId,
    suggested_action: 'LOGIN',
    trackId: randomUUID(),
    ui_locales: request.ui_locales,
  });
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
export function checkResetCode(
  store: EmulatorStore,
  reset: ResetRequest,
  submitted: string,
): CodeCheck {
  if (!store.isUsable(reset)) return { outcome: 'expired' };
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
export async function acceptPasswordReset(
  store: EmulatorStore,
  form: ResetAcceptForm,
): Promise<string> {
  const reset = isUuid(form.resetRequestId)
    ? store.getResetRequest(form.resetRequestId)
    : undefined;
  // Unknown request: we cannot know its requestId, so the redirect carries only what was posted.
  if (!reset)
    return resetPasswordSetUrl({
      rprq: form.resetRequestId,
      exchangeId: form.exchangeId,
      failure: { error: 'track_expired' },
    });
  const request = store.getLoginRequest(reset.requestId);
  const back = (failure: PasswordChangeFailure): string =>
    resetPasswordSetUrl({
      requestId: reset.requestId,
      rprq: reset.rprq,
      exchangeId: form.exchangeId,
      uiLocales: request?.ui_locales,
      failure,
    });
  const user = reset.userId === undefined ? undefined : store.getUser(reset.userId);
  const exchangeMatches =
    reset.exchangeId !== undefined && form.exchangeId.toLowerCase() === reset.exchangeId;
  if (!request || !user || !exchangeMatches || !store.isUsable(reset))
    return back({ error: 'track_expired' });

  const failure = await checkReplacementPassword({
    user,
    next: form.password,
    confirm: form.confirmPassword,
    policy: store.getClient(request.client_id)?.password_policy,
  });
  if (failure) return back(failure);

  const newHash = await store.hash(form.password);
  // Another submission with the same reset request may have finished while we were hashing.
  if (!store.isUsable(reset)) return back({ error: 'track_expired' });
  applyNewPasswordHash(user, newHash);
  // The user proved control of the mailbox and knows the new password: a password_set lock no longer applies.
  user.failedAttempts = 0;
  user.lockedUntil = undefined;
  reset.used = true;
  return passwordSetSuccessUrl(request);
}

function sendPage(
  res: Response,
  status: number,
  lang: ResetLanguage,
  title: string,
  body: SafeHtml,
): void {
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(renderPage({ lang, title, body }));
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

/**
 * cidaas' error ids of the reset API (docs.cidaas.com/faq/verification-actions-service-error-code):
 * the `code`, `error` and `error_description` of each, word for word.
 */
export const RESET_API_ERRORS = {
  VER_0003: {
    status: 400,
    error: 'invalid_action',
    error_description: 'invalid action is passed in the request',
  },
  VER_0004: {
    status: 400,
    error: 'invalid_request_payload',
    error_description: 'issue with the request payload structure',
  },
  // 417 for a missing requestId or identifier: docs.cidaas.com/openapi/4.0.6/password-management/post-reset-password-initiate.
  VER_0005: {
    status: 417,
    error: 'missing_data',
    error_description: 'required fields are missing in the request payload',
  },
  // 400 for an unknown or invalid requestId: the same page.
  VER_0006: {
    status: 400,
    error: 'invalid_request',
    error_description: 'invalid "requestId" or "accvid" or "resetRequestId" is sent in the request',
  },
} as const;

/** An error of the reset API. */
export type ResetApiError = keyof typeof RESET_API_ERRORS;

/**
 * Answers a reset API error as JSON: `{success:false, status, code, error, error_description}`. The
 * envelope mirrors E3's documented error (`{success, status, code, error}`); cidaas documents the codes,
 * not the body, so the shape is our decision.
 */
function resetApiError(res: Response, code: ResetApiError): void {
  const { status, error, error_description } = RESET_API_ERRORS[code];
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .json({ success: false, status, code, error, error_description });
}

/** Answers what the emulator does not emulate (the LINK flow, SMS or IVR): 400, our decision. */
function unsupported(res: Response, description: string): void {
  res.status(400).set('Cache-Control', 'no-store').json({
    success: false,
    status: 400,
    error: 'invalid_request',
    error_description: description,
  });
}

// Body-parser errors (malformed JSON, too large) on the JSON API answer JSON, like the SDK expects: VER_0004.
const jsonApiErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const status: unknown =
    typeof error === 'object' && error !== null ? Reflect.get(error, 'status') : undefined;
  if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
  resetApiError(res, 'VER_0004');
};

const jsonParser = express.json({ limit: '16kb' });

// The other identifiers R1 accepts (docs.cidaas.com/openapi/4.0.6/password-management/post-reset-password-initiate).
const OTHER_IDENTIFIERS = ['mobile', 'phone', 'sub', 'q', 'identifier', 'mediumId'] as const;

function stringField(body: unknown, name: string): string | undefined {
  const value = ownProperty(body, name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The forgot-password flow: cidaas' password_forgot_init page (email, then code), the SDK v6's
 * `/password-srv/resetpassword?action=initiatereset|validatecode|acceptreset` (JSON start, the code's
 * form post, E11's form post) and their older `/users-srv/resetpassword/*` aliases.
 */
export function resetRoutes(store: EmulatorStore): Router {
  const router = Router();

  const loginRequestOf = (requestId: string | undefined): LoginRequest | undefined =>
    isUuid(requestId) ? store.getLoginRequest(requestId) : undefined;

  const emailStep = (
    res: Response,
    request: LoginRequest,
    lang: ResetLanguage,
    error: string | undefined,
    userIdHint: string | undefined,
  ): void => {
    const texts = RESET_TEXTS[lang];
    const showError = error === EMAIL_REQUIRED;
    sendPage(
      res,
      200,
      lang,
      texts.forgotTitle,
      html`<h1>${texts.forgotTitle}</h1>
<p class="muted">${texts.forgotIntro}</p>
${showError ? html`<p class="error" role="alert" id="email-error">${texts.emailRequired}</p>` : ''}
<form method="post" action="${PASSWORD_FORGOT_INIT_PATH}">
  <input type="hidden" name="requestId" value="${request.requestId}">
  <label for="email">${texts.email}</label>
  <input id="email" name="email" type="email" autocomplete="username" required autofocus value="${userIdHint ?? ''}"${showError ? html` aria-describedby="email-error" aria-invalid="true"` : ''}>
  <button type="submit">${texts.sendCode}</button>
</form>
<p><a href="${loginUrl(request)}">${texts.backToSignIn}</a></p>`,
    );
  };

  const codeStep = (
    res: Response,
    request: LoginRequest,
    lang: ResetLanguage,
    rprq: string,
    error: string | undefined,
  ): void => {
    const texts = RESET_TEXTS[lang];
    const reset = isUuid(rprq) ? store.getResetRequest(rprq) : undefined;
    if (!reset || reset.requestId !== request.requestId || !store.isUsable(reset)) {
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
    const showError = error === INVALID_CODE;
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
<form method="post" action="${resetActionPath('validatecode')}">
  <input type="hidden" name="resetRequestId" value="${reset.rprq}">
  <input type="hidden" name="requestId" value="${request.requestId}">
  <label for="code">${texts.code}</label>
  <p class="muted" id="code-hint">${texts.codeHint}</p>
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus aria-describedby="${describedBy}"${showError ? html` aria-invalid="true"` : ''}>
  <button type="submit">${texts.continue}</button>
</form>
<p><a href="${forgotPasswordUrl(request)}">${texts.requestNewCode}</a></p>
<p><a href="${loginUrl(request)}">${texts.backToSignIn}</a></p>`,
    );
  };

  router.get(PASSWORD_FORGOT_INIT_PATH, (req, res) => {
    const request = loginRequestOf(queryParam(req, 'requestId'));
    const lang = pickResetLanguage(request?.ui_locales ?? queryParam(req, 'ui_locales'));
    if (!request) return signInExpiredPage(res, lang);
    const rprq = queryParam(req, 'rprq');
    if (rprq !== undefined) return codeStep(res, request, lang, rprq, queryParam(req, 'error'));
    emailStep(
      res,
      request,
      lang,
      queryParam(req, 'error'),
      queryParam(req, 'userIdHint')?.slice(0, 320),
    );
  });

  // The page's own "send code" form: what the hosted page's script does with initiateResetPassword.
  router.post(PASSWORD_FORGOT_INIT_PATH, formParser, (req, res) => {
    const request = loginRequestOf(bodyField(req, 'requestId'));
    if (!request) return signInExpiredPage(res, pickResetLanguage(undefined));
    const email = bodyField(req, 'email').trim();
    res.set('Cache-Control', 'no-store');
    if (email === '')
      return res.redirect(302, forgotPasswordUrl(request, { error: EMAIL_REQUIRED }));
    const reset = store.createResetRequest(email, request);
    res.redirect(302, forgotPasswordUrl(request, { rprq: reset.rprq }));
  });

  for (const legacy of LEGACY_FORGOT_PASSWORD_PATHS) {
    router.get(legacy, (req, res) => {
      const query = req.originalUrl.indexOf('?');
      res
        .set('Cache-Control', 'no-store')
        .redirect(
          302,
          PASSWORD_FORGOT_INIT_PATH + (query === -1 ? '' : req.originalUrl.slice(query)),
        );
    });
  }

  /** `initiateResetPassword`: JSON in, `{success, status, data: {rprq, reset_initiated}}` out. */
  const initiate: RequestHandler = (req, res) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return resetApiError(res, 'VER_0004');
    // The docs list more identifiers (mobile, phone, sub, …); the emulator's accounts are emails.
    const email = stringField(body, 'email') ?? stringField(body, 'username');
    const requestId = stringField(body, 'requestId');
    const resetMedium = stringField(body, 'resetMedium');
    if (
      email === undefined &&
      OTHER_IDENTIFIERS.some((name) => stringField(body, name) !== undefined)
    ) {
      return unsupported(res, 'The emulator finds accounts by email only.');
    }
    if (email === undefined || requestId === undefined || resetMedium === undefined)
      return resetApiError(res, 'VER_0005');
    const request = loginRequestOf(requestId);
    if (!request) return resetApiError(res, 'VER_0006');
    if (resetMedium.toLowerCase() !== RESET_MEDIUM)
      return unsupported(
        res,
        `The emulator sends codes by email only (resetMedium ${RESET_MEDIUM}).`,
      );
    if (
      (stringField(body, 'processingType') ?? PROCESSING_TYPE).toUpperCase() !== PROCESSING_TYPE
    ) {
      return unsupported(res, `The emulator supports processingType ${PROCESSING_TYPE} only.`);
    }
    const reset = store.createResetRequest(email, request);
    // The body of cidaas' answer as its example page reads it (cidaas-connect/hp-ex-1-password_forgot).
    res
      .set('Cache-Control', 'no-store')
      .json({ success: true, status: 200, data: { reset_initiated: true, rprq: reset.rprq } });
  };

  /** `handleResetPassword` (form post): a valid code redirects to password_set in reset mode. */
  const validateCode: RequestHandler = (req, res) => {
    const rprq = bodyField(req, 'resetRequestId');
    const reset = isUuid(rprq) ? store.getResetRequest(rprq) : undefined;
    // The reset request knows its login request; the posted requestId only matters when it is unknown.
    const request = loginRequestOf(reset?.requestId ?? bodyField(req, 'requestId'));
    if (!request) return signInExpiredPage(res, pickResetLanguage(undefined));
    res.set('Cache-Control', 'no-store');
    // The code step explains an unknown or expired request itself.
    if (!reset) return res.redirect(302, forgotPasswordUrl(request, { rprq }));
    const check = checkResetCode(store, reset, bodyField(req, 'code'));
    switch (check.outcome) {
      case 'valid':
        return res.redirect(
          302,
          resetPasswordSetUrl({
            requestId: request.requestId,
            rprq: reset.rprq,
            exchangeId: check.exchangeId,
            uiLocales: request.ui_locales,
          }),
        );
      case 'invalid':
        return res.redirect(
          302,
          forgotPasswordUrl(request, { rprq: reset.rprq, error: INVALID_CODE }),
        );
      case 'expired':
        return res.redirect(302, forgotPasswordUrl(request, { rprq: reset.rprq }));
    }
  };

  /** E11, `resetPassword` (form post): 302 to the success page or back to password_set with the error. */
  const acceptReset: RequestHandler = async (req, res) => {
    const location = await acceptPasswordReset(store, {
      resetRequestId: bodyField(req, 'resetRequestId'),
      // The page's URL spells it `exchangeid`; accept either spelling in the form too.
      exchangeId: bodyField(req, 'exchangeId') || bodyField(req, 'exchangeid'),
      password: bodyField(req, 'password'),
      confirmPassword: bodyField(req, 'confirmPassword'),
    });
    res.set('Cache-Control', 'no-store').redirect(302, location);
  };

  // One path, the step in ?action= (the SDK v6): each step is a route of its own; any other action is VER_0003.
  const onAction =
    (action: ResetAction): RequestHandler =>
    (req, _res, next) => {
      next(queryParam(req, 'action') === action ? undefined : 'route');
    };
  router.post(RESET_PASSWORD_PATH, onAction('initiatereset'), jsonParser, initiate);
  router.post(RESET_PASSWORD_PATH, onAction('validatecode'), formParser, validateCode);
  router.post(RESET_PASSWORD_PATH, onAction('acceptreset'), formParser, acceptReset);
  router.post(RESET_PASSWORD_PATH, (_req, res) => resetApiError(res, 'VER_0003'));
  router.use(
    RESET_PASSWORD_PATH,
    (error: unknown, req: Request, res: Response, next: NextFunction) =>
      queryParam(req, 'action') === 'initiatereset'
        ? jsonApiErrors(error, req, res, next)
        : next(error),
  );

  router.post(LEGACY_RESET_PATHS.initiatereset, jsonParser, initiate);
  router.use(LEGACY_RESET_PATHS.initiatereset, jsonApiErrors);
  router.post(LEGACY_RESET_PATHS.validatecode, formParser, validateCode);
  router.post(LEGACY_RESET_PATHS.acceptreset, formParser, acceptReset);

  return router;
}
