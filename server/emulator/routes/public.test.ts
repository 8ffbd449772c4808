import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import { pick, startEmulator, startSignIn, type TestEmulator } from '../../testing';

let emulator: TestEmulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.close());
beforeEach(() => emulator.reset());

describe('E3 GET /public-srv/public/:requestId', () => {
  it('answers 400 PUB10001 when the id is not a UUID', async () => {
    const response = await emulator.fetch('/public-srv/public/not-a-uuid');
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      success: false,
      status: 400,
      code: 'PUB10001',
      error: 'invalid_request',
    });
  });

  it('answers 400 PUB10002 for an unknown request', async () => {
    const response = await emulator.fetch(
      '/public-srv/public/0b8f4a52-7f43-4a57-9a55-3a3a3a3a3a3a',
    );
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      success: false,
      status: 400,
      code: 'PUB10002',
      error: 'invalid_request',
    });
  });

  it('answers the public client info of the request, nothing else', async () => {
    const requestId = await startSignIn(emulator);
    const response = await emulator.fetch(`/public-srv/public/${requestId}`, {
      headers: { 'accept-language': 'de' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await response.json(), {
      success: true,
      status: 200,
      data: {
        client_id: 'demo-client',
        client_name: 'demo-client',
        client_display_name: 'Acme Demo',
        logo_uri: '/emulator-assets/logo.svg',
        primaryColor: '#2455c3',
        accentColor: '#0f766e',
        policy_uri: 'https://example.com/privacy',
        tos_uri: 'https://example.com/terms',
        imprint_uri: 'https://example.com/imprint',
        copy_right_info: '© 2026 Acme Demo',
        password_policy: {
          id: '3f0c1c52-6b0e-4d0a-9a3e-1f6d2b7c8e90',
          policy_name: 'Demo policy',
          minimumLength: 10,
          maximumLength: 64,
          noOfDigits: 1,
          noOfSpecialChars: 1,
          lowerAndUpperCase: true,
          preventAlreadyUsedPwd: true,
        },
      },
    });
  });

  it('reflects control-API changes (merge, policy replaced)', async () => {
    await emulator.sendJson(
      '/__emulator/clients/demo-client',
      { primaryColor: '#000000', password_policy: { minimumLength: 12 } },
      'PUT',
    );
    const requestId = await startSignIn(emulator);
    const body: unknown = await (await emulator.fetch(`/public-srv/public/${requestId}`)).json();
    assert.equal(pick(body, 'data', 'primaryColor'), '#000000');
    assert.equal(pick(body, 'data', 'client_display_name'), 'Acme Demo');
    assert.deepEqual(pick(body, 'data', 'password_policy'), { minimumLength: 12 });
  });

  it('serves the logo it points to', async () => {
    const response = await emulator.fetch('/emulator-assets/logo.svg');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /image\/svg\+xml/);
  });
});
