import type { Bank } from '../bank/types.js';
import type { AttemptRecord } from './types.js';

export type AttemptPermission =
  | { allowed: true; used: number; max: number | undefined }
  | { allowed: false; reason: 'used-up'; used: number; max: number }
  /** `awaitingMarking`: the last attempt is not failed but its written replies are not yet marked. */
  | { allowed: false; reason: 'cooldown'; until: Date; used: number; awaitingMarking: boolean };

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
 * An attempt awaiting marking starts the cooldown as one not passed would: a
 * second form taken before the first is marked would be a retry on credit.
 */
export function attemptPermission(
  bank: Bank,
  employeeId: string,
  earlier: readonly AttemptRecord[],
  now: Date,
  unfinished: readonly UnfinishedAttempt[] = [],
): AttemptPermission {
  const mine = earlier.filter((r) => r.bank.id === bank.id && r.candidate.employeeId === employeeId);
  const recorded = new Set(mine.map((r) => r.id));
  const open = unfinished.filter((u) => u.bank.id === bank.id && u.candidate.employeeId === employeeId && !recorded.has(u.attemptId));
  const used = mine.length + open.length;
  const max = bank.policy.attempts?.max;
  if (max !== undefined && used >= max) return { allowed: false, reason: 'used-up', used, max };
  const cooldownHours = bank.policy.attempts?.cooldownHours ?? 0;
  const last = mine.at(-1);
  if (last && last.result?.passed !== true && cooldownHours > 0) {
    const until = new Date(Date.parse(last.endedAt) + cooldownHours * 3_600_000);
    if (until > now) return { allowed: false, reason: 'cooldown', until, used, awaitingMarking: last.result?.status === 'awaiting-marking' };
  }
  return { allowed: true, used, max };
}
