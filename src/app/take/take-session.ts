import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Assignment } from '../../core/assignment/assignment.js';
import type { ExtensionTally } from '../../core/assignment/extension.js';
import type { AttemptDriver } from '../../core/attempt/driver.js';
import { replay, type JournalHeader } from '../../core/attempt/journal-entry.js';
import { deadlineFor, startSession } from '../../core/attempt/session.js';
import type { AttemptRecord, FormEntry, Result } from '../../core/attempt/types.js';
import type { DeliveryMode } from '../../core/bank/types.js';
import type { ConfigStore } from '../../store/config.js';
import { Journal, readJournal } from '../../store/journal.js';
import type { LoadedBank } from '../load-bank.js';
import { afterAttemptSaved, runAfterAttemptSaved, type AfterAttemptSaved } from './after-attempt.js';
import { createTakeDriver, type TakeDriver } from './take-driver.js';
import { assertFormInBank, describeOffer, lockAttempt, newestUnfinished, type Unfinished, type UnfinishedOffer } from './unfinished.js';
import { ioError, UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';

export interface TakeSessionRequest {
  dataDir: string;
  loaded: LoadedBank;
  seed: string;
  form: FormEntry[];
  extraTime: number;
  /** Tags given for this attempt; they win over the config's. */
  tags?: Record<string, string>;
  /** The staff-signed assignment the attempt is taken under: it fixes who may take it. */
  assignment?: Assignment;
  /** @default 'open' */
  delivery?: DeliveryMode;
  /** The employee id the resume command names until a candidate starts. */
  employeeId: string;
  openConfig: () => Promise<ConfigStore>;
  /** The command that continues an attempt of this employee id, as the candidate types it. */
  resumeCommandFor: (employeeId: string) => string;
  /** Steps run once the record is on disk. @default afterAttemptSaved */
  afterSaved?: readonly AfterAttemptSaved[];
  /** A line for the person at the terminal that is not an error. */
  note: (line: string) => void;
  /**
   * The exam host's signed time extensions for an attempt (`extensionFor`):
   * polled while it runs, replayed on resume, written into the record so
   * `issue` can prove the later deadline. Without it, an attempt has none.
   */
  extensions?: (attemptId: string) => Promise<ExtensionTally>;
}

/** How often a running attempt looks for new time extensions. */
const EXTENSION_POLL_MS = 2_000;

export type BeginOutcome =
  | { ok: true; driver: AttemptDriver }
  | { ok: false; message: string; offer?: undefined }
  | { ok: false; offer: UnfinishedOffer; message?: undefined };

export interface FinishedTake {
  record: AttemptRecord;
  /** Absent for a sealed attempt: scored only when issued. */
  result?: Result;
  savedTo: string;
  notes: string[];
}

/** An attempt being taken: its journal, its driver, and how to let it go. */
interface Running {
  header: JournalHeader;
  /** Stops polling for time extensions. */
  stopPolling: () => void;
  journal: Journal;
  driver: TakeDriver;
  /** Lets go of the attempt's lock (held from start or resume until saved or quit). */
  release: () => Promise<void>;
}

export interface TakeSession {
  /** Aborted, with a UserError as its reason, when the journal cannot be written: the screens stop. */
  signal: AbortSignal;
  begin(candidate: { name: string; employeeId: string }, options?: { setAside?: boolean }): Promise<BeginOutcome>;
  /** Continues an unfinished attempt (found by the caller, or offered by `begin`). */
  resume(unfinished: Unfinished): Promise<TakeDriver>;
  resumeOffered(attemptId: string): Promise<TakeDriver>;
  /** Scores and saves the ended attempt, then runs the after-saved steps. */
  finish(driver: AttemptDriver): Promise<FinishedTake>;
  /** Closes a running attempt without ending it (it can be resumed); @returns whether one was running. */
  close(): Promise<boolean>;
  resumeCommand(): string;
}

/**
 * One attempt at one bank, as `take` and the exam host's session run it:
 * admitting it (the attempt count, or the assignment's person), starting it
 * with its journal and lock, resuming a journaled one with its original
 * deadline, and finishing it (the record, then statements, certificates).
 * The screens drive it through the driver; nothing here draws.
 */
export function openTakeSession(request: TakeSessionRequest): TakeSession {
  const { dataDir, loaded, assignment } = request;
  const { bank } = loaded;
  const offered = new Map<string, Unfinished>();
  let running: Running | undefined;
  let resumeCommand = request.resumeCommandFor(request.employeeId);

  // A journal that cannot be written is fatal: the session stops, and says so.
  const stop = new AbortController();
  const onError = (error: Error) => {
    const failed = ioError(running?.journal.path ?? dataDir, error, 'write');
    stop.abort(
      new UserError(`${failed.message}; the session stopped, and every answer shown before is saved`, {
        exitCode: ExitCode.io,
        hint: `free some space, then continue with: ${resumeCommand}`,
        cause: error,
      }),
    );
  };

  // The host's trainer may extend a running attempt: look for it every few seconds.
  const pollExtensions = (header: JournalHeader, driver: TakeDriver): (() => void) => {
    const { extensions } = request;
    if (!extensions) return () => undefined;
    // Lines the log holds that do not count (`tally.problems`) are for the trainer
    // (`host status`), not drawn over the agent's screen.
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      extensions(header.attemptId)
        .then((tally) => driver.extendDeadline(header.deadline, tally.ms))
        // An unreadable log this time is read again at the next poll; the attempt goes on.
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, EXTENSION_POLL_MS);
    timer.unref();
    return () => clearInterval(timer);
  };

  const begin: TakeSession['begin'] = async (candidate, { setAside = false } = {}) => {
    resumeCommand = request.resumeCommandFor(candidate.employeeId);
    if (assignment) {
      const named = assignment.candidate;
      if (candidate.employeeId !== named.employeeId || (named.name !== undefined && candidate.name !== named.name)) {
        return { ok: false as const, message: `This assignment is for ${named.name ?? 'employee'} (${named.employeeId}); it cannot be taken under another name or id.` };
      }
    }
    if (!setAside) {
      const mine = await newestUnfinished(dataDir, { bankHash: loaded.hash, employeeId: candidate.employeeId });
      // An unfinished attempt under another assignment, or none, is not this one.
      if (mine && (!assignment || mine.header.assignment?.id === assignment.id)) {
        assertFormInBank(bank, mine);
        offered.set(mine.header.attemptId, mine);
        return { ok: false as const, offer: describeOffer(bank, mine) };
      }
    }
    const { attemptPermissionIn, refusalMessage } = await import('../attempt-permission.js');
    // Unfinished attempts (open journals) count too: abandoning one is not a free retry.
    // Under an assignment the issuer's registry allocated this attempt; the local count is not the one that counts.
    const permission = assignment ? { allowed: true as const } : await attemptPermissionIn(dataDir, bank, candidate.employeeId, new Date());
    if (!permission.allowed) {
      return {
        ok: false as const,
        message:
          refusalMessage(permission, candidate.employeeId) +
          (permission.reason === 'used-up' && setAside ? ` That counts the unfinished one: quit (Ctrl-C) and run \`${resumeCommand}\` to finish it.` : ''),
      };
    }
    const { configTags, rememberCandidate } = await import('../../store/config.js');
    const store = await request.openConfig();
    if (store.get('candidate.remember') === true) rememberCandidate(store, candidate);
    const startedAt = Date.now();
    const header: JournalHeader = {
      kind: 'header',
      format: 'frontline.journal/1',
      attemptId: randomUUID(),
      candidate,
      tags: { ...configTags(store), ...request.tags },
      bank: { id: bank.id, version: bank.version, title: bank.title, hash: loaded.hash, ...(loaded.sealed ? { sealedHash: loaded.sealed.hash } : {}) },
      bankFile: resolve(loaded.file),
      delivery: loaded.sealed ? 'sealed' : (request.delivery ?? 'open'),
      ...(assignment ? { assignment } : {}),
      seed: request.seed,
      extraTime: request.extraTime,
      form: request.form,
      startedAt,
      deadline: deadlineFor(bank, startedAt, request.extraTime),
    };
    const journal = await Journal.create(dataDir, header);
    const release = await lockAttempt(journal.path, header.attemptId, request.note);
    const state = startSession({ bank, form: request.form, startedAt, extraTime: request.extraTime });
    const driver = createTakeDriver(state, journal, { onError });
    running = { header, journal, driver, release, stopPolling: pollExtensions(header, driver) };
    return { ok: true as const, driver };
  };

  const resume = async (unfinished: Unfinished): Promise<TakeDriver> => {
    resumeCommand = request.resumeCommandFor(unfinished.header.candidate.employeeId);
    // Before reopening: reopen cuts a torn tail, which must not happen under a live session.
    const release = await lockAttempt(unfinished.path, unfinished.header.attemptId, request.note);
    // Read again under the lock: the other session may have written more since.
    const read = await readJournal(unfinished.path);
    if (!read.ok) {
      await release();
      throw new UserError(read.message, { exitCode: ExitCode.damaged });
    }
    const journal = await Journal.reopen(unfinished.path);
    const extensionMs = request.extensions ? (await request.extensions(read.header.attemptId)).ms : 0;
    const state = replay(bank, read.header, read.events, extensionMs);
    const driver = createTakeDriver(state, journal, { onError });
    running = { header: read.header, journal, driver, release, stopPolling: pollExtensions(read.header, driver) };
    // Logged, so the time away is not charged to the item that was showing.
    driver.resume();
    return driver;
  };

  const finish = async (ended: AttemptDriver): Promise<FinishedTake> => {
    if (!running || running.driver !== ended) throw new Error('finish called for an attempt this session did not begin');
    const { driver } = running;
    running.stopPolling();
    await driver.settled();
    const [{ buildAttemptRecord, withExtensions }, { writeAttemptRecord }] = await Promise.all([import('../../core/attempt/record.js'), import('../../store/attempts.js')]);
    const built = buildAttemptRecord(driver.state(), running.header);
    const record = request.extensions ? withExtensions(built, (await request.extensions(running.header.attemptId)).extensions) : built;
    let savedTo: string;
    try {
      savedTo = await writeAttemptRecord(dataDir, record);
    } catch (error) {
      const failed = ioError((error as NodeJS.ErrnoException).path ?? dataDir, error, 'write');
      throw new UserError(`${failed.message}; the attempt is not saved yet, but every answer is in its journal`, {
        exitCode: ExitCode.io,
        hint: `free some space, then run: ${resumeCommand}`,
        cause: error,
      });
    }
    await running.journal.retire();
    await running.release();
    const notes = await runAfterAttemptSaved({ record, savedTo, bank, dataDir, config: await request.openConfig() }, request.afterSaved ?? afterAttemptSaved);
    return { record, ...(record.result ? { result: record.result } : {}), savedTo, notes };
  };

  return {
    signal: stop.signal,
    begin,
    resume,
    resumeOffered: (attemptId) => {
      const unfinished = offered.get(attemptId);
      if (!unfinished) throw new Error(`resume of attempt ${attemptId}, which was not offered`);
      return resume(unfinished);
    },
    finish,
    async close() {
      if (!running) return false;
      running.stopPolling();
      // A draft typed just before quitting is kept too.
      running.driver.flush();
      await running.driver.settled();
      await running.journal.close();
      await running.release();
      return true;
    },
    resumeCommand: () => resumeCommand,
  };
}
