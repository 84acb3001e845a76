import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { assertNever } from '../core/bank/types.js';
import { registrationFor } from '../core/xapi/attempt-to-statements.js';
import type { Statement } from '../core/xapi/statement.js';
import { writeFileAtomic } from './atomic-write.js';
import { dataPaths } from './data-dir.js';
import type { SendResult, StatementOutcome } from './lrs/client.js';

/**
 * The outbox is a folder of JSON files, one per attempt, each holding the
 * statements not yet accepted by the LRS. Every change is an atomic rewrite,
 * so a crash leaves either the old list or the new one; at worst one batch
 * is sent twice, which the LRS ignores because statement ids are fixed.
 */

export interface OutboxFile {
  format: 'frontline.outbox/1';
  attemptId: string;
  queuedAt: string;
  /**
   * Set once a POST of these statements may have reached the LRS (or when
   * `sync --add` queues an attempt that may have been sent before): the next
   * sync asks the LRS which it holds first, to count them as already stored.
   */
  maybeSent?: true;
  statements: Statement[];
}

export interface RejectedStatement {
  format: 'frontline.rejected/1';
  attemptId: string;
  status: number;
  reason: string;
  rejectedAt: string;
  statement: Statement;
}

export function outboxDir(dataDir: string): string {
  return join(dataDir, dataPaths.outbox);
}

export function rejectedDir(dataDir: string): string {
  return join(outboxDir(dataDir), 'rejected');
}

/** Statements the LRS holds other content for (409): kept here, never resent. */
export function conflictsDir(dataDir: string): string {
  return join(outboxDir(dataDir), 'conflicts');
}

/**
 * Puts statements in the outbox, one file per attempt: queuing the same
 * attempt again rewrites the same file. `part` names a second file for the
 * attempt (`marked`: the score statements queued once its written replies
 * are marked), so that it never replaces statements from `take` still waiting.
 */
export async function queueStatements(
  dataDir: string,
  attemptId: string,
  statements: Statement[],
  now: Date = new Date(),
  queue: { maybeSent?: boolean; part?: 'marked' } = {},
): Promise<{ file: string; statements: number }> {
  const file = join(outboxDir(dataDir), `${registrationFor(attemptId)}${queue.part ? `.${queue.part}` : ''}.json`);
  const content: OutboxFile = {
    format: 'frontline.outbox/1',
    attemptId,
    queuedAt: now.toISOString(),
    ...(queue.maybeSent ? { maybeSent: true as const } : {}),
    statements,
  };
  await writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`);
  return { file, statements: statements.length };
}

export interface OutboxProblem {
  file: string;
  message: string;
}

export interface OutboxListing {
  entries: Array<{ file: string; content: OutboxFile }>;
  /** Files that are not outbox files (hand-edited, truncated by another tool): left where they are. */
  problems: OutboxProblem[];
}

export async function readOutbox(dataDir: string): Promise<OutboxListing> {
  const dir = outboxDir(dataDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], problems: [] };
    throw error;
  }
  const listing: OutboxListing = { entries: [], problems: [] };
  // Dot-files are atomic-write temp files of a write in progress (or one a crash interrupted).
  for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
    const file = join(dir, name);
    try {
      const content = JSON.parse(await readFile(file, 'utf8')) as Partial<OutboxFile>;
      if (content.format !== 'frontline.outbox/1' || typeof content.attemptId !== 'string' || !Array.isArray(content.statements)) {
        listing.problems.push({ file, message: 'not a frontline outbox file' });
        continue;
      }
      listing.entries.push({ file, content: content as OutboxFile });
    } catch (error) {
      listing.problems.push({ file, message: error instanceof SyntaxError ? `not JSON: ${error.message}` : String(error) });
    }
  }
  listing.entries.sort((a, b) => a.content.queuedAt.localeCompare(b.content.queuedAt) || a.file.localeCompare(b.file));
  return listing;
}

export async function countQueued(dataDir: string): Promise<number> {
  const { entries } = await readOutbox(dataDir);
  return entries.reduce((sum, e) => sum + e.content.statements.length, 0);
}

export interface DrainReport {
  /** Stored by the LRS in this run. */
  sent: number;
  /** Already in the LRS with the same content (a resend after a crash, a lost reply, `sync --add` again). */
  alreadyStored: number;
  /** The LRS holds other content under these ids (409): moved to `outbox/conflicts/`, an error. */
  conflicts: Array<{ attemptId: string; statementId: string; reason: string; file: string }>;
  rejected: Array<{ attemptId: string; statementId: string; status: number; reason: string; file: string }>;
  /** Statements still queued. */
  left: number;
  /** Why sending stopped early (LRS unreachable); absent when every batch got an answer. */
  unreachable?: string;
  problems: OutboxProblem[];
}

export interface DrainOptions {
  /** Statements per POST. @default 50 */
  batchSize?: number;
  now?: () => Date;
  /** Which of these the LRS already holds; asked for files marked `maybeSent` before their statements are sent. */
  findStored?: (statements: Statement[]) => Promise<Map<string, StatementOutcome>>;
}

/**
 * Sends everything queued, batch by batch, persisting progress after each
 * batch. Rejected statements move to `outbox/rejected/` with the LRS's reason
 * (kept, not retried). Stops at the first batch the LRS cannot be reached for.
 */
export async function drainOutbox(
  dataDir: string,
  send: (statements: Statement[]) => Promise<SendResult>,
  options: DrainOptions = {},
): Promise<DrainReport> {
  const batchSize = Math.max(1, options.batchSize ?? 50);
  const now = options.now ?? (() => new Date());
  const { entries, problems } = await readOutbox(dataDir);
  const report: DrainReport = { sent: 0, alreadyStored: 0, conflicts: [], rejected: [], left: 0, problems };

  // Batches run across attempts (an attempt has a dozen statements; a batch takes 50),
  // so a site's backlog goes in few requests; each touched file is rewritten after its batch.
  const pending = entries.map(({ file, content }) => ({ file, content, remaining: content.statements }));
  const record = async (entry: (typeof pending)[number], statement: Statement, outcome: StatementOutcome): Promise<void> => {
    switch (outcome.kind) {
      case 'sent':
        report.sent++;
        break;
      case 'alreadyStored':
        report.alreadyStored++;
        break;
      case 'conflict':
        report.conflicts.push(await keepConflict(dataDir, entry.content.attemptId, statement, outcome.reason, now()));
        break;
      case 'rejected':
        report.rejected.push(await keepRejected(dataDir, entry.content.attemptId, statement, outcome, now()));
        break;
      default:
        assertNever(outcome, 'statement outcome');
    }
  };
  const settle = async (done: ReadonlySet<string>): Promise<void> => {
    for (const entry of pending) {
      const before = entry.remaining.length;
      entry.remaining = entry.remaining.filter((s) => !done.has(s.id));
      if (entry.remaining.length !== before) await persist(entry.file, entry.content, entry.remaining);
    }
  };

  // A resend: what the LRS already holds is counted as such (or as a conflict), not sent again.
  if (options.findStored) {
    for (const entry of pending.filter((e) => e.content.maybeSent)) {
      const found = await options.findStored(entry.remaining);
      const done = new Set<string>();
      for (const statement of entry.remaining) {
        const outcome = found.get(statement.id);
        if (!outcome) continue;
        await record(entry, statement, outcome);
        done.add(statement.id);
      }
      if (done.size > 0) await settle(done);
    }
  }

  // One statement id goes once: an LRS refuses a batch that repeats an id.
  const seen = new Set<string>();
  const queue = pending.flatMap((entry) =>
    entry.remaining.filter((s) => !seen.has(s.id) && seen.add(s.id)).map((statement) => ({ entry, statement })),
  );
  for (let start = 0; start < queue.length && report.unreachable === undefined; start += batchSize) {
    const batch = queue.slice(start, start + batchSize);
    // Marked before the POST: if the reply is lost (crash, timeout), the next sync asks the LRS first.
    for (const entry of new Set(batch.map((b) => b.entry))) {
      if (entry.content.maybeSent) continue;
      entry.content = { ...entry.content, maybeSent: true };
      await persist(entry.file, entry.content, entry.remaining);
    }
    const result = await send(batch.map((b) => b.statement));
    const done = new Set<string>();
    for (const { entry, statement } of batch) {
      const outcome = result.outcomes.get(statement.id);
      if (!outcome) continue;
      done.add(statement.id);
      await record(entry, statement, outcome);
    }
    await settle(done);
    if (result.unreachable !== undefined) report.unreachable = result.unreachable;
    else if (done.size === 0) throw new Error('LRS client returned no outcome for a batch it reached');
  }
  report.left = pending.reduce((sum, entry) => sum + entry.remaining.length, 0);
  return report;
}

async function keepConflict(dataDir: string, attemptId: string, statement: Statement, reason: string, at: Date): Promise<DrainReport['conflicts'][number]> {
  const file = join(conflictsDir(dataDir), `${statement.id}.json`);
  await writeFileAtomic(file, `${JSON.stringify({ format: 'frontline.conflict/1', attemptId, reason, conflictAt: at.toISOString(), statement }, null, 2)}\n`);
  return { attemptId, statementId: statement.id, reason, file };
}

async function keepRejected(
  dataDir: string,
  attemptId: string,
  statement: Statement,
  outcome: { status: number; reason: string },
  at: Date,
): Promise<DrainReport['rejected'][number]> {
  const file = join(rejectedDir(dataDir), `${statement.id}.json`);
  const record: RejectedStatement = {
    format: 'frontline.rejected/1',
    attemptId,
    status: outcome.status,
    reason: outcome.reason,
    rejectedAt: at.toISOString(),
    statement,
  };
  await writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
  return { attemptId, statementId: statement.id, status: outcome.status, reason: outcome.reason, file };
}

async function persist(file: string, content: OutboxFile, remaining: Statement[]): Promise<void> {
  if (remaining.length === 0) {
    await rm(file, { force: true });
    return;
  }
  await writeFileAtomic(file, `${JSON.stringify({ ...content, statements: remaining }, null, 2)}\n`);
}
