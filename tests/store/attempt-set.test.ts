import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative as pathRelative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AttemptFacts } from '../../src/core/analytics/attempt-facts.js';
import { readAttemptSet, type ReadOptions, type RecordSink } from '../../src/store/attempt-set.js';
import { fixtureBank, simulate } from '../fixtures/attempts.js';

const dir = mkdtempSync(join(tmpdir(), 'frontline-attempt-set-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const records = simulate(fixtureBank(), { n: 12, seed: 5 });
const line = (i: number): string => JSON.stringify(records[i]);

/** What the sink heard, in order: `source record-id` or `source !problem`. */
async function heard(paths: string[], options: ReadOptions): Promise<{ entries: string[]; read: number; scores: number[][] }> {
  const entries: string[] = [];
  const scores: number[][] = [];
  const sink: RecordSink = {
    addFacts(facts: AttemptFacts, source: string) {
      entries.push(`${source} ${facts.id}`);
      scores.push([...facts.score]);
    },
    learnForm() {},
    invalid(source: string, message: string) {
      entries.push(`${source} !${message.slice(source.length + 2).split(' (')[0]}`);
    },
  };
  const summary = await readAttemptSet(paths, sink, options);
  expect(summary.unreadable).toEqual([]);
  return { entries, read: summary.read, scores };
}

describe('readAttemptSet: JSONL read in byte ranges', () => {
  // LF, CRLF and a lone CR end lines (as readline splits them); blank lines count for numbering but are not records.
  const text = [line(0), '\r\n', line(1), '\n\n', line(2), '\r', line(3).slice(0, 200), '\n', 'not json at all', '\n', '   ', '\n', line(4), '\r\n\r\n', line(5)].join('');
  const file = join(dir, 'mixed.jsonl');
  writeFileSync(file, text);

  it('numbers lines and reads records the same whatever the range size', async () => {
    const whole = await heard([file], { threads: 0 });
    expect(whole.entries).toEqual([
      `${file}:1 ${records[0]!.id}`,
      `${file}:2 ${records[1]!.id}`,
      `${file}:4 ${records[2]!.id}`,
      `${file}:5 !truncated JSON`,
      `${file}:6 !not valid JSON`,
      `${file}:8 ${records[4]!.id}`,
      `${file}:10 ${records[5]!.id}`,
    ]);
    expect(whole.read).toBe(7);
    // Range ends land inside lines, on a CR, between CR and LF, on blank lines.
    for (const unitBytes of [1, 2, 3, 7, 199, 200, 201, line(0).length, line(0).length + 1, line(0).length + 2, 4096]) {
      expect(await heard([file], { threads: 0, unitBytes }), `unitBytes ${unitBytes}`).toEqual(whole);
    }
  });

  it('carries each record\'s item scores through the facts buffer intact', async () => {
    const { scores } = await heard([file], { threads: 0, unitBytes: 5 });
    const expected = [0, 1, 2, 4, 5].map((i) => records[i]!.result!.items.map((item) => item.score));
    expect(scores).toEqual(expected);
  });

  it('reads an empty file and a file without a final newline', async () => {
    const empty = join(dir, 'empty.jsonl');
    const unterminated = join(dir, 'unterminated.jsonl');
    writeFileSync(empty, '');
    writeFileSync(unterminated, `${line(6)}\n${line(7)}`);
    for (const unitBytes of [3, 1 << 20]) {
      const { entries } = await heard([empty, unterminated], { threads: 0, unitBytes });
      expect(entries).toEqual([`${unterminated}:1 ${records[6]!.id}`, `${unterminated}:2 ${records[7]!.id}`]);
    }
  });
});

describe('readAttemptSet: folders', () => {
  const folder = join(dir, 'folder');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  writeFileSync(join(folder, 'b.json'), line(1));
  writeFileSync(join(folder, 'a.json'), line(0));
  writeFileSync(join(folder, 'notes.txt'), 'not a record');
  writeFileSync(join(folder, 'sub', 'c.jsonl'), `${line(2)}\n`);

  it('names each record by its path as join() would write it, in name order, into subfolders, .json and .jsonl only', async () => {
    const relative = pathRelative(process.cwd(), folder);
    for (const given of [folder, `${folder}/`, `${folder}//`, relative, `./${relative}`, `${relative}/.`]) {
      const { entries } = await heard([given], { threads: 0 });
      expect(entries, given).toEqual([`${join(given, 'a.json')} ${records[0]!.id}`, `${join(given, 'b.json')} ${records[1]!.id}`, `${join(given, 'sub', 'c.jsonl')}:1 ${records[2]!.id}`]);
    }
  });
});
