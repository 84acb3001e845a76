import type { AttemptRow, ItemColumn } from './attempt-table.js';
import { covariance } from './descriptive.js';
import { sortedPairingCovariance } from './sorted-pairing.js';

/** Share of the top and bottom of the score ranking used for the upper–lower index (Kelley's 27%). */
export const GROUP_SHARE = 0.27;

export interface OptionStats {
  id: string;
  text?: string;
  key: boolean;
  /** Share of the attempts that saw the item and chose this option. */
  share: number;
  upperShare: number;
  lowerShare: number;
}

export interface ItemStats {
  id: string;
  competency: string;
  kind: ItemColumn['kind'];
  /** Attempts whose form had the item. */
  n: number;
  /** Mean item score over its maximum (1): the share of the item's points earned. */
  facility: number;
  sd: number;
  /** Correlation of the item score with the rest of the test (total minus this item). */
  itemRest: number;
  /** Mean score in the top 27% minus mean score in the bottom 27%, ranked by overall percent. */
  upperLower: number;
  /** Moodle: 100 · cov(item, rest) / the largest covariance the same marginals allow. */
  efficiency: number;
  meanTimeMs: number;
  /** Attempts in the top and bottom groups that had the item. */
  upperN: number;
  lowerN: number;
  /** Share of attempts that left it unanswered (choice items only). */
  omitted: number;
  options: OptionStats[];
}

/**
 * The attempts in the bottom and top `GROUP_SHARE` by overall percent: the
 * first and last rows of a stable sort by percent (ties in row order), found
 * from the two cut-off values instead of sorting the rows.
 */
export function groupMarks(rows: readonly AttemptRow[]): { upper: Uint8Array; lower: Uint8Array } {
  const n = rows.length;
  const upper = new Uint8Array(n);
  const lower = new Uint8Array(n);
  const size = Math.min(Math.max(1, Math.round(n * GROUP_SHARE)), n >> 1);
  if (size === 0) return { upper, lower };
  const percents = new Float64Array(n);
  for (let r = 0; r < n; r += 1) percents[r] = rows[r]!.percent;
  const sorted = percents.slice().sort();
  const low = sorted[size - 1]!;
  const high = sorted[n - size]!;
  // Rows at a cut-off value fill what the rows beyond it leave: the first ones in row order at the bottom, the last at the top.
  let lowFirst = size - 1;
  while (lowFirst > 0 && sorted[lowFirst - 1] === low) lowFirst -= 1;
  let lowTies = size - lowFirst;
  let highLast = n - size;
  while (highLast < n - 1 && sorted[highLast + 1] === high) highLast += 1;
  let highTies = size - (n - 1 - highLast);
  for (let r = 0; r < n; r += 1) {
    const p = percents[r]!;
    if (p < low || (p === low && lowTies-- > 0)) lower[r] = 1;
  }
  for (let r = n - 1; r >= 0; r -= 1) {
    const p = percents[r]!;
    if (p > high || (p === high && highTies-- > 0)) upper[r] = 1;
  }
  return { upper, lower };
}

function rowTotals(rows: readonly AttemptRow[]): Float64Array {
  const totals = new Float64Array(rows.length);
  rows.forEach((row, r) => {
    const scores = row.scores;
    let total = 0;
    for (let c = 0; c < scores.length; c += 1) {
      const x = scores[c]!;
      if (!Number.isNaN(x)) total += x;
    }
    totals[r] = total;
  });
  return totals;
}

/** Rows per block when copying rows into columns. */
const BLOCK = 64;

/**
 * The rows' item arrays copied column by column, so that each item's pass
 * reads memory in order instead of visiting 100,000 row objects per item.
 * Copied a block of rows at a time: row by row, each row's values land in k
 * places far apart (a cache miss and, at 100,000 rows, a page apart each).
 */
function columns(rows: readonly AttemptRow[], k: number): { scores: Float32Array; choices: Uint32Array; timeMs: Float32Array } {
  const n = rows.length;
  const scores = new Float32Array(n * k).fill(Number.NaN);
  const choices = new Uint32Array(n * k);
  const timeMs = new Float32Array(n * k);
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    for (let c = 0; c < k; c += 1) {
      const at = c * n;
      for (let r = from; r < to; r += 1) {
        const row = rows[r]!;
        if (c >= row.scores.length) continue;
        scores[at + r] = row.scores[c]!;
        choices[at + r] = row.choices[c]!;
        timeMs[at + r] = row.timeMs[c]!;
      }
    }
  }
  return { scores, choices, timeMs };
}

/** Up to this many options, choices are counted per distinct mask and spread to options once, not option by option per attempt. */
const MASK_BITS = 8;

/** Statistics for every item column over the given attempts. */
export function analyseItems(rows: readonly AttemptRow[], items: readonly ItemColumn[]): ItemStats[] {
  const totals = rowTotals(rows);
  const { upper, lower } = groupMarks(rows);
  const x = new Float64Array(rows.length);
  const rest = new Float64Array(rows.length);
  const N = rows.length;
  const cols = columns(rows, items.length);
  return items.map((column, c) => {
    const base = c * N;
    let n = 0;
    let upperN = 0;
    let lowerN = 0;
    let upperSum = 0;
    let lowerSum = 0;
    let timeSum = 0;
    let omitted = 0;
    const width = column.options.length;
    const optionCount = new Float64Array(width);
    const optionUpper = new Float64Array(width);
    const optionLower = new Float64Array(width);
    const byMask = width <= MASK_BITS;
    const maskBits = (1 << width) - 1;
    const maskCount = new Float64Array(byMask ? 1 << width : 0);
    const maskUpper = new Float64Array(maskCount.length);
    const maskLower = new Float64Array(maskCount.length);
    for (let r = 0; r < N; r += 1) {
      const score = cols.scores[base + r]!;
      if (Number.isNaN(score)) continue;
      x[n] = score;
      rest[n] = totals[r]! - score;
      n += 1;
      timeSum += cols.timeMs[base + r]!;
      if (upper[r]) {
        upperN += 1;
        upperSum += score;
      } else if (lower[r]) {
        lowerN += 1;
        lowerSum += score;
      }
      const mask = cols.choices[base + r]!;
      if (column.kind !== 'other' && mask === 0) omitted += 1;
      if (byMask) {
        const m = mask & maskBits;
        maskCount[m] = maskCount[m]! + 1;
        if (upper[r]) maskUpper[m] = maskUpper[m]! + 1;
        else if (lower[r]) maskLower[m] = maskLower[m]! + 1;
        continue;
      }
      for (let b = 0; b < width; b += 1) {
        if ((mask >>> b) & 1) {
          optionCount[b] = optionCount[b]! + 1;
          if (upper[r]) optionUpper[b] = optionUpper[b]! + 1;
          else if (lower[r]) optionLower[b] = optionLower[b]! + 1;
        }
      }
    }
    for (let m = 1; m < maskCount.length; m += 1) {
      for (let b = 0; b < width; b += 1) {
        if ((m >>> b) & 1) {
          optionCount[b] = optionCount[b]! + maskCount[m]!;
          optionUpper[b] = optionUpper[b]! + maskUpper[m]!;
          optionLower[b] = optionLower[b]! + maskLower[m]!;
        }
      }
    }
    const xs = x.subarray(0, n);
    const rs = rest.subarray(0, n);
    let mean = 0;
    for (let i = 0; i < n; i += 1) mean += xs[i]!;
    mean = n ? mean / n : Number.NaN;
    let ss = 0;
    for (let i = 0; i < n; i += 1) {
      const d = xs[i]! - mean;
      ss += d * d;
    }
    const cov = n > 1 ? covariance(xs, rs, n) : Number.NaN;
    const varX = n ? ss / n : Number.NaN;
    let varRest = 0;
    if (n > 1) {
      let mr = 0;
      for (let i = 0; i < n; i += 1) mr += rs[i]!;
      mr /= n;
      for (let i = 0; i < n; i += 1) varRest += (rs[i]! - mr) ** 2;
      varRest /= n;
    }
    const itemRest = varX > 0 && varRest > 0 ? cov / Math.sqrt(varX * varRest) : Number.NaN;
    const covMax = n > 1 ? sortedPairingCovariance(xs, rs, n) : Number.NaN;
    const efficiency = covMax > 0 ? (100 * cov) / covMax : Number.NaN;
    const keys = column.key ?? inferKey(column, cols.scores.subarray(base, base + N), cols.choices.subarray(base, base + N));
    const options: OptionStats[] = column.options.map((id, b) => ({ id, b })).sort((x, y) => (column.key || x.id === y.id ? 0 : x.id < y.id ? -1 : 1)).map(({ id, b }) => ({
      id,
      ...(column.optionText?.[id] !== undefined ? { text: column.optionText[id] } : {}),
      key: keys.includes(id),
      share: n ? optionCount[b]! / n : Number.NaN,
      upperShare: upperN ? optionUpper[b]! / upperN : Number.NaN,
      lowerShare: lowerN ? optionLower[b]! / lowerN : Number.NaN,
    }));
    return {
      id: column.id,
      competency: column.competency,
      kind: column.kind,
      n,
      facility: mean,
      sd: n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN,
      itemRest,
      upperLower: upperN && lowerN ? upperSum / upperN - lowerSum / lowerN : Number.NaN,
      efficiency,
      meanTimeMs: n ? timeSum / n : Number.NaN,
      upperN,
      lowerN,
      omitted: n && column.kind !== 'other' ? omitted / n : 0,
      options,
    };
  });
}

/**
 * Without the bank, the key is what full-score answers have in common: the
 * options every attempt scoring 1 on the item chose.
 */
function inferKey(column: ItemColumn, scores: Float32Array, choices: Uint32Array): string[] {
  if (column.kind === 'other') return [];
  let common = 0xffffffff;
  let any = false;
  for (let r = 0; r < scores.length; r += 1) {
    if (scores[r] === 1 && choices[r]) {
      common = (common & choices[r]!) >>> 0;
      any = true;
    }
  }
  if (!any) return [];
  return column.options.filter((_, b) => (common >>> b) & 1);
}
