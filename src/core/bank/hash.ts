import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { Bank } from './types.js';

/**
 * `sha256:` + hex SHA-256 of the RFC 8785 canonical JSON of the bank as parsed:
 * YAML layout, comments and key order do not change it; any change to content does.
 * Defaults are not filled in first (see types.ts), so old hashes stay valid.
 * The semantic check has already refused the one thing RFC 8785 cannot carry
 * that YAML can produce (a lone surrogate from a `\u` escape).
 */
export function bankHash(bank: Bank): string {
  const canonical = canonicalJson(bank);
  if (canonical === undefined) throw new Error('bank has no JSON form');
  // Encoding first is ten times faster than handing update() a multi-megabyte string.
  return `sha256:${createHash('sha256').update(Buffer.from(canonical, 'utf8')).digest('hex')}`;
}
