/**
 * The paths of the cidaas endpoints the page uses, each up to its last parameter: the page builds its
 * URLs from them ({@link cidaasUrls}) and the emulator mounts its routes on them, so the two cannot
 * disagree.
 */
export const CIDAAS_PATHS = {
  /** E3, followed by the request id. */
  clientInfo: '/public-srv/public/',
  /** E5, with `acceptlanguage` and `requestId` in the query. */
  fieldSetup: '/registration-setup-srv/public/list',
  /** E7, followed by the lsid. */
  preloginMetadata: '/token-srv/prelogin/metadata/',
  /** E8, followed by the lsid. */
  changePassword: '/login-srv/precheck/continue/',
  /** E9–E11 (SDK v6), with `?action=initiatereset|validatecode|acceptreset`. */
  resetPassword: '/password-srv/resetpassword',
  /** cidaas' forgot-password hosted page. */
  passwordForgotInit: '/identity/password_forgot_init',
  /** E12, followed by the request id. */
  resolveRedirect: '/authz-srv/authz/resolve_redirect/',
} as const;

/**
 * The cidaas endpoint URLs the page uses, built in one place: by the page's cidaas client and
 * by the production server, whose preload hints must name exactly the URLs the page will fetch.
 * `base` is the tenant authority without a trailing slash (`''` for the page's own origin).
 */
export const cidaasUrls = {
  /** E3: public client information (branding, password policy) for a login request. */
  clientInfo: (base: string, requestId: string) => `${base}${CIDAAS_PATHS.clientInfo}${encodeURIComponent(requestId)}`,
  /** E5: the localized field setup for a login request. */
  fieldSetup: (base: string, requestId: string, acceptlanguage?: string) =>
    `${base}${CIDAAS_PATHS.fieldSetup}?${new URLSearchParams(acceptlanguage === undefined ? { requestId } : { acceptlanguage, requestId })}`,
  /** E7: what cidaas knows about a login track. */
  preloginMetadata: (base: string, lsid: string) => `${base}${CIDAAS_PATHS.preloginMetadata}${encodeURIComponent(lsid)}`,
  /** E8: continues the login with the new password (form POST). */
  changePassword: (base: string, lsid: string) => `${base}${CIDAAS_PATHS.changePassword}${encodeURIComponent(lsid)}`,
  /**
   * E11: sets the new password at the end of the forgot-password flow (form POST), where the SDK v6's
   * `resetPassword` posts it (cidaas-javascript-sdk 6.0.0, src/main/user-service/UserService.ts;
   * docs.cidaas.com/openapi/password-management/post-reset-password-accept). SDK 5.1.3 and older, and
   * cidaas' hosted-page examples, post to `/users-srv/resetpassword/accept` (the emulator's alias).
   */
  resetPassword: (base: string) => `${base}${CIDAAS_PATHS.resetPassword}?action=acceptreset`,
  /**
   * cidaas' own "forgot password" hosted page (key `password_forgot_init`) for the same login request,
   * where a user starts a new reset. The path is UNCERTAIN on a real tenant (the key is certain; cidaas'
   * Shopware plugin links `/identity/password_forgot_init?userIdHint&requestId&type=email`); `userIdHint`
   * prefills the account there.
   */
  passwordForgotInit: (base: string, requestId: string, userIdHint?: string) =>
    `${base}${CIDAAS_PATHS.passwordForgotInit}?${new URLSearchParams(userIdHint ? { userIdHint, requestId, type: 'email' } : { requestId })}`,
  /** E12: back to sign-in for the same login request. */
  resolveRedirect: (base: string, requestId: string) => `${base}${CIDAAS_PATHS.resolveRedirect}${encodeURIComponent(requestId)}`,
} as const;
