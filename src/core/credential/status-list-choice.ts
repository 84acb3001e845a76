import type { LoadedStatusList } from './verify-certificate.js';
import { parseRfc3339 } from '../text/rfc3339.js';

/** One copy of a status list and the file it came from. */
export interface StatusListCopy {
  list: LoadedStatusList;
  source: string;
}

export type StatusListChoice =
  | {
      ok: true;
      list: LoadedStatusList;
      /** Why the copies did not simply agree, for a warning; undefined when the newest copy holds every revocation. */
      note?: string;
    }
  /** Copies signed by different issuers claim one URL: not ours to settle by date. */
  | { ok: false; message: string };

/**
 * The list to use when several copies of one status list (same URL) are
 * given, say an old download and a current one. The newest copy wins, by
 * `validFrom`, then `proof.created`: the last file read must not decide, or a
 * stale copy un-revokes a certificate. Revocation is permanent (W3C Bitstring
 * Status List, "revocation"), so a bit set in any copy of the issuer's own
 * list stays set: when an older copy (or one of the same time) has bits the
 * newest lacks, the union is used and the note says which files disagreed.
 */
export function chooseStatusList(copies: readonly StatusListCopy[]): StatusListChoice {
  const [first, ...rest] = copies;
  if (!first) throw new Error('chooseStatusList: no copies');
  const stranger = rest.find((c) => c.list.issuer !== first.list.issuer);
  if (stranger) {
    return {
      ok: false,
      message: `${first.source} and ${stranger.source} both claim status list ${first.list.url} but are signed by different issuers (${first.list.issuer}, ${stranger.list.issuer})`,
    };
  }
  const ordered = [...copies].sort((a, b) => compareFreshness(b.list, a.list));
  const newest = ordered[0]!;
  const missing = ordered.slice(1).filter((c) => hasBitsNotIn(c.list.list, newest.list.list));
  if (missing.length === 0) return { ok: true, list: newest.list };
  let union = newest.list.list;
  for (const c of missing) union = orBits(union, c.list.list);
  const sameTime = missing.filter((c) => compareFreshness(c.list, newest.list) === 0).map((c) => c.source);
  const older = missing.filter((c) => compareFreshness(c.list, newest.list) !== 0).map((c) => c.source);
  const why = [
    older.length ? `older ${plural(older, 'copy', 'copies')} ${older.join(', ')} revoke${older.length === 1 ? 's' : ''} entries that the newest, ${newest.source}, does not` : '',
    sameTime.length ? `${sameTime.join(', ')} and ${newest.source} have the same date but different entries` : '',
  ].filter(Boolean).join('; ');
  return {
    ok: true,
    list: { ...newest.list, list: union },
    note: `status list ${newest.list.url}: ${why}; revocation is permanent, so every entry revoked in any copy counts as revoked`,
  };
}

/** Positive when `a` is newer than `b`: by validFrom, then proof.created; a date missing or unreadable counts as oldest. */
function compareFreshness(a: LoadedStatusList, b: LoadedStatusList): number {
  const time = (iso: string | undefined) => {
    const t = iso === undefined ? NaN : parseRfc3339(iso);
    return Number.isNaN(t) ? -Infinity : t;
  };
  const byValidFrom = time(a.validFrom) - time(b.validFrom);
  if (byValidFrom !== 0 && !Number.isNaN(byValidFrom)) return byValidFrom;
  const byCreated = time(a.created) - time(b.created);
  return Number.isNaN(byCreated) ? 0 : byCreated;
}

function hasBitsNotIn(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i += 1) if ((a[i]! & ~(b[i] ?? 0)) !== 0) return true;
  return false;
}

function orBits(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.max(a.length, b.length));
  for (let i = 0; i < out.length; i += 1) out[i] = (a[i] ?? 0) | (b[i] ?? 0);
  return out;
}

const plural = (items: readonly string[], one: string, many: string) => (items.length === 1 ? one : many);
