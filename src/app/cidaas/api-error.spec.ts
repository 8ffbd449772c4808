import { HttpErrorResponse } from '@angular/common/http';
import { toApiError } from './api-error';

const http = (status: number, error: unknown = null) => new HttpErrorResponse({ status, error });

describe('toApiError', () => {
  it.each([
    ['connection failure', http(0), { kind: 'network' }],
    ['unknown requestId (PUB10002)', http(400, { success: false, status: 400, code: 'PUB10002', error: 'invalid_request' }), { kind: 'expired', code: 'PUB10002' }],
    ['malformed requestId (PUB10001)', http(400, { success: false, status: 400, code: 'PUB10001' }), { kind: 'invalid-request', code: 'PUB10001' }],
    ['field setup error envelope', http(400, { success: false, error: { code: 10001, type: 'RegistrationSetupException' } }), { kind: 'invalid-request', code: '10001' }],
    ['not found', http(404), { kind: 'expired', code: null }],
    ['server error', http(500, 'oops'), { kind: 'server', status: 500 }],
    ['bad gateway', http(502), { kind: 'server', status: 502 }],
    ['unparsable 200', http(200, { error: new SyntaxError('bad json') }), { kind: 'bad-response' }],
    ['a timeout', Object.assign(new Error('Timeout has occurred'), { name: 'TimeoutError' }), { kind: 'timeout' }],
    ['an ApiError passes through', { kind: 'expired', code: null }, { kind: 'expired', code: null }],
    ['anything else', new TypeError('x'), { kind: 'bad-response' }],
  ])('%s', (_name, input, expected) => {
    expect(toApiError(input)).toEqual(expected);
  });
});
