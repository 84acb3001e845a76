import { appendFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Mark } from '../../src/core/attempt/marking.js';
import { readMarksFile } from '../../src/store/marks.js';

const mark = (n: number): Mark => ({ attempt: `a-${n}`, item: 'writ-1', levels: { empathy: 2 }, marker: 'QA lead', at: new Date(Date.UTC(2026, 11, 6, 9, n)).toISOString(), role: 'first' });

describe('readMarksFile (report --marks)', () => {
  it('gives each mark its line and names the bad lines by the file they are in', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'marks-file-')), 'site-b.jsonl');
    await writeFile(path, `${JSON.stringify(mark(1))}\n\n`);
    await appendFile(path, `{"torn\n${JSON.stringify({ ...mark(4), marker: '' })}\n${JSON.stringify(mark(5))}\n`);
    const read = await readMarksFile(path);
    expect(read.entries.map((e) => [e.mark.attempt, e.line])).toEqual([['a-1', 1], ['a-5', 5]]);
    expect(read.problems).toEqual(['site-b.jsonl:3: not JSON (torn or edited)', 'site-b.jsonl:4: "marker" is missing or not a string']);
  });

  it('reads no file as no marks', async () => {
    expect(await readMarksFile(join(await mkdtemp(join(tmpdir(), 'marks-file-')), 'none.jsonl'))).toEqual({ entries: [], problems: [] });
  });
});
