import { competencyFloor, competencyWeight, itemPoints, resolvePolicy } from '../bank/defaults.js';
import {
  assertNever,
  type Bank,
  type CompetencyId,
  type Item,
  type MultipleResponseItem,
  type OrderingItem,
  type RatingItem,
  type ScenarioChoice,
  type ScenarioItem,
  type WrittenItem,
} from '../bank/types.js';
import { needsMarking, type CriterionPoints } from './marking.js';
import { bestFromEachStep, walkScenario } from '../bank/scenario-graph.js';
import type { AnswerRecord, CompetencyResult, FailReason, Form, Gap, ItemResult, Response, Result } from './types.js';
import { byId, own } from '../own.js';

/** One decimal, for presentation only: pass decisions use unrounded values. */
const round1 = (value: number): number => Math.round(value * 10) / 10;

/**
 * `score >= mark`, where a score that equals the mark in exact arithmetic
 * passes: 57 of 100 points is 56.99999999999999 % in floating point, and a
 * candidate exactly at the pass mark must not fail on a rounding error. The
 * tolerance is far below any real difference (one point in a billion).
 */
const reaches = (score: number, mark: number): boolean => score >= mark - 1e-9;

interface ItemScore {
  /** Fraction of the item earned: 0..1, or down to −1 with negative marking. */
  score: number;
  redFlags: string[];
}

const NONE: ItemScore = { score: 0, redFlags: [] };

/** Scores one response to one item (not scenarios: see scoreScenario; not written replies: see scoreWritten). */
export function scoreItem(item: Exclude<Item, ScenarioItem | WrittenItem>, response: Response | null): ItemScore {
  if (response === null) return NONE;
  switch (item.type) {
    case 'single': {
      if (response.type !== 'single') return NONE;
      const chosen = item.options.find((o) => o.id === response.choice);
      return { score: response.choice === item.answer ? 1 : 0, redFlags: chosen?.redFlag ? [chosen.redFlag] : [] };
    }
    case 'multiple':
      return response.type === 'multiple' ? scoreMultiple(item, response.choices) : NONE;
    case 'true-false':
      return response.type === 'true-false' ? { score: response.value === item.answer ? 1 : 0, redFlags: [] } : NONE;
    case 'ordering':
      return response.type === 'ordering' ? { score: scoreOrdering(item, response.order), redFlags: [] } : NONE;
    case 'rating':
      return response.type === 'rating' ? { score: scoreRating(item, response.ratings), redFlags: [] } : NONE;
    default:
      return assertNever(item, 'item type');
  }
}

function scoreMultiple(item: MultipleResponseItem, choices: readonly string[]): ItemScore {
  const picked = new Set(choices);
  const key = new Set(item.answer);
  const redFlags = item.options.filter((o) => picked.has(o.id) && o.redFlag).map((o) => o.redFlag as string);
  const exact = picked.size === key.size && [...key].every((id) => picked.has(id));
  if ((item.scoring?.mode ?? 'partial') === 'all-or-nothing') return { score: exact ? 1 : 0, redFlags };
  const hits = [...picked].filter((id) => key.has(id)).length;
  const falsePicks = picked.size - hits;
  const wrongOptions = item.options.length - key.size;
  const raw = hits / key.size - (wrongOptions > 0 ? falsePicks / wrongOptions : 0);
  const lowest = item.scoring?.negative ? -1 : 0;
  return { score: Math.max(lowest, Math.min(1, raw)), redFlags };
}

/** Share of option pairs placed in the right relative order (Kendall's concordance). */
function scoreOrdering(item: OrderingItem, order: readonly string[]): number {
  const exact = order.length === item.answer.length && item.answer.every((id, i) => order[i] === id);
  if ((item.scoring?.mode ?? 'partial') === 'all-or-nothing') return exact ? 1 : 0;
  const position = new Map(order.map((id, i) => [id, i]));
  let pairs = 0;
  let concordant = 0;
  for (let i = 0; i < item.answer.length; i += 1) {
    for (let j = i + 1; j < item.answer.length; j += 1) {
      pairs += 1;
      const a = position.get(item.answer[i] as string);
      const b = position.get(item.answer[j] as string);
      if (a !== undefined && b !== undefined && a < b) concordant += 1;
    }
  }
  return pairs === 0 ? 1 : concordant / pairs;
}

/** Mean closeness to the expert key over all options; an unrated option scores 0. */
function scoreRating(item: RatingItem, ratings: Readonly<Record<string, number>>): number {
  const span = item.scale.max - item.scale.min;
  const total = item.options.reduce((sum, option) => {
    const given = own(ratings, option.id);
    if (given === undefined) return sum;
    // Clamped so a rating off the scale (only a hand-edited record has one) cannot cost more than the option.
    return sum + (span === 0 ? 1 : Math.max(0, 1 - Math.abs(given - option.key) / span));
  }, 0);
  return total / item.options.length;
}

/** Best total a single path through the scenario can earn for each competency (steps form a DAG: the bank checks forbid loops). */
export function scenarioMaxima(item: ScenarioItem): Record<CompetencyId, number> {
  const competencies = new Set<CompetencyId>();
  for (const step of item.steps) for (const choice of step.choices ?? []) for (const c of Object.keys(choice.points ?? {})) competencies.add(c);
  const maxima: Record<CompetencyId, number> = Object.create(null);
  const walk = walkScenario(item);
  for (const competency of competencies) {
    const best = bestFromEachStep(item, (choice) => (Object.hasOwn(choice.points ?? {}, competency) ? choice.points![competency]! : 0), walk);
    maxima[competency] = Math.max(0, best.get(item.start) ?? 0);
  }
  return maxima;
}

interface ScenarioScore extends ItemScore {
  earned: Record<CompetencyId, number>;
  available: Record<CompetencyId, number>;
}

/**
 * A scenario is worth `points` (default 1) in each competency its choices can
 * earn in, scaled by path points over the best path's points, so a long
 * conversation does not outweigh everything else in a competency.
 */
export function scoreScenario(item: ScenarioItem, response: Response | null): ScenarioScore {
  const weight = itemPoints(item);
  const maxima = scenarioMaxima(item);
  const path = response?.type === 'scenario' ? response.path : [];
  const steps = new Map(item.steps.map((s) => [s.id, s]));
  const raw = byId<number>();
  const redFlags: string[] = [];
  // Only a walk the conversation allows counts: a record is not trusted to
  // repeat a step or skip to one, so scoring stops at the first move that
  // is not a choice at the step reached.
  let at: string | undefined = item.start;
  for (const move of path) {
    const choice: ScenarioChoice | undefined = move.step === at ? steps.get(move.step)?.choices?.find((c) => c.id === move.choice) : undefined;
    if (!choice) break;
    at = choice.next;
    if (choice.redFlag) redFlags.push(choice.redFlag);
    for (const [c, points] of Object.entries(choice.points ?? {})) raw[c] = (raw[c] ?? 0) + points;
  }
  const earned = byId<number>();
  const available = byId<number>();
  for (const [c, max] of Object.entries(maxima)) {
    if (max <= 0) continue;
    available[c] = weight;
    earned[c] = Math.max(-weight, Math.min(weight, ((raw[c] ?? 0) / max) * weight));
  }
  const own = available[item.competency] ? (earned[item.competency] ?? 0) / weight : 0;
  return { score: own, redFlags, earned, available };
}

/** Top points of each criterion of a rubric, summed per competency. */
function rubricMaxima(item: WrittenItem): Record<CompetencyId, number> {
  const maxima = byId<number>();
  for (const criterion of item.rubric) {
    maxima[criterion.competency] = (maxima[criterion.competency] ?? 0) + Math.max(0, ...criterion.levels.map((l) => l.points));
  }
  return maxima;
}

/**
 * A written reply is worth `points` (default 1) in each competency its rubric
 * counts toward, like a scenario: the points its criteria earned over their
 * top levels. Never scored without marks: an unmarked reply with text is
 * pending and counts toward nothing; an empty one scores 0.
 */
export function scoreWritten(item: WrittenItem, answer: AnswerRecord | undefined, marks: CriterionPoints | undefined): ItemResult {
  const weight = itemPoints(item);
  const maxima = rubricMaxima(item);
  const answered = needsMarking(item, answer);
  const base = { itemId: item.id, competency: item.competency, answered, redFlags: [] };
  if (answered && marks === undefined) return { ...base, score: 0, earned: {}, available: {}, correct: false, pending: true };
  const raw = byId<number>();
  for (const criterion of item.rubric) {
    const given = answered && marks !== undefined ? (own(marks, criterion.id) ?? 0) : 0;
    raw[criterion.competency] = (raw[criterion.competency] ?? 0) + given;
  }
  const earned = byId<number>();
  const available = byId<number>();
  let total = 0;
  let top = 0;
  for (const [c, max] of Object.entries(maxima)) {
    if (max <= 0) continue;
    available[c] = weight;
    earned[c] = Math.min(weight, ((raw[c] ?? 0) / max) * weight);
    total += raw[c] ?? 0;
    top += max;
  }
  const score = top === 0 ? 0 : total / top;
  return { ...base, score, earned, available, correct: reaches(score, 1) };
}

function resultFor(item: Item, answer: AnswerRecord | undefined, marks: ReadonlyMap<string, CriterionPoints> | undefined): ItemResult {
  if (item.type === 'written') return scoreWritten(item, answer, marks?.get(item.id));
  const response = answer?.response ?? null;
  const answered = response !== null && !(response.type === 'scenario' && response.path.length === 0);
  if (item.type === 'scenario') {
    const s = scoreScenario(item, response);
    return { itemId: item.id, competency: item.competency, score: s.score, earned: s.earned, available: s.available, correct: reaches(s.score, 1), answered, redFlags: s.redFlags };
  }
  const s = scoreItem(item, response);
  const points = itemPoints(item);
  return {
    itemId: item.id,
    competency: item.competency,
    score: s.score,
    earned: { [item.competency]: s.score * points },
    available: { [item.competency]: points },
    correct: reaches(s.score, 1),
    answered,
    redFlags: s.redFlags,
  };
}

/**
 * Scores an attempt from the bank alone: nothing the candidate's machine
 * computed is trusted. Overall percent is the weight-weighted mean of the
 * competency percents on the form; passing needs the pass mark, every floor,
 * and no red flag. A score exactly at a mark or floor passes it.
 *
 * Written replies score only from `marks` (the points standing per item:
 * see resolvedPoints). While any reply with text has none, the result is
 * `awaiting-marking`: not passed, the percent counting only what is scored,
 * only red flags as fail reasons (nothing else is decided yet) and no gaps.
 */
export function scoreAttempt(bank: Bank, form: Form, answers: readonly AnswerRecord[], marks?: ReadonlyMap<string, CriterionPoints>): Result {
  const policy = resolvePolicy(bank.policy);
  const items = new Map(bank.items.map((i) => [i.id, i]));
  const byItem = new Map(answers.map((a) => [a.itemId, a]));
  const itemResults: ItemResult[] = [];
  for (const entry of form) {
    const item = items.get(entry.itemId);
    if (!item) throw new Error(`form names item "${entry.itemId}", which the bank does not have`);
    itemResults.push(resultFor(item, byItem.get(entry.itemId), marks));
  }

  const competencies: CompetencyResult[] = [];
  const exact = new Map<CompetencyId, number>();
  for (const competency of bank.competencies) {
    let earned = 0;
    let available = 0;
    let count = 0;
    for (const r of itemResults) {
      const a = own(r.available, competency.id);
      if (a === undefined) continue;
      available += a;
      earned += own(r.earned, competency.id) ?? 0;
      if (r.competency === competency.id) count += 1;
    }
    if (available === 0) continue;
    const percent = Math.max(0, (earned / available) * 100);
    exact.set(competency.id, percent);
    const floor = competencyFloor(competency);
    competencies.push({
      id: competency.id,
      title: competency.title,
      percent: round1(percent),
      floor,
      weight: competencyWeight(competency),
      met: reaches(percent, floor),
      earned,
      available,
      items: count,
    });
  }

  const totalWeight = competencies.reduce((sum, c) => sum + c.weight, 0);
  const overall = totalWeight === 0 ? 0 : competencies.reduce((sum, c) => sum + c.weight * (exact.get(c.id) ?? 0), 0) / totalWeight;

  const awaiting = itemResults.some((r) => r.pending);
  const failReasons: FailReason[] = [];
  if (awaiting) {
    for (const r of itemResults) for (const reason of r.redFlags) failReasons.push({ kind: 'red-flag', itemId: r.itemId, reason });
    return { percent: round1(overall), passMark: policy.passMark, passed: false, status: 'awaiting-marking', failReasons, competencies, items: itemResults, gaps: [] };
  }
  const missedMark = !reaches(overall, policy.passMark);
  if (missedMark) failReasons.push({ kind: 'below-pass-mark', percent: round1(overall), passMark: policy.passMark });
  for (const c of competencies) if (!c.met) failReasons.push({ kind: 'below-floor', competency: c.id, percent: c.percent, floor: c.floor });
  for (const r of itemResults) for (const reason of r.redFlags) failReasons.push({ kind: 'red-flag', itemId: r.itemId, reason });

  return {
    percent: round1(overall),
    passMark: policy.passMark,
    passed: failReasons.length === 0,
    failReasons,
    competencies,
    items: itemResults,
    gaps: gapsFor(bank, competencies, exact, missedMark ? policy.passMark : undefined),
  };
}

/**
 * Competencies below their floor, weakest first. When none is below its
 * floor but the pass mark was missed, the ones below the pass mark: that is
 * where training moves the overall score.
 */
function gapsFor(bank: Bank, results: CompetencyResult[], exact: Map<CompetencyId, number>, missedMark: number | undefined): Gap[] {
  const below = results.filter((c) => !c.met);
  const chosen = below.length > 0 ? below : missedMark === undefined ? [] : results.filter((c) => !reaches(exact.get(c.id) ?? 0, missedMark));
  const shortfall = (c: CompetencyResult) => (exact.get(c.id) ?? 0) - (below.length > 0 ? c.floor : (missedMark ?? 0));
  return [...chosen]
    .sort((a, b) => shortfall(a) - shortfall(b) || a.id.localeCompare(b.id))
    .map((c) => ({
      competency: c.id,
      title: c.title,
      percent: c.percent,
      floor: c.floor,
      modules: bank.competencies.find((bc) => bc.id === c.id)?.modules ?? [],
    }));
}
