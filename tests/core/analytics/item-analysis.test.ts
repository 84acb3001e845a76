import { describe, expect, it } from 'vitest';
import { FactsReader, FactsWriter } from '../../../src/core/analytics/attempt-facts.js';
import { AttemptCollector, selectAttempts, type AttemptRow } from '../../../src/core/analytics/attempt-table.js';
import { buildReport } from '../../../src/core/analytics/build-report.js';
import { analyseItems, groupMarks, GROUP_SHARE } from '../../../src/core/analytics/item-analysis.js';
import { drawsTop, flagItem, FLAG_LIMITS } from '../../../src/core/analytics/item-flags.js';
import type { ItemStats } from '../../../src/core/analytics/item-analysis.js';
import { fixtureBank, fixtureRecord, random, recordsFromMatrix, responseFor } from '../../fixtures/attempts.js';

// Five agents, three single-choice items in one competency (so the overall
// percent ranks agents exactly as their raw totals do). Wrong answers pick "b".
const matrix = [
  [1, 1, 1],
  [1, 1, 0],
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 0],
];
const small = fixtureBank({
  competencies: [{ id: 'c', title: 'Only', floor: 50 }],
  items: ['i1', 'i2', 'i3'].map((id) => ({ id, competency: 'c', type: 'single' as const, options: ['a', 'b', 'c', 'd'] })),
});

function tableOf(records: ReturnType<typeof recordsFromMatrix>, withBank = false) {
  const collector = new AttemptCollector(withBank ? { bank: small.bank, hash: small.hash } : undefined);
  records.forEach((r, i) => collector.add(r, `r${i}.json`));
  return collector.finish();
}

describe('analyseItems on a hand-computed 5 × 3 matrix', () => {
  const { table } = tableOf(recordsFromMatrix(small, matrix));
  const stats = analyseItems(table!.rows, table!.items);
  const i1 = stats.find((s) => s.id === 'i1')!;

  it('facility is the mean item score', () => {
    expect(stats.map((s) => s.facility)).toEqual([0.6, 0.6, 0.2]);
  });

  it('item-rest correlation of i1 is 0.6 / √3.36 = 0.3273', () => {
    // x = 1,1,1,0,0; rest = 2,1,0,1,0. Σ(x−x̄)(r−r̄) = 0.6, Σ(x−x̄)² = 1.2, Σ(r−r̄)² = 2.8.
    expect(i1.itemRest).toBeCloseTo(0.6 / Math.sqrt(1.2 * 2.8), 12);
  });

  it("discriminative efficiency of i1 is 100 · 0.12 / 0.32 = 37.5 (Moodle's sorted-pairing maximum)", () => {
    // Sorted x = 0,0,1,1,1 with sorted rest = 0,0,1,1,2 gives the largest covariance, 1.6 / 5 = 0.32.
    expect(i1.efficiency).toBeCloseTo(37.5, 10);
  });

  it('upper–lower index uses the top and bottom 27% (one agent each of five)', () => {
    expect(i1.upperLower).toBe(1);
    expect(stats.find((s) => s.id === 'i2')!.upperLower).toBe(1);
    expect(stats.find((s) => s.id === 'i3')!.upperLower).toBe(1);
  });

  it('counts who chose each option, overall and in the top and bottom groups', () => {
    const b = i1.options.find((o) => o.id === 'b')!;
    expect(b).toMatchObject({ key: false, share: 0.4, upperShare: 0, lowerShare: 1 });
    expect(i1.options.find((o) => o.id === 'a')).toMatchObject({ key: true, share: 0.6, upperShare: 1, lowerShare: 0 });
  });

  it('knows options nobody chose from the form, so a dead distractor shows without the bank', () => {
    expect(i1.options.map((o) => [o.id, o.share])).toEqual([
      ['a', 0.6],
      ['b', 0.4],
      ['c', 0],
      ['d', 0],
    ]);
  });

  it('infers the key from full-score answers without the bank, and reads it from the bank with it', () => {
    const withBank = tableOf(recordsFromMatrix(small, matrix), true).table!;
    const fromBank = analyseItems(withBank.rows, withBank.items)[0]!;
    expect(fromBank.options.map((o) => [o.id, o.key, o.text])).toEqual([
      ['a', true, 'Option a'],
      ['b', false, 'Option b'],
      ['c', false, 'Option c'],
      ['d', false, 'Option d'],
    ]);
  });

  it('reports alpha over the whole matrix: 1.5 · (1 − 0.64 / 1.04) = 0.5769', () => {
    // Item variances .24, .24, .16; totals 3, 2, 1, 1, 0 with variance 1.04 (population form).
    const report = buildReport({ table: table!, rows: table!.rows, read: 5, skipped: [], allAttempts: false });
    expect(report.test.alphaKind).toBe('KR-20');
    expect(report.test.alpha).toBeCloseTo(1.5 * (1 - 0.64 / 1.04), 12);
    expect(report.test.n).toBe(5);
  });
});

describe('alpha when forms differ', () => {
  it('counts only items on at least 90% of forms, over the attempts that have all of them', () => {
    const twice = [...matrix, ...matrix];
    const records = recordsFromMatrix(small, twice).map((r, i) => ({ ...r, id: `t${i}` }));
    const collector = new AttemptCollector();
    records.forEach((r, i) => collector.add(r, `t${i}.json`));
    const { table } = collector.finish();
    const rows = table!.rows;
    const column = (id: string) => table!.items.findIndex((c) => c.id === id);
    // i3 is missing from two forms of ten (80%: left out); i2 from one (90%: kept), which leaves that attempt out.
    rows[7]!.scores[column('i3')] = Number.NaN;
    rows[8]!.scores[column('i3')] = Number.NaN;
    rows[9]!.scores[column('i2')] = Number.NaN;
    const report = buildReport({ table: table!, rows, read: 10, skipped: [], allAttempts: true });
    expect(report.test.alphaItems).toBe(2);
    expect(report.test.alphaAttempts).toBe(9);
    // Cronbach's alpha with population variances, over i1 and i2 of the first nine attempts.
    const data = twice.slice(0, 9).map((row) => [row[0]!, row[1]!]);
    const variance = (xs: number[]) => xs.reduce((s, x) => s + x * x, 0) / xs.length - (xs.reduce((s, x) => s + x, 0) / xs.length) ** 2;
    const items = variance(data.map((r) => r[0]!)) + variance(data.map((r) => r[1]!));
    const total = variance(data.map((r) => r[0]! + r[1]!));
    expect(report.test.alpha).toBeCloseTo(2 * (1 - items / total), 6);
  });
});

describe('flags', () => {
  const base: ItemStats = {
    id: 'q', competency: 'c', kind: 'single', n: 200, facility: 0.6, sd: 0.5, itemRest: 0.35, upperLower: 0.4,
    efficiency: 50, meanTimeMs: 1000, upperN: 54, lowerN: 54, omitted: 0,
    options: [
      { id: 'a', key: true, share: 0.6, upperShare: 0.9, lowerShare: 0.3 },
      { id: 'b', key: false, share: 0.2, upperShare: 0.05, lowerShare: 0.35 },
      { id: 'c', key: false, share: 0.2, upperShare: 0.05, lowerShare: 0.35 },
    ],
  };
  const kinds = (s: ItemStats) => flagItem(s).map((f) => f.kind);

  it.each([
    ['a good item', {}, []],
    ['too easy', { facility: 0.95 }, ['too-easy']],
    ['too hard', { facility: 0.2 }, ['too-hard']],
    ['negative discrimination', { itemRest: -0.1 }, ['negative-discrimination']],
    ['weak discrimination', { itemRest: 0.1 }, ['weak-discrimination']],
    ['too few attempts to judge', { n: FLAG_LIMITS.minAttempts - 1, facility: 0.99 }, []],
  ] as const)('%s', (_, change, expected) => {
    expect(kinds({ ...base, ...change })).toEqual(expected);
  });

  it('flags a dead distractor and one that draws the top group, naming the option', () => {
    const options = [
      { id: 'a', key: true, share: 0.6, upperShare: 0.6, lowerShare: 0.5 },
      { id: 'b', key: false, share: 0.38, upperShare: 0.4, lowerShare: 0.1 },
      { id: 'c', key: false, share: 0.02, upperShare: 0, lowerShare: 0.04 },
    ];
    const flags = flagItem({ ...base, options });
    expect(flags.map((f) => [f.kind, f.option])).toEqual([
      ['distractor-draws-top', 'b'],
      ['dead-distractor', 'c'],
    ]);
    expect(flags.every((f) => f.suggestion.length > 20 && !f.suggestion.includes('\n'))).toBe(true);
  });

  it('does not call a small top-group lead significant', () => {
    // 0.37 vs 0.32 with 81 per group: z ≈ 0.67, well under 1.645.
    expect(drawsTop(0.37, 81, 0.32, 81)).toBe(false);
    expect(drawsTop(0.4, 81, 0.1, 81)).toBe(true);
  });
});

describe('collecting records', () => {
  it('skips duplicates and records from a bank other than the majority, naming each', () => {
    const other = fixtureBank({ version: '2.0.0' });
    const records = recordsFromMatrix(small, matrix);
    const collector = new AttemptCollector();
    records.forEach((r, i) => collector.add(r, `r${i}.json`));
    collector.add(records[0]!, 'zz-copy.json');
    collector.add(fixtureRecord(other, { id: 'x1', answers: other.items.map((it) => ({ score: 1, response: responseFor(it, true) })) }), 'x1.json');
    collector.invalid('bad.json', 'bad.json: truncated JSON');
    const { table, skipped } = collector.finish();
    expect(table!.rows).toHaveLength(5);
    expect(skipped.map((s) => [s.source, s.reason])).toEqual([
      ['zz-copy.json', 'duplicate'],
      ['bad.json', 'invalid'],
      ['x1.json', 'other-bank'],
    ]);
    expect(skipped[2]!.message).toContain('fixture-bank 2.0.0');
  });

  it('keeps the copy whose source sorts first, whatever order the files arrive in', () => {
    const [record] = recordsFromMatrix(small, matrix);
    const collector = new AttemptCollector();
    collector.add(record!, 'b.json');
    collector.add(record!, 'a.json');
    const { table, skipped } = collector.finish();
    expect(table!.rows.map((r) => r.source)).toEqual(['a.json']);
    expect(skipped.map((s) => s.source)).toEqual(['b.json']);
  });

  it('without the bank, knows every option a form showed, also when the record that showed it first is not counted', () => {
    const [first, second] = recordsFromMatrix(small, matrix);
    const writer = new FactsWriter();
    writer.record(0, first!);
    writer.record(1, second!);
    const batch = writer.flush();
    const reader = new FactsReader();
    reader.receive(batch);
    const collector = new AttemptCollector();
    // The first record only teaches (as after a JSONL file's first failure); the writer sends each item's options once.
    reader.read(batch, { record: (at, facts) => (at === 0 ? collector.learnForm(facts) : collector.addFacts(facts, 'second.json')), problem: () => undefined });
    const { table } = collector.finish();
    expect(table!.rows.map((r) => r.source)).toEqual(['second.json']);
    let checked = 0;
    for (const entry of second!.form) {
      const column = table!.items.find((c) => c.id === entry.itemId)!;
      if (column.kind !== 'single' && column.kind !== 'multiple') continue;
      expect(column.options, entry.itemId).toEqual(expect.arrayContaining([...entry.optionOrder!]));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("keeps each agent's first attempt unless asked for all", () => {
    const a = fixtureRecord(small, { id: 'late', employeeId: 'E1', startedAt: '2026-11-21T09:00:00.000Z', answers: matrix[0]!.map((x, i) => ({ score: x, response: responseFor(small.items[i]!, x === 1) })) });
    const b = fixtureRecord(small, { id: 'early', employeeId: 'E1', startedAt: '2026-11-20T09:00:00.000Z', answers: matrix[4]!.map((x, i) => ({ score: x, response: responseFor(small.items[i]!, x === 1) })) });
    const collector = new AttemptCollector();
    collector.add(a, 'a');
    collector.add(b, 'b');
    const rows = collector.finish().table!.rows;
    expect(selectAttempts(rows, false).map((r) => r.id)).toEqual(['early']);
    expect(selectAttempts(rows, true).map((r) => r.id)).toEqual(['early', 'late']);
  });
});

/** Rows as analyseItems reads them, from percents and one item's scores and choice masks. */
function rowsOf(percents: number[], scores: number[], masks: number[]): AttemptRow[] {
  return percents.map((percent, r) => ({
    id: `a${r}`,
    employeeId: `E${r}`,
    name: '',
    tags: {},
    startedAt: r,
    percent,
    passed: false,
    awaiting: false,
    simulated: false,
    competency: new Float32Array(0),
    met: new Uint8Array(0),
    scores: Float32Array.of(scores[r]!),
    choices: Uint32Array.of(masks[r]!),
    timeMs: Float32Array.of(1000),
    source: `a${r}.json`,
  }));
}

describe('groups and option counts on larger random sets', () => {
  const next = random(17);

  it('marks the first and last 27% of a stable sort by percent, ties in row order', () => {
    for (const n of [2, 3, 7, 40, 501]) {
      // Few distinct percents, so that ties straddle both cut-offs.
      const percents = Array.from({ length: n }, () => Math.floor(next() * 6) * 10);
      const order = percents.map((_, i) => i).sort((a, b) => percents[a]! - percents[b]!);
      const size = Math.min(Math.max(1, Math.round(n * GROUP_SHARE)), n >> 1);
      const { upper, lower } = groupMarks(rowsOf(percents, [], []));
      expect([...lower].flatMap((x, r) => (x ? [r] : []))).toEqual(order.slice(0, size).sort((a, b) => a - b));
      expect([...upper].flatMap((x, r) => (x ? [r] : []))).toEqual(order.slice(n - size).sort((a, b) => a - b));
    }
  });

  it('gives the same statistics counted by item and total score as from columns', () => {
    const n = 500;
    const items = 6;
    // Partial credit on a few levels, some items missing from some forms, percents that rank like the totals.
    // The last item scores in hundredths: too many levels to count, so it is analysed from its column either way.
    const scores = Array.from({ length: n }, () =>
      Array.from({ length: items }, (_, c) => (next() < 0.1 ? Number.NaN : c === items - 1 ? Math.round(next() * 100) / 100 : Math.floor(next() * 3) / 2)),
    );
    const rows = scores.map((row, r) => {
      const total = row.reduce((sum, x) => sum + (Number.isNaN(x) ? 0 : x), 0);
      return {
        ...rowsOf([(100 * total) / items], [], [])[0]!,
        id: `a${r}`,
        scores: Float32Array.from(row),
        choices: Uint32Array.from(row, (x) => (Number.isNaN(x) ? 0 : x === 1 ? 1 : 2)),
        timeMs: Float32Array.from(row, () => 1000 + Math.floor(next() * 1000)),
      };
    });
    const columns = Array.from({ length: items }, (_, c) => ({ id: `q${c}`, competency: 'c', kind: 'single' as const, options: ['a', 'b'] }));
    const counted = analyseItems(rows, columns);
    const fromColumns = analyseItems(rows, columns, { maxTotals: 0 });
    counted.forEach((stats, c) => {
      const other = fromColumns[c]!;
      expect(stats.options).toEqual(other.options);
      for (const key of ['n', 'facility', 'sd', 'itemRest', 'upperLower', 'efficiency', 'meanTimeMs'] as const) expect(stats[key]).toBeCloseTo(other[key], 9);
    });
    // Independent random items: efficiency near 0 either side, but a figure for every item on both paths.
    expect(counted.every((s) => Number.isFinite(s.efficiency) && Number.isFinite(s.itemRest))).toBe(true);
  });

  it.each([4, 12])('counts each of %i options the same way an option-by-option count does', (width) => {
    const n = 300;
    const percents = Array.from({ length: n }, () => Math.round(next() * 1000) / 10);
    // Random choices, some empty multiple-response answers (the top bit alone) and some unanswered.
    const masks = Array.from({ length: n }, () => (next() < 0.1 ? 0x80000000 : next() < 0.1 ? 0 : Math.floor(next() * (1 << width))));
    const rows = rowsOf(percents, masks.map(() => (next() < 0.5 ? 1 : 0)), masks);
    const options = Array.from({ length: width }, (_, b) => `o${b}`);
    const [stats] = analyseItems(rows, [{ id: 'q', competency: 'c', kind: 'multiple', options }]);
    const { upper, lower } = groupMarks(rows);
    for (let b = 0; b < width; b += 1) {
      const chose = (r: number): boolean => ((masks[r]! >>> b) & 1) === 1;
      const count = (inGroup: (r: number) => boolean): number => masks.filter((_, r) => inGroup(r) && chose(r)).length;
      const option = stats!.options.find((o) => o.id === `o${b}`)!;
      expect(option.share).toBeCloseTo(count(() => true) / n, 12);
      expect(option.upperShare).toBeCloseTo(count((r) => upper[r] === 1) / stats!.upperN, 12);
      expect(option.lowerShare).toBeCloseTo(count((r) => lower[r] === 1) / stats!.lowerN, 12);
    }
    expect(stats!.omitted).toBeCloseTo(masks.filter((m) => m === 0).length / n, 12);
  });
});
