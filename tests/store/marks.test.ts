import { appendFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Mark } from '../../src/core/attempt/marking.js';
import { appendMark, marksPath, readMarks } from '../../src/store/marks.js';

const mark = (n: number): Mark => ({ attempt: `a-${n}`, item: 'writ-1', levels: { empathy: 2 }, marker: 'QA lead', at: new Date(Date.UTC(2026, 11, 6, 9, n)).toISOString(), role: 'first' });

describe('marks file', () => {
  it('keeps every mark appended at once by concurrent markers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'marks-'));
    await Promise.all(Array.from({ length: 20 }, (_, n) => appendMark(dir, mark(n))));
    const { marks, problems } = await readMarks(dir);
    expect(problems).toEqual([]);
    expect(marks.map((m) => m.attempt).sort()).toEqual(Array.from({ length: 20 }, (_, n) => `a-${n}`).sort());
  });

  it('names each line that is torn or edited into something else, and keeps the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'marks-'));
    await appendMark(dir, mark(1));
    await appendFile(marksPath(dir), '{"attempt":"a-2","item":"writ-1","lev');
    await appendMark(dir, mark(3));
    await appendFile(marksPath(dir), `${JSON.stringify({ ...mark(4), role: 'fourth' })}\n${JSON.stringify({ ...mark(5), levels: { empathy: '2' } })}\n`);
    const { marks, lines, problems } = await readMarks(dir);
    expect(marks.map((m) => m.attempt)).toEqual(['a-1', 'a-3']);
    expect(lines).toEqual([1, 3]);
    expect(problems).toEqual([
      'marks.jsonl:2: not JSON (torn or edited)',
      'marks.jsonl:4: "role" is not first, second or third',
      'marks.jsonl:5: "levels" holds a value that is not a number',
    ]);
  });

  it('reads no file as no marks', async () => {
    expect(await readMarks(await mkdtemp(join(tmpdir(), 'marks-')))).toEqual({ marks: [], lines: [], problems: [] });
  });
});
