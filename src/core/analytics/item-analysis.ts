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

function groupMarks(rows: readonly AttemptRow[]): { upper: Uint8Array; lower: Uint8Array } {
  const n = rows.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rows[a]!.percent - rows[b]!.percent);
  const size = Math.max(1, Math.round(n * GROUP_SHARE));
  const upper = new Uint8Array(n);
  const lower = new Uint8Array(n);
  if (n >= 2) {
    for (let i = 0; i < Math.min(size, n >> 1); i += 1) {
      lower[order[i]!] = 1;
      upper[order[n - 1 - i]!] = 1;
    }
  }
  return { upper, lower };
}

function rowTotals(rows: readonly AttemptRow[]): Float64Array {
  const totals = new Float64Array(rows.length);
  rows.forEach((row, r) => {
    let total = 0;
    for (let c = 0; c < row.scores.length; c += 1) {
      const x = row.scores[c]!;
      if (!Number.isNaN(x)) total += x;
    }
    totals[r] = total;
  });
  return totals;
}

/**
 * The rows' item arrays copied column by column, so that each item's pass
 * reads memory in order instead of visiting 100,000 row objects per item.
 */
function columns(rows: readonly AttemptRow[], k: number): { scores: Float32Array; choices: Uint32Array; timeMs: Float32Array } {
  const n = rows.length;
  const scores = new Float32Array(n * k).fill(Number.NaN);
  const choices = new Uint32Array(n * k);
  const timeMs = new Float32Array(n * k);
  for (let r = 0; r < n; r += 1) {
    const row = rows[r]!;
    const m = Math.min(k, row.scores.length);
    for (let c = 0; c < m; c += 1) {
      scores[c * n + r] = row.scores[c]!;
      choices[c * n + r] = row.choices[c]!;
      timeMs[c * n + r] = row.timeMs[c]!;
    }
  }
  return { scores, choices, timeMs };
}

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
    const optionCount = new Float64Array(column.options.length);
    const optionUpper = new Float64Array(column.options.length);
    const optionLower = new Float64Array(column.options.length);
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
      for (let b = 0; b < column.options.length; b += 1) {
        if ((mask >>> b) & 1) {
          optionCount[b] = optionCount[b]! + 1;
          if (upper[r]) optionUpper[b] = optionUpper[b]! + 1;
          else if (lower[r]) optionLower[b] = optionLower[b]! + 1;
        }
      }
    }
    const xs = x.subarray(0, n);
    const rs = rest.subarray(0, n);
    let mean = 0;
    for (let i = 0; i < n; i += 1) mean += xs[i]!;
    mean = n ? mean / n : Number.NaN;
    let ss = 0;
    for (let i = 0; i < n; i += 1) ss += (xs[i]! - mean) ** 2;
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
