/**
 * Why a user is asked to set a new password: cidaas' E7 `reason` (our decision where cidaas is
 * undocumented, see docs/cidaas-contract.md), and the Auth0 Action's `reason` claim, which uses the
 * first two. The page, the cidaas emulator and the Auth0 server all read them from here.
 */
export const PASSWORD_CHANGE_REASONS = ['first_login', 'admin_required', 'expired'] as const;

/** One of {@link PASSWORD_CHANGE_REASONS}. */
export type PasswordChangeReason = (typeof PASSWORD_CHANGE_REASONS)[number];

/** The reasons an Auth0 post-login Action sends (Auth0 has no password expiry of its own to report). */
export const AUTH0_PASSWORD_CHANGE_REASONS = [
  'first_login',
  'admin_required',
] as const satisfies readonly PasswordChangeReason[];

/** One of {@link AUTH0_PASSWORD_CHANGE_REASONS}. */
export type Auth0PasswordChangeReason = (typeof AUTH0_PASSWORD_CHANGE_REASONS)[number];

/** Whether a value is a {@link PasswordChangeReason}. */
export function isPasswordChangeReason(value: unknown): value is PasswordChangeReason {
  return PASSWORD_CHANGE_REASONS.some((reason) => reason === value);
}

/** Whether a value is an {@link Auth0PasswordChangeReason}. */
export function isAuth0PasswordChangeReason(value: unknown): value is Auth0PasswordChangeReason {
  return AUTH0_PASSWORD_CHANGE_REASONS.some((reason) => reason === value);
}
