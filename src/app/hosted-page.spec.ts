import { hostedPageFor } from './hosted-page';

describe('hostedPageFor', () => {
  it.each([
    ['/identity/password_set', 'password_set'],
    ['/password_set', 'password_set'],
    ['/custom-hp/password_set', 'password_set'],
    ['/identity/password_set_success', 'password_set_success'],
    ['/password_set_success/', 'password_set_success'],
    ['/custom-hp/password_set_success', 'password_set_success'],
    ['/identity/password_set_successor', 'password_set'],
    ['/', 'password_set'],
  ])('%s → %s', (path, page) => {
    expect(hostedPageFor(path)).toBe(page);
  });
});
