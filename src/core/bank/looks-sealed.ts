/** Whether a bank file's text is a sealed bank: JSON naming the sealed format, even a damaged or truncated one. */
export function looksSealed(text: string): boolean {
  const start = text.trimStart();
  if (!start.startsWith('{')) return false;
  // Not parsed: a truncated copy no longer parses, but still says what it was. `seal` writes the format first;
  // a copy re-serialised in canonical key order starts with the bank it names, which no question bank has.
  return /^\{\s*"format"\s*:\s*"frontline\.sealed-bank\//.test(start) || /^\{\s*"bank"\s*:\s*\{\s*"hash"\s*:/.test(start) || /"format"\s*:\s*"frontline\.sealed-bank\//.test(start);
}
