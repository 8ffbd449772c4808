import {
  AUTH0_PASSWORD_CHANGE_REASONS,
  isAuth0PasswordChangeReason,
  isPasswordChangeReason,
  PASSWORD_CHANGE_REASONS,
} from './change-reasons';

describe('password change reasons', () => {
  it('accepts exactly the listed reasons', () => {
    for (const reason of PASSWORD_CHANGE_REASONS) expect(isPasswordChangeReason(reason)).toBe(true);
    for (const value of [
      '',
      'FIRST_LOGIN',
      'first_login ',
      'unknown',
      null,
      undefined,
      1,
      {},
      ['first_login'],
    ]) {
      expect(isPasswordChangeReason(value)).toBe(false);
    }
  });

  it("Auth0's reasons are the first two: an Auth0 token never says expired", () => {
    expect([...AUTH0_PASSWORD_CHANGE_REASONS]).toEqual(['first_login', 'admin_required']);
    expect(isAuth0PasswordChangeReason('first_login')).toBe(true);
    expect(isAuth0PasswordChangeReason('admin_required')).toBe(true);
    expect(isAuth0PasswordChangeReason('expired')).toBe(false);
    expect(isAuth0PasswordChangeReason(undefined)).toBe(false);
  });
});
