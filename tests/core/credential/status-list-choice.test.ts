import { describe, expect, it } from 'vitest';
import { chooseStatusList, type StatusListCopy } from '../../../src/core/credential/status-list-choice.js';
import { emptyStatusList, getStatusBit, setStatusBit } from '../../../src/core/credential/status-list.js';

const URL = 'https://status.example/acme/1';
const copy = (source: string, validFrom: string, revoked: number[], issuer = 'did:key:zA', created = validFrom): StatusListCopy => {
  let list = emptyStatusList(64);
  for (const i of revoked) list = setStatusBit(list, i, true);
  return { source, list: { url: URL, issuer, list, validFrom, created } };
};
const revokedIn = (list: Uint8Array) => Array.from({ length: 64 }, (_, i) => i).filter((i) => getStatusBit(list, i));

describe('chooseStatusList (issue 17.4)', () => {
  it.each([
    ['old then new', ['old', 'new']],
    ['new then old', ['new', 'old']],
  ])('takes the newest copy whatever the order read (%s)', (_label, order) => {
    const copies = { old: copy('old.json', '2026-11-01T00:00:00Z', [3]), new: copy('new.json', '2026-11-20T00:00:00Z', [3, 7]) };
    const choice = chooseStatusList(order.map((k) => copies[k as 'old' | 'new']));
    expect(choice).toMatchObject({ ok: true });
    if (!choice.ok) return;
    expect(revokedIn(choice.list.list)).toEqual([3, 7]);
    expect(choice.note).toBeUndefined();
  });

  it('breaks a validFrom tie with proof.created', () => {
    const a = copy('a.json', '2026-11-01T00:00:00Z', [1], 'did:key:zA', '2026-11-01T00:00:00Z');
    const b = copy('b.json', '2026-11-01T00:00:00Z', [1, 2], 'did:key:zA', '2026-11-02T00:00:00Z');
    const choice = chooseStatusList([b, a]);
    expect(choice.ok && revokedIn(choice.list.list)).toEqual([1, 2]);
    expect(choice.ok && choice.note).toBeUndefined();
  });

  it('never un-revokes: a bit set only in an older copy stays set, and the note names both files', () => {
    const choice = chooseStatusList([copy('new.json', '2026-11-20T00:00:00Z', [7]), copy('old.json', '2026-11-01T00:00:00Z', [3])]);
    expect(choice.ok && revokedIn(choice.list.list)).toEqual([3, 7]);
    expect(choice.ok && choice.note).toMatch(/older copy old\.json revokes entries that the newest, new\.json, does not; revocation is permanent/);
  });

  it('two copies of the same date with different bits: the union, and says so', () => {
    const choice = chooseStatusList([copy('a.json', '2026-11-20T00:00:00Z', [1]), copy('b.json', '2026-11-20T00:00:00Z', [2])]);
    expect(choice.ok && revokedIn(choice.list.list)).toEqual([1, 2]);
    expect(choice.ok && choice.note).toMatch(/have the same date but different entries/);
  });

  it('refuses copies of one URL signed by different issuers', () => {
    const choice = chooseStatusList([copy('a.json', '2026-11-20T00:00:00Z', []), copy('b.json', '2026-11-21T00:00:00Z', [], 'did:key:zB')]);
    expect(choice).toEqual({ ok: false, message: expect.stringContaining('a.json and b.json both claim status list') });
  });
});
