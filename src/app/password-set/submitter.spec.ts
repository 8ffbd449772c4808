import { TestBed } from '@angular/core/testing';
import { Auth0Client } from '../auth0/auth0-client';
import type { ApiError } from '../cidaas/api-error';
import { CIDAAS_CLIENT, type CidaasClient } from '../cidaas/cidaas-client';
import type { PreloginMetadata } from '../../contract/cidaas-types';
import { PRECHECK_TIMEOUT_MS, PasswordSubmitter, withTimeout } from './submitter';

const LSID = '1ea61648-fbe7-4673-bb8b-18a06d8addd8';
const REQUEST_ID = '9080d117-43e2-4a03-8215-a9f7a03e2999';
const CHANGE = { mode: 'change', lsid: LSID } as const;
const RESET = { mode: 'reset', rprq: 'r', exchangeId: 'x' } as const;
const AUTH0 = { mode: 'auth0', sessionToken: 't', state: 's' } as const;

function setup(
  answers: {
    precheck?: () => Promise<PreloginMetadata | null>;
    clientInfo?: () => Promise<object>;
    context?: () => Promise<object>;
  } = {},
) {
  const client = {
    loginPrecheck: jest.fn(
      answers.precheck ?? (() => Promise.resolve({ precheck: 'password_change' })),
    ),
    getClientInfo: jest.fn(answers.clientInfo ?? (() => Promise.resolve({}))),
    firstTimeChangePassword: jest.fn(),
    resetPassword: jest.fn(),
  };
  const auth0 = {
    getContext: jest.fn(answers.context ?? (() => Promise.resolve({}))),
    setPassword: jest.fn(),
  };
  TestBed.configureTestingModule({
    providers: [
      { provide: CIDAAS_CLIENT, useValue: client as Partial<CidaasClient> },
      { provide: Auth0Client, useValue: auth0 },
    ],
  });
  return { submitter: TestBed.inject(PasswordSubmitter), client, auth0 };
}

const rejecting = (error: ApiError) => () => Promise.reject(error);

describe('PasswordSubmitter', () => {
  // é as e + U+0301, and characters outside the Basic Multilingual Plane.
  const typed = {
    oldPassword: 'Te\u0301mporary-1',
    newPassword: 'Cafe\u0301-𝒳-😀-2026',
    confirmPassword: 'Cafe\u0301-𝒳-😀-2026',
  };

  it('change mode: asks E7, then posts the new passwords in NFC and the current one exactly as typed', async () => {
    const { submitter, client } = setup();
    await expect(submitter.submit(CHANGE, REQUEST_ID, typed)).resolves.toEqual({ kind: 'posted' });
    expect(client.loginPrecheck).toHaveBeenCalledWith({ track_id: LSID });
    expect(client.firstTimeChangePassword).toHaveBeenCalledWith(
      {
        old_password: 'Te\u0301mporary-1',
        new_password: 'Caf\u00e9-𝒳-😀-2026',
        confirm_password: 'Caf\u00e9-𝒳-😀-2026',
      },
      LSID,
    );
  });

  it('change mode: a track gone (E7 204, or 404) posts nothing', async () => {
    for (const precheck of [
      () => Promise.resolve(null),
      rejecting({ kind: 'expired', code: null }),
    ]) {
      TestBed.resetTestingModule();
      const { submitter, client } = setup({ precheck });
      await expect(submitter.submit(CHANGE, REQUEST_ID, typed)).resolves.toEqual({
        kind: 'expired',
      });
      expect(client.firstTimeChangePassword).not.toHaveBeenCalled();
    }
  });

  it.each<ApiError>([
    { kind: 'network' },
    { kind: 'timeout' },
    { kind: 'server', status: 502 },
    { kind: 'bad-response' },
  ])('posts nothing when the check fails with %p', async (error) => {
    const { submitter, client } = setup({ precheck: rejecting(error) });
    await expect(submitter.submit(CHANGE, REQUEST_ID, typed)).resolves.toEqual({
      kind: 'unreachable',
      error,
    });
    expect(client.firstTimeChangePassword).not.toHaveBeenCalled();
  });

  it('reset mode: E3 tells that cidaas answers; an expired login request does not stop the reset (E11 decides)', async () => {
    const { submitter, client } = setup({
      clientInfo: rejecting({ kind: 'expired', code: 'PUB10002' }),
    });
    await expect(submitter.submit(RESET, REQUEST_ID, typed)).resolves.toEqual({ kind: 'posted' });
    expect(client.getClientInfo).toHaveBeenCalledWith({ requestId: REQUEST_ID });
    expect(client.loginPrecheck).not.toHaveBeenCalled();
    expect(client.resetPassword).toHaveBeenCalledWith({
      resetRequestId: 'r',
      exchangeId: 'x',
      password: 'Caf\u00e9-𝒳-😀-2026',
      confirmPassword: 'Caf\u00e9-𝒳-😀-2026',
    });
  });

  it('reset mode: cidaas unreachable posts nothing', async () => {
    const { submitter, client } = setup({ clientInfo: rejecting({ kind: 'network' }) });
    await expect(submitter.submit(RESET, REQUEST_ID, typed)).resolves.toEqual({
      kind: 'unreachable',
      error: { kind: 'network' },
    });
    expect(client.resetPassword).not.toHaveBeenCalled();
  });

  it('Auth0 mode: the page server must still know the session token', async () => {
    const { submitter, auth0 } = setup({
      context: rejecting({ kind: 'expired', code: 'track_expired' }),
    });
    await expect(submitter.submit(AUTH0, null, typed)).resolves.toEqual({ kind: 'expired' });
    expect(auth0.getContext).toHaveBeenCalledWith('t');
    expect(auth0.setPassword).not.toHaveBeenCalled();
  });
});

describe('withTimeout', () => {
  afterEach(() => jest.useRealTimers());

  it('rejects with a timeout ApiError after the given time, and passes an earlier answer through', async () => {
    jest.useFakeTimers();
    const never = withTimeout(new Promise(() => undefined), PRECHECK_TIMEOUT_MS);
    jest.advanceTimersByTime(PRECHECK_TIMEOUT_MS);
    await expect(never).rejects.toEqual({ kind: 'timeout' });
    await expect(withTimeout(Promise.resolve(1), PRECHECK_TIMEOUT_MS)).resolves.toBe(1);
    expect(jest.getTimerCount()).toBe(0);
  });
});
