import type { AttemptRecord } from '../../core/attempt-types.js';
import type { Bank } from '../../core/bank/types.js';
import type { ConfigStore } from '../../store/config.js';

export interface SavedAttempt {
  record: AttemptRecord;
  /** Where the attempt record was written. */
  savedTo: string;
  bank: Bank;
  dataDir: string;
  config: ConfigStore;
}

/** A step run after the attempt record is safely on disk; returns lines to print once the screen has closed. */
export type AfterAttemptSaved = (saved: SavedAttempt) => Promise<string[]>;

/**
 * Hook points at the end of `take`, in order. To be wired by the lead:
 * - queueXapiStatements: `attemptToStatements(record, bank, ...)` into the outbox
 *   (sent later by `frontline sync`), when `lrs.endpoint` is configured;
 * - issueOnProctoredMachine: `issueCertificate(...)` when `signing.keyFile` is
 *   configured and the attempt passed.
 * A hook that throws is reported, never loses the attempt: the record is already saved.
 */
export const afterAttemptSaved: AfterAttemptSaved[] = [];

export async function runAfterAttemptSaved(saved: SavedAttempt): Promise<string[]> {
  const lines: string[] = [];
  for (const hook of afterAttemptSaved) {
    try {
      lines.push(...(await hook(saved)));
    } catch (error) {
      lines.push(`warning: after saving the attempt: ${(error as Error).message}`);
    }
  }
  return lines;
}
