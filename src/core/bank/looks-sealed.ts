/** Whether a bank file's text is a sealed bank: JSON naming the sealed format, even a damaged or truncated one. */
export function looksSealed(text: string): boolean {
  const start = text.trimStart();
  if (!start.startsWith('{')) return false;
  // Not parsed: a truncated copy no longer parses, but still says what it was (keys are in canonical order, so anywhere).
  return /"format"\s*:\s*"frontline\.sealed-bank\//.test(start);
}
