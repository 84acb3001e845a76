// Plain-text charts built from block characters, each one cell wide, so that
// widths can be counted in code points and the layout holds in any terminal.

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A bar of `width` cells showing `value` of `max`, in eighths of a cell; the rest padded with `rest`. */
export function bar(value: number, max: number, width: number, rest = ' '): string {
  if (!(max > 0) || Number.isNaN(value)) return rest.repeat(width);
  const eighths = Math.round((Math.min(Math.max(value, 0), max) / max) * width * 8);
  const full = Math.floor(eighths / 8);
  const part = EIGHTHS[eighths % 8]!;
  const body = '█'.repeat(full) + part;
  return body + rest.repeat(width - [...body].length);
}

/** A percent bar (0–100) with a `|` where the floor is, so "above or below" reads at a glance. */
export function floorBar(percent: number, floor: number, width: number): string {
  const cells = [...bar(percent, 100, width, '·')];
  if (floor > 0 && floor < 100) {
    const at = Math.min(width - 1, Math.round((floor / 100) * width));
    cells[at] = '|';
  }
  return cells.join('');
}

/** A bar around a centre line for changes: negative to the left, positive to the right of `┃`. */
export function divergingBar(value: number, limit: number, width: number): string {
  const half = Math.floor((width - 1) / 2);
  if (Number.isNaN(value)) return ' '.repeat(half) + '┃' + ' '.repeat(width - half - 1);
  const cells = Math.min(half, Math.round((Math.abs(value) / limit) * half));
  const left = value < 0 ? ' '.repeat(half - cells) + '█'.repeat(cells) : ' '.repeat(half);
  const right = value > 0 ? '█'.repeat(cells) + ' '.repeat(width - half - 1 - cells) : ' '.repeat(width - half - 1);
  return `${left}┃${right}`;
}

/** One character per value, its height relative to the largest value. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values
    .map((v) => (max > 0 && v > 0 ? SPARKS[Math.min(7, Math.max(0, Math.ceil((v / max) * 8) - 1))]! : ' '))
    .join('');
}

/** Display width in cells: every character we draw is one cell (block elements, ASCII, Latin text). */
export function width(text: string): number {
  return [...text].length;
}

export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

export function padEnd(text: string, size: number): string {
  const t = truncate(text, size);
  return t + ' '.repeat(size - width(t));
}

export function padStart(text: string, size: number): string {
  const t = truncate(text, size);
  return ' '.repeat(size - width(t)) + t;
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

/** Rows of cells under a header, columns separated by one space; every cell cut to its column. */
export function table(columns: readonly Column[], rows: readonly string[][], indent = '  '): string[] {
  const line = (cells: readonly string[]): string =>
    (indent + columns.map((c, i) => (c.align === 'right' ? padStart : padEnd)(cells[i] ?? '', c.width)).join(' ')).trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)];
}

/** Wraps words to `max` cells, continuation lines indented by `hang`. */
export function wrap(text: string, max: number, hang = ''): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (width(candidate) > max && current) {
      lines.push(current);
      current = hang + word;
    } else {
      current = candidate;
    }
  }
  if (current) lines.push(current);
  return lines.map((l) => truncate(l, max));
}
