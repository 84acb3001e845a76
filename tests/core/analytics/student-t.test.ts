import { describe, expect, it } from 'vitest';
import { tCdf, tQuantile } from '../../../src/core/analytics/student-t.js';

// Upper critical values of Student's t from the NIST/SEMATECH e-Handbook of
// Statistical Methods, table 1.3.6.7.2 (https://www.itl.nist.gov/div898/handbook/eda/section3/eda3672.htm),
// printed to three decimals; the 0.975 column is the two-sided 95% value.
const nist: Array<[df: number, p: number, t: number]> = [
  [1, 0.975, 12.706],
  [2, 0.975, 4.303],
  [5, 0.975, 2.571],
  [9, 0.975, 2.262],
  [10, 0.95, 1.812],
  [30, 0.975, 2.042],
  [100, 0.975, 1.984],
  [5, 0.995, 4.032],
  [20, 0.9, 1.325],
];

describe('Student t', () => {
  it.each(nist)('t(%d) quantile at %d matches the NIST table (%d)', (df, p, t) => {
    expect(tQuantile(p, df)).toBeCloseTo(t, 3);
    expect(tQuantile(1 - p, df)).toBeCloseTo(-t, 3);
  });

  it('has the closed-form CDF for 1 and 2 degrees of freedom', () => {
    // df = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/π; df = 2: F(t) = 1/2 + t / (2√(2 + t²)).
    for (const t of [-3, -0.5, 0, 0.7, 4]) {
      expect(tCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 10);
      expect(tCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 10);
    }
  });

  it('approaches the normal 97.5% point 1.959964 for large df', () => {
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.959964, 4);
  });

  it('refuses probabilities outside (0, 1)', () => {
    expect(tQuantile(0, 5)).toBeNaN();
    expect(tQuantile(1, 5)).toBeNaN();
    expect(tQuantile(0.5, 5)).toBe(0);
  });
});
