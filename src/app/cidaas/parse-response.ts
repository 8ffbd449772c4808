import { isRecord } from '../../contract/is-record';
import { isPasswordChangeReason } from '../../contract/change-reasons';
import type { PasswordPolicy } from '../../contract/password-policy';
import type { ApiError } from './api-error';
import type {
  ClientInfo,
  FieldDefinition,
  FieldLocaleText,
  FieldSetup,
  PasswordChangeReason,
  PreloginMetadata,
} from '../../contract/cidaas-types';

type Json = Record<string, unknown>;

function pickString(source: Json, key: string): string | undefined {
  const value = source[key];
  return typeof value === 'string' ? value : undefined;
}

function pickNumber(source: Json, key: string): number | undefined {
  const value = source[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function pickBoolean(source: Json, key: string): boolean | undefined {
  const value = source[key];
  return typeof value === 'boolean' ? value : undefined;
}

const BAD_RESPONSE: ApiError = { kind: 'bad-response' };

/** Unwraps the cidaas envelope `{ success, status, data }`, or throws a `bad-response` {@link ApiError}. */
export function unwrapEnvelope(body: unknown): unknown {
  if (!isRecord(body) || body['success'] !== true || !('data' in body)) throw BAD_RESPONSE;
  return body['data'];
}

function parsePasswordPolicy(value: unknown): PasswordPolicy | undefined {
  if (!isRecord(value)) return undefined;
  return {
    id: pickString(value, 'id'),
    policy_name: pickString(value, 'policy_name'),
    minimumLength: pickNumber(value, 'minimumLength'),
    maximumLength: pickNumber(value, 'maximumLength'),
    noOfDigits: pickNumber(value, 'noOfDigits'),
    noOfSpecialChars: pickNumber(value, 'noOfSpecialChars'),
    lowerAndUpperCase: pickBoolean(value, 'lowerAndUpperCase'),
    preventAlreadyUsedPwd: pickBoolean(value, 'preventAlreadyUsedPwd'),
  };
}

/** Reads E3 `data` into a {@link ClientInfo}, keeping only fields of the expected types. */
export function parseClientInfo(data: unknown): ClientInfo {
  if (!isRecord(data)) throw BAD_RESPONSE;
  return {
    client_id: pickString(data, 'client_id'),
    client_name: pickString(data, 'client_name'),
    client_display_name: pickString(data, 'client_display_name'),
    logo_uri: pickString(data, 'logo_uri'),
    primaryColor: pickString(data, 'primaryColor'),
    accentColor: pickString(data, 'accentColor'),
    backgroundUri: pickString(data, 'backgroundUri'),
    policy_uri: pickString(data, 'policy_uri'),
    tos_uri: pickString(data, 'tos_uri'),
    imprint_uri: pickString(data, 'imprint_uri'),
    copy_right_info: pickString(data, 'copy_right_info'),
    password_policy: parsePasswordPolicy(data['password_policy']),
  };
}

function parseFieldDefinition(value: unknown): FieldDefinition {
  if (!isRecord(value)) return {};
  return {
    minLength: pickNumber(value, 'minLength'),
    maxLength: pickNumber(value, 'maxLength'),
    matchWith: pickString(value, 'matchWith'),
    applyPasswordPoly: pickBoolean(value, 'applyPasswordPoly'),
  };
}

function parseLocaleText(value: unknown): FieldLocaleText {
  if (!isRecord(value)) return {};
  return {
    locale: pickString(value, 'locale'),
    language: pickString(value, 'language'),
    name: pickString(value, 'name'),
    required: pickString(value, 'required'),
    minLength: pickString(value, 'minLength'),
    maxLength: pickString(value, 'maxLength'),
    matchWith: pickString(value, 'matchWith'),
  };
}

/** Reads E5 `data` into a list of {@link FieldSetup}; items without a `fieldKey` are skipped. */
export function parseFieldSetup(data: unknown): FieldSetup[] {
  if (!Array.isArray(data)) throw BAD_RESPONSE;
  const fields: FieldSetup[] = [];
  for (const item of data) {
    if (!isRecord(item)) continue;
    const fieldKey = pickString(item, 'fieldKey');
    if (!fieldKey) continue;
    fields.push({
      fieldKey,
      dataType: pickString(item, 'dataType') ?? '',
      fieldType: pickString(item, 'fieldType') ?? '',
      order: pickNumber(item, 'order'),
      required: pickBoolean(item, 'required'),
      readOnly: pickBoolean(item, 'readOnly'),
      fieldDefinition: parseFieldDefinition(item['fieldDefinition']),
      localeText: parseLocaleText(item['localeText']),
    });
  }
  return fields;
}

function parseReason(value: string | undefined): PasswordChangeReason | undefined {
  return isPasswordChangeReason(value) ? value : undefined;
}

/** Reads E7 `data` into {@link PreloginMetadata}. */
export function parsePreloginMetadata(data: unknown): PreloginMetadata {
  if (!isRecord(data)) throw BAD_RESPONSE;
  return {
    precheck: pickString(data, 'precheck') ?? '',
    sub: pickString(data, 'sub'),
    username: pickString(data, 'username'),
    requestId: pickString(data, 'requestId'),
    reason: parseReason(pickString(data, 'reason')),
    expires_at: pickString(data, 'expires_at'),
  };
}
