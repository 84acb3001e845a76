import canonicalizePackage from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStrictJson } from '../../../src/core/credential/strict-json.js';
import { jsonWithAwkwardKeys } from '../../fixtures/json-arbitraries.js';
import { issueTestCertificate, makeIssuer } from './certificate-fixture.js';

/** What `canonicalize` may skip its walk on: the strict parse's census of canonical order. */
const orderOf = (text: string): boolean | undefined => {
  const parsed = parseStrictJson(text);
  return parsed.ok ? parsed.canonicalOrder : undefined;
};

describe('parseStrictJson: canonical order, found in the same walk as duplicate keys and depth', () => {
  it.each([
    ['{"a":1,"b":[{"c":2,"d":3}]}', true],
    ['{"b":1,"a":2}', false],
    ['{"a":{"d":1,"c":2}}', false],
    ['[{"b":1},{"a":1,"b":2}]', true],
    // JSON.parse puts "9" before "10"; RFC 8785 sorts "10" first.
    ['{"10":1,"9":2}', false],
    ['{"1":1,"a":2}', true],
    ['{"a":1e400}', false],
    ['{"a":[1,-1e400]}', false],
    ['"text"', true],
  ])('%s -> %s', (text, inOrder) => {
    expect(orderOf(text)).toBe(inOrder);
  });

  it('finds a certificate we signed in canonical order, pretty-printed as issue writes it', () => {
    expect(orderOf(`${JSON.stringify(issueTestCertificate(makeIssuer('Strict Org')), null, 2)}\n`)).toBe(true);
  });

  it('says in order only when JSON.stringify writes what the canonicalize package writes (lone surrogates aside), for any JSON in any key order', () => {
    fc.assert(
      fc.property(jsonWithAwkwardKeys, fc.boolean(), (value, sorted) => {
        const data: unknown = sorted ? JSON.parse(canonicalizePackage(value)!) : value;
        const text = JSON.stringify(data);
        const parsed = parseStrictJson(text);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok || !parsed.canonicalOrder || text.includes('\\ud')) return;
        expect(JSON.stringify(parsed.value)).toBe(canonicalizePackage(parsed.value));
      }),
      { numRuns: 2000 },
    );
  });

  it('still finds every duplicate key the quick count might miss: white space before a colon, escaped quotes', () => {
    for (const text of ['{"a" :1,"a":2}', '{"a"\n:1,\n"a"\t:2}', '{"x":"\\":","a":1,"a":2}']) {
      expect(parseStrictJson(text)).toMatchObject({ ok: false, problem: 'malformed', message: expect.stringContaining('"a" appears twice') });
    }
  });
});
