/**
 * Reads every string in parsed YAML data once, so V8 stores it flat, and
 * returns the same value.
 *
 * yaml builds a double-quoted scalar one character at a time (`res += ch`),
 * which V8 keeps as a rope: one 32-byte cell per character, about 2 KB for a
 * 70-character option text, until something reads the string as a whole. A
 * 10,000-item bank holds tens of thousands of such strings; left as ropes they
 * survive into the old generation and the collector copies and marks them
 * again and again (most of the GC time and over 100 MB). Reading a character
 * flattens a rope in place, and done right after each item is parsed, the
 * cells die young. The data itself does not change.
 */
export function flattenStrings<T>(value: T): T {
  visit(value);
  return value;
}

function visit(node: unknown): void {
  if (typeof node === 'string') {
    node.charCodeAt(0);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const element of node) visit(element);
    return;
  }
  for (const key in node) visit((node as Record<string, unknown>)[key]);
}
