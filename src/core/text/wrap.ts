/**
 * Word-wraps one line of text to `width` columns (counted in UTF-16 units,
 * which is columns for the Latin text it is used on), breaking only at
 * spaces: a word longer than the width gets a line of its own, never split.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
}
