import { appendFile, mkdtemp, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JournalHeader } from '../../src/core/attempt/journal-entry.js';
import type { Event } from '../../src/core/attempt/session.js';
import { Journal, parseJournal, readJournal, unfinishedJournals } from '../../src/store/journal.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');

const header = (attemptId: string, startedAt = T0): JournalHeader => ({
  kind: 'header',
  format: 'frontline.journal/1',
  attemptId,
  candidate: { name: 'Ada Agent', employeeId: 'E1' },
  bank: { id: 'test-bank', version: '1.0.0', title: 'Test bank', hash: 'sha256:00' },
  seed: 'seed-1',
  extraTime: 1,
  form: [{ itemId: 'l1' }, { itemId: 'l2' }],
  startedAt,
  deadline: startedAt + 600_000,
});

const pick = (itemId: string, choice: string, at: number): Event => ({ type: 'answer', at, itemId, response: { type: 'single', choice } });

const tempDir = () => mkdtemp(join(tmpdir(), 'frontline-journal-'));

afterEach(() => {
  vi.restoreAllMocks();
});

async function fileHandlePrototype(): Promise<{ datasync: () => Promise<void> }> {
  const handle = await open(join(await tempDir(), 'probe'), 'w');
  const proto = Object.getPrototypeOf(handle) as { datasync: () => Promise<void> };
  await handle.close();
  return proto;
}

describe('Journal', () => {
  it('writes a header line and one JSON line per event, and reads them back', async () => {
    const dir = await tempDir();
    const journal = await Journal.create(dir, header('a1'));
    await journal.append(pick('l1', 'b', T0 + 1_000));
    await journal.append({ type: 'go', at: T0 + 2_000, index: 1 });
    await journal.close();

    const text = await readFile(journal.path, 'utf8');
    expect(text.split('\n')).toHaveLength(4);
    const read = await readJournal(journal.path);
    expect(read).toEqual({ ok: true, header: header('a1'), events: [pick('l1', 'b', T0 + 1_000), { type: 'go', at: T0 + 2_000, index: 1 }], tornTail: false, skipped: [] });
  });

  it('refuses to start a second journal for the same attempt id', async () => {
    const dir = await tempDir();
    await (await Journal.create(dir, header('a1'))).close();
    await expect(Journal.create(dir, header('a1'))).rejects.toThrow(/EEXIST/);
  });

  it('syncs to disk after every answer, flag and submit, not after navigation or ticks', async () => {
    const proto = await fileHandlePrototype();
    const dir = await tempDir();
    const journal = await Journal.create(dir, header('a1'));
    const datasync = vi.spyOn(proto, 'datasync');
    await journal.append(pick('l1', 'b', T0 + 1_000));
    expect(datasync).toHaveBeenCalledTimes(1);
    await journal.append({ type: 'go', at: T0 + 2_000, index: 1 });
    await journal.append({ type: 'tick', at: T0 + 3_000 });
    expect(datasync).toHaveBeenCalledTimes(1);
    await journal.append({ type: 'scenario-choose', at: T0 + 4_000, itemId: 'sc', choice: 'a' });
    await journal.append({ type: 'flag', at: T0 + 5_000, itemId: 'l2' });
    await journal.append({ type: 'submit', at: T0 + 6_000 });
    expect(datasync).toHaveBeenCalledTimes(4);
    await journal.close();
  });

  it('continues after a torn last line without gluing the next event onto it', async () => {
    const dir = await tempDir();
    const journal = await Journal.create(dir, header('a1'));
    await journal.append(pick('l1', 'b', T0 + 1_000));
    await journal.close();
    await appendFile(journal.path, '{"kind":"event","type":"answ');

    const reopened = await Journal.reopen(journal.path);
    await reopened.append(pick('l2', 'c', T0 + 9_000));
    await reopened.close();

    const read = await readJournal(journal.path);
    expect(read).toMatchObject({ ok: true, tornTail: false, events: [pick('l1', 'b', T0 + 1_000), pick('l2', 'c', T0 + 9_000)] });
  });

  it('keeps a complete last event that only lacks its newline when continuing', async () => {
    const dir = await tempDir();
    const journal = await Journal.create(dir, header('a1'));
    await journal.close();
    await appendFile(journal.path, JSON.stringify({ kind: 'event', ...pick('l1', 'b', T0 + 1_000) }));

    const reopened = await Journal.reopen(journal.path);
    await reopened.append(pick('l2', 'c', T0 + 9_000));
    await reopened.close();

    expect(await readJournal(journal.path)).toMatchObject({ ok: true, events: [pick('l1', 'b', T0 + 1_000), pick('l2', 'c', T0 + 9_000)] });
  });

  it('retires a finished journal so it is no longer offered for resume', async () => {
    const dir = await tempDir();
    const older = await Journal.create(dir, header('old', T0));
    const newer = await Journal.create(dir, header('new', T0 + 60_000));
    const done = await Journal.create(dir, header('done', T0 + 120_000));
    await older.close();
    await newer.close();
    await done.retire();

    expect(await unfinishedJournals(dir)).toEqual([newer.path, older.path]);
    expect((await readdir(join(dir, 'journals'))).sort()).toEqual(['done.done.jsonl', 'new.jsonl', 'old.jsonl']);
  });

  it('finds no unfinished journals in a fresh data dir', async () => {
    expect(await unfinishedJournals(join(await tempDir(), 'missing'))).toEqual([]);
  });
});

describe('parseJournal', () => {
  const headerLine = JSON.stringify(header('a1'));
  const eventLine = (event: Event) => JSON.stringify({ kind: 'event', ...event });

  it.each([
    ['a torn last line', `${headerLine}\n${eventLine(pick('l1', 'b', T0))}\n{"kind":"ev`],
    ['a last line of garbage', `${headerLine}\n${eventLine(pick('l1', 'b', T0))}\n\u0000\u0000\u0000`],
  ])('drops %s and says so', (_name, text) => {
    expect(parseJournal(text, 'j.jsonl')).toEqual({ ok: true, header: header('a1'), events: [pick('l1', 'b', T0)], tornTail: true, skipped: [] });
  });

  it.each([
    ['a damaged line before the last', `${headerLine}\n{"kind":"ev\n${eventLine(pick('l1', 'b', T0))}\n`, 'j.jsonl:2: damaged line skipped (not JSON)'],
    ['a line that is JSON but no entry', `${headerLine}\nnull\n${eventLine(pick('l1', 'b', T0))}\n`, 'j.jsonl:2: damaged line skipped (not a journal event)'],
    ['two events glued onto one line', `${headerLine}\n${eventLine(pick('l0', 'a', T0))}${eventLine(pick('l0', 'c', T0))}\n${eventLine(pick('l1', 'b', T0))}\n`, 'j.jsonl:2: damaged line skipped (not JSON)'],
  ])('skips %s, names it, and keeps every intact answer', (_name, text, message) => {
    expect(parseJournal(text, 'j.jsonl')).toEqual({ ok: true, header: header('a1'), events: [pick('l1', 'b', T0)], tornTail: false, skipped: [message] });
  });

  it.each([
    ['a file that is not a journal', `${eventLine(pick('l1', 'b', T0))}\n`, 'j.jsonl:1: not a frontline attempt journal'],
    ['a damaged first line', `{"kind":"hea\n${eventLine(pick('l1', 'b', T0))}\n`, 'j.jsonl:1: not a frontline attempt journal (the first line is damaged)'],
    ['an empty file', '', 'j.jsonl:1: not a frontline attempt journal (the first line is damaged)'],
    ['an unknown event', `${headerLine}\n${JSON.stringify({ kind: 'event', type: 'teleport', at: T0 })}\n`, 'j.jsonl:2: unknown journal event "teleport" (written by a newer frontline, or edited)'],
    ['an event without a time', `${headerLine}\n${JSON.stringify({ kind: 'event', type: 'submit' })}\n`, 'j.jsonl:2: unknown journal event "submit" (written by a newer frontline, or edited)'],
  ])('cannot continue %s, and names the file and line', (_name, text, message) => {
    expect(parseJournal(text, 'j.jsonl')).toEqual({ ok: false, message });
  });

  it('reads a journal that was copied with Windows line ends', async () => {
    const dir = await tempDir();
    const path = join(dir, 'x.jsonl');
    await writeFile(path, `${headerLine}\r\n${eventLine(pick('l1', 'b', T0))}\r\n`);
    // JSON.parse accepts the trailing \r as whitespace, so such a file still reads whole.
    expect(await readJournal(path)).toMatchObject({ ok: true, events: [pick('l1', 'b', T0)] });
  });
});
