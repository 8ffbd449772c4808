import assert from 'node:assert/strict';
import { test } from 'node:test';

import { localeZeroDigit } from './locale-zero-digit';

test('ASCII digits need no zero: null', () => {
  assert.equal(localeZeroDigit('en'), null);
  assert.equal(localeZeroDigit('de'), null);
});

test('Persian writes Extended Arabic-Indic digits: its zero is U+06F0', () => {
  assert.equal(localeZeroDigit('fa'), 0x06f0);
});

test('Arabic-Indic digits asked for with -u-nu-arab: U+0660', () => {
  assert.equal(localeZeroDigit('ar-u-nu-arab'), 0x0660);
});

test('a numbering system whose digits are not consecutive code points fails, naming the language', () => {
  // hanidec: 〇一二三四五六七八九, scattered over the CJK block.
  assert.throws(
    () => localeZeroDigit('zh-u-nu-hanidec'),
    /zh-u-nu-hanidec: Intl\.NumberFormat writes 1 as "一"/,
  );
});
