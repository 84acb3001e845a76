import { describe, expect, it } from 'vitest';
import { pairedComparison } from '../../../src/core/analytics/paired.js';

// R's datasets::sleep (Student 1908; Cushny & Peebles 1905): extra hours of
// sleep for ten patients under two drugs. R's documentation runs
// `t.test(extra ~ group, data = sleep, paired = TRUE)` and prints
// t = -4.0621, df = 9, 95 percent CI -2.4598858 -0.7001142, mean difference -1.58
// (group 1 − group 2). Here "before" is group 2 and "after" group 1, so the
// difference after − before has the same sign as R's.
const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('pairedComparison', () => {
  const result = pairedComparison(group2, group1);

  it('matches R t.test(paired = TRUE) on the sleep data', () => {
    expect(result.n).toBe(10);
    expect(result.df).toBe(9);
    expect(result.meanDifference).toBeCloseTo(-1.58, 10);
    expect(result.t).toBeCloseTo(-4.0621, 4);
    expect(result.ci[0]).toBeCloseTo(-2.4598858, 6);
    expect(result.ci[1]).toBeCloseTo(-0.7001142, 6);
  });

  it("gives Cohen's d_z as t / √n", () => {
    expect(result.dz).toBeCloseTo(result.t / Math.sqrt(10), 12);
    expect(result.dz).toBeCloseTo(-4.0621 / Math.sqrt(10), 4);
  });

  it('reports the means of both sides', () => {
    expect(result.meanBefore).toBeCloseTo(2.33, 10);
    expect(result.meanAfter).toBeCloseTo(0.75, 10);
  });

  it('has no interval from a single pair', () => {
    const one = pairedComparison([50], [60]);
    expect(one.meanDifference).toBe(10);
    expect(one.ci[0]).toBeNaN();
    expect(one.dz).toBeNaN();
  });
});
