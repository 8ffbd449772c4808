/**
 * The password policy of a cidaas client, as pure TypeScript with no Angular.
 *
 * This is the one home of the policy rules: the page's validators and checklist, the `passwordrules`
 * attribute and the cidaas emulator all read them from here, so client and server never disagree.
 * Semantics (see `cidaas-contract.md`): the password is NFC-normalized, lengths count Unicode code
 * points, a digit is `\p{Nd}`, lower/upper are `\p{Ll}`/`\p{Lu}`, and a special character is anything
 * that is not a letter, a digit or whitespace.
 */

/** `ClientInfo.password_policy` as cidaas sends it. Every field is optional; absent or zero means "no such rule". */
export type PasswordPolicy = {
  readonly id?: string;
  readonly policy_name?: string;
  readonly minimumLength?: number | null;
  readonly maximumLength?: number | null;
  readonly noOfDigits?: number | null;
  readonly noOfSpecialChars?: number | null;
  readonly lowerAndUpperCase?: boolean | null;
  readonly preventAlreadyUsedPwd?: boolean | null;
};

/** A rule the password itself must satisfy, in the order the page lists them. */
export type PolicyRule =
  | { readonly id: 'minimumLength'; readonly min: number }
  | { readonly id: 'maximumLength'; readonly max: number }
  | { readonly id: 'noOfDigits'; readonly min: number }
  | { readonly id: 'noOfSpecialChars'; readonly min: number }
  | { readonly id: 'lowerAndUpperCase' };

/** The identifier of a rule; also the `error_code` cidaas sends for a `password_policy_violation`. */
export type PolicyRuleId = PolicyRule['id'];

/** Every rule identifier, in display order. */
export const POLICY_RULE_IDS: readonly PolicyRuleId[] = [
  'minimumLength',
  'maximumLength',
  'noOfDigits',
  'noOfSpecialChars',
  'lowerAndUpperCase',
];

/** The outcome of one rule for one password, with the numbers a message needs. */
export interface RuleResult {
  /** The rule that was checked. */
  readonly rule: PolicyRule;
  /** Whether the password satisfies the rule. */
  readonly met: boolean;
  /** What was counted: code points, digits or special characters (lower+upper: how many of the two cases occur). */
  readonly actual: number;
}

/** Whether a value from the wire is a usable positive rule threshold. */
function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** A policy as it may arrive from the wire: typed, or any JSON object (malformed values are ignored). */
export type PolicyInput = PasswordPolicy | { readonly [key: string]: unknown } | null | undefined;

/**
 * Turns a cidaas password policy into its list of rules. Values that are absent, zero, negative,
 * fractional or not numbers are "no such rule", so a malformed policy never blocks a user.
 */
export function rulesFromPolicy(policy: PolicyInput): PolicyRule[] {
  const rules: PolicyRule[] = [];
  if (!policy || typeof policy !== 'object') return rules;
  const fields: { readonly [key: string]: unknown } = policy;
  const min = positiveInteger(fields['minimumLength']);
  const max = positiveInteger(fields['maximumLength']);
  const digits = positiveInteger(fields['noOfDigits']);
  const specials = positiveInteger(fields['noOfSpecialChars']);
  if (min !== undefined) rules.push({ id: 'minimumLength', min });
  if (max !== undefined) rules.push({ id: 'maximumLength', max });
  if (digits !== undefined) rules.push({ id: 'noOfDigits', min: digits });
  if (specials !== undefined) rules.push({ id: 'noOfSpecialChars', min: specials });
  if (fields['lowerAndUpperCase'] === true) rules.push({ id: 'lowerAndUpperCase' });
  return rules;
}

/** The password as the policy sees it: NFC-normalized. */
export function normalizePassword(password: string): string {
  return password.normalize('NFC');
}

/** Counts the code points of an already normalized string (not UTF-16 units). */
export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

// Nothing to count in an empty password (the page's state at start-up): V8 compiles a Unicode
// property class on its first use, milliseconds that the first render need not spend.
function countMatches(value: string, pattern: RegExp): number {
  return value === '' ? 0 : (value.match(pattern)?.length ?? 0);
}

/** Counts decimal digits (`\p{Nd}`: ASCII, Arabic-Indic, Devanagari, …). */
export function countDigits(value: string): number {
  return countMatches(value, /\p{Nd}/gu);
}

/** Counts special characters: anything that is not a letter, a decimal digit or whitespace. */
export function countSpecialCharacters(value: string): number {
  return countMatches(value, /[^\p{L}\p{Nd}\s]/gu);
}

/** Whether the value holds at least one lowercase (`\p{Ll}`) and one uppercase (`\p{Lu}`) letter. */
function caseCount(value: string): number {
  return value === '' ? 0 : (/\p{Ll}/u.test(value) ? 1 : 0) + (/\p{Lu}/u.test(value) ? 1 : 0);
}

/** Evaluates a password against every rule: one result per rule, in the rules' order. */
export function evaluatePassword(password: string, rules: readonly PolicyRule[]): RuleResult[] {
  const value = normalizePassword(password);
  return rules.map((rule): RuleResult => {
    switch (rule.id) {
      case 'minimumLength': {
        const actual = codePointLength(value);
        return { rule, met: actual >= rule.min, actual };
      }
      case 'maximumLength': {
        const actual = codePointLength(value);
        return { rule, met: actual <= rule.max, actual };
      }
      case 'noOfDigits': {
        const actual = countDigits(value);
        return { rule, met: actual >= rule.min, actual };
      }
      case 'noOfSpecialChars': {
        const actual = countSpecialCharacters(value);
        return { rule, met: actual >= rule.min, actual };
      }
      case 'lowerAndUpperCase': {
        const actual = caseCount(value);
        return { rule, met: actual === 2, actual };
      }
    }
  });
}

/** The first rule the password breaks, or `undefined` when it satisfies the whole policy. */
export function firstViolation(password: string, policy: PolicyInput): PolicyRuleId | undefined {
  return evaluatePassword(password, rulesFromPolicy(policy)).find((result) => !result.met)?.rule.id;
}

/**
 * The `passwordrules` attribute value (a hint for password managers) for a rule list, e.g.
 * `minlength: 10; maxlength: 64; required: lower; required: upper; required: digit; required: special;`.
 */
export function passwordRulesAttribute(rules: readonly PolicyRule[]): string {
  const parts: string[] = [];
  for (const rule of rules) {
    switch (rule.id) {
      case 'minimumLength':
        parts.push(`minlength: ${rule.min};`);
        break;
      case 'maximumLength':
        parts.push(`maxlength: ${rule.max};`);
        break;
      case 'noOfDigits':
        parts.push('required: digit;');
        break;
      case 'noOfSpecialChars':
        parts.push('required: special;');
        break;
      case 'lowerAndUpperCase':
        parts.push('required: lower;', 'required: upper;');
        break;
    }
  }
  return parts.join(' ');
}
