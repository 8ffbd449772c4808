/**
 * The cidaas endpoint URLs the page uses, built in one place: by the page's cidaas client, by the
 * emulator (which mounts its routes on them, `server/emulator/cidaas-routes.ts`) and by the production server, whose preload hints must name exactly the URLs the page will fetch.
 * `base` is the tenant authority without a trailing slash (`''` for the page's own origin).
 */
export const cidaasUrls = {
  /** E3: public client information (branding, password policy) for a login request. */
  clientInfo: (base: string, requestId: string) =>
    `${base}/public-srv/public/${encodeURIComponent(requestId)}`,
  /** E5: the localized field setup for a login request. */
  fieldSetup: (base: string, requestId: string, acceptlanguage?: string) =>
    `${base}/registration-setup-srv/public/list?${new URLSearchParams(acceptlanguage === undefined ? { requestId } : { acceptlanguage, requestId })}`,
  /** E7: what cidaas knows about a login track. */
  preloginMetadata: (base: string, lsid: string) =>
    `${base}/token-srv/prelogin/metadata/${encodeURIComponent(lsid)}`,
  /** E8: continues the login with the new password (form POST). */
  changePassword: (base: string, lsid: string) =>
    `${base}/login-srv/precheck/continue/${encodeURIComponent(lsid)}`,
  /**
   * E11: sets the new password at the end of the forgot-password flow (form POST), where the SDK v6's
   * `resetPassword` posts it (cidaas-javascript-sdk 6.0.0, src/main/user-service/UserService.ts;
   * docs.cidaas.com/openapi/password-management/post-reset-password-accept). SDK 5.1.3 and older, and
   * cidaas' hosted-page examples, post to `/users-srv/resetpassword/accept` (the emulator's alias).
   */
  resetPassword: (base: string) => `${base}/password-srv/resetpassword?action=acceptreset`,
  /**
   * cidaas' own "forgot password" hosted page (key `password_forgot_init`) for the same login request,
   * where a user starts a new reset. The path is UNCERTAIN on a real tenant (the key is certain; cidaas'
   * Shopware plugin links `/identity/password_forgot_init?userIdHint&requestId&type=email`); `userIdHint`
   * prefills the account there.
   */
  passwordForgotInit: (base: string, requestId: string, userIdHint?: string) =>
    `${base}/identity/password_forgot_init?${new URLSearchParams(userIdHint ? { userIdHint, requestId, type: 'email' } : { requestId })}`,
  /** E12: back to sign-in for the same login request. */
  resolveRedirect: (base: string, requestId: string) =>
    `${base}/authz-srv/authz/resolve_redirect/${encodeURIComponent(requestId)}`,
} as const;
