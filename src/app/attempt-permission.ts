import { attemptPermission, type AttemptPermission } from '../core/attempt/policy.js';
import type { Bank } from '../core/bank/types.js';
import { listAttempts } from '../store/attempts.js';
import { readJournal, unfinishedJournals } from '../store/journal.js';

/**
 * May this employee start a new attempt on this bank now? Counts the finished
 * attempts in the data dir and the unfinished ones (open journals), so an
 * abandoned attempt is not a free retry.
 */
export async function attemptPermissionIn(dataDir: string, bank: Bank, employeeId: string, now: Date): Promise<AttemptPermission> {
  const { attempts } = await listAttempts(dataDir);
  const unfinished = [];
  for (const path of await unfinishedJournals(dataDir)) {
    const read = await readJournal(path).catch(() => undefined);
    if (read?.ok) unfinished.push(read.header);
  }
  return attemptPermission(
    bank,
    employeeId,
    attempts.map((a) => a.record),
    now,
    unfinished,
  );
}
