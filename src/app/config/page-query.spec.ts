import { readPageQuery, withoutOneTimeParams } from './page-query';

const LSID = '1ea61648-fbe7-4673-bb8b-18a06d8addd8';
const REQUEST_ID = '9080d117-43e2-4a03-8215-a9f7a03e2999';

describe('withoutOneTimeParams', () => {
  it.each([
    ['', ''],
    [`?lsid=${LSID}&requestId=${REQUEST_ID}`, `?lsid=${LSID}&requestId=${REQUEST_ID}`],
    [
      `?lsid=${LSID}&requestId=${REQUEST_ID}&ui_locales=de%20en&error=invalid_old_password&error_description=The+current+password+is+wrong.`,
      `?lsid=${LSID}&requestId=${REQUEST_ID}&ui_locales=de%20en`,
    ],
    [
      `?requestId=${REQUEST_ID}&rprq=a&exchangeid=b&resetMedium=email&error=Bad+Request&error_description=The+password+is+compromised&error_code=VER_0120`,
      `?requestId=${REQUEST_ID}&rprq=a&exchangeid=b&resetMedium=email`,
    ],
    ['?error=too_many_attempts&lsid=x&retry_after=900&foo=%7Ebar', '?lsid=x&foo=%7Ebar'],
    // Encoded names and repeated values are errors too.
    ['?%65rror=x&error=y&error_code=1&error_code=2&keep=1', '?keep=1'],
    ['?error=only', ''],
    // A malformed escape in another parameter is kept as written.
    ['?error=x&bad=%E0%A4%A', '?bad=%E0%A4%A'],
  ])('%s → %s', (search, expected) => {
    expect(withoutOneTimeParams(search)).toBe(expected);
  });
});

describe('readPageQuery', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('returns every parameter and removes only the error from the address bar, keeping path, hash and state', () => {
    window.history.replaceState(
      { kept: true },
      '',
      `/identity/password_set?lsid=${LSID}&requestId=${REQUEST_ID}&error=track_expired&error_code=X#top`,
    );
    const query = readPageQuery(document);
    expect(query.get('error')).toBe('track_expired');
    expect(query.get('error_code')).toBe('X');
    expect(query.get('lsid')).toBe(LSID);
    expect(window.location.pathname).toBe('/identity/password_set');
    expect(window.location.search).toBe(`?lsid=${LSID}&requestId=${REQUEST_ID}`);
    expect(window.location.hash).toBe('#top');
    expect(window.history.state).toEqual({ kept: true });
  });

  it('leaves a URL without an error alone', () => {
    window.history.replaceState(
      null,
      '',
      `/identity/password_set?lsid=${LSID}&requestId=${REQUEST_ID}&&x=%7E`,
    );
    const replace = jest.spyOn(window.history, 'replaceState');
    readPageQuery(document);
    expect(replace).not.toHaveBeenCalled();
    replace.mockRestore();
  });

  it('still reads the parameters when the browser refuses to change the URL', () => {
    window.history.replaceState(null, '', `/identity/password_set?lsid=${LSID}&error=x`);
    const replace = jest.spyOn(window.history, 'replaceState').mockImplementation(() => {
      throw new DOMException('refused', 'SecurityError');
    });
    expect(readPageQuery(document).get('error')).toBe('x');
    replace.mockRestore();
  });
});
