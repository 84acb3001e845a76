import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bankHash } from '../../../src/core/bank/hash.js';
import type { Bank } from '../../../src/core/bank/types.js';
import { vectorsDir } from '../../vectors/vectors.js';

const vectors = `${vectorsDir}cyberphone-jcs/testdata/`;

describe('bankHash', () => {
  // The hash is only as good as its canonical form: check it against the RFC 8785 reference vectors.
  it.each(readdirSync(`${vectors}input`).filter((f) => f.endsWith('.json')))('hashes the RFC 8785 form of the cyberphone vector %s', (name) => {
    const input = JSON.parse(readFileSync(`${vectors}input/${name}`, 'utf8')) as Bank;
    const canonical = readFileSync(`${vectors}output/${name}`);
    const expected = `sha256:${createHash('sha256').update(canonical.subarray(0, canonical.at(-1) === 0x0a ? -1 : undefined)).digest('hex')}`;
    expect(bankHash(input)).toBe(expected);
  });

  it('is the SHA-256 node:crypto computes, over a large bank with characters of every UTF-8 length', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ id: `q${i}`, stem: `Caf\u00e9 \u20ac${i} \ud83d\ude00 ${'x'.repeat(i % 97)}` }));
    const bank = { id: 'big', items } as unknown as Bank;
    const canonical = JSON.stringify({ id: 'big', items });
    expect(bankHash(bank)).toBe(`sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`);
  });
});
