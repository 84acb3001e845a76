import type { Bank } from './bank/types.js';
import type { AttemptRecord } from './attempt-types.js';

export type AttemptPermission =
  | { allowed: true; used: number; max: number | undefined }
  | { allowed: false; reason: 'used-up'; used: number; max: number }
  | { allowed: false; reason: 'cooldown'; until: Date; used: number };

/**
 * Applies the bank's attempt policy (max attempts, cooldown after a fail) to
 * this candidate's earlier attempts on this bank. The caller lists them.
 */
export function attemptPermission(bank: Bank, employeeId: string, earlier: readonly AttemptRecord[], now: Date): AttemptPermission {
  const mine = earlier.filter((r) => r.bank.id === bank.id && r.candidate.employeeId === employeeId);
  const max = bank.policy.attempts?.max;
  if (max !== undefined && mine.length >= max) return { allowed: false, reason: 'used-up', used: mine.length, max };
  const cooldownHours = bank.policy.attempts?.cooldownHours ?? 0;
  const last = mine.at(-1);
  if (last && !last.result.passed && cooldownHours > 0) {
    const until = new Date(Date.parse(last.endedAt) + cooldownHours * 3_600_000);
    if (until > now) return { allowed: false, reason: 'cooldown', until, used: mine.length };
  }
  return { allowed: true, used: mine.length, max };
}
