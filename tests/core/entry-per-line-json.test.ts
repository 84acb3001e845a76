import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringifyEntryPerLine } from '../../src/core/entry-per-line-json.js';

describe('stringifyEntryPerLine', () => {
  it('indents objects and puts each element of a list of objects on a line of its own', () => {
    const value = {
      id: 'a1',
      candidate: { name: 'Dana Reyes', employeeId: 'E1042' },
      answers: [
        { itemId: 'q1', response: { type: 'single', choice: 'b' } },
        { itemId: 'q2', response: null },
      ],
      form: [['a', 'b'], []],
      tags: {},
      redFlags: [],
      order: ['c', 'a', 'b'],
    };
    expect(stringifyEntryPerLine(value)).toBe(
      [
        '{',
        '  "id": "a1",',
        '  "candidate": {',
        '    "name": "Dana Reyes",',
        '    "employeeId": "E1042"',
        '  },',
        '  "answers": [',
        '    {"itemId":"q1","response":{"type":"single","choice":"b"}},',
        '    {"itemId":"q2","response":null}',
        '  ],',
        '  "form": [',
        '    ["a","b"],',
        '    []',
        '  ],',
        '  "tags": {},',
        '  "redFlags": [],',
        '  "order": ["c","a","b"]',
        '}',
      ].join('\n'),
    );
  });

  it('drops what JSON.stringify drops and writes a Date as it does', () => {
    const at = new Date('2026-12-05T07:34:20.806Z');
    expect(JSON.parse(stringifyEntryPerLine({ a: undefined, b: () => 1, at, list: [at, null] }))).toEqual({ at: at.toISOString(), list: [at.toISOString(), null] });
    expect(stringifyEntryPerLine(undefined)).toBe('null');
  });

  it('parses back to what JSON.stringify gives, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(stringifyEntryPerLine(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every line of an object or list of objects to one entry', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { minLength: 1 })), (value) => {
        const lines = stringifyEntryPerLine(value).split('\n');
        // Top level: braces, one line per key, and for each list its brackets and one line per element.
        const elements = Object.values(value).reduce((n, list) => n + list.length, 0);
        const keys = Object.keys(value).length;
        expect(lines.length).toBe(keys === 0 ? 1 : 2 + keys + keys + elements);
      }),
      { numRuns: 300 },
    );
  });
});
