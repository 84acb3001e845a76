import type { Bank } from '../bank/types.js';
import { checkMark, pendingMarking, resolvedPoints, type Mark, type MarkingRule } from './marking.js';
import { scoreAttempt } from './scoring.js';
import type { AttemptRecord } from './types.js';

export type AttemptPermission =
  | { allowed: true; used: number; max: number | undefined }
  | { allowed: false; reason: 'used-up'; used: number; max: number }
  | { allowed: false; reason: 'cooldown'; until: Date; used: number }
  /** The last attempt's written replies wait for a marker, and the bank has a cooldown after a fail. */
  | { allowed: false; reason: 'awaiting-marking'; attemptId: string; used: number };

/** The trainers' marks where the attempts are kept, to see whether an attempt awaiting marking has since been marked. */
export interface MarkingState {
  marks: readonly Mark[];
  /** Hash of `bank`: marks score only attempts taken on this version. */
  bankHash: string;
  rule?: MarkingRule;
}

type Outcome = 'passed' | 'failed' | 'awaiting-marking';

/**
 * The last attempt's outcome as it stands: a record saved awaiting marking is
 * scored again with the marks found since (its own result was computed before
 * any marker saw it). An attempt with no result (sealed: only `issue` scores
 * it) counts as not passed, as before written replies existed.
 */
function outcomeOf(bank: Bank, record: AttemptRecord, marking: MarkingState | undefined): Outcome {
  if (record.result?.status !== 'awaiting-marking') return record.result?.passed === true ? 'passed' : 'failed';
  if (marking === undefined || record.bank.hash !== marking.bankHash) return 'awaiting-marking';
  // A mark that does not fit its rubric (a hand-edited line) settles nothing here; `issue` and `report` name it.
  const written = new Map(bank.items.flatMap((item) => (item.type === 'written' ? [[item.id, item] as const] : [])));
  const marks = marking.marks.filter((m) => {
    const item = m.attempt === record.id ? written.get(m.item) : undefined;
    return item !== undefined && checkMark(item, m) === undefined;
  });
  if (pendingMarking(bank, record, marks, marking.rule).length > 0) return 'awaiting-marking';
  const result = scoreAttempt(bank, record.form, record.answers, resolvedPoints(bank, record, marks, marking.rule));
  return result.passed ? 'passed' : 'failed';
}

/** An attempt that was started and never finished (its journal is still open), as far as counting goes. */
export interface UnfinishedAttempt {
  attemptId: string;
  bank: { id: string };
  candidate: { employeeId: string };
}

/**
 * Applies the bank's attempt policy (max attempts, cooldown after a fail) to
 * this candidate's earlier attempts on this bank. The caller lists them.
 *
 * Unfinished attempts count toward the maximum: otherwise quitting (or
 * declining to resume) and starting again would give a fresh form for free.
 * They start no cooldown, having no result. One whose record exists (the
 * process died between writing the record and retiring the journal) counts once.
 *
 * An attempt awaiting marking has neither passed nor failed: it starts no
 * cooldown. But while it waits, a bank with a cooldown allows no new attempt:
 * the marks may make it a fail, whose wait a new attempt would skip. Without a
 * cooldown there is nothing to skip, and a new attempt may start (it counts
 * toward the maximum like any other).
 */
export function attemptPermission(
  bank: Bank,
  employeeId: string,
  earlier: readonly AttemptRecord[],
  now: Date,
  unfinished: readonly UnfinishedAttempt[] = [],
  marking?: MarkingState,
): AttemptPermission {
  const mine = earlier.filter((r) => r.bank.id === bank.id && r.candidate.employeeId === employeeId);
  const recorded = new Set(mine.map((r) => r.id));
  const open = unfinished.filter((u) => u.bank.id === bank.id && u.candidate.employeeId === employeeId && !recorded.has(u.attemptId));
  const used = mine.length + open.length;
  const max = bank.policy.attempts?.max;
  if (max !== undefined && used >= max) return { allowed: false, reason: 'used-up', used, max };
  const cooldownHours = bank.policy.attempts?.cooldownHours ?? 0;
  const last = mine.at(-1);
  if (last && cooldownHours > 0) {
    const outcome = outcomeOf(bank, last, marking);
    if (outcome === 'awaiting-marking') return { allowed: false, reason: 'awaiting-marking', attemptId: last.id, used };
    const until = new Date(Date.parse(last.endedAt) + cooldownHours * 3_600_000);
    if (outcome === 'failed' && until > now) return { allowed: false, reason: 'cooldown', until, used };
  }
  return { allowed: true, used, max };
}
