import { describe, expect, it } from 'vitest';
import { findStatusConflicts, type StatusListCopy } from '../../../src/core/credential/status-conflicts.js';

const URL_A = 'https://status.example/a';
const list = (...bytes: number[]) => Uint8Array.from(bytes);
const copy = (file: string, issuer: string, l: Uint8Array, url = URL_A): StatusListCopy => ({ url, issuer, list: l, file });

describe('findStatusConflicts', () => {
  it.each([
    ['one list', [copy('a.json', 'did:key:z1', list(0b1))], false],
    ['an older and a newer copy of one list (bits only added)', [copy('old.json', 'did:key:z1', list(0b0001)), copy('new.json', 'did:key:z1', list(0b0101))], false],
    ['two equal copies', [copy('a.json', 'did:key:z1', list(3, 0)), copy('b.json', 'did:key:z1', list(3, 0))], false],
    ['lists from two issuers', [copy('a.json', 'did:key:z1', list(0)), copy('b.json', 'did:key:z2', list(0))], true],
    ['one key, two data dirs: each marks what the other does not', [copy('a.json', 'did:key:z1', list(0b01)), copy('b.json', 'did:key:z1', list(0b10))], true],
    ['different URLs never conflict', [copy('a.json', 'did:key:z1', list(1)), copy('b.json', 'did:key:z2', list(2), 'https://status.example/b')], false],
  ] as const)('%s', (_name, copies, conflicts) => {
    const found = findStatusConflicts(copies);
    expect(found.has(URL_A)).toBe(conflicts);
    if (conflicts) expect(found.get(URL_A)).toMatch(/two different status lists claim https:\/\/status\.example\/a \(a\.json, b\.json: /);
  });
});
