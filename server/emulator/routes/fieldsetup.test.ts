import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { pick, startEmulator, startSignIn, type TestEmulator } from '../../testing';
import { FIELD_SETUP_PATHS } from './fieldsetup';

let emulator: TestEmulator;
let requestId: string;
before(async () => {
  emulator = await startEmulator();
  requestId = await startSignIn(emulator);
});
after(() => emulator.close());

function languageParam(path: string): string {
  return path.startsWith('/user-srv') ? 'ui_locales' : 'acceptlanguage';
}

async function fields(path: string, language?: string): Promise<unknown[]> {
  const params = new URLSearchParams({ requestId });
  if (language !== undefined) params.set(languageParam(path), language);
  const response = await emulator.fetch(`${path}?${params.toString()}`);
  assert.equal(response.status, 200);
  const body: unknown = await response.json();
  assert.equal(pick(body, 'success'), true);
  assert.equal(pick(body, 'status'), 200);
  const data = pick(body, 'data');
  assert.ok(Array.isArray(data));
  return data;
}

function field(list: readonly unknown[], key: string): unknown {
  return list.find((item) => pick(item, 'fieldKey') === key);
}

describe('E5 field setup', () => {
  for (const path of FIELD_SETUP_PATHS) {
    describe(path, () => {
      it('lists profile fields and the two SYSTEM password fields', async () => {
        const list = await fields(path, 'en');
        assert.deepEqual(
          list.map((item) => pick(item, 'fieldKey')),
          ['email', 'given_name', 'family_name', 'password', 'password_echo'],
        );
        const passwords = list.filter(
          (item) => pick(item, 'dataType') === 'PASSWORD' && pick(item, 'fieldType') === 'SYSTEM',
        );
        assert.equal(passwords.length, 2);
        assert.deepEqual(pick(field(list, 'password'), 'fieldDefinition'), {
          maxLength: 64,
          applyPasswordPoly: true,
        });
        assert.deepEqual(pick(field(list, 'password_echo'), 'fieldDefinition'), {
          maxLength: 64,
          matchWith: 'password',
        });
        assert.deepEqual(pick(field(list, 'password_echo'), 'localeText'), {
          locale: 'en-US',
          language: 'en',
          name: 'Confirm new password',
          required: 'Please confirm the new password',
          maxLength: 'The password must be at most 64 characters long',
          matchWith: 'The passwords do not match',
        });
        assert.equal(pick(field(list, 'password'), 'localeText', 'name'), 'New password');
      });

      it('speaks German for de, de-CH and a list starting with German', async () => {
        for (const language of ['de', 'de-CH', 'de-CH en', 'de,en;q=0.5', 'DE_at']) {
          const list = await fields(path, language);
          assert.equal(
            pick(field(list, 'password'), 'localeText', 'name'),
            'Neues Passwort',
            language,
          );
          assert.equal(
            pick(field(list, 'password_echo'), 'localeText', 'name'),
            'Neues Passwort wiederholen',
            language,
          );
          assert.equal(pick(field(list, 'password_echo'), 'localeText', 'language'), 'de');
        }
      });

      it('speaks French and Arabic, taking the first tag the tenant has texts for', async () => {
        const cases = [
          ['fr', 'fr', 'Nouveau mot de passe'],
          ['fr-CA de', 'fr', 'Nouveau mot de passe'],
          ['xx fr-BE', 'fr', 'Nouveau mot de passe'],
          ['ar', 'ar', 'كلمة المرور الجديدة'],
          ['ar-XB', 'ar', 'كلمة المرور الجديدة'],
          ['ar-EG,en;q=0.5', 'ar', 'كلمة المرور الجديدة'],
        ] as const;
        for (const [language, expected, name] of cases) {
          const list = await fields(path, language);
          assert.equal(pick(field(list, 'password'), 'localeText', 'name'), name, language);
          assert.equal(pick(field(list, 'password'), 'localeText', 'language'), expected, language);
          assert.equal(
            pick(field(list, 'password_echo'), 'localeText', 'locale'),
            expected === 'fr' ? 'fr-FR' : 'ar-SA',
            language,
          );
        }
      });

      it('falls back to English for unknown or missing languages, and a list starting with English stays English', async () => {
        for (const language of [undefined, 'xx', 'en-GB de', '', '%%%', 'x'.repeat(5000)]) {
          const list = await fields(path, language);
          assert.equal(
            pick(field(list, 'password'), 'localeText', 'name'),
            'New password',
            String(language),
          );
        }
      });

      it('answers the RegistrationSetupException envelope for a bad, unknown or missing requestId', async () => {
        for (const query of [
          '?requestId=nope',
          '?requestId=0b8f4a52-7f43-4a57-9a55-3a3a3a3a3a3a',
          '',
        ]) {
          const response = await emulator.fetch(`${path}${query}`);
          assert.equal(response.status, 400);
          const body: unknown = await response.json();
          assert.equal(pick(body, 'success'), false);
          assert.equal(pick(body, 'status'), 400);
          assert.equal(pick(body, 'error', 'code'), 10001);
          assert.equal(pick(body, 'error', 'type'), 'RegistrationSetupException');
          assert.equal(pick(body, 'error', 'error'), 'invalid requestId');
          assert.match(String(pick(body, 'error', 'referenceNumber')), /^\d+$/);
        }
      });
    });
  }

  it('uses Accept-Language when no language parameter is given', async () => {
    const response = await emulator.fetch(
      `/registration-setup-srv/public/list?requestId=${requestId}`,
      { headers: { 'accept-language': 'de-DE,de;q=0.9' } },
    );
    const data = pick(await response.json(), 'data');
    assert.ok(Array.isArray(data));
    assert.equal(pick(field(data, 'password'), 'localeText', 'name'), 'Neues Passwort');
  });
});
