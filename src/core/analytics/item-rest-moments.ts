import { sortedPairingCovariance } from './sorted-pairing.js';

/** What item analysis needs from an item's scores x and the same attempts' rest scores (total minus x). All population (÷ n). */
export interface ItemRestMoments {
  n: number;
  meanX: number;
  varX: number;
  varRest: number;
  /** cov(x, rest). */
  cov: number;
  /** The largest cov(x, rest) any pairing of the two marginals allows (see sortedPairingCovariance). */
  covMax: number;
}

/**
 * The moments from the first n entries of the two columns: the definition,
 * used when the scores do not fall on few enough values to be counted.
 */
export function momentsFromColumns(x: Float64Array, rest: Float64Array, n: number): ItemRestMoments {
  if (n === 0) return { n, meanX: Number.NaN, varX: Number.NaN, varRest: Number.NaN, cov: Number.NaN, covMax: Number.NaN };
  let meanX = 0;
  let meanRest = 0;
  for (let i = 0; i < n; i += 1) {
    meanX += x[i]!;
    meanRest += rest[i]!;
  }
  meanX /= n;
  meanRest /= n;
  // The means are known here, so the covariance's products come in the same pass as the squares.
  let ssX = 0;
  let ssRest = 0;
  let products = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = x[i]! - meanX;
    const dr = rest[i]! - meanRest;
    ssX += dx * dx;
    ssRest += dr * dr;
    products += dx * dr;
  }
  const many = n > 1;
  return {
    n,
    meanX,
    varX: ssX / n,
    varRest: many ? ssRest / n : Number.NaN,
    cov: many ? products / n : Number.NaN,
    covMax: many ? sortedPairingCovariance(x, rest, n) : Number.NaN,
  };
}

/**
 * An item's attempts counted by item score and total score: `counts[l * totals.length + t]`
 * attempts scored `levels[l]` on the item and `totals[t]` on the whole test.
 */
export interface JointCounts {
  /** The item's distinct scores, in any order. */
  levels: ArrayLike<number>;
  /** The distinct totals, ascending. */
  totals: Float64Array;
  counts: Uint32Array;
  /** Where this item's counts start in `counts`. */
  offset: number;
}

/**
 * The same moments from counts. Item scores take a handful of values and
 * totals a few hundred, so 100,000 attempts are a few hundred counts per item:
 * every sum below runs over those, in two passes (means first), so an item
 * everyone scored the same on has exactly no variance. The rest score of a
 * cell is totals[t] − levels[l], the same subtraction the columns make.
 */
export function momentsFromCounts({ levels, totals, counts, offset }: JointCounts): ItemRestMoments {
  const T = totals.length;
  // Levels ascending, with their counts: the sorted item column is these runs.
  const order = Array.from({ length: levels.length }, (_, l) => l).sort((a, b) => levels[a]! - levels[b]!);
  const runs = order.map((l) => {
    let count = 0;
    for (let t = 0; t < T; t += 1) count += counts[offset + l * T + t]!;
    return { l, value: levels[l]!, count };
  });
  const n = runs.reduce((sum, run) => sum + run.count, 0);
  if (n === 0) return { n, meanX: Number.NaN, varX: Number.NaN, varRest: Number.NaN, cov: Number.NaN, covMax: Number.NaN };
  const meanX = runs.reduce((sum, run) => sum + run.value * run.count, 0) / n;
  let meanRest = 0;
  for (const { l, value } of runs) {
    for (let t = 0; t < T; t += 1) meanRest += counts[offset + l * T + t]! * (totals[t]! - value);
  }
  meanRest /= n;
  let ssX = 0;
  let ssRest = 0;
  let products = 0;
  for (const { l, value, count } of runs) {
    const dx = value - meanX;
    ssX += count * dx * dx;
    for (let t = 0; t < T; t += 1) {
      const m = counts[offset + l * T + t]!;
      if (m === 0) continue;
      const dr = totals[t]! - value - meanRest;
      ssRest += m * dr * dr;
      products += m * dx * dr;
    }
  }
  const many = n > 1;
  return {
    n,
    meanX,
    varX: ssX / n,
    varRest: many ? ssRest / n : Number.NaN,
    cov: many ? products / n : Number.NaN,
    covMax: many ? sortedPairingFromCounts(runs, totals, counts, offset, meanX, meanRest) / n : Number.NaN,
  };
}

/**
 * Σ (x₍ᵢ₎ − x̄)(r₍ᵢ₎ − r̄) with both columns sorted: the rest scores of each
 * level are ascending in t, so merging the levels' lists walks every rest
 * score in order, and each run of the sorted x takes the next `count` of them.
 */
function sortedPairingFromCounts(
  runs: ReadonlyArray<{ l: number; value: number; count: number }>,
  totals: Float64Array,
  counts: Uint32Array,
  offset: number,
  meanX: number,
  meanRest: number,
): number {
  const T = totals.length;
  const next = new Int32Array(runs.length);
  let block = 0;
  let room = runs[0]!.count;
  let products = 0;
  for (;;) {
    // The smallest rest score not yet taken, over the levels' lists.
    let pick = -1;
    let least = Number.POSITIVE_INFINITY;
    for (let j = 0; j < runs.length; j += 1) {
      const { l, value } = runs[j]!;
      let t = next[j]!;
      while (t < T && counts[offset + l * T + t] === 0) t += 1;
      next[j] = t;
      if (t < T && totals[t]! - value < least) {
        least = totals[t]! - value;
        pick = j;
      }
    }
    if (pick < 0) return products;
    let left = counts[offset + runs[pick]!.l * T + next[pick]!]!;
    next[pick] = next[pick]! + 1;
    const dr = least - meanRest;
    while (left > 0) {
      while (room === 0) room = runs[++block]!.count;
      const take = Math.min(left, room);
      products += (runs[block]!.value - meanX) * take * dr;
      left -= take;
      room -= take;
    }
  }
}
