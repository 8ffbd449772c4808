import { PASSWORD_CHANGE_REASONS } from '../../contract/change-reasons';
import type { ApiError } from './api-error';
import {
  parseClientInfo,
  parseFieldSetup,
  parsePreloginMetadata,
  unwrapEnvelope,
} from './parse-response';

const BAD_RESPONSE: ApiError = { kind: 'bad-response' };

/** What a call throws; fails the test when it returns. (The parsers throw a plain `ApiError`, not an `Error`.) */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** Top-level shapes no parser accepts as an object. */
const NOT_OBJECTS: [string, unknown][] = [
  ['null', null],
  ['undefined', undefined],
  ['a string', '{"client_id":"x"}'],
  ['a number', 42],
  ['a boolean', true],
  ['an array', [{ client_id: 'x' }]],
];

/** Values that are not finite numbers, however number-like. */
const NOT_FINITE_NUMBERS: [string, unknown][] = [
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['a numeric string', '10'],
  ['null', null],
  ['a boolean', true],
];

const POLICY = {
  id: 'policy-1',
  policy_name: 'Default',
  minimumLength: 10,
  maximumLength: 64,
  noOfDigits: 1,
  noOfSpecialChars: 1,
  lowerAndUpperCase: true,
  preventAlreadyUsedPwd: false,
};

const CLIENT_INFO = {
  client_id: 'demo-client',
  client_name: 'demo',
  client_display_name: 'Acme Demo',
  logo_uri: 'https://cdn.example.com/logo.svg',
  primaryColor: '#2455c3',
  accentColor: '#0f766e',
  backgroundUri: 'https://cdn.example.com/bg.jpg',
  policy_uri: 'https://example.com/privacy',
  tos_uri: 'https://example.com/terms',
  imprint_uri: 'https://example.com/imprint',
  copy_right_info: '© Acme',
  password_policy: POLICY,
};

const PASSWORD_FIELD = {
  fieldKey: 'password',
  dataType: 'PASSWORD',
  fieldType: 'SYSTEM',
  order: 2,
  required: true,
  readOnly: false,
  fieldDefinition: { minLength: 8, maxLength: 64, matchWith: 'password', applyPasswordPoly: true },
  localeText: {
    locale: 'de-DE',
    language: 'de',
    name: 'Neues Passwort',
    required: 'Pflichtfeld',
    minLength: 'Zu kurz',
    maxLength: 'Zu lang',
    matchWith: 'Stimmt nicht überein',
  },
};

const METADATA = {
  precheck: 'password_change',
  sub: '5f1b6c0e-sub',
  username: 'new.user@example.com',
  requestId: '9080d117-43e2-4a03-8215-a9f7a03e2999',
  reason: 'first_login',
  expires_at: '2026-11-30T12:00:00Z',
};

/** The keys of `record` whose values are strings (each parser keeps them only as strings). */
function stringKeys(record: Record<string, unknown>): string[] {
  return Object.keys(record).filter((key) => typeof record[key] === 'string');
}

describe('unwrapEnvelope', () => {
  it.each<[string, unknown]>([
    ['an object', { client_id: 'x' }],
    ['an array', [1, 2]],
    ['null (a 200 without data)', null],
    ['an empty string', ''],
  ])('returns `data` as it is when it is %s', (_, data) => {
    expect(unwrapEnvelope({ success: true, status: 200, data })).toBe(data);
  });

  it.each<[string, unknown]>([
    ...NOT_OBJECTS,
    ['success: false', { success: false, status: 200, data: {} }],
    ['success as a string', { success: 'true', status: 200, data: {} }],
    ['success missing', { status: 200, data: {} }],
    ['no data', { success: true, status: 200 }],
  ])('throws bad-response for %s', (_, body) => {
    expect(thrownBy(() => unwrapEnvelope(body))).toEqual(BAD_RESPONSE);
  });
});

describe('parseClientInfo', () => {
  it('keeps every field of the expected type', () => {
    expect(parseClientInfo(CLIENT_INFO)).toEqual(CLIENT_INFO);
  });

  it('leaves out what cidaas does not send, and what it sends beyond the contract', () => {
    const parsed = parseClientInfo({ client_display_name: 'Acme', unexpected: 'value' });
    expect(parsed).toEqual({ client_display_name: 'Acme' });
    expect(parsed).not.toHaveProperty('unexpected');
  });

  it.each(stringKeys(CLIENT_INFO))(
    'drops %s when it is not a string, and keeps the others',
    (key) => {
      for (const wrong of [42, true, null, { value: 'x' }, ['x']]) {
        const parsed = parseClientInfo({ ...CLIENT_INFO, [key]: wrong });
        expect(parsed[key as keyof typeof parsed]).toBeUndefined();
        expect(parsed).toEqual({ ...CLIENT_INFO, [key]: undefined });
      }
    },
  );

  it.each(['minimumLength', 'maximumLength', 'noOfDigits', 'noOfSpecialChars'])(
    'drops the policy’s %s when it is not a finite number',
    (key) => {
      for (const [, wrong] of NOT_FINITE_NUMBERS) {
        const parsed = parseClientInfo({
          ...CLIENT_INFO,
          password_policy: { ...POLICY, [key]: wrong },
        });
        expect(parsed.password_policy).toEqual({ ...POLICY, [key]: undefined });
      }
    },
  );

  it.each(['lowerAndUpperCase', 'preventAlreadyUsedPwd'])(
    'drops the policy’s %s when it is not a boolean',
    (key) => {
      for (const wrong of ['true', 1, null]) {
        const parsed = parseClientInfo({
          ...CLIENT_INFO,
          password_policy: { ...POLICY, [key]: wrong },
        });
        expect(parsed.password_policy).toEqual({ ...POLICY, [key]: undefined });
      }
    },
  );

  it.each(['id', 'policy_name'])('drops the policy’s %s when it is not a string', (key) => {
    const parsed = parseClientInfo({ ...CLIENT_INFO, password_policy: { ...POLICY, [key]: 7 } });
    expect(parsed.password_policy).toEqual({ ...POLICY, [key]: undefined });
  });

  it.each<[string, unknown]>(NOT_OBJECTS)(
    'has no policy when password_policy is %s',
    (_, policy) => {
      const parsed = parseClientInfo({ ...CLIENT_INFO, password_policy: policy });
      expect(parsed.password_policy).toBeUndefined();
      expect(parsed.client_display_name).toBe('Acme Demo');
    },
  );

  it.each<[string, unknown]>(NOT_OBJECTS)('throws bad-response when data is %s', (_, data) => {
    expect(thrownBy(() => parseClientInfo(data))).toEqual(BAD_RESPONSE);
  });
});

describe('parseFieldSetup', () => {
  it('keeps every field of the expected type, in order', () => {
    const echo = { ...PASSWORD_FIELD, fieldKey: 'password_echo', order: 3 };
    expect(parseFieldSetup([PASSWORD_FIELD, echo])).toEqual([PASSWORD_FIELD, echo]);
  });

  it('reads an empty setup as no fields', () => {
    expect(parseFieldSetup([])).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['no fieldKey', { ...PASSWORD_FIELD, fieldKey: undefined }],
    ['an empty fieldKey', { ...PASSWORD_FIELD, fieldKey: '' }],
    ['a numeric fieldKey', { ...PASSWORD_FIELD, fieldKey: 7 }],
    ['null', null],
    ['a string', 'password'],
    ['an array', [PASSWORD_FIELD]],
  ])('skips an item with %s and keeps the rest', (_, item) => {
    const email = { ...PASSWORD_FIELD, fieldKey: 'email', dataType: 'EMAIL' };
    expect(parseFieldSetup([email, item, PASSWORD_FIELD]).map((field) => field.fieldKey)).toEqual([
      'email',
      'password',
    ]);
  });

  it.each(['dataType', 'fieldType'])('reads %s as empty when it is not a string', (key) => {
    const [field] = parseFieldSetup([{ ...PASSWORD_FIELD, [key]: 1 }]);
    expect(field).toEqual({ ...PASSWORD_FIELD, [key]: '' });
  });

  it('drops an order that is not a finite number', () => {
    for (const [, wrong] of NOT_FINITE_NUMBERS) {
      expect(parseFieldSetup([{ ...PASSWORD_FIELD, order: wrong }])).toEqual([
        { ...PASSWORD_FIELD, order: undefined },
      ]);
    }
  });

  it.each(['required', 'readOnly'])('drops %s when it is not a boolean', (key) => {
    expect(parseFieldSetup([{ ...PASSWORD_FIELD, [key]: 'true' }])).toEqual([
      { ...PASSWORD_FIELD, [key]: undefined },
    ]);
  });

  it.each(['minLength', 'maxLength'])(
    'drops the field definition’s %s when it is not a finite number',
    (key) => {
      for (const [, wrong] of NOT_FINITE_NUMBERS) {
        const [field] = parseFieldSetup([
          {
            ...PASSWORD_FIELD,
            fieldDefinition: { ...PASSWORD_FIELD.fieldDefinition, [key]: wrong },
          },
        ]);
        expect(field?.fieldDefinition).toEqual({
          ...PASSWORD_FIELD.fieldDefinition,
          [key]: undefined,
        });
      }
    },
  );

  it('drops the field definition’s matchWith and applyPasswordPoly when of the wrong type', () => {
    const [field] = parseFieldSetup([
      {
        ...PASSWORD_FIELD,
        fieldDefinition: { minLength: 8, matchWith: 1, applyPasswordPoly: 'yes' },
      },
    ]);
    expect(field?.fieldDefinition).toEqual({ minLength: 8 });
  });

  it.each(stringKeys(PASSWORD_FIELD.localeText))(
    'drops the locale text’s %s when it is not a string',
    (key) => {
      const [field] = parseFieldSetup([
        { ...PASSWORD_FIELD, localeText: { ...PASSWORD_FIELD.localeText, [key]: { text: 'x' } } },
      ]);
      expect(field?.localeText).toEqual({ ...PASSWORD_FIELD.localeText, [key]: undefined });
    },
  );

  it.each<[string, unknown]>(NOT_OBJECTS)(
    'reads a fieldDefinition and localeText that are %s as empty',
    (_, wrong) => {
      const [field] = parseFieldSetup([
        { ...PASSWORD_FIELD, fieldDefinition: wrong, localeText: wrong },
      ]);
      expect(field?.fieldDefinition).toStrictEqual({});
      expect(field?.localeText).toStrictEqual({});
      expect(field?.fieldKey).toBe('password');
    },
  );

  it.each<[string, unknown]>([
    ['an object', { 0: PASSWORD_FIELD }],
    ['null', null],
    ['undefined', undefined],
    ['a string', 'password'],
  ])('throws bad-response when data is %s', (_, data) => {
    expect(thrownBy(() => parseFieldSetup(data))).toEqual(BAD_RESPONSE);
  });
});

describe('parsePreloginMetadata', () => {
  it('keeps every field of the expected type', () => {
    expect(parsePreloginMetadata(METADATA)).toEqual(METADATA);
  });

  it.each(PASSWORD_CHANGE_REASONS)('keeps the change reason %s', (reason) => {
    expect(parsePreloginMetadata({ ...METADATA, reason }).reason).toBe(reason);
  });

  it.each<[string, unknown]>([
    ['an unknown reason', 'password_expired'],
    ['a known reason in another case', 'FIRST_LOGIN'],
    ['a reason with spaces', ' first_login'],
    ['a number', 1],
    ['null', null],
  ])('drops %s and keeps the rest', (_, reason) => {
    expect(parsePreloginMetadata({ ...METADATA, reason })).toEqual({
      ...METADATA,
      reason: undefined,
    });
  });

  it.each(['sub', 'username', 'requestId', 'expires_at'])(
    'drops %s when it is not a string',
    (key) => {
      expect(parsePreloginMetadata({ ...METADATA, [key]: 12 })).toEqual({
        ...METADATA,
        [key]: undefined,
      });
    },
  );

  it('reads a missing or mistyped precheck as empty', () => {
    expect(parsePreloginMetadata({ ...METADATA, precheck: undefined }).precheck).toBe('');
    expect(parsePreloginMetadata({ ...METADATA, precheck: true }).precheck).toBe('');
  });

  it.each<[string, unknown]>(NOT_OBJECTS)('throws bad-response when data is %s', (_, data) => {
    expect(thrownBy(() => parsePreloginMetadata(data))).toEqual(BAD_RESPONSE);
  });
});
