import type { Bank, ItemId, WrittenItem } from '../bank/types.js';
import { hasWrittenText } from './written.js';
import type { AnswerRecord, AttemptRecord } from './types.js';

/** Who a mark is from: the first marker, a blind second marker, or the third who settles a disagreement. */
export type MarkRole = 'first' | 'second' | 'third';

export const MARK_ROLES: readonly MarkRole[] = ['first', 'second', 'third'];

/** One marker's judgement of one written reply: a level per rubric criterion. */
export interface Mark {
  /** Id of the attempt the reply belongs to. */
  attempt: string;
  item: ItemId;
  /** Criterion id → the points of the level the marker chose. */
  levels: Record<string, number>;
  /** Who marked (a name or staff id), recorded with every mark. */
  marker: string;
  /** ISO 8601 time of the mark. */
  at: string;
  comment?: string;
  role: MarkRole;
}

/** How first and second marks are reconciled. */
export interface MarkingRule {
  /**
   * Largest difference, in points, between the first and second marks on any
   * one criterion that still counts as agreement (then the two are averaged).
   * @default 1
   */
  tolerance: number;
  /** A reply needs a second mark before its marks stand. @default false */
  secondRequired: boolean;
}

export const DEFAULT_MARKING_RULE: MarkingRule = { tolerance: 1, secondRequired: false };

/** Points per criterion that stand for a reply. */
export type CriterionPoints = Readonly<Record<string, number>>;

export type Resolution =
  | { state: 'unmarked' }
  | { state: 'awaiting-second'; first: Mark }
  /** First and second differ beyond the tolerance on the criteria named: a third marker decides. */
  | { state: 'awaiting-third'; criteria: string[] }
  | { state: 'resolved'; points: CriterionPoints; by: 'first' | 'agreed' | 'third' };

/**
 * What is wrong with a mark for the item it names, or undefined: every
 * criterion given a level the rubric has, nothing else, a marker and a time.
 * A marking file can be edited by hand, so nothing in it is assumed.
 */
export function checkMark(item: WrittenItem, mark: Mark): string | undefined {
  if (!MARK_ROLES.includes(mark.role)) return `role "${String(mark.role)}" is not first, second or third`;
  if (typeof mark.marker !== 'string' || !/\S/u.test(mark.marker)) return 'it names no marker';
  if (typeof mark.at !== 'string' || Number.isNaN(Date.parse(mark.at))) return `its time "${String(mark.at)}" is not a date`;
  const criteria = new Map(item.rubric.map((c) => [c.id, c]));
  for (const id of Object.keys(mark.levels)) {
    if (!criteria.has(id)) return `criterion "${id}" is not in item "${item.id}"'s rubric`;
  }
  for (const criterion of item.rubric) {
    const given = Object.hasOwn(mark.levels, criterion.id) ? mark.levels[criterion.id] : undefined;
    if (given === undefined) return `criterion "${criterion.id}" has no level`;
    if (!criterion.levels.some((level) => level.points === given)) {
      return `criterion "${criterion.id}": ${given} is not one of its levels (${criterion.levels.map((l) => l.points).join(', ')})`;
    }
  }
  return undefined;
}

/** The latest mark in each role: a marker who changes their mind marks again. */
export function latestByRole(marks: readonly Mark[]): Partial<Record<MarkRole, Mark>> {
  const latest: Partial<Record<MarkRole, Mark>> = {};
  for (const mark of marks) {
    const held = latest[mark.role];
    if (held === undefined || Date.parse(mark.at) >= Date.parse(held.at)) latest[mark.role] = mark;
  }
  return latest;
}

/**
 * The marks that stand for one reply, from all the (checked) marks on it.
 * First and second agree when no criterion differs by more than the
 * tolerance: each criterion then gets their mean. Otherwise the third
 * marker's levels stand as given. Without a second mark the first stands,
 * unless the rule requires a second.
 */
export function resolveMarks(item: WrittenItem, marks: readonly Mark[], rule: MarkingRule = DEFAULT_MARKING_RULE): Resolution {
  const { first, second, third } = latestByRole(marks.filter((m) => m.item === item.id));
  if (first === undefined) return { state: 'unmarked' };
  if (second === undefined) return rule.secondRequired ? { state: 'awaiting-second', first } : { state: 'resolved', points: { ...first.levels }, by: 'first' };
  const apart = item.rubric.filter((c) => Math.abs((first.levels[c.id] ?? 0) - (second.levels[c.id] ?? 0)) > rule.tolerance + 1e-9).map((c) => c.id);
  if (apart.length === 0) {
    return { state: 'resolved', points: Object.fromEntries(item.rubric.map((c) => [c.id, ((first.levels[c.id] ?? 0) + (second.levels[c.id] ?? 0)) / 2])), by: 'agreed' };
  }
  if (third !== undefined) return { state: 'resolved', points: { ...third.levels }, by: 'third' };
  return { state: 'awaiting-third', criteria: apart };
}

/** A written reply that needs marking: it holds text (an empty reply scores 0 without a marker). */
export function needsMarking(item: WrittenItem, answer: AnswerRecord | undefined): boolean {
  return answer?.response?.type === 'written' && hasWrittenText(answer.response.text);
}

/** The points standing for each marked written reply of an attempt, ready for scoreAttempt. */
export function resolvedPoints(bank: Bank, attempt: Pick<AttemptRecord, 'id' | 'form'>, marks: readonly Mark[], rule: MarkingRule = DEFAULT_MARKING_RULE): Map<ItemId, CriterionPoints> {
  const items = new Map(bank.items.map((i) => [i.id, i]));
  const own = marks.filter((m) => m.attempt === attempt.id);
  const points = new Map<ItemId, CriterionPoints>();
  for (const entry of attempt.form) {
    const item = items.get(entry.itemId);
    if (item?.type !== 'written') continue;
    const resolution = resolveMarks(item, own, rule);
    if (resolution.state === 'resolved') points.set(item.id, resolution.points);
  }
  return points;
}

export interface PendingItem {
  itemId: ItemId;
  state: Exclude<Resolution['state'], 'resolved'>;
  /** Awaiting a third marker: the criteria first and second differ on. */
  criteria?: string[];
}

/** What a pending reply waits for, in words: `"w1" waits for a third marker (first and second differ on ack)`. */
export function describePending(pending: PendingItem): string {
  switch (pending.state) {
    case 'unmarked':
      return `"${pending.itemId}" waits for a first mark`;
    case 'awaiting-second':
      return `"${pending.itemId}" waits for a second mark`;
    case 'awaiting-third':
      return `"${pending.itemId}" waits for a third marker (first and second differ on ${(pending.criteria ?? []).join(', ')})`;
    default: {
      const never: never = pending.state;
      throw new Error(`unexpected pending state ${String(never)}`);
    }
  }
}

/**
 * The written replies of an attempt still waiting for a marker, in form
 * order, with what each waits for: what the results screen names and what
 * `issue` refuses on.
 */
export function pendingMarking(bank: Bank, attempt: Pick<AttemptRecord, 'id' | 'form' | 'answers'>, marks: readonly Mark[] = [], rule: MarkingRule = DEFAULT_MARKING_RULE): PendingItem[] {
  const items = new Map(bank.items.map((i) => [i.id, i]));
  const answers = new Map(attempt.answers.map((a) => [a.itemId, a]));
  const own = marks.filter((m) => m.attempt === attempt.id);
  const pending: PendingItem[] = [];
  for (const entry of attempt.form) {
    const item = items.get(entry.itemId);
    if (item?.type !== 'written' || !needsMarking(item, answers.get(item.id))) continue;
    const resolution = resolveMarks(item, own, rule);
    if (resolution.state === 'awaiting-third') pending.push({ itemId: item.id, state: resolution.state, criteria: resolution.criteria });
    else if (resolution.state !== 'resolved') pending.push({ itemId: item.id, state: resolution.state });
  }
  return pending;
}
