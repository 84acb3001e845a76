import canonicalizeJson from 'canonicalize';

/** Deeper than any certificate; past it a value may be cyclic, which `canonicalize` reports. */
const MAX_DEPTH = 256;

/**
 * RFC 8785 canonical JSON.
 *
 * `canonicalize` sorts every object's keys and checks every string character
 * by character in JavaScript: about 120 µs for one of our certificates, more
 * than the Ed25519 check. When a value's keys already stand in canonical order
 * at every level, as in the certificates and status lists `signDocument`
 * returns, `JSON.stringify` writes exactly the canonical text (it writes keys
 * in their own order, and RFC 8785 serialises strings and numbers as it does),
 * in a fifth of the time. Anything else, and every error, is `canonicalize`'s.
 * `known.inOrder` says the value is JSON.parse's own making and was found in
 * canonical order by `parseStrictJson` (`canonicalOrder`), and skips the walk.
 */
export function canonicalize(value: unknown, known?: { inOrder: true }): string {
  // `known`: the caller has already walked the value (verify's strict parse does, for every certificate of a batch).
  if (known?.inOrder === true || inCanonicalOrder(value, 0)) {
    const text = JSON.stringify(value);
    // JSON.stringify writes a lone surrogate as `\udxxx` (RFC 8785 has no form for it); the package refuses it.
    if (!text.includes('\\ud')) return text;
  }
  const text = canonicalizeJson(value);
  // `canonicalize` returns undefined for values JSON cannot carry at the top level (undefined, functions); signing those is a bug.
  if (text === undefined) throw new Error('cannot canonicalize a value JSON cannot represent');
  return text;
}

/**
 * Whether `JSON.stringify(value)` is its canonical form: plain JSON data (as
 * JSON.parse makes it) whose objects list their keys sorted by UTF-16 code
 * units. False for whatever the two could write differently: undefined, a
 * function, a hole, NaN, `toJSON`, a boxed primitive, a class instance, keys
 * out of order (integer-like keys always come first). Lone surrogates are
 * looked for once in the text JSON.stringify writes, not string by string.
 */
function inCanonicalOrder(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (!(i in value) || !inCanonicalOrder(value[i], depth + 1)) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i]!;
    if (i > 0 && !(keys[i - 1]! < key)) return false;
    if (!inCanonicalOrder((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}
