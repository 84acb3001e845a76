import type { AttemptRecord } from '../core/attempt/types.js';
import type { Bank } from '../core/bank/types.js';
import { attemptToStatements, markedStatements, type XapiOptions } from '../core/xapi/attempt-to-statements.js';
import { resolveLrsSettings, resolveXapiOptions, type LrsConfigSection } from '../store/lrs/settings.js';
import { queueStatements } from '../store/outbox.js';

/**
 * Builds an attempt's statements and puts them in the outbox. Call it when an
 * attempt finishes (before any network): queuing the same attempt again
 * rewrites the same file with the same statements.
 */
export async function queueAttempt(
  dataDir: string,
  record: AttemptRecord,
  bank: Bank | undefined,
  options: XapiOptions,
  now: Date = new Date(),
  queue: { maybeSent?: boolean } = {},
): Promise<{ file: string; statements: number }> {
  return queueStatements(dataDir, record.id, attemptToStatements(record, bank, options), now, queue);
}

export type QueueForLrsResult = { queued: false } | { queued: true; file: string; statements: number };

/**
 * What `take` calls when an attempt has ended and its record is written:
 * queue its statements when this machine has an LRS configured (flag-free:
 * environment, then the config's `lrs` section). Nothing is sent here; `frontline sync`
 * sends. Machines without an LRS queue nothing, so the outbox does not grow forever;
 * `frontline sync --add` queues older attempts once an LRS is set up.
 */
export async function queueForLrs(
  dataDir: string,
  record: AttemptRecord,
  bank: Bank | undefined,
  config: LrsConfigSection,
  env: NodeJS.ProcessEnv = process.env,
): Promise<QueueForLrsResult> {
  if (!resolveLrsSettings({}, env, config)) return { queued: false };
  const { file, statements } = await queueAttempt(dataDir, record, bank, resolveXapiOptions(env, config));
  return { queued: true, file, statements };
}

/**
 * What `mark` calls when a mark is saved and every written reply of the
 * attempt is marked: queue its score statements (outcome and per competency,
 * scored with the marks) beside any statements `take` queued, when an LRS is
 * configured. Queuing again after a mark changes rewrites the same file with
 * the same statement ids: an unsent score is replaced; one the LRS already
 * holds with another score comes back from `sync` as a conflict (exit 21).
 * A sealed attempt has no statements (see attemptToStatements).
 */
export async function queueMarkedForLrs(
  dataDir: string,
  record: AttemptRecord,
  marked: NonNullable<AttemptRecord['result']>,
  bank: Bank,
  config: LrsConfigSection,
  env: NodeJS.ProcessEnv = process.env,
  now: Date = new Date(),
): Promise<QueueForLrsResult> {
  if (!resolveLrsSettings({}, env, config)) return { queued: false };
  const statements = markedStatements(record, marked, bank, resolveXapiOptions(env, config));
  if (statements.length === 0) return { queued: false };
  const queued = await queueStatements(dataDir, record.id, statements, now, { part: 'marked' });
  return { queued: true, ...queued };
}
