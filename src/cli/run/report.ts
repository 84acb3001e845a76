import { AttemptCollector, selectAttempts, type BankTable, type AttemptRow, type Skipped } from '../../core/analytics/attempt-table.js';
import { buildReport, comparePrePost, type Report } from '../../core/analytics/build-report.js';
import { renderCsv } from '../../core/analytics/render-csv.js';
import { renderText } from '../../core/analytics/render-text.js';
import { roundingReplacer } from '../../core/analytics/round-figures.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { readAttemptSet } from '../../store/attempt-set.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { loadBankOrThrow, type LoadedBank } from '../../app/load-bank.js';
import { printJson, writeErr, writeOut } from '../output.js';
import { readReportMarks, type ReportMarks } from '../../app/report-marks.js';
import { buildWrittenSection } from '../../core/analytics/written-report.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { startProgress } from '../progress.js';

// report's reading threads load this command's bundle and call this export (see src/store/worker-pool.ts).
export { attemptReaderWorker } from '../../store/attempt-set.js';

export interface ReportOptions {
  bank?: string;
  by?: string;
  compare?: string[];
  allAttempts?: boolean;
  json?: boolean;
  csv?: boolean;
  html?: string;
  quiet?: boolean;
  marks?: string;
}

interface LoadedSet {
  table: BankTable;
  rows: AttemptRow[];
  read: number;
  skipped: Skipped[];
}

/** FRONTLINE_REPORT_THREADS: 0 reads on the main thread, n on n reading threads; unset, one per CPU for large sets. */
function readingThreads(): number | undefined {
  const value = process.env.FRONTLINE_REPORT_THREADS;
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) {
    throw new UserError(`FRONTLINE_REPORT_THREADS: expected a whole number from 0 to 64, found ${JSON.stringify(value)}`, { exitCode: ExitCode.usage });
  }
  return n;
}

/** Reads one set of paths into the table of its bank; bad records are skipped and kept for the report. */
async function loadSet(paths: readonly string[], bank: LoadedBank | undefined, marks: ReportMarks | undefined, all: boolean, label: string, quiet: boolean): Promise<LoadedSet> {
  const collector = new AttemptCollector(bank ? { bank: bank.bank, hash: bank.hash } : undefined);
  const threads = readingThreads();
  const progress = startProgress(label === 'report' ? 'reading' : `reading ${label}`, 'records', { quiet });
  // With the bank, every record taken on it is scored again: its stored result was computed on the candidate's machine.
  // Written replies score from the trainers' marks that stand; without any, the attempt stays awaiting marking.
  const rescore = bank ? { rescore: { bank: bank.bank, hash: bank.hash, ...(marks ? { marks: marks.marks } : {}) } } : {};
  let summary;
  try {
    summary = await readAttemptSet(paths, collector, { ...(threads === undefined ? {} : { threads }), ...rescore, onProgress: progress.update });
  } finally {
    progress.stop();
  }
  if (summary.unreadable.length > 0) {
    throw new UserError(summary.unreadable[0]!, { exitCode: ExitCode.io });
  }
  const { table, skipped } = collector.finish();
  if (!table || table.rows.length === 0) {
    const why = skipped.length ? `: all ${skipped.length} records were skipped, the first because ${skipped[0]!.message}` : '';
    throw new UserError(`${label}: no usable attempt records in ${paths.join(', ')}${why}`, {
      exitCode: ExitCode.invalidInput,
      hint: bank ? `only attempts taken on ${bank.file} (${bank.hash.slice(0, 15)}) count; drop --bank to use the records' own bank` : undefined,
    });
  }
  return { table, rows: selectAttempts(table.rows, all), read: summary.read, skipped };
}

/** `--by team` where no attempt has a team tag would put everyone under "(none)": say so, and which tags there are. */
function checkTag(by: string, rows: readonly AttemptRow[]): void {
  if (rows.some((row) => row.tags[by] !== undefined)) return;
  const found = [...new Set(rows.flatMap((row) => Object.keys(row.tags)))].sort();
  throw new UserError(`report: --by ${sanitizeText(by)}: no attempt has a "${sanitizeText(by)}" tag`, {
    exitCode: ExitCode.usage,
    hint: found.length ? `tags in these attempts: ${found.map(sanitizeText).join(', ')}` : 'these attempts have no tags (take --tag key=value adds them)',
  });
}

export const run: Run<[string[]], ReportOptions> = async ([paths], options, globals) => {
  if (options.json && options.csv) throw new UserError('report: choose one of --json and --csv', { exitCode: ExitCode.usage });
  if (options.compare && options.compare.length !== 2) {
    throw new UserError(`report: --compare takes two paths, a before and an after set (got ${options.compare.length})`, { exitCode: ExitCode.usage });
  }
  if (paths.length === 0 && !options.compare) {
    throw new UserError('report: name attempt records or directories to report on', { exitCode: ExitCode.usage, hint: 'frontline report attempts/ --bank bank.yaml' });
  }
  const all = options.allAttempts === true;
  const quiet = options.json === true || options.quiet === true;
  if (options.marks !== undefined && options.bank === undefined) {
    throw new UserError('report: --marks needs --bank: marks are read against the rubrics in the bank', { exitCode: ExitCode.usage, hint: 'frontline report attempts/ --bank bank.yaml --marks marks.jsonl' });
  }
  const bank = options.bank ? await loadBankOrThrow(options.bank) : undefined;
  const hasWritten = bank?.bank.items.some((item) => item.type === 'written') === true;
  const marks = bank && hasWritten ? await readReportMarks(bank.bank, resolveDataDir(globals), options.marks) : undefined;
  let before: LoadedSet | undefined;
  let after: LoadedSet | undefined;
  if (options.compare) {
    // Pairing needs one attempt per agent on each side: always the first.
    before = await loadSet([options.compare[0]!], bank, marks, false, 'before', quiet);
    after = await loadSet([options.compare[1]!], bank, marks, false, 'after', quiet);
  }
  // Without separate paths, the item and competency blocks describe the after set.
  const main = paths.length > 0 ? await loadSet(paths, bank, marks, all, 'report', quiet) : after!;
  if (options.by !== undefined) checkTag(options.by, main.rows);
  const report: Report = buildReport({
    table: main.table,
    rows: main.rows,
    read: main.read,
    skipped: main.skipped,
    allAttempts: all,
    bankGiven: bank !== undefined,
    ...(options.by !== undefined ? { by: options.by } : {}),
    ...(paths.length === 0 ? { afterSetOnly: options.compare![1]! } : {}),
  });
  if (bank && marks) {
    const written = buildWrittenSection({ bank: bank.bank, table: main.table, rows: main.rows, marks: marks.marks, marksFile: marks.file, warnings: marks.warnings });
    if (written) report.written = written;
    for (const warning of marks.warnings) writeErr(`frontline: report: warning: ${sanitizeText(warning)}\n`);
  }
  if (before && after) {
    report.prePost = comparePrePost(before, after);
    const seen = new Set(report.skipped);
    for (const s of [...before.skipped, ...after.skipped]) if (!seen.has(s)) report.skipped.push(s);
  }
  if (options.html !== undefined) {
    const { writeHtmlReport } = await import('./report-html.js');
    await writeHtmlReport(report, options.html);
  }
  if (options.json) {
    printJson(report, roundingReplacer);
  } else if (options.csv) {
    writeOut(renderCsv(report));
  } else if (options.html !== undefined) {
    writeOut(`wrote ${sanitizeText(options.html)}: the report as one page (open it in a browser; it makes no network request)\n`);
  } else {
    writeOut(renderText(report, { columns: 80 }));
  }
  if ((options.json || options.csv) && report.skipped.length > 0) {
    writeErr(`frontline: report: skipped ${report.skipped.length} bad record(s); the first: ${report.skipped[0]!.message}\n`);
  }
  return ExitCode.ok;
};
