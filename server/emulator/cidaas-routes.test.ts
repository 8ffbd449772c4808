import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CIDAAS_ROUTES } from './cidaas-routes';

describe('CIDAAS_ROUTES', () => {
  it("are the paths of the page's own URLs, with Express placeholders", () => {
    assert.deepEqual(CIDAAS_ROUTES, {
      clientInfo: '/public-srv/public/:requestId',
      fieldSetup: '/registration-setup-srv/public/list',
      preloginMetadata: '/token-srv/prelogin/metadata/:lsid',
      changePassword: '/login-srv/precheck/continue/:lsid',
      resetPassword: '/password-srv/resetpassword',
      passwordForgotInit: '/identity/password_forgot_init',
      resolveRedirect: '/authz-srv/authz/resolve_redirect/:requestId',
    });
  });
});
