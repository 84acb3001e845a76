import { attemptPermission, type AttemptPermission } from '../core/attempt/policy.js';
import { bankHash } from '../core/bank/hash.js';
import type { Bank } from '../core/bank/types.js';
import { listAttempts } from '../store/attempts.js';
import { readJournal, unfinishedJournals } from '../store/journal.js';
import { readMarks } from '../store/marks.js';

/**
 * May this employee start a new attempt on this bank now? Counts the finished
 * attempts in the data dir and the unfinished ones (open journals), so an
 * abandoned attempt is not a free retry. An attempt saved awaiting marking is
 * judged with the marks in this data dir's marks.jsonl (a line that is not a
 * mark is left out here; `report` names it).
 */
export async function attemptPermissionIn(dataDir: string, bank: Bank, employeeId: string, now: Date): Promise<AttemptPermission> {
  const { attempts } = await listAttempts(dataDir);
  const unfinished = [];
  for (const path of await unfinishedJournals(dataDir)) {
    const read = await readJournal(path).catch(() => undefined);
    if (read?.ok) unfinished.push(read.header);
  }
  const records = attempts.map((a) => a.record);
  const awaiting = records.some((r) => r.bank.id === bank.id && r.candidate.employeeId === employeeId && r.result?.status === 'awaiting-marking');
  const marking = awaiting ? { marks: (await readMarks(dataDir)).marks, bankHash: bankHash(bank) } : undefined;
  return attemptPermission(bank, employeeId, records, now, unfinished, marking);
}

/** What the candidate is told when the permission is refused. */
export function refusalMessage(permission: Extract<AttemptPermission, { allowed: false }>, employeeId: string): string {
  switch (permission.reason) {
    case 'used-up':
      return `${permission.max === 1 ? 'The one attempt' : `All ${permission.max} attempts`} allowed on this test for employee id ${employeeId} ${permission.max === 1 ? 'is' : 'are'} used.`;
    case 'cooldown':
      return `The next attempt is possible from ${permission.until.toISOString().slice(0, 16).replace('T', ' ')} UTC (a wait after a failed attempt).`;
    case 'awaiting-marking':
      return 'Your last attempt is awaiting marking: a trainer marks its written replies, and then you can see whether another attempt is needed.';
    default: {
      const never: never = permission;
      throw new Error(`unexpected refusal ${String(never)}`);
    }
  }
}
