import { compileMessage, compileMessages, messageArguments } from './message-compiler';

describe('compileMessage', () => {
  it('keeps plain text as a string, with ICU quoting resolved', () => {
    expect(compileMessage('k', 'Plain text')).toBe('Plain text');
    expect(compileMessage('k', "It''s '{'literal'}'")).toBe("It's {literal}");
  });

  it('parses a message with arguments into elements without source locations', () => {
    const message = compileMessage('k', 'At least {count, plural, one {# digit} other {# digits}}');
    expect(Array.isArray(message)).toBe(true);
    expect(JSON.stringify(message)).not.toContain('location');
  });

  it('names the key of an invalid message', () => {
    expect(() => compileMessage('rules.broken', 'At least {count, plural, one {# digit}')).toThrow(
      /^rules\.broken: invalid ICU message/,
    );
  });
});

describe('compileMessages', () => {
  it('flattens nested keys to dotted paths', () => {
    expect(compileMessages({ page: { title: 'T', reason: { default: 'D' } } })).toEqual({
      'page.title': 'T',
      'page.reason.default': 'D',
    });
  });
});

describe('messageArguments', () => {
  it.each([
    ['Plain text', []],
    ['Signed in as {username}', ['username']],
    ['{count, plural, one {# digit} other {# digits}}', ['count']],
    ['{kind, select, a {{n, number} for {who}} other {none}}', ['kind', 'n', 'who']],
    ['{n} and {n} again', ['n']],
  ])('%s → %j', (source, expected) => {
    expect(messageArguments(compileMessage('k', source)).sort()).toEqual([...expected].sort());
  });
});
