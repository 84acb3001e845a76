/** Far deeper than a certificate or status list (about 6 levels); a hostile file nests 200,000. */
export const MAX_JSON_DEPTH = 64;

export type StrictJson =
  /**
   * `canonicalOrder`: every object lists its keys sorted as RFC 8785 sorts
   * them (no integer-like key out of place) and every number is finite, so
   * `JSON.stringify` of any part of `value` is its canonical form, but for
   * lone surrogates (`canonicalize` with `inOrder` skips its own walk).
   */
  | { ok: true; value: unknown; canonicalOrder: boolean }
  | { ok: false; problem: 'not-json' | 'truncated' | 'malformed'; message: string };

/**
 * JSON text as verify and export read a certificate: a leading UTF-8 byte
 * order mark is ignored (RFC 8259 section 8.1 allows a parser to), and
 * anything two readers could take differently is refused: a key given twice
 * in one object (JSON.parse keeps the last, other readers the first), nesting
 * deeper than MAX_JSON_DEPTH.
 */
export function parseStrictJson(text: string): StrictJson {
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trim();
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const message = (error as Error).message;
    // A JSON text cut short (a partial copy, a full disk) is worth telling apart from something that never was JSON.
    if (/^[[{]/.test(body) && errorAtEnd(message, body.length)) return { ok: false, problem: 'truncated', message: 'the JSON ends early: the file is truncated' };
    return { ok: false, problem: 'not-json', message: body.length === 0 ? 'the file is empty' : `not JSON (${message})` };
  }
  // The exact scan finds what is wrong and where; it runs only when the quick count says something may be.
  const census = takeCensus(value);
  if (census.keys < 0 || census.keys !== countKeyQuotes(body)) {
    const structure = checkStructure(body);
    if (structure) return { ok: false, problem: 'malformed', message: structure };
  }
  return { ok: true, value, canonicalOrder: census.inOrder };
}

/**
 * One walk over what JSON.parse made: its own keys (-1 when it nests deeper
 * than MAX_JSON_DEPTH), and whether it is in canonical order. When the text
 * names as many keys as the value has, no key was given twice, as JSON.parse
 * keeps one property per name. A batch's every file passes here, so it is
 * one walk, not one per question.
 */
function takeCensus(value: unknown): { keys: number; inOrder: boolean } {
  const census = { keys: 0, inOrder: true };
  if (!walk(value, 1, census)) census.keys = -1;
  return census;
}

/** False when `value` nests deeper than MAX_JSON_DEPTH. */
function walk(value: unknown, depth: number, census: { keys: number; inOrder: boolean }): boolean {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'number' && !Number.isFinite(value)) census.inOrder = false;
    return true;
  }
  if (depth > MAX_JSON_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (!walk(value[i], depth + 1, census)) return false;
    return true;
  }
  // JSON.parse puts integer-like keys first, in numeric order ("2" before "10"): out of UTF-16 order, as the check sees.
  let previous: string | undefined;
  for (const key in value) {
    if (previous !== undefined && !(previous < key)) census.inOrder = false;
    previous = key;
    census.keys += 1;
    if (!walk((value as Record<string, unknown>)[key], depth + 1, census)) return false;
  }
  return true;
}

/**
 * Quotes followed (after any JSON white space) by a colon, not escaped by a
 * backslash: the keys the text names. A string value starting with a colon
 * also counts, so the count can only be too high, and then the exact scan
 * decides.
 */
function countKeyQuotes(text: string): number {
  let count = 0;
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) {
    let next = at + 1;
    let c = text.charCodeAt(next);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt((next += 1));
    if (c !== 0x3a /* : */) continue;
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === 0x5c) slashes += 1;
    if (slashes % 2 === 0) count += 1;
  }
  return count;
}

/** V8's JSON errors say where the parser stopped: at the very end means the text is a cut-short JSON text. */
function errorAtEnd(message: string, length: number): boolean {
  if (/end of JSON input/i.test(message)) return true;
  const at = /at position (\d+)/.exec(message);
  return at !== null && Number(at[1]) >= length;
}

/**
 * Scans text JSON.parse has accepted for a duplicate key or too deep a
 * nesting; @returns what is wrong, or undefined. Strings are skipped with
 * indexOf; a certificate costs ~30 µs, a Set per object.
 */
function checkStructure(text: string): string | undefined {
  // One entry per open bracket: the keys seen so far for an object, null for an array.
  const open: Array<Set<string> | null> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = closingQuote(text, i);
      if (expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        const keys = open[open.length - 1]!;
        if (keys.has(key)) return `key ${JSON.stringify(key)} appears twice in one object (readers disagree on which counts)`;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (open.length >= MAX_JSON_DEPTH) return `nested more than ${MAX_JSON_DEPTH} levels deep`;
      const isObject = c === 0x7b;
      open.push(isObject ? new Set() : null);
      expectKey = isObject;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      open.pop();
    } else if (c === 0x2c /* , */) {
      expectKey = open[open.length - 1] instanceof Set;
    }
  }
  return undefined;
}

/** The index of the quote that closes the string opening at `from` (an odd run of backslashes escapes a quote). */
function closingQuote(text: string, from: number): number {
  let at = text.indexOf('"', from + 1);
  for (;;) {
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === 0x5c) slashes += 1;
    if (slashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
}
