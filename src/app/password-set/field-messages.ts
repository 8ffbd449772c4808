import type { PasswordValidationErrors } from '../policy/policy-validators';
import type { PolicyRuleId } from '../../contract/password-policy';
import type { ServerCheck } from './page-data';
import type { PasswordFieldName } from './password-form';
import type { UrlError } from '../../contract/page-params';

/** A translation key with its parameters. */
export interface Message {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** The message for a field's validation errors, most important first; `null` when valid. */
export function validationMessage(
  field: PasswordFieldName,
  errors: PasswordValidationErrors | null,
): Message | null {
  if (!errors) return null;
  if (errors.required) return { key: `validation.${field}.required` };
  if (errors.mismatch) return { key: 'validation.mismatch' };
  if (errors.sameAsCurrent) return { key: 'validation.sameAsCurrent' };
  if (errors.maxlength)
    return { key: 'validation.maxlength', params: { count: errors.maxlength.requiredLength } };
  return { key: 'validation.policy' };
}

/** The field a server-reported error belongs to, so its message can sit next to that field. */
export function fieldOfUrlError(error: UrlError): PasswordFieldName | null {
  switch (error.code) {
    case 'invalid_old_password':
      return 'oldPassword';
    case 'password_mismatch':
      return 'confirmPassword';
    case 'invalid_request':
    case 'password_policy_violation':
    case 'password_already_used':
    case 'password_same_as_old':
    case 'password_compromised':
      return 'newPassword';
    case 'track_expired':
    case 'too_many_attempts':
    case 'unknown':
      return null;
  }
}

/**
 * The rule of the checklist a server rejection says the new password broke: a policy rule
 * (`password_policy_violation` with the rule's id in `error_code`), the password history or the
 * breached-password check; `null` when the rejection names no rule.
 */
export function rejectedRule(error: UrlError): PolicyRuleId | ServerCheck | null {
  switch (error.code) {
    case 'password_policy_violation':
      return error.rule;
    case 'password_already_used':
      return 'passwordHistory';
    case 'password_compromised':
      return 'breachedPassword';
    case 'invalid_old_password':
    case 'password_mismatch':
    case 'password_same_as_old':
    case 'track_expired':
    case 'too_many_attempts':
    case 'invalid_request':
    case 'unknown':
      return null;
  }
}

function ruleKey(rule: PolicyRuleId | null): string {
  return rule === null ? 'errors.url.password_policy_violation' : `errors.url.policy.${rule}`;
}

/** The localized explanation of an error that came back in the URL (never the server's own text). */
export function urlErrorMessage(error: UrlError): Message {
  switch (error.code) {
    case 'password_policy_violation':
      return { key: ruleKey(error.rule) };
    case 'too_many_attempts':
      return error.retryAfterSeconds === null
        ? { key: 'errors.url.too_many_attempts' }
        : {
            key: 'errors.url.too_many_attempts_retry',
            params: { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) },
          };
    case 'unknown':
      // Only a value shaped like a code is ever shown; anything else in the link is not ours to repeat.
      return error.supportCode === null
        ? { key: 'errors.url.unknownNoCode' }
        : { key: 'errors.url.unknown', params: { code: error.supportCode } };
    case 'invalid_old_password':
    case 'password_mismatch':
    case 'password_already_used':
    case 'password_same_as_old':
    case 'password_compromised':
    case 'track_expired':
    case 'invalid_request':
      return { key: `errors.url.${error.code}` };
  }
}
