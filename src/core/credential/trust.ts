import { parseRfc3339 } from '../text/rfc3339.js';

/** One signing key an organisation trusts, with the window in which it may have signed. */
export interface TrustedKey {
  /** did:key of the public key. */
  id: string;
  name?: string;
  /** Proofs created before this are not trusted (ISO 8601). */
  validFrom?: string;
  /** Proofs created after this are not trusted: the key was retired or rotated out. */
  validUntil?: string;
  /**
   * The private key leaked (true, or when that was found, RFC 3339). Its holder
   * can backdate `proof.created` into any window, so nothing it signed is
   * trusted, whatever the date.
   */
  compromised?: true | string;
}

export interface TrustList {
  issuers: TrustedKey[];
}

export type TrustParse = { ok: true; trust: TrustList } | { ok: false; message: string };

const DID_KEY = /^did:key:z[1-9A-HJ-NP-Za-km-z]+$/;

/** Checks a parsed trust file (schemas/trust.schema.json); messages name the JSON path. */
export function parseTrustList(data: unknown): TrustParse {
  if (typeof data !== 'object' || data === null || !Array.isArray((data as TrustList).issuers)) {
    return { ok: false, message: 'expected an object with an "issuers" array' };
  }
  const issuers = (data as TrustList).issuers;
  for (const [i, entry] of issuers.entries()) {
    const at = `issuers[${i}]`;
    if (typeof entry !== 'object' || entry === null) return { ok: false, message: `${at}: expected an object` };
    if (typeof entry.id !== 'string' || !DID_KEY.test(entry.id)) return { ok: false, message: `${at}.id: expected a did:key (did:key:z6Mk…)` };
    if (entry.name !== undefined && typeof entry.name !== 'string') return { ok: false, message: `${at}.name: expected a string` };
    const compromised = (entry as { compromised?: unknown }).compromised;
    if (compromised !== undefined && compromised !== true && (typeof compromised !== 'string' || Number.isNaN(parseRfc3339(compromised)))) {
      return { ok: false, message: `${at}.compromised: expected true or the RFC 3339 date-time it was found, like 2026-11-01T00:00:00Z, found ${JSON.stringify(compromised)}` };
    }
    for (const field of ['validFrom', 'validUntil'] as const) {
      const value = entry[field];
      if (value !== undefined && (typeof value !== 'string' || Number.isNaN(parseRfc3339(value)))) {
        return { ok: false, message: `${at}.${field}: expected an ISO 8601 (RFC 3339) date-time like 2026-11-01T00:00:00Z, found ${JSON.stringify(value)}` };
      }
    }
  }
  return { ok: true, trust: { issuers } };
}

export type TrustCheck = { ok: true; key: TrustedKey } | { ok: false; compromised: boolean; message: string };

/** Whether `did` was trusted to sign at `signedAt` (the proof's `created`). */
export function checkTrust(trust: TrustList, did: string, signedAt: string): TrustCheck {
  const entries = trust.issuers.filter((k) => k.id === did);
  if (entries.length === 0) return { ok: false, compromised: false, message: `signed by ${did}, which the trust list does not name` };
  const leaked = entries.find((k) => k.compromised !== undefined);
  if (leaked) {
    const since = leaked.compromised === true ? '' : ` (found ${leaked.compromised})`;
    return { ok: false, compromised: true, message: `signed by ${leaked.name ?? did}, a key the trust file marks compromised${since}: nothing it signed is trusted, whatever its date` };
  }
  const at = parseRfc3339(signedAt);
  const inWindow = entries.find(
    (k) => (k.validFrom === undefined || parseRfc3339(k.validFrom) <= at) && (k.validUntil === undefined || at <= parseRfc3339(k.validUntil)),
  );
  if (!inWindow) {
    const k = entries[0] as TrustedKey;
    return {
      ok: false,
      compromised: false,
      message: `signed at ${signedAt} by ${k.name ?? did}, outside that key's trusted window (${k.validFrom ?? '…'} to ${k.validUntil ?? '…'})`,
    };
  }
  return { ok: true, key: inWindow };
}

export type TrustUpdate = { action: 'added' | 'updated' | 'unchanged'; trust: TrustList; entry: TrustedKey };

/**
 * Adds `entry` to the trust list, or, when its key is there already, sets the
 * fields it gives on the first entry for that key (closing a rotated key's
 * window is `{ id, validUntil }`). Pure: returns a new list.
 */
export function upsertTrustedKey(trust: TrustList, entry: TrustedKey): TrustUpdate {
  const at = trust.issuers.findIndex((k) => k.id === entry.id);
  if (at === -1) return { action: 'added', trust: { issuers: [...trust.issuers, entry] }, entry };
  const before = trust.issuers[at] as TrustedKey;
  const merged: TrustedKey = { ...before };
  for (const field of ['name', 'validFrom', 'validUntil'] as const) if (entry[field] !== undefined) merged[field] = entry[field];
  const same = (['name', 'validFrom', 'validUntil'] as const).every((f) => merged[f] === before[f]);
  if (same) return { action: 'unchanged', trust, entry: before };
  const issuers = [...trust.issuers];
  issuers[at] = merged;
  return { action: 'updated', trust: { issuers }, entry: merged };
}

/** A did:key as a trust file names it, or undefined. */
export const isDidKey = (text: string): boolean => DID_KEY.test(text);
