import { mean } from './descriptive.js';
import { tQuantile } from './student-t.js';

/**
 * Paired comparison of after − before. The effect size is Cohen's d_z (mean
 * difference over the SD of the differences), the natural one for a paired
 * design: it is what the paired t statistic divides by √n.
 */
export interface PairedComparison {
  n: number;
  meanBefore: number;
  meanAfter: number;
  meanDifference: number;
  sdDifference: number;
  /** Confidence interval of the mean difference from the t distribution with n − 1 df. */
  ci: [number, number];
  confidence: number;
  t: number;
  df: number;
  /** Cohen's d_z = mean difference / SD of differences. */
  dz: number;
}

export function pairedComparison(before: ArrayLike<number>, after: ArrayLike<number>, confidence = 0.95): PairedComparison {
  const n = before.length;
  const diff = new Float64Array(n);
  for (let i = 0; i < n; i += 1) diff[i] = after[i]! - before[i]!;
  const md = mean(diff);
  let ss = 0;
  for (let i = 0; i < n; i += 1) ss += (diff[i]! - md) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN;
  const df = n - 1;
  const se = sd / Math.sqrt(n);
  const q = df > 0 ? tQuantile(1 - (1 - confidence) / 2, df) : Number.NaN;
  return {
    n,
    meanBefore: mean(before),
    meanAfter: mean(after),
    meanDifference: md,
    sdDifference: sd,
    ci: [md - q * se, md + q * se],
    confidence,
    t: se > 0 ? md / se : Number.NaN,
    df,
    dz: sd > 0 ? md / sd : Number.NaN,
  };
}
