import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../../src/core/credential/jcs.js';
import { readVector, vectorsDir } from './vectors.js';

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
