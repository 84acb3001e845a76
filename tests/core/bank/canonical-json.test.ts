import { readdirSync, readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/core/bank/canonical-json.js';
import { jsonWithAwkwardKeys } from '../../fixtures/json-arbitraries.js';
import { vectorsDir } from '../../vectors/vectors.js';

const vectors = `${vectorsDir}cyberphone-jcs/testdata/`;

describe('canonicalJson (RFC 8785)', () => {
  it.each(readdirSync(`${vectors}input`).filter((f) => f.endsWith('.json')))('matches the cyberphone vector %s byte for byte', (name) => {
    const input = JSON.parse(readFileSync(`${vectors}input/${name}`, 'utf8')) as unknown;
    const output = readFileSync(`${vectors}output/${name}`, 'utf8');
    expect(canonicalJson(input)).toBe(output.replace(/\n$/, ''));
  });

  it('agrees with the canonicalize package on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the canonicalize package when keys are integer-like or "__proto__"', () => {
    fc.assert(
      fc.property(jsonWithAwkwardKeys, (value) => {
        // JSON.parse makes "__proto__" an own key, as yaml's toJS does.
        const data = JSON.parse(JSON.stringify(value)) as unknown;
        expect(canonicalJson(data)).toBe(canonicalize(data));
      }),
      { numRuns: 1000 },
    );
  });

  it('sorts integer-like keys as text, as RFC 8785 asks, inside otherwise plain data', () => {
    const bank = parse('items:\n  - scale: { min: 1, max: 10, labels: { 10: Great, 9: Good, 1: Poor } }\n    id: q1\n') as unknown;
    expect(canonicalJson(bank)).toBe('{"items":[{"id":"q1","scale":{"labels":{"1":"Poor","10":"Great","9":"Good"},"max":10,"min":1}}]}');
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a lone surrogate', { text: '\uD800' }],
    ['a lone surrogate in a key', { ['\uDC00']: 1 }],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow();
  });

  it('writes a shared (aliased) object each time it appears, and refuses a cycle', () => {
    const shared = { b: 1, a: 2 };
    expect(canonicalJson({ x: shared, y: shared })).toBe('{"x":{"a":2,"b":1},"y":{"a":2,"b":1}}');
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => canonicalJson(cycle)).toThrow(/Circular/);
  });

  it('skips undefined members and writes undefined array elements as null, like canonicalize', () => {
    const value = { a: undefined, b: [undefined, 1] };
    expect(canonicalJson(value)).toBe(canonicalize(value));
  });
});
