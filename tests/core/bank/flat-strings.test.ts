import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { flattenStrings } from '../../../src/core/bank/flat-strings.js';

describe('flattenStrings', () => {
  it('returns the same value, unchanged, whatever it holds', () => {
    const text = 'a: "built one character at a time by yaml"\nb: [1, "two", { c: null, d: true }]\n"__proto__": { e: "f" }\n';
    const value = parse(text) as unknown;
    const before = JSON.stringify(value);
    expect(flattenStrings(value)).toBe(value);
    expect(JSON.stringify(value)).toBe(before);
    expect(Object.keys(value as object)).toEqual(['a', 'b', '__proto__']);
  });

  it.each([null, undefined, 0, 'text', true])('passes %s through', (value) => {
    expect(flattenStrings(value)).toBe(value);
  });
});
