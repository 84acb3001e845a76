import { describe, expect, it } from 'vitest';
import { checkTrust, parseTrustList, upsertTrustedKey, type TrustList } from '../../../src/core/credential/trust.js';

const A = 'did:key:z6MkoxkKMmatpYz2R8s8xT6fgoT7jEfS4ZWD68DknGTxGt2C';
const B = 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
const base: TrustList = { issuers: [{ id: A, name: 'Acme', validFrom: '2026-01-01T00:00:00Z' }] };

describe('upsertTrustedKey', () => {
  it.each([
    ['a new key is appended', { id: B, name: 'Other' }, 'added', [A, B]],
    ['the same key and fields change nothing', { id: A, name: 'Acme' }, 'unchanged', [A]],
    ['a window end on a known key updates that entry only', { id: A, validUntil: '2026-12-31T23:59:59Z' }, 'updated', [A]],
  ] as const)('%s', (_, entry, action, ids) => {
    const result = upsertTrustedKey(base, entry);
    expect(result.action).toBe(action);
    expect(result.trust.issuers.map((k) => k.id)).toEqual(ids);
  });

  it('keeps the fields not given, so retiring a key keeps its start', () => {
    const { trust } = upsertTrustedKey(base, { id: A, validUntil: '2026-12-31T23:59:59Z' });
    expect(trust.issuers[0]).toEqual({ id: A, name: 'Acme', validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-12-31T23:59:59Z' });
    expect(base.issuers[0]?.validUntil).toBeUndefined();
    expect(checkTrust(trust, A, '2027-01-02T00:00:00Z').ok).toBe(false);
    expect(checkTrust(trust, A, '2026-06-01T00:00:00Z').ok).toBe(true);
  });
});

const DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

describe('trust file dates (issue 17.22)', () => {
  it.each(['1', '2001', '12/01/2026', '2026-11-01T00:00:00'])('refuses validFrom %j, which Date.parse reads as a real date', (validFrom) => {
    const parsed = parseTrustList({ issuers: [{ id: DID, validFrom }] });
    expect(parsed).toEqual({ ok: false, message: expect.stringContaining('issuers[0].validFrom: expected an ISO 8601 (RFC 3339) date-time') });
  });

  it('accepts RFC 3339 and compares by instant across offsets', () => {
    const parsed = parseTrustList({ issuers: [{ id: DID, validFrom: '2026-11-01T10:00:00+01:00' }] });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(checkTrust(parsed.trust, DID, '2026-11-01T09:00:00Z').ok).toBe(true);
    expect(checkTrust(parsed.trust, DID, '2026-11-01T08:59:59Z').ok).toBe(false);
  });
});
