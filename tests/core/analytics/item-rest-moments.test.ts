import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { momentsFromColumns, momentsFromCounts, type ItemRestMoments } from '../../../src/core/analytics/item-rest-moments.js';

/** Item scores and totals as columns, and the same attempts counted by (item score, total), as analyseItems counts them. */
function bothWays(cells: Array<[x: number, total: number]>): { columns: ItemRestMoments; counts: ItemRestMoments } {
  const x = Float64Array.from(cells, ([v]) => v);
  const rest = Float64Array.from(cells, ([v, total]) => total - v);
  const totals = Float64Array.from(new Set(cells.map(([, total]) => total))).sort();
  const levels: number[] = [];
  for (const [v] of cells) if (!levels.includes(v)) levels.push(v);
  const counts = new Uint32Array(3 + levels.length * totals.length);
  for (const [v, total] of cells) counts[3 + levels.indexOf(v) * totals.length + totals.indexOf(total)]! += 1;
  return { columns: momentsFromColumns(x, rest, cells.length), counts: momentsFromCounts({ levels, totals, counts, offset: 3 }) };
}

describe('item and rest moments', () => {
  it('match the hand-worked example: x 1,1,1,0,0 with rest 2,1,0,1,0', () => {
    // Totals are x + rest: 3,2,1,1,0. cov = 0.6 / 5, var x = 1.2 / 5, var rest = 2.8 / 5; sorted pairing 1.6 / 5.
    const { columns, counts } = bothWays([[1, 3], [1, 2], [1, 1], [0, 1], [0, 0]]);
    for (const m of [columns, counts]) {
      expect(m.n).toBe(5);
      expect(m.meanX).toBeCloseTo(0.6, 12);
      expect(m.cov).toBeCloseTo(0.12, 12);
      expect(m.varX).toBeCloseTo(0.24, 12);
      expect(m.varRest).toBeCloseTo(0.56, 12);
      expect(m.covMax).toBeCloseTo(0.32, 12);
    }
  });

  it('agree, counted or from columns, on few item score levels and many tied totals', () => {
    const levels = fc.constantFrom([0, 1], [0, 0.5, 1], [0, 1 / 3, 2 / 3, 1], [-0.5, 0, 0.5, 1]);
    fc.assert(
      fc.property(levels, fc.array(fc.tuple(fc.nat(1000), fc.integer({ min: 0, max: 80 })), { minLength: 1, maxLength: 400 }), (steps, picks) => {
        const { columns, counts } = bothWays(picks.map(([pick, total]) => [steps[pick % steps.length]!, total / 2]));
        for (const key of ['n', 'meanX', 'varX', 'varRest', 'cov', 'covMax'] as const) {
          if (Number.isNaN(columns[key])) expect(counts[key]).toBeNaN();
          else expect(counts[key]).toBeCloseTo(columns[key], 9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('give an item everyone scored the same exactly no variance', () => {
    const { counts } = bothWays(Array.from({ length: 1000 }, (_, i) => [1 / 3, (i % 7) + 1 / 3]));
    expect(counts.varX).toBe(0);
    expect(counts.varRest).toBeGreaterThan(0);
  });

  it('have no spread or covariance for a single attempt, and nothing for none', () => {
    const { counts } = bothWays([[1, 2]]);
    expect(counts).toMatchObject({ n: 1, meanX: 1, varX: 0 });
    expect(counts.cov).toBeNaN();
    expect(counts.covMax).toBeNaN();
    expect(momentsFromCounts({ levels: [], totals: new Float64Array(0), counts: new Uint32Array(0), offset: 0 }).meanX).toBeNaN();
  });
});
