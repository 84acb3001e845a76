/**
 * Word-wraps plain text (already sanitised) to a column width, keeping blank
 * lines. Screens need the wrapped height up front to decide what fits in 24
 * rows, so wrapping happens here rather than inside Ink's layout.
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const max = Math.max(1, width - indent.length);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (paragraph.trim() === '') {
      out.push('');
      continue;
    }
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      if (word === '') continue;
      let rest = word;
      while ([...rest].length > max) {
        // A word longer than the line (a URL, an id) is broken hard.
        if (line !== '') {
          out.push(line);
          line = '';
        }
        const chars = [...rest];
        out.push(chars.slice(0, max).join(''));
        rest = chars.slice(max).join('');
      }
      if (line === '') line = rest;
      else if ([...line].length + 1 + [...rest].length <= max) line += ` ${rest}`;
      else {
        out.push(line);
        line = rest;
      }
    }
    if (line !== '') out.push(line);
  }
  return out.map((l, i) => (i === 0 || indent === '' ? l : indent + l));
}

/** Wraps with a first-line prefix and a hanging indent of the same width. */
export function wrapHanging(prefix: string, text: string, width: number): string[] {
  const pad = ' '.repeat([...prefix].length);
  const lines = wrapText(text, width - pad.length);
  if (lines.length === 0) return [prefix.trimEnd()];
  return lines.map((l, i) => (i === 0 ? prefix : pad) + l);
}
