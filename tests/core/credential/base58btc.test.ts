import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase58btc, encodeBase58btc } from '../../../src/core/credential/base58btc.js';

// Test vectors of draft-msporny-base58-03, section 5 ("Test Vectors").
const VECTORS: Array<[string, string]> = [
  ['Hello World!', '2NEpo7TZRRrLZSi2U'],
  ['The quick brown fox jumps over the lazy dog.', 'USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z'],
];

describe('base58btc', () => {
  it.each(VECTORS)('%s <-> %s', (text, encoded) => {
    expect(encodeBase58btc(Buffer.from(text))).toBe(encoded);
    expect(Buffer.from(decodeBase58btc(encoded)!).toString()).toBe(text);
  });

  it('keeps leading zero bytes as leading 1s (0x0000287fb4cd <-> 11233QC4)', () => {
    expect(encodeBase58btc(Buffer.from('0000287fb4cd', 'hex'))).toBe('11233QC4');
    expect(Buffer.from(decodeBase58btc('11233QC4')!).toString('hex')).toBe('0000287fb4cd');
  });

  it('decodes what it encodes, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect(decodeBase58btc(encodeBase58btc(bytes))).toEqual(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it.each(['0', 'O', 'I', 'l', '2NEpo7TZRRrLZSi2U!', 'z\u00e9', '\u{1F600}'])('refuses %j (not in the alphabet)', (text) => {
    expect(decodeBase58btc(text)).toBeNull();
  });

  it('decodes the empty text to no bytes', () => {
    expect(decodeBase58btc('')).toEqual(new Uint8Array(0));
  });
});
