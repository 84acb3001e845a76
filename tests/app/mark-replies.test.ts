import { appendFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckedMarks } from '../../src/app/checked-marks.js';
import { saveMark } from '../../src/app/mark-replies.js';
import type { Mark } from '../../src/core/attempt/marking.js';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { marksPath, readMarks } from '../../src/store/marks.js';
import { finishedAttempt, MARK_BANK } from '../fixtures/attempt-builder.js';

const { record, bank } = finishedAttempt({ id: 'att-1', bankFile: MARK_BANK, texts: { w1: 'Sorry for the three contacts, Sam.', w2: 'Call by 3pm.' } });
const mark = (role: Mark['role'], marker: string, levels: Record<string, number> = { ack: 2, next: 2 }): Mark => ({ attempt: 'att-1', item: 'w1', levels, marker, at: new Date().toISOString(), role });

describe('saveMark', () => {
  it('refuses a second mark from the first marker, whatever case they type, and a third from either; saves nothing then', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'frontline-mark-'));
    await saveMark({ dataDir, bank, attempt: record, mark: mark('first', 'Ann QA') });
    await expect(saveMark({ dataDir, bank, attempt: record, mark: mark('second', 'ann qa') })).rejects.toMatchObject({
      exitCode: ExitCode.ownMark,
      message: "ann qa gave this reply's first mark, so not its second",
    });
    await saveMark({ dataDir, bank, attempt: record, mark: mark('second', 'Bob', { ack: 0, next: 2 }) });
    await expect(saveMark({ dataDir, bank, attempt: record, mark: mark('third', 'Bob') })).rejects.toMatchObject({ exitCode: ExitCode.ownMark });
    const saved = await saveMark({ dataDir, bank, attempt: record, mark: mark('third', 'Cat', { ack: 1, next: 2 }) });
    expect(saved).toEqual({ attemptMarked: false, queued: 0 });
    expect((await readMarks(dataDir)).marks.map((m) => `${m.role} ${m.marker}`)).toEqual(['first Ann QA', 'second Bob', 'third Cat']);
  });

  it('refuses a mark whose levels the rubric lacks', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'frontline-mark-'));
    await expect(saveMark({ dataDir, bank, attempt: record, mark: mark('first', 'Ann', { ack: 3, next: 2 }) })).rejects.toMatchObject({ exitCode: ExitCode.invalidInput });
    expect((await readMarks(dataDir)).marks).toEqual([]);
  });
});

describe('readCheckedMarks', () => {
  it.each([
    ['a torn line', '{"attempt":"att-1","it\n', 'marks.jsonl:2: not JSON (torn or edited)'],
    ['a level not in the rubric', `${JSON.stringify({ ...mark('first', 'X'), levels: { ack: 9, next: 0 } })}\n`, 'marks.jsonl:2: criterion "ack": 9 is not one of its levels (0, 1, 2)'],
  ])('names the line of %s, with exit 41', async (_, line, message) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'frontline-mark-'));
    await saveMark({ dataDir, bank, attempt: record, mark: mark('first', 'Ann') });
    await appendFile(marksPath(dataDir), line);
    await expect(readCheckedMarks(dataDir, bank, [record])).rejects.toMatchObject({ exitCode: ExitCode.badMark, message: join(dataDir, message) });
  });
});
