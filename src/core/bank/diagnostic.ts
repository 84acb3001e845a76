import { sanitizeLine } from '../text/sanitize.js';

export type Severity = 'error' | 'warning';

/** Errors placed per check stage; a badly broken bank can yield thousands, and past this many more help nobody. */
export const MAX_ERRORS = 200;

/**
 * One finding about a bank file. `line` and `col` are 1-based and point at the
 * offending value (or its key when the value is missing); 0 means the finding
 * is about the whole file (too large, unreadable) and has no place.
 */
export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  severity: Severity;
  /** Stable machine-readable name, e.g. `unknown-option`, `all-of-the-above`. */
  code: string;
  message: string;
}

function place(d: Diagnostic): string {
  return d.line > 0 ? `${d.file}:${d.line}:${d.col}` : d.file;
}

/** `file:line:col: message`, the form editors and terminals turn into links. */
export function formatDiagnostic(d: Diagnostic): string {
  return sanitizeLine(`${place(d)}: ${d.message}`);
}

/** `file:line:col: error|warning: message [code]`, as `validate` prints each finding. */
export function formatFinding(d: Diagnostic): string {
  return sanitizeLine(`${place(d)}: ${d.severity}: ${d.message} [${d.code}]`);
}

/** File order, then position: the order a reader fixes them in. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.col - b.col;
}

/** A path into the parsed bank, as keys and sequence indexes (a JSON pointer, split). */
export type DataPath = ReadonlyArray<string | number>;

export interface Position {
  line: number;
  col: number;
}

/**
 * Finds where a value sits in the source. `key` asks for the mapping key rather
 * than its value (for an unknown or duplicated field name).
 */
export type Locate = (path: DataPath, target?: 'value' | 'key') => Position;

export type Report = (
  path: DataPath,
  code: string,
  message: string,
  options?: { severity?: Severity; target?: 'value' | 'key' },
) => void;

export interface CollectorLimits {
  /** Findings kept in all; the rest are counted in one closing note. */
  max?: number;
  /** Findings kept per code, so one habit repeated 10,000 times does not bury the rest. */
  maxPerCode?: number;
}

/**
 * Collects findings for one file, placing each through `locate`. Past the
 * limits a finding is only counted: placing it can mean re-reading its item,
 * and nobody reads the ten-thousandth copy of the same message.
 */
export function collector(
  file: string,
  locate: Locate,
  { max = Infinity, maxPerCode = Infinity }: CollectorLimits = {},
): { report: Report; finish: () => Diagnostic[] } {
  const found: Diagnostic[] = [];
  const perCode = new Map<string, number>();
  const skipped = new Map<string, { count: number; last: Diagnostic }>();
  let total = 0;
  const report: Report = (path, code, message, options = {}) => {
    const kept = perCode.get(code) ?? 0;
    const last = found[found.length - 1];
    if ((total >= max || kept >= maxPerCode) && last) {
      const key = total >= max ? '' : code;
      const entry = skipped.get(key) ?? { count: 0, last: kept >= maxPerCode ? found.findLast((d) => d.code === code)! : last };
      entry.count += 1;
      skipped.set(key, entry);
      return;
    }
    const { line, col } = locate(path, options.target);
    found.push({ file, line, col, severity: options.severity ?? 'error', code, message });
    perCode.set(code, kept + 1);
    total += 1;
  };
  const finish = (): Diagnostic[] => {
    const notes = [...skipped].map(([code, { count, last }]) => ({
      ...last,
      code: code || 'too-many-findings',
      message: code ? `${count} more "${code}" ${last.severity}s like this not shown` : `${count} more ${last.severity}s not shown; fix these first`,
    }));
    return [...found, ...notes];
  };
  return { report, finish };
}
