import { isReasonPhrase, parsePageParams, parseUrlError, supportCodeOf } from './page-params';

const LSID = '1ea61648-fbe7-4673-bb8b-18a06d8addd8';
const REQUEST_ID = '9080d117-43e2-4a03-8215-a9f7a03e2999';
const RPRQ = '3b0d7c1e-2f4a-4c6b-9d8e-7f6a5b4c3d2e';
const EXCHANGE_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

describe('parsePageParams', () => {
  it('reads lsid, requestId and ui_locales', () => {
    expect(parsePageParams(`?lsid=${LSID}&requestId=${REQUEST_ID}&ui_locales=de-CH%20en`)).toEqual({
      ok: true,
      platform: 'cidaas',
      target: { mode: 'change', lsid: LSID },
      requestId: REQUEST_ID,
      uiLocales: 'de-CH en',
      error: null,
    });
  });

  it.each(['track_id', 'trackId'])('accepts %s as an alias of lsid', (name) => {
    const params = parsePageParams(`?${name}=${LSID}&requestId=${REQUEST_ID}`);
    expect(params.ok && params.target).toEqual({ mode: 'change', lsid: LSID });
  });

  it.each([
    ['no lsid', `?requestId=${REQUEST_ID}`, 'missing-lsid', REQUEST_ID],
    ['empty lsid', `?lsid=&requestId=${REQUEST_ID}`, 'missing-lsid', REQUEST_ID],
    ['lsid not a UUID', `?lsid=abc&requestId=${REQUEST_ID}`, 'malformed-lsid', REQUEST_ID],
    [
      'script in lsid',
      `?lsid=%3Cscript%3Ealert(1)%3C%2Fscript%3E&requestId=${REQUEST_ID}`,
      'malformed-lsid',
      REQUEST_ID,
    ],
    [
      '10 kB lsid',
      `?lsid=${'a'.repeat(10_000)}&requestId=${REQUEST_ID}`,
      'malformed-lsid',
      REQUEST_ID,
    ],
    ['no requestId', `?lsid=${LSID}`, 'missing-request-id', null],
    ['requestId not a UUID', `?lsid=${LSID}&requestId=nope`, 'malformed-request-id', null],
    ['nothing at all', '', 'missing-lsid', null],
  ])('%s → %s', (_name, search, problem, requestId) => {
    expect(parsePageParams(search)).toEqual({ ok: false, problem, requestId, uiLocales: null });
  });

  it.each(['exchangeid', 'exchangeId'])('reads reset mode from rprq and %s', (name) => {
    expect(
      parsePageParams(
        `?requestId=${REQUEST_ID}&rprq=${RPRQ}&${name}=${EXCHANGE_ID}&resetMedium=email`,
      ),
    ).toEqual({
      ok: true,
      platform: 'cidaas',
      target: { mode: 'reset', rprq: RPRQ, exchangeId: EXCHANGE_ID },
      requestId: REQUEST_ID,
      uiLocales: null,
      error: null,
    });
  });

  it.each([
    [
      'lsid and rprq together',
      `?lsid=${LSID}&requestId=${REQUEST_ID}&rprq=${RPRQ}&exchangeid=${EXCHANGE_ID}`,
      'ambiguous-mode',
      REQUEST_ID,
    ],
    [
      'rprq without exchangeId',
      `?requestId=${REQUEST_ID}&rprq=${RPRQ}`,
      'malformed-reset',
      REQUEST_ID,
    ],
    [
      'exchangeId without rprq',
      `?requestId=${REQUEST_ID}&exchangeid=${EXCHANGE_ID}`,
      'malformed-reset',
      REQUEST_ID,
    ],
    [
      'rprq not a UUID',
      `?requestId=${REQUEST_ID}&rprq=x&exchangeid=${EXCHANGE_ID}`,
      'malformed-reset',
      REQUEST_ID,
    ],
    [
      'reset without requestId',
      `?rprq=${RPRQ}&exchangeid=${EXCHANGE_ID}`,
      'missing-request-id',
      null,
    ],
  ])('%s → %s', (_name, search, problem, requestId) => {
    expect(parsePageParams(search)).toEqual({ ok: false, problem, requestId, uiLocales: null });
  });

  it('reads Auth0 mode from session_token and state', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhdXRoMHwxIn0.c2lnbmF0dXJl';
    expect(parsePageParams(`?session_token=${token}&state=abc123`)).toEqual({
      ok: true,
      platform: 'auth0',
      target: { mode: 'auth0', sessionToken: token, state: 'abc123' },
      uiLocales: null,
      error: null,
    });
  });

  it.each([
    ['not a JWT', '?session_token=abc&state=s'],
    ['no state', '?session_token=a.b.c'],
    ['too long', `?session_token=${'a'.repeat(3000)}.${'b'.repeat(1100)}.c&state=s`],
  ])('rejects an Auth0 link with a session token that is %s', (_name, search) => {
    expect(parsePageParams(search)).toMatchObject({ ok: false, problem: 'malformed-session' });
  });

  it('ignores unknown parameters', () => {
    expect(parsePageParams(`?lsid=${LSID}&requestId=${REQUEST_ID}&foo=bar`).ok).toBe(true);
  });
});

describe('parseUrlError', () => {
  const parse = (query: string) => parseUrlError(new URLSearchParams(query));

  it.each([
    ['', null],
    ['error=invalid_old_password', { code: 'invalid_old_password' }],
    ['error=INVALID_OLD_PASSWORD', { code: 'invalid_old_password' }],
    ['error=password_mismatch', { code: 'password_mismatch' }],
    ['error=password_already_used', { code: 'password_already_used' }],
    ['error=password_same_as_old', { code: 'password_same_as_old' }],
    ['error=password_compromised&error_code=VER_0120', { code: 'password_compromised' }],
    ['error=track_expired', { code: 'track_expired' }],
    ['error=invalid_request', { code: 'invalid_request' }],
    [
      'error=password_policy_violation&error_code=noOfDigits',
      { code: 'password_policy_violation', rule: 'noOfDigits' },
    ],
    [
      'error=password_policy_violation&error_code=bogus',
      { code: 'password_policy_violation', rule: null },
    ],
    [
      'error=too_many_attempts&retry_after=300',
      { code: 'too_many_attempts', retryAfterSeconds: 300 },
    ],
    [
      'error=too_many_attempts&retry_after=-5',
      { code: 'too_many_attempts', retryAfterSeconds: null },
    ],
    [
      'error=too_many_attempts&retry_after=0x10',
      { code: 'too_many_attempts', retryAfterSeconds: null },
    ],
    [
      'error=too_many_attempts&retry_after=1e3',
      { code: 'too_many_attempts', retryAfterSeconds: null },
    ],
    [
      'error=too_many_attempts&retry_after=86400',
      { code: 'too_many_attempts', retryAfterSeconds: 86_400 },
    ],
    [
      'error=too_many_attempts&retry_after=86401',
      { code: 'too_many_attempts', retryAfterSeconds: null },
    ],
    ['error=too_many_attempts', { code: 'too_many_attempts', retryAfterSeconds: null }],
  ])('%p → %p', (query, expected) => {
    expect(parse(query)).toEqual(expected);
  });

  describe('cidaas as documented: the meaning is in error_code, error is a reason phrase', () => {
    it.each([
      // docs.cidaas.com/openapi/4.0.4/password-management/post-reset-password-accept, word for word.
      [
        'error=Bad+Request&error_description=The+password+is+compromised&error_code=VER_0120',
        { code: 'password_compromised' },
      ],
      ['error=Bad+Request&error_code=ver_0120', { code: 'password_compromised' }],
      [
        'error=Bad+Request&error_code=minimumLength',
        { code: 'password_policy_violation', rule: 'minimumLength' },
      ],
      ['error=Bad+Request&error_code=password_already_used', { code: 'password_already_used' }],
      ['error=Unauthorized&error_code=VER_0007', { code: 'track_expired' }],
      ['error=password_already_resetted', { code: 'track_expired' }],
      ['error=Bad+Request&error_code=VER_0006', { code: 'track_expired' }],
      // error_code wins over error.
      ['error=invalid_old_password&error_code=VER_0120', { code: 'password_compromised' }],
      ['error_code=VER_0120', { code: 'password_compromised' }],
    ])('%p → %p', (query, expected) => {
      expect(parse(query)).toEqual(expected);
    });

    it.each([
      'Bad Request',
      'Unauthorized',
      'unauthorized',
      'bad_request',
      'Too-Many-Requests',
      'INTERNAL SERVER ERROR',
      ' Forbidden ',
    ])('a reason phrase alone (%p) is no code: a generic message, nothing to mention', (phrase) => {
      expect(
        parse(
          new URLSearchParams({
            error: phrase,
            error_description: 'The password is compromised',
          }).toString(),
        ),
      ).toEqual({
        code: 'unknown',
        supportCode: null,
      });
    });

    it('a reason phrase with an unknown cidaas id mentions the id', () => {
      expect(parse('error=Bad+Request&error_code=VER_0999')).toEqual({
        code: 'unknown',
        supportCode: 'VER_0999',
      });
    });
  });

  describe('an unknown code is shown for support only when it looks like one', () => {
    it.each(['brand_new_error', 'rate.limited', 'x', 'e-42', 'a'.repeat(40), 'abc123456'])(
      '%p is shown',
      (error) => {
        expect(parse(new URLSearchParams({ error }).toString())).toEqual({
          code: 'unknown',
          supportCode: error,
        });
      },
    );

    it.each([
      ['markup', '<img src=x onerror=alert(1)>'],
      ['a script URL', 'javascript:alert(1)'],
      ['a sentence', 'Call our hotline +1-900-555-0199'],
      ['a phone number', '1-900-555-0199'],
      ['a phone number in a code', 'call-1-900-555-0199'],
      ['digits only', '404'],
      ['41 characters', 'a'.repeat(41)],
      ['10 kB', 'a'.repeat(10_000)],
      ['an RTL override', 'abc\u202Edcba'],
      ['a zero-width joiner', 'pass\u200Dword'],
      ['uppercase', 'SOMETHING_NEW'],
      ['letters of another script', 'ошибка'],
      ['an emoji', 'error_😀'],
      ['a newline', 'a\nb'],
      ['a URL', 'https://evil.example'],
      ['spaces', 'contact us'],
    ])('%s is never shown', (_name, error) => {
      expect(parse(new URLSearchParams({ error, error_code: error }).toString())).toEqual({
        code: 'unknown',
        supportCode: null,
      });
    });

    it('reads only error and error_code, never error_description', () => {
      expect(parse('error=%3Cb%3E&error_description=brand_new_error')).toEqual({
        code: 'unknown',
        supportCode: null,
      });
    });
  });
});

describe('isReasonPhrase', () => {
  it.each(['Bad Request', 'bad_request', 'Not-Found', 'Service Unavailable'])(
    '%p is a reason phrase',
    (value) => {
      expect(isReasonPhrase(value)).toBe(true);
    },
  );

  it.each(['invalid_request', 'password_compromised', 'bad', ''])('%p is not', (value) => {
    expect(isReasonPhrase(value)).toBe(false);
  });
});

describe('supportCodeOf', () => {
  it('prefers error, then a cidaas id in error_code', () => {
    expect(supportCodeOf('brand_new', 'VER_0120')).toBe('brand_new');
    expect(supportCodeOf('Bad Request', 'PUB10002')).toBe('PUB10002');
    expect(supportCodeOf(null, 'VER_0120')).toBe('VER_0120');
    expect(supportCodeOf(null, 'VER_0120 call us')).toBeNull();
    expect(supportCodeOf(null, null)).toBeNull();
  });
});
