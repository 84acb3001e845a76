import { mkdir, open, readdir, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isDurableEvent, type JournalEntry, type JournalHeader } from '../core/attempt/journal-entry.js';
import type { Event } from '../core/attempt/session.js';
import { dataPaths } from './data-dir.js';
import { syncDirectory } from './file-system.js';

/**
 * An attempt's append-only journal: one JSON line per event. Answers are
 * fsync'd before the screen moves on, so a crash, kill -9 or closed terminal
 * loses at most a clock tick.
 */
export class Journal {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(dataDir: string, header: JournalHeader): Promise<Journal> {
    const dir = join(dataDir, dataPaths.journals);
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${header.attemptId}.jsonl`);
    const handle = await open(path, 'wx', 0o600);
    const journal = new Journal(path, handle);
    await journal.write(header, true);
    // The new file's name must survive a power loss too, not only its content.
    await syncDirectory(dir);
    return journal;
  }

  /**
   * Opens a journal to continue it. A torn last line is cut off first (or
   * finished with its newline when it is complete JSON, as `parseJournal`
   * kept it): appending after it would glue the next event onto it and turn
   * a tolerated torn tail into a damaged line in the middle.
   */
  static async reopen(path: string): Promise<Journal> {
    const bytes = await readFile(path);
    const end = bytes.lastIndexOf(0x0a) + 1;
    const handle = await open(path, 'r+');
    try {
      if (end < bytes.length) {
        if (isJson(bytes.subarray(end).toString('utf8'))) await handle.write('\n', bytes.length);
        else await handle.truncate(end);
        await handle.sync();
      }
    } finally {
      await handle.close();
    }
    return new Journal(path, await open(path, 'a'));
  }

  async append(event: Event): Promise<void> {
    await this.write({ kind: 'event', ...event }, isDurableEvent(event));
  }

  private async write(entry: JournalEntry, durable: boolean): Promise<void> {
    await this.handle.appendFile(`${JSON.stringify(entry)}\n`);
    if (durable) await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  /** Marks the attempt as finished; call only after its record is safely on disk. */
  async retire(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rename(this.path, this.path.replace(/\.jsonl$/, '.done.jsonl'));
    await syncDirectory(dirname(this.path));
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export type JournalRead =
  | {
      ok: true;
      header: JournalHeader;
      events: Event[];
      tornTail: boolean;
      /** Damaged lines in the middle (`file:line: why`), skipped: every intact line around them is kept. */
      skipped: string[];
    }
  /** The journal cannot be continued; `message` starts with `file:line`. */
  | { ok: false; message: string };

const EVENT_TYPES: ReadonlySet<string> = new Set<Event['type']>(['answer', 'scenario-choose', 'go', 'flag', 'review', 'submit', 'tick', 'resume']);

/**
 * Parses a journal. A torn last line (the process died mid-write) is dropped;
 * a line in the middle that is not JSON (a damaged disk block, an edit) is
 * skipped and named, so the answers on every other line survive. A damaged
 * header, or an event this version does not know (replaying without it could
 * change the attempt), cannot be continued: an error naming the line.
 */
export function parseJournal(text: string, path: string): JournalRead {
  const lines = text.split('\n');
  const complete = text.endsWith('\n');
  if (complete) lines.pop();
  let tornTail = false;
  const skipped: string[] = [];
  let header: JournalHeader | undefined;
  const events: Event[] = [];
  for (const [i, line] of lines.entries()) {
    const where = `${path}:${i + 1}`;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      if (i === 0) return { ok: false, message: `${where}: not a frontline attempt journal (the first line is damaged)` };
      if (i === lines.length - 1) {
        tornTail = true;
        break;
      }
      skipped.push(`${where}: damaged line skipped (not JSON)`);
      continue;
    }
    if (i === 0) {
      const h = entry as Partial<JournalHeader> | null;
      if (h?.kind !== 'header' || h.format !== 'frontline.journal/1' || !Array.isArray(h.form) || typeof h.deadline !== 'number') {
        return { ok: false, message: `${where}: not a frontline attempt journal` };
      }
      header = h as JournalHeader;
      continue;
    }
    const e = entry as { kind?: unknown; type?: unknown; at?: unknown } | null;
    if (typeof e !== 'object' || e === null || e.kind !== 'event') {
      skipped.push(`${where}: damaged line skipped (not a journal event)`);
      continue;
    }
    if (typeof e.type !== 'string' || !EVENT_TYPES.has(e.type) || typeof e.at !== 'number' || !Number.isFinite(e.at)) {
      return { ok: false, message: `${where}: unknown journal event ${JSON.stringify(String(e.type)).slice(0, 60)} (written by a newer frontline, or edited)` };
    }
    const { kind: _kind, ...event } = e;
    events.push(event as Event);
  }
  if (!header) return { ok: false, message: `${path}:1: not a frontline attempt journal (empty)` };
  return { ok: true, header, events, tornTail, skipped };
}

export async function readJournal(path: string): Promise<JournalRead> {
  return parseJournal(await readFile(path, 'utf8'), path);
}

/** Journals of attempts that never finished, newest first. */
export async function unfinishedJournals(dataDir: string): Promise<string[]> {
  const dir = join(dataDir, dataPaths.journals);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const open = names.filter((n) => n.endsWith('.jsonl') && !n.endsWith('.done.jsonl')).map((n) => join(dir, n));
  const withTimes = await Promise.all(
    open.map(async (path) => {
      const read = await readJournal(path).catch(() => undefined);
      return { path, startedAt: read?.ok ? read.header.startedAt : 0 };
    }),
  );
  return withTimes.sort((a, b) => b.startedAt - a.startedAt).map((j) => j.path);
}
