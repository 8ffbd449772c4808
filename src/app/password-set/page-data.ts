import { PasswordPolicy, PolicyRule, rulesFromPolicy } from '../../contract/password-policy';
import type { ApiError } from '../cidaas/api-error';
import type { ClientInfo, FieldSetup, PreloginMetadata } from '../../contract/cidaas-types';
import type { LinkProblem, PageParams, SubmitTarget } from '../../contract/page-params';

/** The tenant's texts and constraints for the two new-password fields, from the field setup (E5). */
export interface PasswordFields {
  /** The `password` field (the new password), if the tenant's field setup has it. */
  readonly newPassword: FieldSetup | null;
  /** The `password_echo` field (the confirmation), if the tenant's field setup has it. */
  readonly confirmPassword: FieldSetup | null;
}

/**
 * A rule of the new password that only the server can check, listed beside the policy's rules so the
 * user knows of it before the submit: none of the recent passwords (the policy's
 * `preventAlreadyUsedPwd`), and not a password known from data breaches (cidaas answers `VER_0120`).
 */
export type ServerCheck = 'passwordHistory' | 'breachedPassword';

/** Every {@link ServerCheck}, in the order the checklist lists them (after the policy's rules). */
export const SERVER_CHECKS: readonly ServerCheck[] = ['passwordHistory', 'breachedPassword'];

/** Everything the form needs once start-up succeeded. */
export interface PageData {
  /** Where and how the new password is submitted (change mode: E8; reset mode: E11; Auth0 mode). */
  readonly target: SubmitTarget;
  /** The cidaas login request (`null` in Auth0 mode): for the check before the POST and cidaas' forgot-password page. */
  readonly requestId: string | null;
  /** The way out: back to sign-in for another account (cidaas E12, or Auth0's cancel). */
  readonly exitUrl: string;
  readonly clientInfo: ClientInfo;
  readonly fields: PasswordFields;
  /** E7 metadata (change mode only); `null` when unavailable (the page works without it). */
  readonly metadata: PreloginMetadata | null;
  /** The policy rules plus the field setup's length constraints, in display order. */
  readonly rules: readonly PolicyRule[];
  /** What the server checks on submit beyond {@link rules}, in display order. */
  readonly serverChecks: readonly ServerCheck[];
}

/** Why the page cannot offer the form at all. */
export type DeadEnd = LinkProblem | 'expired-track' | 'expired-reset' | 'expired-request';

/** The state of the page, from URL to form. */
export type PageState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly data: PageData }
  /** The link cannot work: the user must start signing in again. */
  | {
      readonly kind: 'dead-end';
      readonly reason: DeadEnd;
      /** Where "sign in again" leads, when there is a login to go back to. */
      readonly exitUrl: string | null;
      readonly clientInfo: ClientInfo | null;
    }
  /** Start-up failed in a way that trying again may fix. */
  | { readonly kind: 'failed'; readonly error: ApiError }
  /**
   * The success page (`/identity/password_set_success`, after a reset): the change is confirmed, with
   * the way on to sign-in for the same login request (E12) when the URL names one.
   */
  | {
      readonly kind: 'success';
      readonly signInUrl: string | null;
      readonly clientInfo: ClientInfo | null;
    };

/** Picks the system password fields (`password`, `password_echo`) out of the field setup. */
export function passwordFieldsFromSetup(fields: readonly FieldSetup[]): PasswordFields {
  const passwordFields = fields.filter(
    (field) => field.dataType === 'PASSWORD' && field.fieldType === 'SYSTEM',
  );
  return {
    newPassword: passwordFields.find((field) => field.fieldKey === 'password') ?? null,
    confirmPassword: passwordFields.find((field) => field.fieldKey === 'password_echo') ?? null,
  };
}

function positive(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * The effective policy: the client's password policy, tightened by the field setup's `minLength` and
 * `maxLength` for the new-password field (the stricter value wins).
 */
export function effectivePolicy(
  policy: PasswordPolicy | undefined,
  newPassword: FieldSetup | null,
): PasswordPolicy {
  const base = policy ?? {};
  const fieldMin = positive(newPassword?.fieldDefinition.minLength);
  const fieldMax = positive(newPassword?.fieldDefinition.maxLength);
  const policyMin = positive(base.minimumLength);
  const policyMax = positive(base.maximumLength);
  return {
    ...base,
    minimumLength:
      fieldMin !== undefined && policyMin !== undefined
        ? Math.max(fieldMin, policyMin)
        : (fieldMin ?? policyMin),
    maximumLength:
      fieldMax !== undefined && policyMax !== undefined
        ? Math.min(fieldMax, policyMax)
        : (fieldMax ?? policyMax),
  };
}

/** Builds the ready state from the start-up answers. */
export function toPageData(
  params: Extract<PageParams, { ok: true }>,
  exitUrl: string,
  clientInfo: ClientInfo,
  fieldSetup: readonly FieldSetup[],
  metadata: PreloginMetadata | null,
): PageData {
  const fields = passwordFieldsFromSetup(fieldSetup);
  const cidaas = params.platform === 'cidaas';
  return {
    target: params.target,
    requestId: cidaas ? params.requestId : null,
    exitUrl,
    clientInfo,
    fields,
    metadata,
    rules: rulesFromPolicy(effectivePolicy(clientInfo.password_policy, fields.newPassword)),
    serverChecks: SERVER_CHECKS.filter((check) =>
      // cidaas documents its breached-password refusal (VER_0120); Auth0's Management API has none.
      check === 'passwordHistory'
        ? clientInfo.password_policy?.preventAlreadyUsedPwd === true
        : cidaas,
    ),
  };
}
