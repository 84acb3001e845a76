import { describe, expect, it } from 'vitest';
import { cronbachAlpha, errorRatio, standardError } from '../../../src/core/analytics/reliability.js';

// Karl Wuensch's KR-20 worked example (East Carolina University, StatHelp
// "KR20.txt", https://core.ecu.edu/wuenschk/StatHelp/KR20.txt): ten students,
// ten 0/1 items. The page prints each item's p·q (.21 .21 .24 .21 .24 .16 .21
// .21 .25 .24, summing to 2.18) and the variance of the totals, 5.84
// (population form); KR-20 is then 10/9 · (1 − 2.18/5.84) = 0.6964.
const wuensch = [
  [1, 1, 1, 1, 1, 1, 0, 1, 1, 0],
  [1, 0, 1, 1, 0, 1, 1, 1, 0, 1],
  [1, 1, 1, 1, 0, 1, 1, 0, 0, 1],
  [0, 0, 1, 0, 0, 0, 1, 0, 0, 0],
  [0, 0, 0, 0, 0, 1, 0, 0, 1, 0],
  [1, 1, 1, 0, 1, 1, 1, 1, 1, 1],
  [1, 1, 0, 1, 1, 1, 0, 1, 1, 1],
  [1, 1, 1, 1, 1, 1, 1, 1, 0, 1],
  [0, 1, 0, 1, 1, 1, 1, 1, 0, 1],
  [1, 1, 0, 1, 1, 0, 1, 1, 1, 0],
];

describe('cronbachAlpha', () => {
  it("reproduces Wuensch's KR-20 example: Σpq 2.18, total variance 5.84, KR-20 0.696", () => {
    const r = cronbachAlpha(wuensch.flat(), 10, 10);
    expect(r.dichotomous).toBe(true);
    expect(r.sumItemVariance).toBeCloseTo(2.18, 10);
    expect(r.totalVariance).toBeCloseTo(5.84, 10);
    expect(r.alpha).toBeCloseTo((10 / 9) * (1 - 2.18 / 5.84), 10);
    expect(r.alpha).toBeCloseTo(0.696, 3);
  });

  it('is alpha (not KR-20) for fractional scores, by the same formula', () => {
    // By hand: items (1, .5), (.5, .5), (0, 0): item variances 1/6 and 1/18, totals 1.5, 1, 0 with variance 7/18.
    const r = cronbachAlpha([1, 0.5, 0.5, 0.5, 0, 0], 3, 2);
    expect(r.dichotomous).toBe(false);
    expect(r.alpha).toBeCloseTo(2 * (1 - (1 / 6 + 1 / 18) / (7 / 18)), 12);
  });

  it('is undefined when the totals do not vary or there is one item', () => {
    expect(cronbachAlpha([1, 1, 1, 1], 2, 2).alpha).toBeNaN();
    expect(cronbachAlpha([1, 0], 2, 1).alpha).toBeNaN();
  });
});

describe('standard error and error ratio', () => {
  it('SEM = SD·√(1 − alpha); error ratio = 100·√(1 − alpha) (Moodle quiz statistics)', () => {
    expect(standardError(10, 0.91)).toBeCloseTo(3, 12);
    expect(errorRatio(0.75)).toBeCloseTo(50, 12);
    expect(errorRatio(1.2)).toBe(0);
  });
});
