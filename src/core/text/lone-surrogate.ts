// In a `u` regex a paired surrogate is one code point, so this matches only lone halves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Whether the text holds half a surrogate pair (from a broken `\u` escape): not valid Unicode, and RFC 8785 refuses it. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}
