import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAttemptRecord } from '../core/attempt/parse-record.js';
import type { AttemptRecord } from '../core/attempt/types.js';
import { stringifyEntryPerLine } from '../core/entry-per-line-json.js';
import { expand } from './attempt-paths.js';
import { writeFileAtomic } from './atomic-write.js';
import { dataPaths } from './data-dir.js';

export type AttemptRead =
  | { ok: true; record: AttemptRecord }
  | { ok: false; kind: 'io' | 'invalid'; message: string; cause?: unknown };

/** Where a finished attempt lives: one file per attempt, named so `ls` sorts by time. */
export function attemptPath(dataDir: string, record: AttemptRecord): string {
  // The parts come from the record; none may name a folder (`../`) or a device.
  const part = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\.+/, '-').slice(0, 100);
  const stamp = record.startedAt.replace(/[:.]/g, '-');
  return join(dataDir, dataPaths.attempts, `${part(stamp)}_${part(record.bank.id)}_${part(record.id)}.json`);
}

/** One line per answer and per item result: readable in a pager, diffable, and what `report` reads fastest short of one line per file. */
export async function writeAttemptRecord(dataDir: string, record: AttemptRecord): Promise<string> {
  const path = attemptPath(dataDir, record);
  await writeFileAtomic(path, `${stringifyEntryPerLine(record)}\n`);
  return path;
}

export async function readAttemptFile(path: string): Promise<AttemptRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, kind: 'io', message: `${path}: cannot read: ${(error as Error).message}`, cause: error };
  }
  const parsed = parseAttemptRecord(text);
  return parsed.ok ? parsed : { ok: false, kind: 'invalid', message: `${path}: ${parsed.problem}` };
}

export interface ListedAttempt {
  path: string;
  record: AttemptRecord;
}

/** Every readable attempt record in the data dir, oldest first; unreadable ones are reported, not fatal. */
export async function listAttempts(dataDir: string): Promise<{ attempts: ListedAttempt[]; problems: string[] }> {
  const dir = join(dataDir, dataPaths.attempts);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return { attempts: [], problems: [] };
  }
  const attempts: ListedAttempt[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const read = await readAttemptFile(path);
    if (read.ok) attempts.push({ path, record: read.record });
    else problems.push(read.message);
  }
  attempts.sort((a, b) => a.record.startedAt.localeCompare(b.record.startedAt));
  return { attempts, problems };
}

/**
 * The records in files and folders (as `report` takes them: .json records,
 * .jsonl files of one record a line, folders of either). What cannot be read
 * or parsed is named, `file` or `file:line`, and left out.
 */
export async function readAttemptRecords(paths: readonly string[]): Promise<{ attempts: ListedAttempt[]; problems: string[] }> {
  const files: string[] = [];
  const problems: string[] = [];
  for (const path of paths) await expand(path, files, problems);
  const attempts: ListedAttempt[] = [];
  for (const path of files) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      problems.push(`${path}: cannot read: ${(error as Error).message}`);
      continue;
    }
    if (!path.endsWith('.jsonl')) {
      const parsed = parseAttemptRecord(text);
      if (parsed.ok) attempts.push({ path, record: parsed.record });
      else problems.push(`${path}: ${parsed.problem}`);
      continue;
    }
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      const parsed = parseAttemptRecord(line);
      if (parsed.ok) attempts.push({ path: `${path}:${i + 1}`, record: parsed.record });
      else problems.push(`${path}:${i + 1}: ${parsed.problem}`);
    });
  }
  return { attempts, problems };
}
