import { isRecord } from './is-record';

describe('isRecord', () => {
  it('is true for objects whose properties can be read, false for null, arrays and primitives', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord({ a: 1 })).toBe(true);
    expect(isRecord(Object.create(null))).toBe(true);
    for (const value of [null, undefined, [], [1], 'x', 0, true, Symbol('s')])
      expect(isRecord(value)).toBe(false);
  });
});
