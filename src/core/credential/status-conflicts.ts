import type { LoadedStatusList } from './verify-certificate.js';

/** A status list as read from one file. */
export interface StatusListCopy extends LoadedStatusList {
  file: string;
}

/**
 * URLs that two different lists claim. Two copies of one list are fine: bits
 * are only ever set, so an older copy's set bits are a subset of a newer
 * one's (which copy to prefer is loadStatusLists' business). Lists from two
 * issuers, or whose set bits each lack some of the other's (two data dirs
 * issuing with one key, each keeping its own list), cannot both be the list:
 * a certificate pointing there could read as valid or revoked by chance.
 * @returns URL → what conflicts, naming both files.
 */
export function findStatusConflicts(copies: readonly StatusListCopy[]): Map<string, string> {
  const conflicts = new Map<string, string>();
  const byUrl = new Map<string, StatusListCopy[]>();
  for (const copy of copies) byUrl.set(copy.url, [...(byUrl.get(copy.url) ?? []), copy]);
  for (const [url, same] of byUrl) {
    for (let i = 0; i < same.length && !conflicts.has(url); i += 1) {
      for (let j = i + 1; j < same.length; j += 1) {
        const a = same[i] as StatusListCopy;
        const b = same[j] as StatusListCopy;
        const why = a.issuer !== b.issuer ? `signed by ${a.issuer} and by ${b.issuer}` : !nested(a.list, b.list) ? 'each marks certificates the other does not' : undefined;
        if (why) {
          conflicts.set(url, `two different status lists claim ${url} (${a.file}, ${b.file}: ${why})`);
          break;
        }
      }
    }
  }
  return conflicts;
}

/** Whether one bit set contains the other. */
function nested(a: Uint8Array, b: Uint8Array): boolean {
  let aInB = true;
  let bInA = true;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length && (aInB || bInA); i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if ((x & ~y) !== 0) aInB = false;
    if ((y & ~x) !== 0) bInA = false;
  }
  return aInB || bInA;
}
