import type { Run } from '../lazy-action.js';
import { printJson, writeErr, writeOut } from '../output.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { listAttempts } from '../../store/attempts.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import type { AttemptRecord } from '../../core/attempt/types.js';

interface Options {
  json?: boolean;
  bank?: string;
  employee?: string;
}

export const run: Run<[], Options> = async (_positionals, options, globals) => {
  const dataDir = resolveDataDir(globals);
  const { attempts, problems } = await listAttempts(dataDir);
  // The table is headed "ended": sorted the same way (the store lists by start).
  const shown = attempts
    .filter(({ record }) => (!options.bank || record.bank.id === options.bank) && (!options.employee || record.candidate.employeeId === options.employee))
    .sort((a, b) => a.record.endedAt.localeCompare(b.record.endedAt) || a.record.id.localeCompare(b.record.id));
  for (const problem of problems) writeErr(`frontline: skipped ${problem}\n`);

  if (options.json) {
    printJson({
      dataDir,
      attempts: shown.map(({ path, record }) => ({
        file: path,
        id: record.id,
        candidate: record.candidate,
        tags: record.tags ?? {},
        bank: record.bank,
        startedAt: record.startedAt,
        endedAt: record.endedAt,
        ended: record.ended,
        percent: record.result?.percent ?? null,
        passMark: record.result?.passMark ?? null,
        passed: record.result?.passed ?? null,
        status: outcome(record),
      })),
    });
    return;
  }

  if (shown.length === 0) {
    const filters = [options.employee && `by employee ${options.employee}`, options.bank && `on bank ${options.bank}`].filter(Boolean).join(' ');
    writeOut(
      attempts.length === 0 || !filters
        ? `No attempts yet in ${dataDir}\n`
        : sanitizeText(`No attempts ${filters} among the ${attempts.length} in ${dataDir}`) + '\n',
    );
    return;
  }
  const rows = shown.map(({ record }) => [
    record.endedAt.slice(0, 16).replace('T', ' '),
    sanitizeText(record.candidate.name),
    sanitizeText(`${record.bank.id}@${record.bank.version}`),
    record.result ? `${record.result.percent.toFixed(1)}%` : '-',
    OUTCOME_TEXT[outcome(record)],
    record.ended === 'time-expired' ? 'time up' : 'submitted',
  ]);
  const ids = shown.map(({ record }) => ` (${sanitizeText(record.candidate.employeeId)})`);
  const header = ['ended (UTC)', 'candidate', 'bank', 'score', 'result', 'finish'];
  const natural = header.map((h, i) => Math.max(h.length, ...rows.map((r, j) => (r[i] ?? '').length + (i === 1 ? (ids[j] ?? '').length : 0))));
  // At least the first letters of a name and the whole employee id.
  const widths = fitWidths(natural, Math.max(header[1]!.length, ...ids.map((id) => id.length + 3)));
  const line = (cells: string[], id = '') =>
    cells
      // The employee id is never clipped: the name gives way first.
      .map((c, i) => (i === 1 ? clip(c, (widths[i] ?? 0) - id.length) + id : clip(c, widths[i] ?? 0)).padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  writeOut(`${[line(header), ...rows.map((r, j) => line(r, ids[j]))].join('\n')}\n`);
};

/** The attempt's outcome as saved: an attempt awaiting marking is neither passed nor failed. */
function outcome(record: AttemptRecord): 'passed' | 'not-passed' | 'awaiting-marking' | 'sealed' {
  if (!record.result) return 'sealed';
  if (record.result.status === 'awaiting-marking') return 'awaiting-marking';
  return record.result.passed ? 'passed' : 'not-passed';
}

const OUTCOME_TEXT: Record<ReturnType<typeof outcome>, string> = { passed: 'passed', 'not-passed': 'not passed', 'awaiting-marking': 'awaiting marking', sealed: 'sealed' };

const COLUMNS = 80;
/**
 * Narrows the candidate column (down to `leastCandidate`), then the bank
 * column, until a row fits in 80 columns.
 */
export function fitWidths(widths: number[], leastCandidate: number, columns = COLUMNS): number[] {
  const out = [...widths];
  let over = out.reduce((sum, w) => sum + w, 0) + 2 * (out.length - 1) - columns;
  for (const [column, least] of [[1, leastCandidate], [2, 10]] as const) {
    const give = Math.max(0, Math.min(over, (out[column] ?? 0) - least));
    out[column] = (out[column] ?? 0) - give;
    over -= give;
  }
  return out;
}

const clip = (text: string, width: number): string => (text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`);
