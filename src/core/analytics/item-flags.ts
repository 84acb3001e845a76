import type { ItemStats } from './item-analysis.js';

export type ItemFlagKind =
  | 'negative-discrimination'
  | 'distractor-draws-top'
  | 'too-hard'
  | 'weak-discrimination'
  | 'dead-distractor'
  | 'too-easy';

export interface ItemFlag {
  kind: ItemFlagKind;
  /** The option concerned, for distractor flags. */
  option?: string;
  suggestion: string;
}

/** Thresholds for flags; rules of thumb from classical test theory, documented in docs/analytics.md. */
export const FLAG_LIMITS = {
  /** Fewer attempts than this on an item: no flags, the figures are too noisy. */
  minAttempts: 20,
  tooEasy: 0.9,
  tooHard: 0.3,
  weakDiscrimination: 0.15,
  /** A distractor chosen by fewer than this share of attempts does no work (Haladyna & Downing's 5%). */
  deadDistractor: 0.05,
  /** One-sided 5% critical value of the standard normal. */
  drawsTopZ: 1.645,
} as const;

/** Most serious first: the order of the item table and of the suggestions. */
/** Each flag in words, as the text and HTML reports name it. */
export const FLAG_TITLE: Record<ItemFlagKind, string> = {
  'negative-discrimination': 'negative discrimination',
  'distractor-draws-top': 'distractor draws the top group',
  'too-hard': 'too hard',
  'weak-discrimination': 'weak discrimination',
  'dead-distractor': 'dead distractor',
  'too-easy': 'too easy',
};

const FLAG_ORDER: readonly ItemFlagKind[] = [
  'negative-discrimination',
  'distractor-draws-top',
  'too-hard',
  'weak-discrimination',
  'dead-distractor',
  'too-easy',
];

export function flagItem(stats: ItemStats): ItemFlag[] {
  if (stats.n < FLAG_LIMITS.minAttempts) return [];
  const flags: ItemFlag[] = [];
  if (stats.itemRest < 0) {
    flags.push({ kind: 'negative-discrimination', suggestion: 'strong agents miss it more than weak ones: check the key and look for a second defensible answer' });
  }
  for (const option of stats.options) {
    if (!option.key && stats.options.some((o) => o.key) && drawsTop(option.upperShare, stats.upperN, option.lowerShare, stats.lowerN)) {
      flags.push({ kind: 'distractor-draws-top', option: option.id, suggestion: `option ${option.id} draws the top group more than the bottom: it may be right too; reword it or the key` });
    }
  }
  if (stats.facility <= FLAG_LIMITS.tooHard) {
    flags.push({ kind: 'too-hard', suggestion: 'few earn its points: check the key and the wording; if both are right, teach it before testing it' });
  }
  if (stats.itemRest >= 0 && stats.itemRest < FLAG_LIMITS.weakDiscrimination) {
    flags.push({ kind: 'weak-discrimination', suggestion: 'barely separates strong from weak agents: make the stem sharper or the wrong options closer to real mistakes' });
  }
  for (const option of stats.options) {
    if (!option.key && stats.options.some((o) => o.key) && option.share < FLAG_LIMITS.deadDistractor) {
      flags.push({ kind: 'dead-distractor', option: option.id, suggestion: `option ${option.id} is almost never chosen: replace it with a mistake agents really make` });
    }
  }
  if (stats.facility >= FLAG_LIMITS.tooEasy) {
    flags.push({ kind: 'too-easy', suggestion: 'nearly everyone earns it: make the wrong options more plausible, or keep it only as a warm-up' });
  }
  return flags.sort((a, b) => FLAG_ORDER.indexOf(a.kind) - FLAG_ORDER.indexOf(b.kind));
}

/**
 * The top group chooses this distractor more than the bottom group by more than
 * chance explains: a one-sided two-proportion z test at the 5% level.
 */
export function drawsTop(upper: number, upperN: number, lower: number, lowerN: number): boolean {
  if (!(upperN > 0 && lowerN > 0) || !(upper > lower)) return false;
  const pooled = (upper * upperN + lower * lowerN) / (upperN + lowerN);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / upperN + 1 / lowerN));
  return se > 0 && (upper - lower) / se > FLAG_LIMITS.drawsTopZ;
}

/** Sort key: the rank of the most serious flag, unflagged items last. */
export function flagRank(flags: readonly ItemFlag[]): number {
  return flags.length ? FLAG_ORDER.indexOf(flags[0]!.kind) : FLAG_ORDER.length;
}
