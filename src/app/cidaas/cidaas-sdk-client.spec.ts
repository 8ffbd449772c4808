import { apiErrorOf } from '../../testing/api-error-of';
import { type CidaasSdkServices, cidaasSdkClient } from './cidaas-sdk-client';

const BASE = 'https://tenant.example.com';
const REQUEST_ID = '9080d117-43e2-4a03-8215-a9f7a03e2999';
const LSID = '1ea61648-fbe7-4673-bb8b-18a06d8addd8';

/**
 * Fakes of the SDK's services that answer as the SDK does (`Helper.createHttpPromise`): every
 * answer's parsed body, error bodies included, and `false` for an answer without a body.
 */
function fakeSdk(answers: { clientInfo?: unknown; fieldSetup?: unknown; precheck?: unknown } = {}) {
  const sdk = {
    publicService: { getClientInfo: jest.fn(() => Promise.resolve(answers.clientInfo)) },
    userService: {
      getRegistrationSetup: jest.fn(() => Promise.resolve(answers.fieldSetup)),
      resetPassword: jest.fn(),
    },
    tokenService: { loginPrecheck: jest.fn(() => Promise.resolve(answers.precheck)) },
    loginService: { firstTimeChangePassword: jest.fn() },
  } satisfies CidaasSdkServices;
  return { sdk, client: cidaasSdkClient(sdk, BASE) };
}

describe('cidaasSdkClient (the page on top of cidaas-javascript-sdk)', () => {
  it('calls the SDK with its own argument shapes and parses the envelopes', async () => {
    const { sdk, client } = fakeSdk({
      clientInfo: {
        success: true,
        status: 200,
        data: { client_display_name: 'Acme', password_policy: { minimumLength: 10 } },
      },
      fieldSetup: {
        success: true,
        status: 200,
        data: [
          {
            fieldKey: 'password',
            dataType: 'PASSWORD',
            fieldType: 'SYSTEM',
            fieldDefinition: {},
            localeText: {},
          },
        ],
      },
      precheck: {
        success: true,
        status: 200,
        data: { precheck: 'password_change', username: 'u@example.com' },
      },
    });
    expect(
      (await client.getClientInfo({ requestId: REQUEST_ID, acceptlanguage: 'de' })).password_policy
        ?.minimumLength,
    ).toBe(10);
    expect(sdk.publicService.getClientInfo).toHaveBeenCalledWith({ requestId: REQUEST_ID });
    expect(
      (await client.getRegistrationSetup({ requestId: REQUEST_ID, acceptlanguage: 'de' }))[0]
        ?.fieldKey,
    ).toBe('password');
    expect(sdk.userService.getRegistrationSetup).toHaveBeenCalledWith({
      requestId: REQUEST_ID,
      acceptlanguage: 'de',
    });
    expect((await client.loginPrecheck({ track_id: LSID }))?.username).toBe('u@example.com');
    expect(sdk.tokenService.loginPrecheck).toHaveBeenCalledWith({ track_id: LSID });
  });

  it('turns an error body the SDK resolves with into the same ApiError as our own client', async () => {
    const { client } = fakeSdk({
      clientInfo: { success: false, status: 400, code: 'PUB10002', error: 'invalid_request' },
    });
    expect(await apiErrorOf(client.getClientInfo({ requestId: REQUEST_ID }))).toEqual({
      kind: 'expired',
      code: 'PUB10002',
    });
  });

  it('reports an answer without a body (the SDK resolves `false`) as a network failure, never as an expired track', async () => {
    const { client } = fakeSdk({ precheck: false, fieldSetup: false });
    expect(await apiErrorOf(client.loginPrecheck({ track_id: LSID }))).toEqual({ kind: 'network' });
    expect(await apiErrorOf(client.getRegistrationSetup({ requestId: REQUEST_ID }))).toEqual({
      kind: 'network',
    });
  });

  it('reports a body without the envelope as a bad response', async () => {
    const { client } = fakeSdk({ clientInfo: '<html>maintenance</html>' });
    expect(await apiErrorOf(client.getClientInfo({ requestId: REQUEST_ID }))).toEqual({
      kind: 'bad-response',
    });
  });

  it("hands the form POSTs to the SDK's own, with the SDK's arguments", () => {
    const { sdk, client } = fakeSdk();
    client.firstTimeChangePassword(
      { old_password: 'a', new_password: 'b', confirm_password: 'b' },
      LSID,
    );
    expect(sdk.loginService.firstTimeChangePassword).toHaveBeenCalledWith(
      { old_password: 'a', new_password: 'b', confirm_password: 'b' },
      LSID,
    );
    const reset = { resetRequestId: 'r', exchangeId: 'e', password: 'b', confirmPassword: 'b' };
    client.resetPassword(reset);
    expect(sdk.userService.resetPassword).toHaveBeenCalledWith(reset);
    expect(client.resolveRedirectUrl(REQUEST_ID)).toBe(
      `${BASE}/authz-srv/authz/resolve_redirect/${REQUEST_ID}`,
    );
  });
});
