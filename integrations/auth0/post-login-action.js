/**
 * Auth0 post-login Action: force a password change at first login (pre-created users) or when an
 * administrator asked for one, through the password_set page, without ever trapping the user.
 *
 * Paste this file as the code of a custom Action on the Login / Post Login trigger (Node 22 runtime,
 * no npm dependencies). Secrets (Action settings → Secrets):
 *   PASSWORD_PAGE_URL     https URL of the password_set page in Auth0 mode, e.g.
 *                         https://login.example.com/identity/password_set
 *   SESSION_TOKEN_SECRET  a long random string (at least 32 bytes), the same value as the page
 *                         server's SESSION_TOKEN_SECRET; it signs the tokens in both directions.
 *
 * Which users must change their password:
 *   - "pre-created" users on their first login: `app_metadata.precreated === true` (set by whoever
 *     creates the account through the Management API or an import) and `event.stats.logins_count === 1`.
 *     We do not guess from the connection or the creation method: users who signed up themselves
 *     live in the same database connection and must not be forced to change a password they chose.
 *   - any user with `app_metadata.needsPasswordReset === true` (an administrator's request, or a
 *     pre-created user who left the page on the first login: see below).
 *
 * The round trip:
 *   1. onExecutePostLogin sends the user to PASSWORD_PAGE_URL with `session_token` (HS256, 5
 *      minutes, claims `sub`, `email`, `reason`; Auth0 adds `iss`, `exp` and `state`) and `state`.
 *   2. The page server checks that token, sets the password and clears `needsPasswordReset` through
 *      the Management API, then sends the user to `https://<tenant>/continue?state=…&session_token=…`
 *      with a new token `{ sub, state, changed: true }` signed with the same secret.
 *   3. onContinuePostLogin lets the login finish only when that token is valid, belongs to this user
 *      and says `changed: true`.
 */

/** How long the page may take before the user has to sign in again. */
const SESSION_TOKEN_LIFETIME_SECONDS = 300;

/**
 * Why this user must change the password now, or `undefined` when the login may simply proceed.
 * @returns {'first_login' | 'admin_required' | undefined}
 */
function passwordChangeReason(event) {
  const appMetadata = event.user.app_metadata || {};
  if (appMetadata.precreated === true && event.stats.logins_count === 1) return 'first_login';
  if (appMetadata.needsPasswordReset === true) {
    return appMetadata.passwordResetReason === 'first_login' ? 'first_login' : 'admin_required';
  }
  return undefined;
}

/**
 * @param {Event} event Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api Methods that change the behaviour of the login.
 */
exports.onExecutePostLogin = async (event, api) => {
  const reason = passwordChangeReason(event);
  if (reason === undefined) return;

  const { PASSWORD_PAGE_URL: pageUrl, SESSION_TOKEN_SECRET: secret } = event.secrets;
  if (!pageUrl || !secret) {
    // Fail closed: a user who must change a temporary password is not let in without doing so. The
    // message tells support what is wrong; signing in again works as soon as the secrets are set.
    api.access.deny('Password change required, but the password page is not configured. Please contact support.');
    return;
  }

  if (reason === 'first_login') {
    // logins_count is 2 on the next attempt, so a user who closes the page would otherwise skip
    // the change for good. The flag keeps the requirement until the page server clears it.
    api.user.setAppMetadata('needsPasswordReset', true);
    api.user.setAppMetadata('passwordResetReason', 'first_login');
  }

  const sessionToken = api.redirect.encodeToken({
    secret,
    expiresInSeconds: SESSION_TOKEN_LIFETIME_SECONDS,
    payload: { sub: event.user.user_id, email: event.user.email, reason },
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
 * "sign in again". The next sign-in starts fresh: onExecutePostLogin sees `needsPasswordReset`
 * still set and sends the user to the page with a new five-minute token. So nobody is trapped,
 * and nobody gets in by calling /continue without having changed the password.
 *
 * @param {Event} event Details about the user and the context in which they are logging in.
 * @param {PostLoginAPI} api Methods that change the behaviour of the login.
 */
exports.onContinuePostLogin = async (event, api) => {
  let payload;
  try {
    // Checks the HS256 signature, the expiry and that the token's `state` is this transaction's.
    payload = api.redirect.validateToken({ secret: event.secrets.SESSION_TOKEN_SECRET, tokenParameterName: 'session_token' });
  } catch {
    api.access.deny('Your password change could not be confirmed. Please sign in again.');
    return;
  }

  // The token we sent out in step 1 is signed with the same secret and carries the same state, so
  // "valid" alone proves nothing: only the page server's result says `changed: true`.
  if (payload.sub !== event.user.user_id || payload.changed !== true) {
    api.access.deny('Your password change could not be confirmed. Please sign in again.');
    return;
  }

  // The page server already cleared the flag; clearing it here too covers a failed or late metadata
  // write there, so a user who did change the password is never sent back to the page.
  api.user.setAppMetadata('needsPasswordReset', false);
  api.user.setAppMetadata('passwordResetReason', null);
};
