import type { Diagnostic } from '../../core/bank/diagnostic.js';
import { formatFinding } from '../../core/bank/diagnostic.js';
import type { Bank, ItemType } from '../../core/bank/types.js';
import { checkBankFile } from '../../app/load-bank.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { paint, printJson, writeOut } from '../output.js';
import { formatMoves, pathMaxima, scenarioCompetencies, scenarioPaths } from '../../core/bank/scenario-paths.js';
import type { FormCheck } from '../../core/attempt/form-check.js';
import { UserError } from '../../errors/user-error.js';

interface ValidateOptions {
  json?: boolean;
  paths?: boolean;
  forms?: boolean;
  /** Seeded forms to draw with --forms. @default '10000' */
  formCount?: string;
}

export interface FileReport {
  file: string;
  ok: boolean;
  /** `sha256:...` of the canonical bank, null when the bank is not valid. */
  hash: string | null;
  /** Number of items, null when the bank is not valid. */
  items: number | null;
  itemTypes: Partial<Record<ItemType, number>> | null;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** The file could not be read at all (missing, permission): exit 4 rather than 3. */
  unreadable: boolean;
  /** With --paths: every scenario path and its points. */
  paths?: ScenarioReport[];
  /** With --forms: the spread over seeded forms. */
  forms?: FormCheck;
}

export interface ScenarioReport {
  item: string;
  competency: string;
  maxima: Record<string, number>;
  truncated: boolean;
  paths: Array<{ path: string; points: Record<string, number>; redFlag: boolean }>;
}

export const run: Run<[string[]], ValidateOptions> = async ([files], options) => {
  const forms = options.forms ? formCount(options.formCount ?? '10000') : undefined;
  const reports: FileReport[] = [];
  for (const file of files) reports.push(await validateFile(file, options.paths === true, forms));

  if (options.json) {
    printJson({ files: reports.map(({ unreadable: _unreadable, ...rest }) => rest) });
  } else {
    for (const report of reports) {
      const lines = [...report.errors, ...report.warnings].map(colourFinding);
      lines.push(summary(report));
      if (report.paths) lines.push(...report.paths.flatMap(formatScenario));
      if (report.forms) lines.push(...formatForms(report.forms));
      writeOut(`${lines.join('\n')}\n`);
    }
  }
  if (reports.some((r) => r.unreadable)) return ExitCode.io;
  if (reports.some((r) => !r.ok)) return ExitCode.invalidInput;
  return ExitCode.ok;
};

function formCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new UserError(`--form-count: expected a whole number of forms from 1 to 1000000, got ${JSON.stringify(value)}`, { exitCode: ExitCode.usage });
  return n;
}

async function validateFile(file: string, paths: boolean, forms: number | undefined): Promise<FileReport> {
  const none = { hash: null, items: null, itemTypes: null, warnings: [] };
  const checked = await checkBankFile(file);
  if (checked.kind !== 'parsed') return { file, ok: false, ...none, errors: [checked.error], unreadable: checked.kind === 'unreadable' };
  const result = checked.result;
  if (!result.ok) return { file, ok: false, ...none, errors: result.errors, warnings: result.warnings, unreadable: false };
  return {
    file,
    ok: true,
    hash: result.hash,
    items: result.bank.items.length,
    itemTypes: countTypes(result.bank),
    errors: [],
    warnings: result.warnings,
    unreadable: false,
    ...(paths ? { paths: scenarioReports(result.bank) } : {}),
    ...(forms === undefined ? {} : { forms: (await import('../../core/attempt/form-check.js')).checkForms(result.bank, forms) }),
  };
}

function scenarioReports(bank: Bank): ScenarioReport[] {
  return bank.items.flatMap((item) => {
    if (item.type !== 'scenario') return [];
    const { paths, truncated } = scenarioPaths(item);
    const competencies = scenarioCompetencies(item);
    const maxima = pathMaxima(paths, competencies);
    return [{ item: item.id, competency: item.competency, maxima, truncated, paths: paths.map((p) => ({ path: formatMoves(p.moves), points: p.points, redFlag: p.redFlag })) }];
  });
}

function formatScenario(s: ScenarioReport): string[] {
  const best = Object.entries(s.maxima).map(([c, m]) => `${c} ${m}`);
  const head = wrap(`${s.item} (${s.competency}): ${plural(s.paths.length, 'path')}${s.truncated ? ' (first ones only)' : ''}; best `, best, '    ');
  const rows = s.paths.flatMap((p) => {
    const scores = Object.keys(s.maxima).map((c) => `${c} ${p.points[c] ?? 0}/${s.maxima[c]}`);
    if (p.redFlag) scores.push('[red flag]');
    const row = wrap(`  ${p.path}: `, scores, '      ');
    // A long path keeps within 80 columns by putting its scores on the next lines.
    return row.length === 1 ? row : [`  ${p.path}:`, ...wrap('      ', scores, '      ')];
  });
  return [...head, ...rows];
}

/** `first` followed by the parts, comma-separated, broken into lines of at most 80 columns. */
function wrap(first: string, parts: readonly string[], indent: string): string[] {
  const lines: string[] = [];
  let line = first;
  let fresh = true;
  parts.forEach((part, i) => {
    const piece = `${part}${i < parts.length - 1 ? ',' : ''}`;
    if (!fresh && line.length + 1 + piece.length > 80) {
      lines.push(line);
      line = indent + piece;
    } else {
      line += (fresh ? '' : ' ') + piece;
    }
    fresh = false;
  });
  lines.push(line);
  return lines;
}

function formatForms(f: FormCheck): string[] {
  const m = (v: number) => v.toFixed(1);
  const lines = [
    `forms: ${f.forms} seeded; expected minutes (limit ${f.limitMinutes}):`,
    `  min ${m(f.minutes.min)}, median ${m(f.minutes.median)}, p95 ${m(f.minutes.p95)}, max ${m(f.minutes.max)}; ${(f.overLimit * 100).toFixed(1)}% of forms over the limit`,
  ];
  for (const c of f.competencies) {
    lines.push(`  ${c.id}: ${c.items.min}-${c.items.max} items (mean ${m(c.items.mean)}); one item up to ${Math.round(c.heaviestItem * 100)}% of it`);
  }
  return lines;
}

function countTypes(bank: Bank): Partial<Record<ItemType, number>> {
  const counts: Partial<Record<ItemType, number>> = {};
  for (const item of bank.items) counts[item.type] = (counts[item.type] ?? 0) + 1;
  return counts;
}

function colourFinding(d: Diagnostic): string {
  const line = formatFinding(d);
  return d.severity === 'error' ? paint('red', line) : paint('yellow', line);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summary(report: FileReport): string {
  const warnings = plural(report.warnings.length, 'warning');
  if (!report.ok) return `${report.file}: ${paint('red', 'invalid')}, ${plural(report.errors.length, 'error')}, ${warnings}`;
  const types = Object.entries(report.itemTypes ?? {})
    .map(([type, n]) => `${n} ${type}`)
    .join(', ');
  return `${report.file}: ${paint('green', 'ok')}, ${plural(report.items ?? 0, 'item')} (${types}), ${warnings}, hash ${report.hash}`;
}
