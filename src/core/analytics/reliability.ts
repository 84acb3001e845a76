/**
 * Internal consistency of a complete score matrix (row-major, n attempts × k
 * items). Population variances (÷ n) throughout: the ratio is the same as with
 * n − 1 as long as both sides use one convention, and for 0/1 items the item
 * variance is then exactly p·q, so this *is* KR-20 for dichotomous items.
 */
export interface Reliability {
  /** Cronbach's alpha (equal to KR-20 when every score is 0 or 1). */
  alpha: number;
  /** True when every score is 0 or 1, so the figure is KR-20. */
  dichotomous: boolean;
  items: number;
  attempts: number;
  sumItemVariance: number;
  totalVariance: number;
}

export function cronbachAlpha(matrix: ArrayLike<number>, n: number, k: number): Reliability {
  const itemSum = new Float64Array(k);
  const itemSq = new Float64Array(k);
  let totalSum = 0;
  let totalSq = 0;
  let dichotomous = true;
  for (let r = 0; r < n; r += 1) {
    let total = 0;
    for (let c = 0; c < k; c += 1) {
      const x = matrix[r * k + c]!;
      if (x !== 0 && x !== 1) dichotomous = false;
      itemSum[c] = itemSum[c]! + x;
      itemSq[c] = itemSq[c]! + x * x;
      total += x;
    }
    totalSum += total;
    totalSq += total * total;
  }
  let sumItemVariance = 0;
  for (let c = 0; c < k; c += 1) sumItemVariance += itemSq[c]! / n - (itemSum[c]! / n) ** 2;
  const totalVariance = totalSq / n - (totalSum / n) ** 2;
  const alpha = k > 1 && n > 1 && totalVariance > 0 ? (k / (k - 1)) * (1 - sumItemVariance / totalVariance) : Number.NaN;
  return { alpha, dichotomous, items: k, attempts: n, sumItemVariance, totalVariance };
}

/** Standard error of measurement: the spread of observed scores around a candidate's true score. */
export function standardError(sd: number, alpha: number): number {
  return sd * Math.sqrt(Math.max(0, 1 - alpha));
}

/** Moodle's error ratio: the share of the score spread that is noise, 100·√(1 − alpha), in percent. */
export function errorRatio(alpha: number): number {
  return 100 * Math.sqrt(Math.max(0, 1 - alpha));
}
