/** Summary of one sample. Moments use the sample-adjusted estimators G1 and G2 (Excel SKEW and KURT). */
export interface Description {
  n: number;
  mean: number;
  median: number;
  /** Sample standard deviation (n − 1). */
  sd: number;
  min: number;
  max: number;
  /** G1 = n / ((n−1)(n−2)) · Σ((x−m)/s)³; NaN below 3 values or with no spread. */
  skewness: number;
  /** G2 = n(n+1)/((n−1)(n−2)(n−3)) · Σ((x−m)/s)⁴ − 3(n−1)²/((n−2)(n−3)); NaN below 4 values or with no spread. */
  kurtosis: number;
}

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += values[i]!;
  return sum / values.length;
}

/** Sample variance (n − 1); NaN below two values. */
export function variance(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < n; i += 1) ss += (values[i]! - m) ** 2;
  return ss / (n - 1);
}

export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Count, mean and sample standard deviation: `describe` without the sorting and the higher moments. */
export function spread(values: ArrayLike<number>): { n: number; mean: number; sd: number } {
  return { n: values.length, mean: mean(values), sd: Math.sqrt(variance(values)) };
}

export function describe(values: ArrayLike<number>): Description {
  const n = values.length;
  const m = mean(values);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let m2 = 0;
  for (let i = 0; i < n; i += 1) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    m2 += (v - m) ** 2;
  }
  const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : Number.NaN;
  let s3 = 0;
  let s4 = 0;
  if (sd > 0) {
    for (let i = 0; i < n; i += 1) {
      const z = (values[i]! - m) / sd;
      // Products, not `**`: V8 calls pow() for a cube or a fourth power.
      const z2 = z * z;
      s3 += z2 * z;
      s4 += z2 * z2;
    }
  }
  const skewness = n > 2 && sd > 0 ? (n / ((n - 1) * (n - 2))) * s3 : Number.NaN;
  const kurtosis =
    n > 3 && sd > 0
      ? ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * s4 - (3 * (n - 1) ** 2) / ((n - 2) * (n - 3))
      : Number.NaN;
  return { n, mean: m, median: median(values), sd, min: n ? min : Number.NaN, max: n ? max : Number.NaN, skewness, kurtosis };
}

/** Population covariance (over n) of the first n pairs of x and y. */
export function covariance(x: ArrayLike<number>, y: ArrayLike<number>, n: number): number {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i += 1) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let s = 0;
  for (let i = 0; i < n; i += 1) s += (x[i]! - mx) * (y[i]! - my);
  return s / n;
}

/** Pearson correlation over paired values; NaN when either side has no spread. */
export function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}
