import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assign, type Assignee } from '../../app/assign.js';
import { loadBankOrThrow } from '../../app/load-bank.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { ioError, UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { printJson, writeOut } from '../output.js';
import { parseExtraTime } from './take-options.js';

interface AssignOptions {
  key: string;
  employee?: string;
  name?: string;
  extraTime?: string;
  attempts?: string;
  reason?: string;
  opens?: string;
  closes?: string;
  roster?: string;
  issuer?: string;
  out: string;
  json?: boolean;
}

const ROSTER_COLUMNS = ['employeeId', 'name', 'extraTime', 'attempts', 'reason'] as const;

export const run: Run<[string], AssignOptions> = async ([bankPath], options, globals) => {
  if (options.roster === undefined && options.employee === undefined) {
    throw new UserError('assign: who? give --employee <id>, or --roster <csv> for a cohort', { exitCode: ExitCode.usage });
  }
  if (options.roster !== undefined && options.employee !== undefined) {
    throw new UserError('assign: give --employee or --roster, not both', { exitCode: ExitCode.usage });
  }
  const opens = options.opens === undefined ? undefined : parseDate('--opens', options.opens);
  const closes = options.closes === undefined ? undefined : parseDate('--closes', options.closes);
  const people: Assignee[] =
    options.roster !== undefined
      ? await readRoster(options.roster, options.out)
      : [
          {
            employeeId: options.employee as string,
            ...(options.name ? { name: options.name } : {}),
            extraTime: parseExtraTime(options.extraTime),
            ...(options.attempts !== undefined ? { attempts: parseAttempts('--attempts', options.attempts) } : {}),
            ...(options.reason ? { reason: options.reason } : {}),
            out: options.out,
          },
        ];
  const loaded = await loadBankOrThrow(bankPath);
  const made = await assign({
    dataDir: resolveDataDir(globals),
    bank: loaded.bank,
    bankHash: loaded.hash,
    keyPath: options.key,
    ...(options.issuer ? { issuerPath: options.issuer } : {}),
    people,
    ...(opens ? { opens } : {}),
    ...(closes ? { closes } : {}),
  });
  if (options.json) {
    printJson(made.map(({ assignment, file }) => ({ id: assignment.id, employeeId: assignment.candidate.employeeId, attempt: assignment.attempt.number, opens: assignment.window.opens, closes: assignment.window.closes, file })));
    return ExitCode.ok;
  }
  const lines = made.map(({ assignment: a, file }) =>
    sanitizeText(`Assigned ${a.bank.id} to ${a.candidate.name ?? a.candidate.employeeId} (${a.candidate.employeeId}), attempt ${a.attempt.number}${a.attempt.of ? ` of ${a.attempt.of}` : ''}, ${a.window.opens} to ${a.window.closes}: ${file}`),
  );
  writeOut(`${lines.join('\n')}\n`);
  return ExitCode.ok;
};

export function parseDate(flag: string, value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UserError(`assign: ${flag}: expected an ISO 8601 date, found "${value}"`, { exitCode: ExitCode.usage });
  return date;
}

export function parseAttempts(where: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new UserError(`${where}: expected a whole number of 1 or more, found "${value}"`, { exitCode: ExitCode.usage });
  return n;
}

/** A roster CSV (RFC 4180, a header row naming the columns) as one assignee per row, written to `<outDir>/<employeeId>.json`. */
async function readRoster(path: string, outDir: string): Promise<Assignee[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw ioError(path, error);
  }
  const { parse } = await import('csv-parse/sync');
  let rows: Array<{ record: Record<string, string>; line: number }>;
  try {
    rows = (parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true }) as Array<{ record: Record<string, string>; info: { lines: number } }>).map((r) => ({
      record: r.record,
      line: r.info.lines,
    }));
  } catch (error) {
    throw new UserError(`${path}: not a CSV roster (${(error as Error).message})`);
  }
  if (rows.length === 0) throw new UserError(`${path}: the roster has no one in it`);
  const unknown = Object.keys(rows[0]?.record ?? {}).find((c) => !(ROSTER_COLUMNS as readonly string[]).includes(c));
  if (unknown !== undefined) throw new UserError(`${path}:1: unknown column "${unknown}" (expected ${ROSTER_COLUMNS.join(', ')})`);
  const seen = new Set<string>();
  return rows.map(({ record, line }) => {
    const at = `${path}:${line}`;
    const employeeId = record['employeeId'] ?? '';
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(employeeId)) throw new UserError(`${at}: employeeId: expected letters, digits, . _ or -, found "${employeeId}"`);
    if (seen.has(employeeId)) throw new UserError(`${at}: ${employeeId} is in the roster twice`);
    seen.add(employeeId);
    const name = record['name'];
    const extraTime = record['extraTime'];
    const attempts = record['attempts'];
    const reason = record['reason'];
    return {
      employeeId,
      ...(name ? { name } : {}),
      extraTime: parseExtraTime(extraTime || undefined, `${at}: extraTime`),
      ...(attempts ? { attempts: parseAttempts(`${at}: attempts`, attempts) } : {}),
      ...(reason ? { reason } : {}),
      out: join(outDir, `${employeeId}.json`),
    };
  });
}
