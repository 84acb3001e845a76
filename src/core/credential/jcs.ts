import canonicalizeJson from 'canonicalize';

/**
 * RFC 8785 canonical JSON. `canonicalize` returns undefined for values JSON
 * cannot carry at the top level (undefined, functions); signing those is a bug.
 */
export function canonicalize(value: unknown): string {
  const text = canonicalizeJson(value);
  if (text === undefined) throw new Error('cannot canonicalize a value JSON cannot represent');
  return text;
}
