import { basename, join } from 'node:path';
import { MARK_ROLES, type Mark } from '../core/attempt/marking.js';
import { appendLogLine, readLogLines } from './extension-log.js';
import { withLock } from './lock.js';

/**
 * The marks trainers give written replies, one JSON line per mark in the
 * data dir, appended and fsynced as each is saved: a marker who changes their
 * mind marks again and the latest in each role stands (see resolveMarks). The
 * file can be edited by hand, so every line is checked on reading.
 */
export function marksPath(dataDir: string): string {
  return join(dataDir, 'marks.jsonl');
}

/** Appends one mark under the file's lock: concurrent markers each keep their line. */
export async function appendMark(dataDir: string, mark: Mark): Promise<void> {
  const path = marksPath(dataDir);
  await withLock(path, () => appendLogLine(path, mark), { what: `the marks file ${path}` });
}

export interface MarksRead {
  marks: Mark[];
  /** The line of the file each mark is on, in the order of `marks`: what a refusal names. */
  lines: number[];
  /** `marks.jsonl:LINE: why` for each line that is not a mark (torn by a crash or edited). */
  problems: string[];
}

/**
 * Every well-formed mark, and the lines that are not. Whether a mark fits its
 * item's rubric needs the bank: checkMark, by the caller.
 */
export async function readMarks(dataDir: string): Promise<MarksRead> {
  const { entries, problems } = await readMarksFile(marksPath(dataDir));
  return { marks: entries.map((e) => e.mark), lines: entries.map((e) => e.line), problems };
}

function markShapeProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'not a mark (an object is expected)';
  const mark = data as Record<string, unknown>;
  for (const key of ['attempt', 'item', 'marker', 'at'] as const) {
    if (typeof mark[key] !== 'string' || mark[key] === '') return `"${key}" is missing or not a string`;
  }
  if (Number.isNaN(Date.parse(mark['at'] as string))) return `"at" is not a date`;
  if (!MARK_ROLES.includes(mark['role'] as Mark['role'])) return `"role" is not first, second or third`;
  const levels = mark['levels'];
  if (typeof levels !== 'object' || levels === null || Array.isArray(levels)) return '"levels" is not an object';
  if (!Object.values(levels).every((v) => typeof v === 'number' && Number.isFinite(v))) return '"levels" holds a value that is not a number';
  if (mark['comment'] !== undefined && typeof mark['comment'] !== 'string') return '"comment" is not a string';
  return undefined;
}

export interface MarkEntry {
  mark: Mark;
  /** Line of the file it is on, from 1: a mark that does not fit its rubric is named by it. */
  line: number;
}

/**
 * The marks of any marks file (`report --marks`), each with its line, and the
 * lines that are not marks as `<file name>:LINE: why`. No file is no marks.
 */
export async function readMarksFile(path: string): Promise<{ entries: MarkEntry[]; problems: string[] }> {
  const name = basename(path);
  const entries: MarkEntry[] = [];
  const problems: string[] = [];
  for (const line of await readLogLines(path)) {
    const problem = 'problem' in line ? line.problem : markShapeProblem(line.data);
    if (problem !== undefined) problems.push(`${name}:${line.line}: ${problem}`);
    else if ('data' in line) entries.push({ mark: line.data as Mark, line: line.line });
  }
  return { entries, problems };
}
