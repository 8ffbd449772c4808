/**
 * Auth0 post-login Action: force a password change at first login (pre-created users) or when an
 * administrator asked for one, through the password_set page, without ever trapping the user.
 *
 * Paste this file as the code of a custom Action on the Login / Post Login trigger (Node 22 runtime,
 * no npm dependencies). Secrets (Action settings → Secrets):
 *   PASSWORD_PAGE_URL     https URL of the password_set page in Auth0 mode, e.g.
 *                         https://login.example.com/identity/password_set
 *   SESSION_TOKEN_SECRET  a long random string (at least 32 characters), the same value as the page
 *                         server's SESSION_TOKEN_SECRET; it signs the tokens in both directions.
 *
 * Which users must change their password (the page server applies the same rule before it sets a
 * password, so a used link cannot set it again):
 *   - pre-created users who have never changed their password: `app_metadata.precreated === true`
 *     (set by whoever creates the account, in the Dashboard, through the Management API or in a
 *     bulk-import file) and no `event.user.last_password_reset` (Auth0: "the last time the user's
 *     password was reset/changed. At user creation, this field does not exist"). We do not guess from
 *     the connection or the creation method: users who signed up themselves live in the same database
 *     connection and must not be forced to change a password they chose. Nor do we count logins: a
 *     user who closes the page is asked again on the next login until the password is changed.
 *   - any user with `app_metadata.needsPasswordReset === true` (an administrator's request).
 *
 * The round trip:
 *   1. onExecutePostLogin sends the user to PASSWORD_PAGE_URL with `session_token` (HS256, 5 minutes,
 *      our claim `reason`; Auth0 adds `iat`, `iss`, `sub`, `exp` and `ip`). Auth0 appends `state` to
 *      the URL itself. The email is not in the token: a URL is no place for it.
 *   2. The page server checks that token, reads the user, sets the password and marks the change done
 *      (`needsPasswordReset` and `precreated` false) through the Management API, then POSTs the user
 *      to `https://<tenant>/continue` with `state` and a new token
 *      `{ iss: 'urn:password-set:auth0', aud: 'urn:password-set:auth0:continue', sub, state, changed: true }`.
 *   3. onContinuePostLogin lets the login finish only when that token is valid for this transaction,
 *      belongs to this user and comes from the page server.
 *
 * Logins that cannot be redirected (Auth0: "Redirect Actions won't work with: Resource Owner endpoint,
 * Password exchange, Refresh Token exchange", and with `prompt=none` "any redirection will result in
 * an error=interaction_required") are denied with a message instead of being let in.
 */

/** How long the page may take before the user has to sign in again. */
const SESSION_TOKEN_LIFETIME_SECONDS = 300;

/** The result token's issuer and audience, as the page server signs them. */
const RESULT_TOKEN_ISSUER = 'urn:password-set:auth0';
const RESULT_TOKEN_AUDIENCE = 'urn:password-set:auth0:continue';

/** `event.transaction.protocol` values of logins without a browser to redirect (Auth0's list for redirect Rules). */
const NON_INTERACTIVE_PROTOCOLS = [
  'oauth2-refresh-token',
  'oauth2-password',
  'oauth2-resource-owner',
];

/**
 * Why this user must change the password now, or `undefined` when the login may simply proceed.
 * @returns {'first_login' | 'admin_required' | undefined}
 */
function passwordChangeReason(event) {
  const appMetadata = event.user.app_metadata || {};
  if (appMetadata.precreated === true && !event.user.last_password_reset) return 'first_login';
  if (appMetadata.needsPasswordReset === true) return 'admin_required';
  return undefined;
}

/**
 * @param {Event} event Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api Methods that change the behaviour of the login.
 */
exports.onExecutePostLogin = async (event, api) => {
  const reason = passwordChangeReason(event);
  if (reason === undefined) return;

  if (NON_INTERACTIVE_PROTOCOLS.includes(event.transaction && event.transaction.protocol)) {
    // No browser to send anywhere: a refresh token or a password grant must not bypass the change.
    // The application gets access_denied and has to sign the user in through the login page.
    api.access.deny('Password change required. Please sign in through the login page.');
    return;
  }

  const { PASSWORD_PAGE_URL: pageUrl, SESSION_TOKEN_SECRET: secret } = event.secrets;
  if (!pageUrl || !secret) {
    // Fail closed: a user who must change a temporary password is not let in without doing so. The
    // message tells support what is wrong; signing in again works as soon as the secrets are set.
    api.access.deny(
      'Password change required, but the password page is not configured. Please contact support.',
    );
    return;
  }

  const sessionToken = api.redirect.encodeToken({
    secret,
    expiresInSeconds: SESSION_TOKEN_LIFETIME_SECONDS,
    payload: { reason },
  });
  // Auth0 appends `state` to the URL itself; the page hands it back to /continue unchanged.
  api.redirect.sendUserTo(pageUrl, { query: { session_token: sessionToken } });
};

/**
 * Runs when the page sends the user back to `/continue`.
 *
 * Trade-off on failure: we deny instead of redirecting to the page again. A second redirect from
 * here could loop forever (a page that keeps failing, an expired token, a misconfigured secret);
 * a denial ends this transaction with `error=access_denied` at the application, which can offer
 * "sign in again". The next sign-in starts fresh: onExecutePostLogin sees that the change is still
 * required and sends the user to the page with a new five-minute token. So nobody is trapped, and
 * nobody gets in by calling /continue without having changed the password. The page's "Cancel and
 * sign out" link comes here without a token on purpose, and gets the same denial.
 *
 * @param {Event} event Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api Methods that change the behaviour of the login.
 */
exports.onContinuePostLogin = async (event, api) => {
  let payload;
  try {
    // Checks the HS256 signature, the expiry and that the token's `state` claim is this transaction's.
    payload = api.redirect.validateToken({
      secret: event.secrets.SESSION_TOKEN_SECRET,
      tokenParameterName: 'session_token',
    });
  } catch {
    api.access.deny('Your password was not changed. Please sign in again.');
    return;
  }

  // Anything signed with the shared secret passes validateToken if it carries the state: only the
  // page server's result (its issuer and audience, this user, `changed: true`) proves the change.
  const fromPageServer =
    payload.iss === RESULT_TOKEN_ISSUER && payload.aud === RESULT_TOKEN_AUDIENCE;
  if (!fromPageServer || payload.sub !== event.user.user_id || payload.changed !== true) {
    api.access.deny('Your password change could not be confirmed. Please sign in again.');
    return;
  }

  // The page server already marked the change done; doing it here too covers a failed or late
  // metadata write there, so a user who did change the password is never sent back to the page.
  api.user.setAppMetadata('needsPasswordReset', false);
  api.user.setAppMetadata('precreated', false);
};
