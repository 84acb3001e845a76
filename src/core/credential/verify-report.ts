import { sanitizeText, terminalSafeJson } from '../text/sanitize.js';
import { oneLine } from '../text/one-line.js';
import { wrapWords } from '../text/wrap.js';

/** Text output stays within a standard terminal's width. */
const COLUMNS = 80;
/** The marks are 7 columns (`VALID  `, `INVALID`) plus a space; continuation lines indent as far. */
const INDENT = ' '.repeat(8);
import type { Verdict, VerifyReason } from './verify-certificate.js';

export type FileVerdict = Verdict & { file: string };

/** How `verify` prints each certificate: plain lines (with these marks, coloured or not) or `--json`. */
export type VerifyFormat = { json: false; marks: { valid: string; invalid: string } } | { json: true };

export interface VerifySummary {
  total: number;
  valid: number;
  invalid: number;
  byReason: Partial<Record<VerifyReason, number>>;
  at: string;
  exitCode: number;
}

/**
 * One certificate's part of the output, rendered where it was verified so a
 * large batch spreads that work over its threads too: a text line, or the
 * JSON of the result indented for its place in `results`.
 */
export function renderVerdict(verdict: FileVerdict, format: VerifyFormat): string {
  if (format.json) return `    ${terminalSafeJson(JSON.stringify(verdict, null, 2)).replace(/\n/g, '\n    ')}`;
  const mark = verdict.ok ? format.marks.valid : format.marks.invalid;
  const who = [verdict.subject?.name, verdict.subject?.employeeId && `(${verdict.subject.employeeId})`].filter(Boolean).join(' ');
  const what = [verdict.achievement?.name, verdict.achievement?.version].filter(Boolean).join(' ');
  const detail = verdict.ok
    ? [who, what, verdict.validUntil ? `until ${verdict.validUntil}` : 'no expiry'].filter(Boolean).join(', ')
    : `${verdict.reason}: ${verdict.message}`;
  // Certificate text is untrusted: no control sequences, and no line breaks of its own.
  const file = oneLine(sanitizeText(verdict.file));
  const said = oneLine(sanitizeText(detail));
  if (INDENT.length + file.length + 2 + said.length <= COLUMNS) return `${mark} ${file}  ${said}`;
  // Too long for 80 columns: the file on the mark's line, then what was found, wrapped at spaces.
  return [`${mark} ${file}`, ...wrapWords(said, COLUMNS - INDENT.length).map((l) => INDENT + l)].join('\n');
}

/**
 * The whole output from the rendered verdicts, in file order: the lines and a
 * summary line, or exactly `JSON.stringify({ results, summary }, null, 2)`.
 */
export function renderReport(rendered: readonly string[], summary: VerifySummary, format: VerifyFormat): string {
  if (format.json) {
    const results = rendered.length > 0 ? `[\n${rendered.join(',\n')}\n  ]` : '[]';
    return `{\n  "results": ${results},\n  "summary": ${JSON.stringify(summary, null, 2).replace(/\n/g, '\n  ')}\n}\n`;
  }
  const reasons = Object.entries(summary.byReason).filter(([reason]) => reason !== 'ok').map(([reason, n]) => `${reason} ${n}`);
  const last = `${summary.total} checked: ${summary.valid} valid, ${summary.invalid} invalid${reasons.length ? ` (${reasons.join(', ')})` : ''}`;
  return `${[...rendered, last].join('\n')}\n`;
}
