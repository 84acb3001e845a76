import { hasLoneSurrogate } from '../text/lone-surrogate.js';

/** JSON text already in canonical form, for a subtree a sorted copy cannot carry. */
class Canonical {
  constructor(readonly text: string) {}
}

/**
 * RFC 8785 (JCS) canonical JSON: object keys sorted by UTF-16 code units,
 * ECMAScript number and string serialisation, no whitespace. Byte for byte the
 * output of the `canonicalize` package (tested against it and the cyberphone
 * vectors), about twice as fast on a large bank.
 *
 * The speed comes from letting one native `JSON.stringify` do the writing: the
 * value is copied with its keys inserted in sorted order, which is the order
 * JSON.stringify emits them. The exception is an object whose copy would not
 * keep that order (integer-like keys, such as a rating scale's `labels: { 1:
 * Poor, 5: Great }`, always come first in numeric order, where RFC 8785 wants
 * "10" before "9"); such an object, and the path above it, is written here.
 * @throws for what JSON cannot carry: NaN, Infinity, lone surrogates, cycles.
 */
export function canonicalJson(value: unknown): string | undefined {
  const result = canonical(value, new Set());
  return result instanceof Canonical ? result.text : JSON.stringify(result);
}

/** A sorted copy of `value` for JSON.stringify, or its finished text when a copy would come out in the wrong order. */
function canonical(value: unknown, open: Set<object>): unknown {
  switch (typeof value) {
    case 'string':
      if (hasLoneSurrogate(value)) throw new Error('Lone surrogate is not allowed');
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`${value} is not allowed`);
      return value;
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonical((value as { toJSON: () => unknown }).toJSON(), open);
  if (open.has(value)) throw new Error('Circular reference detected');
  open.add(value);
  const result = Array.isArray(value) ? canonicalArray(value, open) : canonicalObject(value as Record<string, unknown>, open);
  open.delete(value);
  return result;
}

function canonicalArray(array: readonly unknown[], open: Set<object>): unknown {
  const copy = new Array<unknown>(array.length);
  let written = false;
  for (let i = 0; i < array.length; i += 1) {
    const element = array[i];
    // As JSON.stringify does: undefined (and a symbol) in an array is null.
    copy[i] = element === undefined || typeof element === 'symbol' ? null : canonical(element, open);
    if (copy[i] instanceof Canonical) written = true;
  }
  return written ? new Canonical(`[${copy.map(text).join(',')}]`) : copy;
}

function canonicalObject(object: Record<string, unknown>, open: Set<object>): unknown {
  const keys = Object.keys(object).sort();
  const copy: Record<string, unknown> = {};
  const kept: string[] = [];
  const entries: unknown[] = [];
  let written = false;
  for (const key of keys) {
    const member = object[key];
    if (member === undefined || typeof member === 'symbol') continue;
    if (hasLoneSurrogate(key)) throw new Error('Lone surrogate is not allowed');
    const entry = canonical(member, open);
    if (entry instanceof Canonical) written = true;
    else copy[key] = entry;
    kept.push(key);
    entries.push(entry);
  }
  // The copy may not hold its keys as inserted: integer-like keys move first, and
  // "__proto__" sets the prototype instead of adding a key.
  if (!written && sameOrder(Object.keys(copy), kept)) return copy;
  return new Canonical(`{${kept.map((key, i) => `${JSON.stringify(key)}:${text(entries[i])}`).join(',')}}`);
}

function text(entry: unknown): string {
  return entry instanceof Canonical ? entry.text : JSON.stringify(entry);
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return a.length === b.length;
}
