import { HttpFailure } from '../config/fetch';
import { toApiError } from './api-error';

const http = (status: number, body: unknown = null) => new HttpFailure(status, body);

describe('toApiError', () => {
  it.each([
    [
      'a dropped connection (fetch rejects with a TypeError)',
      new TypeError('Failed to fetch'),
      { kind: 'network' },
    ],
    [
      'unknown requestId (PUB10002)',
      http(400, { success: false, status: 400, code: 'PUB10002', error: 'invalid_request' }),
      { kind: 'expired', code: 'PUB10002' },
    ],
    [
      'malformed requestId (PUB10001)',
      http(400, { success: false, status: 400, code: 'PUB10001' }),
      { kind: 'invalid-request', code: 'PUB10001' },
    ],
    [
      'field setup error envelope',
      http(400, { success: false, error: { code: 10001, type: 'RegistrationSetupException' } }),
      { kind: 'invalid-request', code: '10001' },
    ],
    ['unprocessable', http(422), { kind: 'invalid-request', code: null }],
    ['not found', http(404), { kind: 'expired', code: null }],
    ['gone', http(410), { kind: 'expired', code: null }],
    ['server error', http(500, 'oops'), { kind: 'server', status: 500 }],
    ['bad gateway', http(502), { kind: 'server', status: 502 }],
    ['a status cidaas does not use', http(418), { kind: 'server', status: 418 }],
    ['unparsable 200', http(200, '<html>proxy error</html>'), { kind: 'bad-response' }],
    [
      'a timeout (DOMException)',
      new DOMException('The request took too long', 'TimeoutError'),
      { kind: 'timeout' },
    ],
    [
      'a timeout (any error named TimeoutError)',
      Object.assign(new Error('Timeout has occurred'), { name: 'TimeoutError' }),
      { kind: 'timeout' },
    ],
    [
      'an ApiError passes through',
      { kind: 'expired', code: null },
      { kind: 'expired', code: null },
    ],
    ['a JSON syntax error', new SyntaxError('Unexpected token <'), { kind: 'bad-response' }],
    ['anything else', 'what?', { kind: 'bad-response' }],
  ])('%s', (_name, input, expected) => {
    expect(toApiError(input)).toEqual(expected);
  });
});
