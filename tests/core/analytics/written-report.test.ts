import { describe, expect, it } from 'vitest';
import { markerSeverity } from '../../../src/core/analytics/agreement.js';
import { AttemptCollector, selectAttempts } from '../../../src/core/analytics/attempt-table.js';
import { buildReport } from '../../../src/core/analytics/build-report.js';
import { renderText } from '../../../src/core/analytics/render-text.js';
import { buildWrittenSection, checkMarkLines, minPairsForInterval, type WrittenSection } from '../../../src/core/analytics/written-report.js';
import { resolvedPoints, type Mark } from '../../../src/core/attempt/marking.js';
import { scoreAttempt } from '../../../src/core/attempt/scoring.js';
import type { AttemptRecord } from '../../../src/core/attempt/types.js';
import { writtenAttempt, writtenBank, writtenItem } from '../../fixtures/written-attempts.js';

const loaded = writtenBank([writtenItem('w1', { ack: [0, 1, 2], tone: [0, 2, 4] })]);
const at = (minute: number): string => new Date(Date.UTC(2026, 11, 1, 10, minute)).toISOString();
const mark = (attempt: string, role: Mark['role'], marker: string, ack: number, tone: number, minute = 0): Mark => ({
  attempt,
  item: 'w1',
  levels: { ack, tone },
  marker,
  role,
  at: at(minute),
});

/** The report's written section over attempts a0…a(n-1) (a reply each unless `empty` names it), scored with the marks as report does. */
function section(n: number, marks: Mark[], empty: string[] = []): { written: WrittenSection; records: AttemptRecord[]; text: string; passRate: number; awaiting: number } {
  const records = Array.from({ length: n }, (_, i) => writtenAttempt(loaded, { id: `a${i}`, text: empty.includes(`a${i}`) ? '' : undefined }));
  const collector = new AttemptCollector(loaded);
  for (const record of records) {
    const result = scoreAttempt(loaded.bank, record.form, record.answers, resolvedPoints(loaded.bank, record, marks));
    collector.add({ ...record, result }, `${record.id}.json`);
  }
  const table = collector.finish().table!;
  const rows = selectAttempts(table.rows, false);
  const report = buildReport({ table, rows, read: n, skipped: [], allAttempts: false, bankGiven: true });
  const written = buildWrittenSection({ bank: loaded.bank, table, rows, marks, marksFile: 'marks.jsonl', warnings: [] })!;
  report.written = written;
  return { written, records, text: renderText(report), passRate: report.test.passRate, awaiting: report.test.awaitingMarking };
}

describe('written replies section', () => {
  it.each<[string, Mark[], string[], { marked: number; waiting: { first: number; second: number; third: number }; ack: number; tone: number }]>([
    ['no marks: every reply waits for a first mark', [], [], { marked: 0, waiting: { first: 3, second: 0, third: 0 }, ack: Number.NaN, tone: Number.NaN }],
    ['first marks stand alone', [mark('a0', 'first', 'ann', 2, 4), mark('a1', 'first', 'ann', 0, 2)], [], { marked: 2, waiting: { first: 1, second: 0, third: 0 }, ack: 1, tone: 3 }],
    [
      'first and second within a point: their mean; apart: waiting for a third',
      [mark('a0', 'first', 'ann', 2, 4), mark('a0', 'second', 'bob', 1, 4), mark('a1', 'first', 'ann', 0, 0), mark('a1', 'second', 'bob', 2, 4)],
      [],
      { marked: 1, waiting: { first: 1, second: 0, third: 1 }, ack: 1.5, tone: 4 },
    ],
    [
      'a third mark settles it',
      [mark('a0', 'first', 'ann', 0, 0), mark('a0', 'second', 'bob', 2, 4), mark('a0', 'third', 'cy', 1, 2)],
      [],
      { marked: 1, waiting: { first: 2, second: 0, third: 0 }, ack: 1, tone: 2 },
    ],
    ['an empty reply needs no marker and is not counted', [], ['a2'], { marked: 0, waiting: { first: 2, second: 0, third: 0 }, ack: Number.NaN, tone: Number.NaN }],
    ['marks on attempts outside the set do not count', [mark('zz', 'first', 'ann', 2, 4)], [], { marked: 0, waiting: { first: 3, second: 0, third: 0 }, ack: Number.NaN, tone: Number.NaN }],
  ])('%s', (_, marks, empty, expected) => {
    const { written } = section(3, marks, empty);
    const [item] = written.items;
    expect(item).toMatchObject({ id: 'w1', replies: 3 - empty.length, marked: expected.marked, waiting: expected.waiting });
    expect(item!.criteria.map((c) => [c.id, c.max, c.n])).toEqual([['ack', 2, expected.marked], ['tone', 4, expected.marked]]);
    expect(item!.criteria[0]!.mean).toBe(expected.ack);
    expect(item!.criteria[1]!.mean).toBe(expected.tone);
    expect(written.marked).toBe(expected.marked);
  });

  it('counts an attempt awaiting marking as neither passed nor failed', () => {
    const none = section(4, []);
    expect(none.awaiting).toBe(4);
    expect(none.passRate).toBeNaN();
    expect(none.text).toContain('4 awaiting marking');
    // a0 marked at the top (passes), a1 at the bottom (fails: the written item is most of "talk"), a2 and a3 wait.
    const some = section(4, [mark('a0', 'first', 'ann', 2, 4), mark('a1', 'first', 'ann', 0, 0)]);
    expect(some.awaiting).toBe(2);
    expect(some.passRate).toBe(0.5);
  });

  it.each([
    [2, 8],
    [3, 18],
    [5, 50],
  ])('a %i-level criterion needs %i pairs for an interval (2k², Cicchetti 1981)', (levels, pairs) => {
    expect(minPairsForInterval(levels)).toBe(pairs);
  });

  it('gives kappa without an interval below 2k² pairs, and with one from there', () => {
    // ack pairs on the diagonal but one; tone always agrees except one.
    const pairs = (n: number): Mark[] =>
      Array.from({ length: n }, (_, i) => [mark(`a${i}`, 'first', 'ann', i % 3, (i % 3) * 2), mark(`a${i}`, 'second', 'bob', i === 0 ? 1 : i % 3, (i % 3) * 2)]).flat();
    const few = section(17, pairs(17)).written.items[0]!.criteria[0]!.agreement;
    expect(few).toMatchObject({ pairs: 17, minPairs: 18 });
    expect(few.quadratic!.kappa).toBeGreaterThan(0.8);
    expect(few.quadratic!.low).toBeNull();
    const enough = section(18, pairs(18));
    const ack = enough.written.items[0]!.criteria[0]!.agreement;
    expect(ack.pairs).toBe(18);
    expect(ack.quadratic!.low).toBeLessThan(ack.quadratic!.kappa);
    expect(ack.quadratic!.high).toBeGreaterThan(ack.quadratic!.kappa);
    expect(section(17, pairs(17)).text).toContain('n too small for a CI (needs 18)');
    for (const line of enough.text.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });
});

describe('marker severity', () => {
  const total = (attempt: string, marker: string, role: Mark['role'], points: number): Mark => mark(attempt, role, marker, 0, points);
  it.each<[string, Mark[], Record<string, string>]>([
    [
      'always 2 points under the other marker on 6 replies: severe, the other lenient',
      Array.from({ length: 6 }, (_, i) => [total(`a${i}`, 'ann', 'first', 0), total(`a${i}`, 'bob', 'second', 2)]).flat(),
      { ann: 'severe', bob: 'lenient' },
    ],
    [
      'differences that go both ways: in line',
      Array.from({ length: 6 }, (_, i) => [total(`a${i}`, 'ann', 'first', i % 2 ? 0 : 4), total(`a${i}`, 'bob', 'second', 2)]).flat(),
      { ann: 'in line', bob: 'in line' },
    ],
    [
      'always under, but on 4 replies only: too few to say',
      Array.from({ length: 4 }, (_, i) => [total(`a${i}`, 'ann', 'first', 0), total(`a${i}`, 'bob', 'second', 2)]).flat(),
      { ann: 'too few', bob: 'too few' },
    ],
  ])('%s', (_, marks, verdicts) => {
    const rows = markerSeverity(marks);
    expect(Object.fromEntries(rows.map((r) => [r.marker, r.verdict]))).toEqual(verdicts);
  });
});

describe('checkMarkLines', () => {
  it.each<[string, Partial<Mark>, string[]]>([
    ['a mark that fits', {}, []],
    ['a level the criterion does not have', { levels: { ack: 5, tone: 4 } }, ['marks.jsonl:7: criterion "ack": 5 is not one of its levels (0, 1, 2)']],
    ['a criterion missing', { levels: { ack: 1 } }, ['marks.jsonl:7: criterion "tone" has no level']],
    ['an item of another bank: left out silently', { item: 'elsewhere' }, []],
  ])('%s', (_, change, warnings) => {
    const checked = checkMarkLines(loaded.bank, [{ mark: { ...mark('a0', 'first', 'ann', 1, 2), ...change }, line: 7 }], 'marks.jsonl');
    expect(checked.warnings).toEqual(warnings);
    expect(checked.marks).toHaveLength(warnings.length === 0 && change.item === undefined ? 1 : 0);
  });
});
