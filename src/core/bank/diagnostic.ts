export type Severity = 'error' | 'warning';

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
  return `${place(d)}: ${d.message}`;
}

/** `file:line:col: error|warning: message [code]`, as `validate` prints each finding. */
export function formatFinding(d: Diagnostic): string {
  return `${place(d)}: ${d.severity}: ${d.message} [${d.code}]`;
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

/** Collects findings for one file, placing each through `locate`. */
export function collector(file: string, locate: Locate): { report: Report; found: Diagnostic[] } {
  const found: Diagnostic[] = [];
  const report: Report = (path, code, message, options = {}) => {
    const { line, col } = locate(path, options.target);
    found.push({ file, line, col, severity: options.severity ?? 'error', code, message });
  };
  return { report, found };
}
