import { open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ioError } from '../errors/user-error.js';
import { syncDirectory } from './file-system.js';

/** One line of the log: parsed, or why not (a torn or edited line). */
export type LogLine = { line: number; data: unknown } | { line: number; problem: string };

/**
 * Appends one JSON document as a line and fsyncs it before returning: a
 * granted extension is on disk before the trainer is told so. The caller
 * holds the log's lock (the cap is a read-modify-write).
 */
export async function appendLogLine(path: string, doc: unknown): Promise<void> {
  const created = !(await stat(path).then(
    () => true,
    () => false,
  ));
  try {
    const handle = await open(path, 'a+', 0o644);
    try {
      // A line torn by a crash must not swallow this one: start on a fresh line.
      const { size } = await handle.stat();
      const last = Buffer.alloc(1);
      if (size > 0) await handle.read(last, 0, 1, size - 1);
      const fresh = size === 0 || last[0] === 0x0a;
      await handle.appendFile(`${fresh ? '' : '\n'}${JSON.stringify(doc)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (created) await syncDirectory(dirname(path));
  } catch (error) {
    throw ioError(path, error, 'write');
  }
}

/** The log's lines, each parsed or named as damaged; no log is an empty one. */
export async function readLogLines(path: string): Promise<LogLine[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw ioError(path, error);
  }
  return parseLogLines(text);
}

export function parseLogLines(text: string): LogLine[] {
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines.flatMap((raw, i): LogLine[] => {
    if (raw.trim() === '') return [];
    try {
      return [{ line: i + 1, data: JSON.parse(raw) as unknown }];
    } catch {
      return [{ line: i + 1, problem: 'not JSON (torn or edited)' }];
    }
  });
}

/** Size and change time: the session polls the log every tick, and re-reads it only when these move. */
export async function logStamp(path: string): Promise<string> {
  return stat(path).then(
    (s) => `${s.size}:${s.mtimeMs}`,
    () => 'none',
  );
}
