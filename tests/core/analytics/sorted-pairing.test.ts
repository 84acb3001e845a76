import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedPairingCovariance } from '../../../src/core/analytics/sorted-pairing.js';

/** The definition: sort both columns, pair them in order, take the covariance. */
function bySorting(x: number[], r: number[]): number {
  const xs = Float64Array.from(x).sort();
  const rs = Float64Array.from(r).sort();
  const n = x.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const mr = rs.reduce((s, v) => s + v, 0) / n;
  let s = 0;
  for (let i = 0; i < n; i += 1) s += (xs[i]! - mx) * (rs[i]! - mr);
  return s / n;
}

describe('sortedPairingCovariance', () => {
  it('pairs the sorted columns, worked by hand', () => {
    // Sorted: x 0,0,1,1,1 with r 0,1,2,2,3; means 0.6 and 1.6.
    // Σ(x−0.6)(r−1.6) = 0.96 + 0.36 + 0.16 + 0.16 + 0.56 = 2.2; / 5 = 0.44.
    expect(sortedPairingCovariance(Float64Array.of(1, 0, 1, 1, 0), Float64Array.of(2, 3, 0, 1, 2), 5)).toBeCloseTo(0.44, 12);
  });

  it('agrees with sorting both columns, for item scores on a few levels and rest scores with many ties', () => {
    const levels = fc.constantFrom([0, 1], [0, 0.5, 1], [0, 1 / 3, 2 / 3, 1], [-0.5, 0, 0.5, 1]);
    fc.assert(
      fc.property(levels, fc.array(fc.tuple(fc.nat(1000), fc.integer({ min: 0, max: 40 })), { minLength: 2, maxLength: 400 }), (steps, rows) => {
        const x = rows.map(([pick]) => steps[pick % steps.length]!);
        const r = rows.map(([, rest]) => rest / 2);
        expect(sortedPairingCovariance(Float64Array.from(x), Float64Array.from(r), rows.length)).toBeCloseTo(bySorting(x, r), 9);
      }),
      { numRuns: 300 },
    );
  });

  it('falls back to sorting when item scores take many values, and reads only the first n entries', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true })), { minLength: 2, maxLength: 300 }), (rows) => {
        const x = rows.map(([a]) => a);
        const r = rows.map(([, b]) => b);
        const padded = (v: number[]) => Float64Array.from([...v, 99, -99]);
        expect(sortedPairingCovariance(padded(x), padded(r), rows.length)).toBeCloseTo(bySorting(x, r), 9);
      }),
      { numRuns: 200 },
    );
  });

  it('is never below the covariance of the pairing as given', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(0, 0.5, 1), fc.integer({ min: 0, max: 60 })), { minLength: 2, maxLength: 200 }), (rows) => {
        const x: number[] = rows.map(([a]) => a);
        const r = rows.map(([, b]) => b);
        const n = rows.length;
        const mx = x.reduce((s, v) => s + v, 0) / n;
        const mr = r.reduce((s, v) => s + v, 0) / n;
        const asGiven = x.reduce((s, v, i) => s + (v - mx) * (r[i]! - mr), 0) / n;
        expect(sortedPairingCovariance(Float64Array.from(x), Float64Array.from(r), n)).toBeGreaterThanOrEqual(asGiven - 1e-9);
      }),
    );
  });
});
