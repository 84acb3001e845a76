import { answerStatus, countStatuses } from '../../core/attempt/answer-completeness.js';
import { replay, type JournalHeader } from '../../core/attempt/journal-entry.js';
import { isAnswered, type State } from '../../core/attempt/session.js';
import type { Bank } from '../../core/bank/types.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { readJournal, unfinishedJournals } from '../../store/journal.js';
import { acquireLock, lockHolderAlive } from '../../store/lock.js';
import type { LoadedBank } from '../load-bank.js';
import { ioError, UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';

/** An attempt whose journal is still open: it can be continued. */
export interface Unfinished {
  path: string;
  header: JournalHeader;
  events: Parameters<typeof replay>[2];
  /** Damaged lines skipped (file:line: why); the rest of the journal is intact. */
  skipped: string[];
}

/** What the candidate is told of their own unfinished attempt before choosing to resume it (the take app's ResumeOffer). */
export interface UnfinishedOffer {
  attemptId: string;
  candidate: { name: string; employeeId: string };
  /** When it started, as "2026-12-05 19:00 UTC". */
  startedAt: string;
  answered: number;
  total: number;
  /** Time left on the test now; 0 or less when its deadline has passed. */
  remainingMs: number;
  maxAttempts?: number | undefined;
}

/** A path as one word a shell reads back the same. */
export const shellWord = (text: string): string => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

export function assertSameBank(loaded: LoadedBank, header: JournalHeader): void {
  if (loaded.hash !== header.bank.hash) {
    throw new UserError(`${loaded.file}: this bank has changed since the attempt started (${header.bank.hash.slice(0, 19)}... then, ${loaded.hash.slice(0, 19)}... now)`, {
      exitCode: ExitCode.invalidInput,
      hint: 'resume with the bank file as it was, or ask your trainer',
    });
  }
}

/** Every unfinished attempt that can be continued, newest first, and those that cannot (file:line: why). */
export async function readUnfinished(dataDir: string): Promise<{ found: Unfinished[]; damaged: string[] }> {
  const found: Unfinished[] = [];
  const damaged: string[] = [];
  for (const path of await unfinishedJournals(dataDir)) {
    let read: Awaited<ReturnType<typeof readJournal>>;
    try {
      read = await readJournal(path);
    } catch (error) {
      throw ioError(path, error);
    }
    if (read.ok) found.push({ path, header: read.header, events: read.events, skipped: read.skipped });
    else damaged.push(read.message);
  }
  return { found, damaged };
}

/** A form naming an item the bank lacks (an edited journal) cannot be replayed. */
export function assertFormInBank(bank: Bank, unfinished: Unfinished): void {
  const ids = new Set(bank.items.map((i) => i.id));
  const missing = unfinished.header.form.find((entry) => !ids.has(entry.itemId));
  if (missing) {
    throw new UserError(`${unfinished.path}:1: the attempt's form names item ${JSON.stringify(missing.itemId)}, which the bank does not have`, {
      exitCode: ExitCode.damaged,
      hint: 'the file is kept as it is: show it to your trainer',
    });
  }
}

/**
 * Holds the attempt for this session: a second session on it is refused at
 * once. A lock left by a session that was killed (or whose SSH connection
 * dropped) goes stale within 10 s: then this one waits for that, instead of refusing.
 */
export async function lockAttempt(journalPath: string, attemptId: string, note: (line: string) => void): Promise<() => Promise<void>> {
  const options = {
    busy: `attempt ${attemptId} is open in another frontline session; finish or quit it there first`,
    // A laptop asleep mid-test stalls the lock's refresh; the session must survive that.
    survivesStall: true,
    recordOwner: true,
  };
  try {
    return await acquireLock(journalPath, { ...options, waitMs: 0 });
  } catch (error) {
    if (!(error instanceof UserError) || error.exitCode !== ExitCode.locked || (await lockHolderAlive(journalPath))) throw error;
    note('the last session on this attempt ended without closing it; taking it over (up to 10 s)');
    return acquireLock(journalPath, { ...options, waitMs: 15_000 });
  }
}

/** The newest unfinished attempt of this employee id on this bank: nobody is offered another person's attempt. */
export async function newestUnfinished(dataDir: string, which: { bankHash: string; employeeId: string }): Promise<Unfinished | undefined> {
  return (await readUnfinished(dataDir)).found.find((u) => u.header.bank.hash === which.bankHash && u.header.candidate.employeeId === which.employeeId);
}

/**
 * What `--resume` continues: the newest unfinished attempt of the employee id
 * given, or, without one, of the only person with attempts open here.
 */
export async function unfinishedToResume(dataDir: string, employeeId: string | undefined): Promise<Unfinished> {
  const { found: all, damaged } = await readUnfinished(dataDir);
  const mine = employeeId === undefined ? all : all.filter((u) => u.header.candidate.employeeId === employeeId);
  const first = mine[0];
  if (!first && damaged[0]) {
    throw new UserError(damaged[0], {
      exitCode: ExitCode.damaged,
      hint: 'this attempt cannot be continued; the file is kept as it is: show it to your trainer',
    });
  }
  if (!first) {
    throw new UserError(`no unfinished attempt${employeeId === undefined ? '' : ` of employee id ${sanitizeText(employeeId)}`} to resume in ${dataDir}`, {
      exitCode: ExitCode.usage,
      hint: 'start a new one with `frontline take <bank>`',
    });
  }
  const people = [...new Set(mine.map((u) => u.header.candidate.employeeId))];
  if (people.length > 1) {
    throw new UserError(`unfinished attempts of ${people.length} people are in ${dataDir}: say whose with --employee-id`, {
      exitCode: ExitCode.usage,
      hint: `e.g. \`frontline take --resume --employee-id ${shellWord(people[0] as string)}\``,
    });
  }
  return first;
}

/** "2026-12-05 19:00 UTC", as every other time frontline shows. */
export const utcMinute = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function describeOffer(bank: Bank, unfinished: Unfinished, now = Date.now()): UnfinishedOffer {
  const state: State = replay(bank, unfinished.header, unfinished.events);
  const statuses = state.entries.map((e) => {
    const item = state.items.get(e.itemId);
    return item ? answerStatus(item, e.response, isAnswered(e)) : 'unanswered';
  });
  return {
    attemptId: unfinished.header.attemptId,
    candidate: unfinished.header.candidate,
    startedAt: utcMinute(unfinished.header.startedAt),
    answered: countStatuses(statuses).answered,
    total: state.entries.length,
    // Never more than when it was closed, even if the clock was set back since.
    remainingMs: unfinished.header.deadline - Math.max(now, state.lastAt),
    maxAttempts: bank.policy.attempts?.max,
  };
}
