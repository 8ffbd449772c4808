/**
 * Auth0 database-connection password policies, mapped onto our cidaas `PasswordPolicy` so the page
 * and the server check the same rules with the shared policy module.
 *
 * Auth0 describes a connection's policy in its `options` (Management API `GET /api/v2/connections/{id}`):
 * - `passwordPolicy`: a level, `none` | `low` | `fair` | `good` | `excellent`:
 *   none = at least 1 character; low = at least 6; fair = at least 8 with lowercase, uppercase and a
 *   digit; good = at least 8 with three of the four classes lowercase, uppercase, digit, special;
 *   excellent = at least 10, three of four classes, and no more than two identical characters in a row.
 * - `password_complexity_options.min_length`: overrides the level's minimum length (1 to 128).
 * - `password_history`: `{ enable, size }`, refuses the last `size` passwords.
 *
 * The mapping (cidaas field ← Auth0):
 * - `minimumLength` ← `min_length`, else the level's minimum length.
 * - `lowerAndUpperCase: true` and `noOfDigits: 1` ← `fair`, `good`, `excellent`. For `good` and
 *   `excellent` this is one fixed choice of "three of four" (lower, upper, digit): our policy
 *   model cannot say "any three of four", and a fixed choice is never weaker than Auth0's rule, so a
 *   password the page accepts is never refused by Auth0 for its character classes.
 * - `noOfSpecialChars` is never set: no Auth0 level requires a special character outright.
 * - `preventAlreadyUsedPwd` ← `password_history.enable`. The history itself is checked by Auth0 on
 *   update (our server cannot see old hashes); its refusal comes back as `password_already_used`.
 * - `excellent`'s "no more than two identical characters in a row" has no cidaas field; Auth0
 *   enforces it on update and the page gets `password_policy_violation` without an `error_code`.
 * - `maximumLength` is not set: Auth0 documents no maximum in these options.
 */
import {
  countDigits,
  countSpecialCharacters,
  codePointLength,
  normalizePassword,
  type PasswordPolicy,
} from '../../src/contract/password-policy';

/** Auth0's password strength levels. */
export const AUTH0_POLICY_LEVELS = ['none', 'low', 'fair', 'good', 'excellent'] as const;

/** One of Auth0's password strength levels. */
export type Auth0PolicyLevel = (typeof AUTH0_POLICY_LEVELS)[number];

/** The password-related `options` of an Auth0 database connection. */
export interface Auth0PasswordOptions {
  /** The strength level; absent means `none`. */
  readonly passwordPolicy?: Auth0PolicyLevel | undefined;
  /** The minimum length, overriding the level's. */
  readonly password_complexity_options?: { readonly min_length?: number | undefined } | undefined;
  /** Whether, and how many, previous passwords are refused. */
  readonly password_history?:
    { readonly enable?: boolean | undefined; readonly size?: number | undefined } | undefined;
}

const LEVEL_MINIMUM_LENGTH: Readonly<Record<Auth0PolicyLevel, number>> = {
  none: 1,
  low: 6,
  fair: 8,
  good: 8,
  excellent: 10,
};

function isLevel(value: unknown): value is Auth0PolicyLevel {
  return typeof value === 'string' && AUTH0_POLICY_LEVELS.some((level) => level === value);
}

function isJsonObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectOrUndefined(value: unknown): { readonly [key: string]: unknown } | undefined {
  return isJsonObject(value) ? value : undefined;
}

function positiveIntegerOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * Reads the password options out of a connection's `options` (or any JSON object), ignoring
 * anything malformed; an unknown level counts as absent.
 */
export function parseAuth0PasswordOptions(value: unknown): Auth0PasswordOptions {
  const options = objectOrUndefined(value) ?? {};
  const complexity = objectOrUndefined(options['password_complexity_options']);
  const history = objectOrUndefined(options['password_history']);
  const level = options['passwordPolicy'];
  return {
    passwordPolicy: isLevel(level) ? level : undefined,
    password_complexity_options: complexity
      ? { min_length: positiveIntegerOrUndefined(complexity['min_length']) }
      : undefined,
    password_history: history
      ? { enable: history['enable'] === true, size: positiveIntegerOrUndefined(history['size']) }
      : undefined,
  };
}

/** The level in force: absent means `none`. */
function levelOf(options: Auth0PasswordOptions): Auth0PolicyLevel {
  return options.passwordPolicy ?? 'none';
}

/** Maps an Auth0 connection's password options onto our cidaas `PasswordPolicy` (see the module comment). */
export function cidaasPolicyFromAuth0(options: Auth0PasswordOptions): PasswordPolicy {
  const level = levelOf(options);
  const classes = level === 'fair' || level === 'good' || level === 'excellent';
  return {
    policy_name: `auth0:${level}`,
    minimumLength: options.password_complexity_options?.min_length ?? LEVEL_MINIMUM_LENGTH[level],
    noOfDigits: classes ? 1 : 0,
    noOfSpecialChars: 0,
    lowerAndUpperCase: classes,
    preventAlreadyUsedPwd: options.password_history?.enable === true,
  };
}

function hasMoreThanTwoIdenticalInARow(value: string): boolean {
  return /(.)\1\1/su.test(value);
}

/**
 * Whether Auth0 itself would accept the password for the connection (its own rules, not our mapping),
 * as the emulator's Management API checks it. History is checked separately.
 */
export function auth0AcceptsPassword(password: string, options: Auth0PasswordOptions): boolean {
  const value = normalizePassword(password);
  const level = levelOf(options);
  const minimum = options.password_complexity_options?.min_length ?? LEVEL_MINIMUM_LENGTH[level];
  if (codePointLength(value) < minimum) return false;
  const lower = /\p{Ll}/u.test(value);
  const upper = /\p{Lu}/u.test(value);
  const digit = countDigits(value) > 0;
  const special = countSpecialCharacters(value) > 0;
  const classCount = [lower, upper, digit, special].filter(Boolean).length;
  switch (level) {
    case 'none':
    case 'low':
      return true;
    case 'fair':
      return lower && upper && digit;
    case 'good':
      return classCount >= 3;
    case 'excellent':
      return classCount >= 3 && !hasMoreThanTwoIdenticalInARow(value);
  }
}
