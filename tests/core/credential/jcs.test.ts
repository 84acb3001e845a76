import { readdirSync } from 'node:fs';
import canonicalizePackage from 'canonicalize';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { canonicalize } from '../../../src/core/credential/jcs.js';
import { jsonWithAwkwardKeys } from '../../fixtures/json-arbitraries.js';
import { issueTestCertificate, makeIssuer } from './certificate-fixture.js';
import { readVector, vectorsDir } from '../../vectors/vectors.js';

// The package, watched: which values take the fast path (JSON.stringify) shows in its calls.
vi.mock('canonicalize', async (importOriginal) => {
  const actual = await importOriginal<{ default: (value: unknown) => string | undefined }>();
  return { default: vi.fn(actual.default) };
});
const library = vi.mocked(canonicalizePackage);

const names = readdirSync(`${vectorsDir}cyberphone-jcs/testdata/input`).filter((f) => f.endsWith('.json'));

describe('RFC 8785 canonicaliser against the cyberphone test data', () => {
  it('has test data to check', () => expect(names.length).toBeGreaterThanOrEqual(6));

  it.each(names)('%s', (name) => {
    const input = JSON.parse(readVector(`cyberphone-jcs/testdata/input/${name}`)) as unknown;
    const expected = readVector(`cyberphone-jcs/testdata/outhex/${name.replace('.json', '.txt')}`).replace(/\s+/g, '');
    const out = canonicalize(input);
    expect(Buffer.from(out, 'utf8').toString('hex')).toBe(expected);
    expect(out).toBe(readVector(`cyberphone-jcs/testdata/output/${name}`));
  });
});

/** The same data with every object's keys in canonical order (as far as the engine keeps them). */
const sorted = (value: unknown): unknown => JSON.parse(library(value)!) as unknown;

describe('canonicalize: JSON.stringify when the keys are already in order, else the canonicalize package', () => {
  beforeEach(() => library.mockClear());

  it('writes what the package writes, for any JSON value in any key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalize(value)).toBe(library(value));
      }),
      { numRuns: 500 },
    );
  });

  it('writes what the package writes for data already in canonical order, integer-like and "__proto__" keys too', () => {
    fc.assert(
      fc.property(jsonWithAwkwardKeys, (value) => {
        const data = sorted(JSON.parse(JSON.stringify(value)));
        expect(canonicalize(data)).toBe(library(data));
      }),
      { numRuns: 1000 },
    );
  });

  it('takes the fast path for a certificate we signed, and not for one with its keys out of order', () => {
    const certificate = issueTestCertificate(makeIssuer('Jcs Org'));
    library.mockClear();
    const fast = canonicalize(certificate);
    expect(library).not.toHaveBeenCalled();
    const { proof, ...rest } = certificate;
    const shuffled = { proof, ...rest };
    expect(canonicalize(shuffled)).toBe(fast);
    expect(library).toHaveBeenCalledTimes(1);
  });

  class Point {
    constructor(readonly x = 1) {}
  }
  // Index 1 is never set: a hole, not an undefined element.
  const hole: number[] = [];
  hole[0] = 1;
  hole[2] = 2;
  it.each([
    ['a Date (toJSON)', { a: new Date(0) }],
    ['a boxed number', { a: Object(5) as unknown }],
    ['a class instance', { a: new Point() }],
    ['an array with a hole', { a: hole }],
    ['undefined members and elements', { a: undefined, b: [undefined, 1] }],
    ['a toJSON of its own', { a: { toJSON: () => 'x' } }],
    ['integer-like keys, which the engine lists first', { 10: 'b', 9: 'a' }],
    ['nesting deeper than a certificate', JSON.parse(`${'['.repeat(300)}1${']'.repeat(300)}`) as unknown],
    // Written `\\udir` by JSON.stringify, which the lone-surrogate check on its output cannot tell apart cheaply.
    ['a backslash before "ud" (a Windows path)', { a: 'C:\\udir' }],
  ])('leaves %s to the package, and agrees with it', (_name, value) => {
    expect(canonicalize(value)).toBe(library(value));
  });

  it.each([
    ['NaN', { a: Number.NaN }],
    ['Infinity', { a: Number.POSITIVE_INFINITY }],
    ['a lone surrogate', { a: '\uD800' }],
    ['a lone surrogate in a key', { ['\uDC00']: 1 }],
  ])('refuses %s, in order or not', (_name, value) => {
    expect(() => canonicalize(value)).toThrow();
  });

  it('refuses a cycle', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => canonicalize(cycle)).toThrow(/Circular/);
  });
});
