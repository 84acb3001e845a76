import { describe, expect, it } from 'vitest';
import { correlation, describe as describeSample, median, spread } from '../../../src/core/analytics/descriptive.js';

// Microsoft's documentation of Excel's SKEW and KURT uses the same ten values:
// SKEW(3,4,5,2,3,4,5,6,4,7) = 0.359543 and KURT(3,4,5,2,3,4,5,6,4,7) = -0.151799637
// (https://support.microsoft.com/office/skew-function-bdf49d86-b1ef-4804-a046-28eaea69c9fa,
//  https://support.microsoft.com/office/kurt-function-bc3a265c-5da4-4dcb-b7fd-c237789095ab).
const excel = [3, 4, 5, 2, 3, 4, 5, 6, 4, 7];

describe('describe', () => {
  it('matches Excel SKEW and KURT (sample-adjusted G1 and G2) on the documented example', () => {
    const d = describeSample(excel);
    expect(d.skewness).toBeCloseTo(0.359543, 6);
    expect(d.kurtosis).toBeCloseTo(-0.151799637, 8);
  });

  it('gives the mean, the sample SD (n − 1) and the median of the same values', () => {
    // Σx = 43, Σx² = 205: mean 4.3, variance (205 − 43²/10) / 9 = 20.1 / 9.
    const d = describeSample(excel);
    expect(d.mean).toBeCloseTo(4.3, 12);
    expect(d.sd).toBeCloseTo(Math.sqrt(20.1 / 9), 12);
    expect(d.median).toBe(4);
    expect([d.min, d.max]).toEqual([2, 7]);
  });

  it('spread gives the same count, mean and SD without the rest', () => {
    expect(spread(excel).mean).toBeCloseTo(4.3, 12);
    expect(spread(excel).sd).toBeCloseTo(Math.sqrt(20.1 / 9), 12);
    expect(spread(excel).n).toBe(10);
    expect(spread([7]).sd).toBeNaN();
    expect(spread([]).mean).toBeNaN();
  });

  it.each([
    [[1], 1],
    [[4, 1, 3, 2], 2.5],
    [[5, 1, 3], 3],
  ])('median of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('leaves moments undefined (NaN) when there is no spread or too few values', () => {
    expect(describeSample([5, 5, 5, 5]).skewness).toBeNaN();
    expect(describeSample([1, 2]).kurtosis).toBeNaN();
    expect(describeSample([]).mean).toBeNaN();
  });

  it('correlates perfectly linear data at ±1', () => {
    expect(correlation([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(correlation([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 12);
    expect(correlation([1, 2, 3], [5, 5, 5])).toBeNaN();
  });
});
