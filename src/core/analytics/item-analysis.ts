import type { AttemptRow, ItemColumn } from './attempt-table.js';
import { momentsFromColumns, momentsFromCounts } from './item-rest-moments.js';
import { own } from '../own.js';

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
  /** From the bank, when the report was given one. */
  stem?: string;
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

/** Score levels counted per item; an item with more is analysed from its columns. */
const MAX_LEVELS = 16;
/** Counts kept for all items at most (items × MAX_LEVELS × distinct totals); beyond it every item is analysed from its columns. */
const MAX_COUNTS = 1 << 22;
/** Up to this many options, choices are counted per distinct mask and spread to options once, not option by option per attempt. */
const MASK_BITS = 8;

export interface AnalyseOptions {
  /**
   * Distinct totals up to which each item's attempts are counted by item and
   * total score instead of kept as columns (0: always columns, for tests).
   * @default as many as MAX_COUNTS allows
   */
  maxTotals?: number;
}

/** The distinct values of `totals`, ascending, and each row's index among them. */
function distinctTotals(totals: Float64Array): { values: Float64Array; index: Uint32Array } {
  const sorted = totals.slice().sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i += 1) if (i === 0 || sorted[i] !== sorted[distinct - 1]) sorted[distinct++] = sorted[i]!;
  const values = sorted.slice(0, distinct);
  const index = new Uint32Array(totals.length);
  for (let r = 0; r < totals.length; r += 1) {
    const v = totals[r]!;
    let lo = 0;
    let hi = distinct - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    index[r] = lo;
  }
  return { values, index };
}

/**
 * Statistics for every item column over the given attempts, from one pass
 * over the rows that keeps, per item, sums, choice counts and counts by item
 * score and total score (see momentsFromCounts): nothing per attempt and item.
 */
export function analyseItems(rows: readonly AttemptRow[], items: readonly ItemColumn[], options: AnalyseOptions = {}): ItemStats[] {
  const N = rows.length;
  const K = items.length;
  const totals = rowTotals(rows);
  const { upper, lower } = groupMarks(rows);
  const { values: totalValues, index: totalIndex } = distinctTotals(totals);
  const T = totalValues.length;
  const counted = T <= (options.maxTotals ?? Math.floor(MAX_COUNTS / Math.max(1, K * MAX_LEVELS)));

  const n = new Float64Array(K);
  const upperN = new Float64Array(K);
  const lowerN = new Float64Array(K);
  const upperSum = new Float64Array(K);
  const lowerSum = new Float64Array(K);
  const timeSum = new Float64Array(K);
  const unanswered = new Float64Array(K);
  // The options every full-score answer chose (the key, without the bank).
  const common = new Uint32Array(K).fill(0xffffffff);
  const fullScores = new Uint8Array(K);
  // Choices: per distinct mask for narrow items (choiceBase[c] into the mask arrays), per option for wide ones.
  const width = items.map((column) => column.options.length);
  const byMask = width.map((w) => w <= MASK_BITS);
  const choiceBase = new Int32Array(K);
  let choiceCells = 0;
  for (let c = 0; c < K; c += 1) {
    choiceBase[c] = choiceCells;
    choiceCells += byMask[c] ? 1 << width[c]! : width[c]!;
  }
  const choiceCount = new Float64Array(choiceCells);
  const choiceUpper = new Float64Array(choiceCells);
  const choiceLower = new Float64Array(choiceCells);
  const maskBits = Int32Array.from(width, (w, c) => (byMask[c] ? (1 << w) - 1 : -1));
  // Item score levels in the order met, and attempts counted by (item, level, total).
  const levels = new Float64Array(counted ? K * MAX_LEVELS : 0);
  const levelCount = new Uint8Array(K);
  const tooManyLevels = new Uint8Array(K);
  const counts = new Uint32Array(counted ? K * MAX_LEVELS * T : 0);

  for (let r = 0; r < N; r += 1) {
    const row = rows[r]!;
    const scores = row.scores;
    const choices = row.choices;
    const timeMs = row.timeMs;
    const length = Math.min(scores.length, K);
    const isUpper = upper[r] === 1;
    const isLower = !isUpper && lower[r] === 1;
    const t = totalIndex[r]!;
    for (let c = 0; c < length; c += 1) {
      const x = scores[c]!;
      if (Number.isNaN(x)) continue;
      n[c] = n[c]! + 1;
      timeSum[c] = timeSum[c]! + timeMs[c]!;
      if (isUpper) {
        upperN[c] = upperN[c]! + 1;
        upperSum[c] = upperSum[c]! + x;
      } else if (isLower) {
        lowerN[c] = lowerN[c]! + 1;
        lowerSum[c] = lowerSum[c]! + x;
      }
      const mask = choices[c]!;
      if (mask === 0) unanswered[c] = unanswered[c]! + 1;
      else if (x === 1) {
        common[c] = common[c]! & mask;
        fullScores[c] = 1;
      }
      const bits = maskBits[c]!;
      if (bits >= 0) {
        const m = choiceBase[c]! + (mask & bits);
        choiceCount[m] = choiceCount[m]! + 1;
        if (isUpper) choiceUpper[m] = choiceUpper[m]! + 1;
        else if (isLower) choiceLower[m] = choiceLower[m]! + 1;
      } else {
        for (let b = 0, m = choiceBase[c]!; b < width[c]!; b += 1, m += 1) {
          if ((mask >>> b) & 1) {
            choiceCount[m] = choiceCount[m]! + 1;
            if (isUpper) choiceUpper[m] = choiceUpper[m]! + 1;
            else if (isLower) choiceLower[m] = choiceLower[m]! + 1;
          }
        }
      }
      if (!counted || tooManyLevels[c]) continue;
      const first = c * MAX_LEVELS;
      const known = levelCount[c]!;
      let l = 0;
      while (l < known && levels[first + l] !== x) l += 1;
      if (l === known) {
        if (known === MAX_LEVELS) {
          tooManyLevels[c] = 1;
          continue;
        }
        levels[first + l] = x;
        levelCount[c] = known + 1;
      }
      const at = (first + l) * T + t;
      counts[at] = counts[at]! + 1;
    }
  }

  return items.map((column, c) => {
    const moments =
      counted && !tooManyLevels[c]
        ? momentsFromCounts({ levels: levels.subarray(c * MAX_LEVELS, c * MAX_LEVELS + levelCount[c]!), totals: totalValues, counts, offset: c * MAX_LEVELS * T })
        : momentsOfColumn(rows, totals, c);
    const count = n[c]!;
    const w = width[c]!;
    const optionCount = new Float64Array(w);
    const optionUpper = new Float64Array(w);
    const optionLower = new Float64Array(w);
    const base = choiceBase[c]!;
    if (byMask[c]) {
      for (let m = 1; m < 1 << w; m += 1) {
        for (let b = 0; b < w; b += 1) {
          if ((m >>> b) & 1) {
            optionCount[b] = optionCount[b]! + choiceCount[base + m]!;
            optionUpper[b] = optionUpper[b]! + choiceUpper[base + m]!;
            optionLower[b] = optionLower[b]! + choiceLower[base + m]!;
          }
        }
      }
    } else {
      optionCount.set(choiceCount.subarray(base, base + w));
      optionUpper.set(choiceUpper.subarray(base, base + w));
      optionLower.set(choiceLower.subarray(base, base + w));
    }
    const { varX, varRest, cov, covMax } = moments;
    const itemRest = varX > 0 && varRest > 0 ? cov / Math.sqrt(varX * varRest) : Number.NaN;
    const keys = column.key ?? inferredKey(column, fullScores[c] ? common[c]! : 0);
    const up = upperN[c]!;
    const low = lowerN[c]!;
    const options: OptionStats[] = column.options
      .map((id, b) => ({ id, b }))
      .sort((x, y) => (column.key || x.id === y.id ? 0 : x.id < y.id ? -1 : 1))
      .map(({ id, b }) => ({
        id,
        ...(own(column.optionText, id) !== undefined ? { text: own(column.optionText, id) } : {}),
        key: keys.includes(id),
        share: count ? optionCount[b]! / count : Number.NaN,
        upperShare: up ? optionUpper[b]! / up : Number.NaN,
        lowerShare: low ? optionLower[b]! / low : Number.NaN,
      }));
    return {
      id: column.id,
      ...(column.stem !== undefined ? { stem: column.stem } : {}),
      competency: column.competency,
      kind: column.kind,
      n: count,
      facility: moments.meanX,
      sd: count > 1 ? Math.sqrt((varX * count) / (count - 1)) : Number.NaN,
      itemRest,
      upperLower: up && low ? upperSum[c]! / up - lowerSum[c]! / low : Number.NaN,
      efficiency: covMax > 0 ? (100 * cov) / covMax : Number.NaN,
      meanTimeMs: count ? timeSum[c]! / count : Number.NaN,
      upperN: up,
      lowerN: low,
      omitted: count && column.kind !== 'other' ? unanswered[c]! / count : 0,
      options,
    };
  });
}

/** One item's scores and rest scores as columns, for an item whose scores take too many values to count. */
function momentsOfColumn(rows: readonly AttemptRow[], totals: Float64Array, c: number) {
  const x = new Float64Array(rows.length);
  const rest = new Float64Array(rows.length);
  let n = 0;
  rows.forEach((row, r) => {
    const score = c < row.scores.length ? row.scores[c]! : Number.NaN;
    if (Number.isNaN(score)) return;
    x[n] = score;
    rest[n] = totals[r]! - score;
    n += 1;
  });
  return momentsFromColumns(x, rest, n);
}

/**
 * Without the bank, the key is what full-score answers have in common: the
 * options every attempt scoring 1 on the item chose.
 */
function inferredKey(column: ItemColumn, common: number): string[] {
  if (column.kind === 'other') return [];
  return column.options.filter((_, b) => (common >>> b) & 1);
}
