import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { Bank } from './types.js';

/**
 * `sha256:` + hex SHA-256 of the RFC 8785 canonical JSON of the bank as parsed:
 * YAML layout, comments and key order do not change it; any change to content does.
 * Defaults are not filled in first (see types.ts), so old hashes stay valid.
 */
export function bankHash(bank: Bank): string {
  return `sha256:${createHash('sha256').update(canonicalJson(bank), 'utf8').digest('hex')}`;
}
