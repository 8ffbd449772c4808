import { fieldOfUrlError, urlErrorMessage } from './field-messages';
import { parseUrlError } from '../../contract/page-params';

const messageFor = (query: string) => {
  const error = parseUrlError(new URLSearchParams(query));
  if (!error) throw new Error(`no error in ${query}`);
  return { message: urlErrorMessage(error), field: fieldOfUrlError(error) };
};

describe('urlErrorMessage', () => {
  it.each([
    ['error=invalid_old_password', { key: 'errors.url.invalid_old_password' }, 'oldPassword'],
    // The confirmation is what did not match: the message sits there, not under the new password.
    ['error=password_mismatch', { key: 'errors.url.password_mismatch' }, 'confirmPassword'],
    ['error=password_already_used', { key: 'errors.url.password_already_used' }, 'newPassword'],
    ['error=password_same_as_old', { key: 'errors.url.password_same_as_old' }, 'newPassword'],
    ['error=track_expired', { key: 'errors.url.track_expired' }, null],
    [
      'error=too_many_attempts&retry_after=1',
      { key: 'errors.url.too_many_attempts_retry', params: { minutes: 1 } },
      null,
    ],
    [
      'error=too_many_attempts&retry_after=900',
      { key: 'errors.url.too_many_attempts_retry', params: { minutes: 15 } },
      null,
    ],
    [
      'error=too_many_attempts&retry_after=901',
      { key: 'errors.url.too_many_attempts_retry', params: { minutes: 16 } },
      null,
    ],
    [
      'error=Bad+Request&error_description=The+password+is+compromised&error_code=VER_0120',
      { key: 'errors.url.password_compromised' },
      'newPassword',
    ],
    [
      'error=Bad+Request&error_code=noOfDigits',
      { key: 'errors.url.policy.noOfDigits' },
      'newPassword',
    ],
    [
      'error=password_policy_violation',
      { key: 'errors.url.password_policy_violation' },
      'newPassword',
    ],
    // What the emulator sends for an empty new password that no rule forbids: the page knows it.
    ['error=invalid_request', { key: 'errors.url.invalid_request' }, 'newPassword'],
    [
      'error=too_many_attempts&retry_after=61',
      { key: 'errors.url.too_many_attempts_retry', params: { minutes: 2 } },
      null,
    ],
    ['error=too_many_attempts', { key: 'errors.url.too_many_attempts' }, null],
    [
      'error=brand_new_error',
      { key: 'errors.url.unknown', params: { code: 'brand_new_error' } },
      null,
    ],
    [
      'error=Bad+Request&error_code=VER_0999',
      { key: 'errors.url.unknown', params: { code: 'VER_0999' } },
      null,
    ],
  ])('%s → %p next to %p', (query, message, field) => {
    expect(messageFor(query)).toEqual({ message, field });
  });

  it.each([
    'error=Bad+Request',
    'error=Bad+Request&error_description=Call+our+hotline+%2B1-900-555-0199',
    `error=${encodeURIComponent('Call our hotline +1-900-555-0199')}`,
    `error=${encodeURIComponent('<b>x</b>')}`,
    `error=${encodeURIComponent('\u202Eevil')}`,
  ])('%s → the generic message without a code, and never error_description', (query) => {
    expect(messageFor(query)).toEqual({
      message: { key: 'errors.url.unknownNoCode' },
      field: null,
    });
  });
});
