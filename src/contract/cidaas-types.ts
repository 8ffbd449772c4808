import type { PasswordChangeReason } from './change-reasons';
import type { PasswordPolicy } from './password-policy';

/** Public client information (E3 `data`): branding and the password policy. Every field is optional. */
export interface ClientInfo {
  readonly client_id?: string;
  readonly client_name?: string;
  readonly client_display_name?: string;
  readonly logo_uri?: string;
  readonly primaryColor?: string;
  readonly accentColor?: string;
  readonly backgroundUri?: string;
  readonly policy_uri?: string;
  readonly tos_uri?: string;
  readonly imprint_uri?: string;
  readonly copy_right_info?: string;
  readonly password_policy?: PasswordPolicy;
}

/** Constraints cidaas attaches to a field of the field setup (E5). */
export interface FieldDefinition {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly matchWith?: string;
  readonly applyPasswordPoly?: boolean;
}

/** The tenant's localized texts for a field of the field setup (E5). */
export interface FieldLocaleText {
  readonly locale?: string;
  readonly language?: string;
  readonly name?: string;
  readonly required?: string;
  readonly minLength?: string;
  readonly maxLength?: string;
  readonly matchWith?: string;
}

/** One field of the field setup (E5 item). */
export interface FieldSetup {
  readonly fieldKey: string;
  readonly dataType: string;
  readonly fieldType: string;
  readonly order?: number;
  readonly required?: boolean;
  readonly readOnly?: boolean;
  readonly fieldDefinition: FieldDefinition;
  readonly localeText: FieldLocaleText;
}

export type { PasswordChangeReason } from './change-reasons';

/** What cidaas knows about a pending login track (E7 `data`). */
export interface PreloginMetadata {
  readonly precheck: string;
  readonly sub?: string;
  readonly username?: string;
  readonly requestId?: string;
  readonly reason?: PasswordChangeReason;
  readonly expires_at?: string;
}

/** `FirstTimeChangePasswordRequest` of the SDK: the body of `firstTimeChangePassword`, as posted to E8. */
export interface FirstTimeChangePasswordRequest {
  readonly old_password: string;
  readonly new_password: string;
  readonly confirm_password: string;
}

/** `ResetPasswordRequest` of the SDK: the body of `resetPassword`, as posted to E11 at the end of forgot-password. */
export interface ResetPasswordRequest {
  readonly resetRequestId: string;
  readonly exchangeId: string;
  readonly password: string;
  readonly confirmPassword: string;
}

/** `GetClientInfoRequest` of the SDK, plus the language cidaas should localize its texts in. */
export interface GetClientInfoRequest {
  readonly requestId: string;
  /** Sent as `Accept-Language` (the SDK sends its `localeSettings` there). */
  readonly acceptlanguage?: string;
}

/** `GetRegistrationSetupRequest` of the SDK. */
export interface GetRegistrationSetupRequest {
  readonly requestId: string;
  /** The language of the tenant's field texts; cidaas' default when absent. */
  readonly acceptlanguage?: string;
}

/** `LoginPrecheckRequest` of the SDK: the login track (the page's `lsid`). */
export interface LoginPrecheckRequest {
  readonly track_id: string;
}
