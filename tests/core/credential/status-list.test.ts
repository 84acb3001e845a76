import { describe, expect, it } from 'vitest';
import { decodeStatusList, emptyStatusList, encodeStatusList, getStatusBit, setStatusBit, STATUS_LIST_BITS } from '../../../src/core/credential/status-list.js';
import { readVectorJson } from '../../vectors/vectors.js';

const example = readVectorJson<{ credential: { credentialSubject: { encodedList: string } }; expect: { decodedBytes: number; bits: number; allZero: boolean } }>(
  'w3c-bitstring-status-list/spec-example.json',
);

describe('W3C Bitstring Status List', () => {
  it("decodes the spec's example encodedList", () => {
    const list = decodeStatusList(example.credential.credentialSubject.encodedList)!;
    expect(list).toHaveLength(example.expect.decodedBytes);
    expect(list.length * 8).toBe(example.expect.bits);
    expect(list.every((b) => b === 0)).toBe(example.expect.allZero);
  });

  it('a new list is the minimum size the spec asks for', () => {
    expect(STATUS_LIST_BITS).toBe(example.expect.bits);
    expect(decodeStatusList(encodeStatusList(emptyStatusList()))).toEqual(emptyStatusList());
  });

  it('bit 0 is the leftmost bit of the first byte', () => {
    expect(setStatusBit(emptyStatusList(16), 0, true)[0]).toBe(0b1000_0000);
    expect(setStatusBit(emptyStatusList(16), 9, true)[1]).toBe(0b0100_0000);
  });

  it('round-trips set bits through encode/decode and leaves the others alone', () => {
    let list = emptyStatusList();
    for (const i of [0, 7, 8, 4242, STATUS_LIST_BITS - 1]) list = setStatusBit(list, i, true);
    const back = decodeStatusList(encodeStatusList(list))!;
    for (const i of [0, 7, 8, 4242, STATUS_LIST_BITS - 1]) expect(getStatusBit(back, i)).toBe(true);
    for (const i of [1, 6, 9, 4241, 4243]) expect(getStatusBit(back, i)).toBe(false);
    expect(encodeStatusList(list)).toMatch(/^u[A-Za-z0-9_-]+$/);
  });

  it.each([['no multibase prefix', 'H4sIAAAA'], ['not gzip', 'uAAAA'], ['not base64url', 'u+/=']])('refuses %s', (_l, text) => {
    expect(decodeStatusList(text)).toBeNull();
  });
});
