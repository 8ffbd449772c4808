/**
 * Property tests (fast-check, seeded, fixed runs) for the two endpoints that set a password: E8
 * (`POST /login-srv/precheck/continue/:lsid`) and E11 (`POST /password-srv/resetpassword?action=acceptreset`).
 *
 * 1. Neither ever stores a password that breaks the client's policy, for random policies and random
 *    Unicode passwords, also when fields are repeated (whichever value the server picks).
 * 2. Neither crashes on hostile bodies (missing fields, repeated and nested fields, 1 MB values,
 *    invalid UTF-8 percent-encoding, JSON, multipart, text or no content type, a foreign charset, an
 *    empty body, an unknown or absurd lsid): every answer is a 4xx or a 302 back to the page with an
 *    `error` parameter, the password is unchanged, and the emulator keeps serving.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import fc from 'fast-check';

import { firstViolation, type PasswordPolicy } from '../../src/contract/password-policy';
import {
  locationOf,
  pick,
  signInToPasswordSet,
  startEmulator,
  type TestEmulator,
} from '../testing';
import { verifyPassword } from './passwords';

const SEED = 20261122;
const USER = { username: 'new.user@example.com', password: 'Welcome-2026' } as const;
/** Satisfies the demo policy, is not breached and not in the user's history. */
const STRONG = 'Brand-New-Secret-7';
const E8_PREFIX = '/login-srv/precheck/continue/';
// Where the SDK v6 posts it; the older /users-srv/resetpassword/accept is the same handler.
const E11_PATH = '/password-srv/resetpassword?action=acceptreset';

let emulator: TestEmulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.close());

/** A form field as it goes on the wire: key and value, already percent-encoded (or deliberately not). */
type WireField = readonly [key: string, value: string];

/** One of the two password-setting endpoints, with a fresh session to post to. */
interface Target {
  readonly name: 'E8' | 'E11';
  /** Resets the emulator and starts a session; returns the path and the credential fields. */
  prepare(): Promise<{ readonly path: string; readonly credentials: readonly WireField[] }>;
  /** The names of the new-password and confirmation fields. */
  readonly newField: string;
  readonly confirmField: string;
  /** Whether a redirect location is this endpoint's success (not a return to the page). */
  isSuccess(location: URL): boolean;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

const TARGETS: readonly Target[] = [
  {
    name: 'E8',
    newField: 'new_password',
    confirmField: 'confirm_password',
    async prepare() {
      await emulator.reset();
      const session = await signInToPasswordSet(emulator, USER.username, USER.password);
      return {
        path: E8_PREFIX + session.lsid,
        credentials: [['old_password', encodeURIComponent(USER.password)]],
      };
    },
    isSuccess: (location) => location.pathname === '/callback' && location.searchParams.has('code'),
  },
  {
    name: 'E11',
    newField: 'password',
    confirmField: 'confirmPassword',
    async prepare() {
      await emulator.reset();
      const response = await emulator.sendJson('/__emulator/reset-sessions', {
        username: USER.username,
      });
      assert.equal(response.status, 201);
      const session: unknown = await response.json();
      const rprq = pick(session, 'rprq');
      const exchangeId = pick(session, 'exchangeId');
      assert.ok(isString(rprq) && isString(exchangeId), JSON.stringify(session));
      return {
        path: E11_PATH,
        credentials: [
          ['resetRequestId', rprq],
          ['exchangeId', exchangeId],
        ],
      };
    },
    isSuccess: (location) => location.pathname === '/identity/password_set_success',
  },
];

function encodeFields(fields: readonly WireField[]): string {
  return fields.map(([key, value]) => `${key}=${value}`).join('&');
}

function post(
  path: string,
  body: string | Buffer,
  contentType: string | undefined,
): Promise<Response> {
  return emulator.fetch(path, {
    method: 'POST',
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    body,
  });
}

/** The password the user has now, out of the candidates, or `undefined` when it is none of them. */
async function storedPassword(candidates: readonly string[]): Promise<string | undefined> {
  const user = emulator.store.findUser(USER.username);
  assert.ok(user);
  for (const candidate of candidates) {
    if (await verifyPassword(candidate, user.passwordHash)) return candidate;
  }
  return undefined;
}

/** Asserts the emulator still answers ordinary requests. */
async function assertStillServing(): Promise<void> {
  const response = await emulator.fetch('/');
  assert.equal(response.status, 200);
  await response.arrayBuffer();
}

// Policies with meaningful thresholds; zero means "no such rule".
const policyArbitrary: fc.Arbitrary<PasswordPolicy> = fc.record({
  minimumLength: fc.integer({ min: 0, max: 14 }),
  maximumLength: fc.oneof(fc.constant(0), fc.integer({ min: 4, max: 30 })),
  noOfDigits: fc.integer({ min: 0, max: 3 }),
  noOfSpecialChars: fc.integer({ min: 0, max: 3 }),
  lowerAndUpperCase: fc.boolean(),
  preventAlreadyUsedPwd: fc.boolean(),
});

const passwordCharacter = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'a',
      'b',
      'Q',
      'Z',
      '1',
      '7',
      '!',
      '-',
      ' ',
      'é',
      'e\u0301',
      'ß',
      '٣',
      '½',
      'ǅ',
      '😀',
      '\u00a0',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const candidateArbitrary = fc.string({ unit: passwordCharacter, minLength: 0, maxLength: 20 });

/** How the new password and its confirmation are put in the body. */
type Shape = 'single' | 'repeated, candidate first' | 'repeated, candidate last';

for (const target of TARGETS) {
  describe(`${target.name} never stores a password that breaks the policy`, () => {
    it('for random policies, random Unicode passwords, single and repeated fields', async () => {
      let rejectedForPolicy = 0;
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(
          policyArbitrary,
          candidateArbitrary,
          fc.constantFrom<Shape>('single', 'repeated, candidate first', 'repeated, candidate last'),
          async (policy, candidate, shape) => {
            const { path, credentials } = await target.prepare();
            const update = await emulator.sendJson(
              '/__emulator/clients/demo-client',
              { password_policy: policy },
              'PUT',
            );
            assert.equal(update.status, 200);
            const values =
              shape === 'single'
                ? [candidate]
                : shape === 'repeated, candidate first'
                  ? [candidate, STRONG]
                  : [STRONG, candidate];
            const fields: WireField[] = [...credentials];
            for (const value of values)
              fields.push(
                [target.newField, encodeURIComponent(value)],
                [target.confirmField, encodeURIComponent(value)],
              );

            const response = await post(
              path,
              encodeFields(fields),
              'application/x-www-form-urlencoded',
            );
            assert.equal(response.status, 302);
            const location = locationOf(response, emulator.baseUrl);
            const violation = firstViolation(candidate, policy);
            if (target.isSuccess(location)) {
              accepted++;
              const stored = await storedPassword(values);
              assert.ok(stored !== undefined, 'the stored password is one of the posted values');
              assert.equal(
                firstViolation(stored, policy),
                undefined,
                `stored ${JSON.stringify(stored)} breaks ${JSON.stringify(policy)}`,
              );
              return;
            }
            assert.equal(location.pathname, '/identity/password_set');
            const error = location.searchParams.get('error');
            assert.ok(error, location.href);
            assert.ok(
              await storedPassword([USER.password]),
              'a rejected change leaves the password as it was',
            );
            if (
              shape === 'single' &&
              violation !== undefined &&
              error === 'password_policy_violation'
            ) {
              rejectedForPolicy++;
              assert.equal(location.searchParams.get('error_code'), violation);
            }
          },
        ),
        { seed: SEED, numRuns: 100 },
      );
      // Not vacuous: both the policy rejection and acceptance paths were taken.
      assert.ok(rejectedForPolicy > 10, `policy rejections: ${rejectedForPolicy}`);
      assert.ok(accepted > 10, `accepted: ${accepted}`);
    });
  });
}

/** A hostile request: what is wrong with it, its body, its content type, and (E8) its lsid. */
interface Hostile {
  readonly defects: readonly string[];
  readonly body: string | Buffer;
  readonly contentType: string | undefined;
  readonly path: string;
}

const MEGABYTE_VALUE = 'A'.repeat(1024 * 1024);
const INVALID_UTF8 = ['%FF', '%C3%28', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%', '%%', '%zz'];

/**
 * Hostile variants of an otherwise valid submission. Every defect alone makes the request one a
 * correct server must refuse, however it reads ambiguous input (first or last of repeated fields).
 */
type Defect =
  | { readonly kind: 'drop'; readonly field: 'new' | 'confirm' | 'credential' }
  | { readonly kind: 'conflicting repeats' }
  | { readonly kind: 'nested object'; readonly field: 'new' | 'confirm' }
  | { readonly kind: '1 MB value'; readonly field: 'new and confirm' | 'credential' }
  | { readonly kind: 'invalid UTF-8'; readonly sequence: string }
  | {
      readonly kind: 'content type';
      readonly contentType: string | undefined;
      readonly encoding: 'form' | 'json' | 'multipart';
    }
  | { readonly kind: 'empty body'; readonly contentType: string | undefined }
  | { readonly kind: 'unknown session'; readonly value: string };

const defectArbitrary: fc.Arbitrary<Defect> = fc.oneof(
  fc.record({
    kind: fc.constant('drop' as const),
    field: fc.constantFrom('new' as const, 'confirm' as const, 'credential' as const),
  }),
  fc.constant({ kind: 'conflicting repeats' as const }),
  fc.record({
    kind: fc.constant('nested object' as const),
    field: fc.constantFrom('new' as const, 'confirm' as const),
  }),
  fc.record({
    kind: fc.constant('1 MB value' as const),
    field: fc.constantFrom('new and confirm' as const, 'credential' as const),
  }),
  fc.record({
    kind: fc.constant('invalid UTF-8' as const),
    sequence: fc.constantFrom(...INVALID_UTF8),
  }),
  fc.record({
    kind: fc.constant('content type' as const),
    contentType: fc.constantFrom(
      'application/json',
      'multipart/form-data; boundary=xyz',
      'text/plain',
      undefined,
      'application/x-www-form-urlencoded; charset=iso-8859-1',
    ),
    encoding: fc.constantFrom('form' as const, 'json' as const, 'multipart' as const),
  }),
  fc.record({
    kind: fc.constant('empty body' as const),
    contentType: fc.constantFrom(
      'application/x-www-form-urlencoded',
      'application/json',
      undefined,
    ),
  }),
  fc.record({
    kind: fc.constant('unknown session' as const),
    value: fc.constantFrom(
      'not-a-uuid',
      '00000000-0000-4000-8000-000000000000',
      'x'.repeat(4000),
      '%00',
      '..%2f..%2fetc',
    ),
  }),
);

function multipartBody(fields: readonly WireField[]): string {
  const parts = fields.map(
    ([key, value]) =>
      `--xyz\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${decodeURIComponent(value)}\r\n`,
  );
  return `${parts.join('')}--xyz--\r\n`;
}

/** Builds the hostile request for a target's prepared session. */
function hostileRequest(
  target: Target,
  prepared: { readonly path: string; readonly credentials: readonly WireField[] },
  defects: readonly Defect[],
): Hostile {
  let fields: WireField[] = [
    ...prepared.credentials,
    [target.newField, encodeURIComponent(STRONG)],
    [target.confirmField, encodeURIComponent(STRONG)],
  ];
  let contentType: string | undefined = 'application/x-www-form-urlencoded';
  let encoding: 'form' | 'json' | 'multipart' = 'form';
  let empty = false;
  let path = prepared.path;
  const isCredential = (key: string): boolean =>
    key !== target.newField && key !== target.confirmField;
  for (const defect of defects) {
    switch (defect.kind) {
      case 'drop': {
        const drop =
          defect.field === 'new'
            ? (key: string) => key === target.newField
            : defect.field === 'confirm'
              ? (key: string) => key === target.confirmField
              : isCredential;
        fields = fields.filter(([key]) => !drop(key));
        break;
      }
      case 'conflicting repeats':
        fields = [
          ...fields.filter(([key]) => isCredential(key)),
          [target.newField, encodeURIComponent(STRONG)],
          [target.newField, encodeURIComponent(`${STRONG}-other`)],
          [target.confirmField, encodeURIComponent(`${STRONG}-other`)],
          [target.confirmField, encodeURIComponent(STRONG)],
        ];
        break;
      case 'nested object': {
        const name = defect.field === 'new' ? target.newField : target.confirmField;
        fields = fields.map(([key, value]): WireField =>
          key === name ? [`${key}[value]`, value] : [key, value],
        );
        break;
      }
      case '1 MB value':
        fields = fields.map(([key, value]): WireField => {
          const hit = defect.field === 'credential' ? isCredential(key) : !isCredential(key);
          return hit ? [key, MEGABYTE_VALUE] : [key, value];
        });
        break;
      case 'invalid UTF-8':
        fields = fields.map(([key, value]): WireField =>
          isCredential(key) ? [key, value] : [key, defect.sequence + value],
        );
        break;
      case 'content type':
        contentType = defect.contentType;
        encoding = defect.encoding;
        break;
      case 'empty body':
        empty = true;
        contentType = defect.contentType;
        break;
      case 'unknown session':
        if (target.name === 'E8') path = E8_PREFIX + defect.value;
        else
          fields = fields.map(([key, value]): WireField =>
            key === 'resetRequestId' ? [key, encodeURIComponent(defect.value)] : [key, value],
          );
        break;
    }
  }
  const body = empty
    ? ''
    : encoding === 'json'
      ? JSON.stringify(Object.fromEntries(fields.map(([key, value]) => [key, safeDecode(value)])))
      : encoding === 'multipart'
        ? multipartBody(
            fields.map(([key, value]): WireField => [key, encodeURIComponent(safeDecode(value))]),
          )
        : encodeFields(fields);
  return { defects: defects.map((defect) => JSON.stringify(defect)), body, contentType, path };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

for (const target of TARGETS) {
  describe(`${target.name} survives hostile bodies`, () => {
    it('answers 4xx or a redirect with an error, never changes the password, and keeps serving', async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.array(defectArbitrary, { minLength: 1, maxLength: 3 }),
          async (defects) => {
            const prepared = await target.prepare();
            const hostile = hostileRequest(target, prepared, defects);
            const response = await post(hostile.path, hostile.body, hostile.contentType);
            const text = await response.text();
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            const context = `${hostile.defects.join(' + ')} → ${response.status} ${response.headers.get('location') ?? text.slice(0, 200)}`;
            if (response.status === 302) {
              const location = locationOf(response, emulator.baseUrl);
              assert.equal(target.isSuccess(location), false, context);
              assert.equal(location.pathname, '/identity/password_set', context);
              assert.ok(location.searchParams.get('error'), context);
            } else {
              assert.ok(response.status >= 400 && response.status < 500, context);
              assert.doesNotMatch(
                text,
                /at \S+ \(|node_modules|Error: /,
                `no stack trace: ${context}`,
              );
            }
            assert.ok(await storedPassword([USER.password]), `password unchanged: ${context}`);
            await assertStillServing();
          },
        ),
        { seed: SEED, numRuns: 120 },
      );
      // Both kinds of answer occurred: redirects with an error and plain 4xx (e.g. 413 for 1 MB).
      assert.ok((statuses.get(302) ?? 0) > 0, JSON.stringify([...statuses]));
      assert.ok(
        [...statuses.keys()].some((status) => status >= 400),
        JSON.stringify([...statuses]),
      );
    });
  });
}
