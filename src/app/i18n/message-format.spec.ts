import { TYPE } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { ELEMENT, type CompiledElement } from './compiled-messages';
import { compileMessage } from '../../../scripts/i18n/message-compiler';
import { formatMessage, type MessageParams } from './message-format';
import { TRANSLATED_LANGUAGES } from '../../../generated/languages';

/** Compiles an ICU source and formats it with our formatter. */
function ours(source: string, locale: string, params?: MessageParams): string {
  const message = compileMessage('k', source);
  return typeof message === 'string' ? message : formatMessage(message, locale, params);
}

/** What intl-messageformat makes of the same source. */
function theirs(source: string, locale: string, params?: MessageParams): string {
  return String(
    new IntlMessageFormat(source, locale, undefined, { ignoreTag: true }).format(params),
  );
}

describe('formatMessage', () => {
  it('numbers its element kinds as the ICU parser does, so compiled files keep the parser shape', () => {
    expect(ELEMENT).toEqual({
      literal: TYPE.literal,
      argument: TYPE.argument,
      number: TYPE.number,
      select: TYPE.select,
      plural: TYPE.plural,
      pound: TYPE.pound,
    });
  });

  // Shapes the translations may not use yet, each checked against intl-messageformat.
  it.each<[string, string, MessageParams]>([
    ['{n, plural, =0 {none} one {# item} other {# items}}', 'en', { n: 0 }],
    ['{n, plural, =0 {none} one {# item} other {# items}}', 'en', { n: 1 }],
    [
      '{n, plural, offset:1 =0 {nobody} =1 {{who}} one {{who} and # other} other {{who} and # others}}',
      'en',
      { n: 2, who: 'Ana' },
    ],
    [
      '{n, plural, offset:1 =0 {nobody} =1 {{who}} one {{who} and # other} other {{who} and # others}}',
      'en',
      { n: 5, who: 'Ana' },
    ],
    ['{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}', 'en', { n: 23 }],
    ['{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}', 'en', { n: 11 }],
    ['{kind, select, admin {Your administrator} other {Someone}} asked', 'en', { kind: 'admin' }],
    ['{kind, select, admin {Your administrator} other {Someone}} asked', 'en', { kind: 'robot' }],
    [
      '{kind, select, a {{n, plural, one {# a} other {# as}}} other {x}}',
      'en',
      { kind: 'a', n: 3 },
    ],
    ['{n, number} / {n}', 'de', { n: 12345.5 }],
    ['{n, plural, one {# Ziffer} other {# Ziffern}}', 'de', { n: 1500 }],
    ['{n, plural, one {# رقم} other {# أرقام}}', 'ar-EG', { n: 12 }],
    [
      '{n, plural, zero {zero} one {one} two {two} few {few} many {many} other {other}}',
      'ar',
      { n: 3 },
    ],
    ['{n, plural, one {one} few {few} many {many} other {other}}', 'pl', { n: 22 }],
  ])('%s in %s with %j reads as intl-messageformat reads it', (source, locale, params) => {
    expect(ours(source, locale, params)).toBe(theirs(source, locale, params));
  });

  it.each(TRANSLATED_LANGUAGES)(
    'writes the whole numbers 0–999 in %s as Intl.NumberFormat does (digits taken at build time)',
    (language) => {
      const message = compileMessage('k', '{n, number} / {n, plural, other {#}}');
      const format = new Intl.NumberFormat(language);
      for (let n = 0; n < 1000; n++) {
        expect(formatMessage(message as readonly CompiledElement[], language, { n })).toBe(
          `${format.format(n)} / ${format.format(n)}`,
        );
      }
    },
  );

  it('writes Persian numbers in Persian digits', () => {
    expect(ours('{n, number}', 'fa', { n: 907 })).toBe('۹۰۷');
  });

  it.each([1000, 12345, -3, 2.5])(
    'leaves %p (grouping, sign, decimals) to Intl.NumberFormat',
    (n) => {
      expect(ours('{n, number}', 'fa', { n })).toBe(new Intl.NumberFormat('fa').format(n));
      expect(ours('{n, number}', 'de', { n })).toBe(new Intl.NumberFormat('de').format(n));
    },
  );

  it('throws on a missing argument rather than showing half a sentence', () => {
    expect(() => ours('Hello {name}', 'en', {})).toThrow('no value for {name}');
    expect(() => ours('{n, plural, other {#}}', 'en')).toThrow('no value for {n}');
  });

  // The parser refuses such messages; a garbled downloaded file may still hold them.
  it('throws when no case applies and on a # outside a plural', () => {
    const select: CompiledElement = {
      type: ELEMENT.select,
      value: 'kind',
      options: { a: { value: [] } },
    };
    expect(() => formatMessage([select], 'en', { kind: 'b' })).toThrow('no case for {kind}');
    expect(() => formatMessage([{ type: ELEMENT.pound }], 'en')).toThrow('# outside a plural');
    expect(() => formatMessage([{ type: 3 } as unknown as CompiledElement], 'en')).toThrow(
      'an element the page does not format',
    );
  });
});

describe('compileMessage refuses what the page does not format, naming the key', () => {
  it.each([
    ['{when, date, short}', /rules\.x: date elements are not supported/],
    ['{when, time}', /rules\.x: time elements are not supported/],
    ['{n, number, percent}', /rules\.x: \{n, number, …\}: number styles are not supported/],
    ['{n, number, ::currency/EUR}', /rules\.x: \{n, number, …\}: number styles are not supported/],
  ])('%s', (source, error) => {
    expect(() => compileMessage('rules.x', source)).toThrow(error);
  });

  it('leaves out the default offset and plural type, keeps the others', () => {
    expect(compileMessage('k', '{n, plural, other {#}}')).toEqual([
      {
        type: ELEMENT.plural,
        value: 'n',
        options: { other: { value: [{ type: ELEMENT.pound }] } },
      },
    ]);
    expect(compileMessage('k', '{n, selectordinal, offset:1 other {#}}')).toMatchObject([
      { offset: 1, pluralType: 'ordinal' },
    ]);
  });
});
