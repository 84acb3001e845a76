import type { AttemptRecord } from '../../core/attempt/types.js';
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

/** A step run after the attempt record is safely on disk; returns lines to show the candidate. */
export type AfterAttemptSaved = (saved: SavedAttempt) => Promise<string[]>;

/**
 * Queues the attempt's xAPI statements when this machine has an LRS configured
 * (environment or config); `frontline sync` sends them. Imported here, at the
 * end, so starting a test never loads the xAPI code.
 */
export const queueXapiStatements: AfterAttemptSaved = async ({ dataDir, record, bank, config }) => {
  const { queueForLrs } = await import('../queue-statements.js');
  const queued = await queueForLrs(dataDir, record, bank, config.get('lrs') ?? {});
  if (!queued.queued) return [];
  const statements = `${queued.statements} statement${queued.statements === 1 ? '' : 's'}`;
  return [`Queued ${statements} for the LRS; \`frontline sync\` sends them.`];
};

/**
 * On a proctored machine (`signing.keyFile` configured) a passed attempt gets
 * its certificate now. The signing code loads only when a key is configured.
 */
export const issueIfProctored: AfterAttemptSaved = async (saved) => {
  if (typeof saved.config.get('signing.keyFile') !== 'string') return [];
  // Neither passed nor failed yet: nothing to sign, and nothing the candidate failed.
  if (saved.record.result?.status === 'awaiting-marking') return ['No certificate yet: the written replies await marking; `frontline issue` signs it once they are marked and it passes.'];
  const { issueOnProctoredMachine } = await import('../issue-certificate.js');
  return issueOnProctoredMachine(saved);
};

/**
 * What happens at the end of `take`, in order, once the record is written.
 * A hook that throws is reported and never loses the attempt: the record is already saved.
 */
export const afterAttemptSaved: readonly AfterAttemptSaved[] = [queueXapiStatements, issueIfProctored];

export async function runAfterAttemptSaved(saved: SavedAttempt, hooks: readonly AfterAttemptSaved[] = afterAttemptSaved): Promise<string[]> {
  const lines: string[] = [];
  for (const hook of hooks) {
    try {
      lines.push(...(await hook(saved)));
    } catch (error) {
      lines.push(`warning: after saving the attempt: ${(error as Error).message}`);
    }
  }
  return lines;
}
