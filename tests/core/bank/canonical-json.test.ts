import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/core/bank/canonical-json.js';

const vectors = fileURLToPath(new URL('../../../../shared/test-vectors/cyberphone-jcs/testdata/', import.meta.url));

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

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a lone surrogate', { text: '\uD800' }],
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
});
