import { sanitizeText } from '../../core/text/sanitize.js';
import { line, type Line } from '../layout/line.js';
import { wrapHanging, wrapText } from '../layout/wrap.js';

export type Mark = 'radio-on' | 'radio-off' | 'box-on' | 'box-off' | 'none';

export interface OptionRow {
  text: string;
  mark: Mark;
  /** Extra words after the text, e.g. "(rated 4)". */
  suffix?: string;
}

// Marks differ in shape, not colour; in plain mode they become words, which a
// screen reader reads better than bracket punctuation.
function markText(mark: Mark, plain: boolean): string {
  if (plain) {
    switch (mark) {
      case 'radio-on':
      case 'box-on':
        return '(chosen) ';
      case 'radio-off':
      case 'box-off':
      case 'none':
        return '';
    }
  }
  switch (mark) {
    case 'radio-on':
      return '(*) ';
    case 'radio-off':
      return '( ) ';
    case 'box-on':
      return '[x] ';
    case 'box-off':
      return '[ ] ';
    case 'none':
      return '';
  }
}

/** Numbered option rows; the highlighted one starts with ">" and is drawn inverse. */
export function optionRows(rows: OptionRow[], highlighted: number, width: number, plain: boolean, numbered = true): Line[] {
  const out: Line[] = [];
  rows.forEach((row, i) => {
    const here = i === highlighted;
    const pointer = here ? '> ' : '  ';
    const number = !numbered ? '' : i < 9 ? `${i + 1}. ` : '   ';
    const prefix = `${pointer}${number}${markText(row.mark, plain)}`;
    const text = sanitizeText(row.text) + (row.suffix ? ` ${row.suffix}` : '');
    const wrapped = wrapHanging(prefix, text, width);
    wrapped.forEach((t) => out.push(line(t, { bold: here, inverse: here && !plain })));
  });
  return out;
}

/** A dimmed instruction above the options, wrapped like everything else. */
export const noteLines = (text: string, width: number): Line[] => wrapText(text, width).map((t) => line(t, { dim: true }));
