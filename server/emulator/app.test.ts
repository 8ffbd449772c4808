import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { startEmulator, type TestEmulator } from '../testing';
import { isControlEnabled } from './app';

let emulator: TestEmulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.close());

describe('robustness', () => {
  it('never answers 500 or leaks a stack for malformed input', async () => {
    const requests: ReadonlyArray<readonly [string, string, string?]> = [
      ['GET', '/public-srv/public/%'],
      ['GET', '/token-srv/prelogin/metadata/%E0'],
      ['POST', '/login-srv/precheck/continue/%ZZ', 'old_password=x'],
      ['GET', '/identity/login?requestId=a&requestId=b'],
      ['GET', '/%'],
      ['PUT', '/__emulator/clients/%', '{}'],
      ['GET', '/registration-setup-srv/public/list?requestId[]=1&requestId=2'],
      ['POST', '/login-srv/login', '\u0000\u0001'],
      ['DELETE', '/identity/password_set'],
    ];
    for (const [method, path, body] of requests) {
      const response = await emulator.fetch(path, {
        method,
        ...(body === undefined
          ? {}
          : {
              body,
              headers: {
                'content-type': path.startsWith('/__emulator')
                  ? 'application/json'
                  : 'application/x-www-form-urlencoded',
              },
            }),
      });
      assert.ok(response.status < 500, `${method} ${path} answered ${response.status}`);
      assert.doesNotMatch(
        await response.text(),
        /\bat .+:\d+:\d+|node_modules/,
        `${method} ${path}`,
      );
    }
  });
});

describe('isControlEnabled', () => {
  it('is on by default, off in production or with EMULATOR_CONTROL=0', () => {
    assert.equal(isControlEnabled({}), true);
    assert.equal(isControlEnabled({ NODE_ENV: 'development', EMULATOR_CONTROL: '1' }), true);
    assert.equal(isControlEnabled({ NODE_ENV: 'production' }), false);
    assert.equal(isControlEnabled({ EMULATOR_CONTROL: '0' }), false);
  });
});
