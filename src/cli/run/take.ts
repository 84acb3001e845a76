import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { assemble } from '../../core/attempt/assemble.js';
import type { Bank } from '../../core/bank/types.js';
import { replay, type JournalHeader } from '../../core/attempt/journal-entry.js';
import { answerStatus, countStatuses } from '../../core/attempt/answer-completeness.js';
import { deadlineFor, isAnswered, startSession, type State } from '../../core/attempt/session.js';
import type { ConfigStore } from '../../store/config.js';
import { readConfigFile } from '../../store/config-file.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { Journal, readJournal, unfinishedJournals } from '../../store/journal.js';
import { acquireLock, lockHolderAlive } from '../../store/lock.js';
import type { ResumeOffer, TakeAppProps, TakeOutcome } from '../../ui/take/take-app.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { ioError, UserError } from '../../errors/user-error.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { loadBankOrThrow, type LoadedBank } from '../../app/load-bank.js';
import { paint, writeErr, writeOut, writeThroughStreams } from '../output.js';
import { createTakeDriver, type TakeDriver } from '../../app/take/take-driver.js';
import { runAfterAttemptSaved } from '../../app/take/after-attempt.js';
import { newSeed, parseExtraTime, parseTags, type TakeOptions } from './take-options.js';
import { assertInteractiveTerminal } from './take-terminal.js';

interface Unfinished {
  path: string;
  header: JournalHeader;
  events: Parameters<typeof replay>[2];
  /** Damaged lines skipped (file:line: why); the rest of the journal is intact. */
  skipped: string[];
}

/** An attempt being taken: its journal, its driver, and how to save it. */
interface Running {
  header: JournalHeader;
  journal: Journal;
  driver: TakeDriver;
  /** Lets go of the attempt's lock (held from start or resume until saved or quit). */
  release: () => Promise<void>;
}

export const run: Run<[string | undefined], TakeOptions> = async ([file], options, globals) => {
  // A bad option is a usage error wherever it is run; then, before anything else
  // loads, the terminal check, so a script learns at once that it cannot take a test.
  if (options.assignment !== undefined) {
    const over = (['seed', 'extraTime', 'name', 'employeeId'] as const).find((o) => options[o] !== undefined);
    if (over) {
      throw new UserError(`take: --${over.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} cannot be given with --assignment: the assignment sets it`, { exitCode: ExitCode.usage });
    }
    if (options.resume) throw new UserError('take: --resume continues an attempt as it started; give it without --assignment', { exitCode: ExitCode.usage });
  }
  let extraTime = parseExtraTime(options.extraTime);
  const cliTags = parseTags(options.tag);
  assertInteractiveTerminal();
  writeThroughStreams();
  const dataDir = resolveDataDir(globals);
  // Read without conf for the first frame; conf (and the ajv it loads) only once the test starts.
  const settings = readConfigFile(globals);
  let config: ConfigStore | undefined;
  const openConfig = async () => (config ??= (await import('../../store/config.js')).openConfig(globals));

  // Ink draws nothing live when CI is set; here a person is at a terminal (checked above).
  delete process.env['CI'];
  delete process.env['CONTINUOUS_INTEGRATION'];
  // The screens load while the bank is read and checked.
  const screens = importScreens();
  // Awaited below; until then a failure here must not count as unhandled.
  screens.catch(() => undefined);

  let loaded: LoadedBank;
  let resumeNow: Unfinished | undefined;
  if (options.resume) {
    resumeNow = await unfinishedToResume(dataDir, options.employeeId);
    const bankFile = file ?? resumeNow.header.bankFile;
    if (!bankFile) throw new UserError('the unfinished attempt does not name its bank file; give it: `frontline take <bank> --resume`', { exitCode: ExitCode.usage });
    loaded = await loadBankOrThrow(bankFile);
    assertSameBank(loaded, resumeNow.header);
    assertFormInBank(loaded.bank, resumeNow);
    for (const note of resumeNow.skipped) writeErr(`frontline: note: ${note}; the answers on every other line are kept\n`);
  } else {
    if (!file) {
      throw new UserError('take: which bank? give the question bank file', {
        exitCode: ExitCode.usage,
        hint: 'e.g. `frontline take question-banks/starter.yaml`, or `frontline take --resume` to continue an unfinished attempt',
      });
    }
    loaded = await loadBankOrThrow(file);
    // A new attempt beside one that cannot be read would quietly sidestep attempts.max.
    const { damaged } = await readUnfinished(dataDir);
    if (damaged[0]) {
      throw new UserError(`${damaged[0]}; no new attempt starts beside an unfinished one that cannot be read`, {
        exitCode: ExitCode.damaged,
        hint: 'the file is kept as it is: show it to your trainer',
      });
    }
  }
  const { bank } = loaded;
  const { readAssignmentForTake } = await import('../../app/take/take-assignment.js');
  const assignment = options.assignment === undefined ? undefined : await readAssignmentForTake(options.assignment, loaded.hash, dataDir, new Date());
  if (assignment) extraTime = assignment.accommodations.extraTime;
  const seed = assignment?.seed ?? options.seed ?? newSeed();
  const form = assemble(bank, seed);
  // On a shared machine the last person's name and id must not be one Enter away (docs/taking.md, "Config").
  const remembered = settings.candidate?.remember === true ? settings.candidate : undefined;
  const defaults = assignment
    ? { name: assignment.candidate.name ?? '', employeeId: assignment.candidate.employeeId }
    : { name: options.name ?? remembered?.name ?? '', employeeId: options.employeeId ?? remembered?.employeeId ?? '' };
  // Unfinished attempts found for an employee id when its holder asked to start: only theirs can be resumed.
  const offered = new Map<string, Unfinished>();

  let running: Running | undefined;
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

  const resumeCommandFor = (employeeId: string) =>
    `frontline take --resume --employee-id ${shellWord(employeeId)}${globals.dataDir ? ` --data-dir ${shellWord(dataDir)}` : ''}`;
  let resumeCommand = resumeCommandFor(resumeNow?.header.candidate.employeeId ?? defaults.employeeId);

  const begin: TakeAppProps['begin'] = async (candidate, { setAside = false } = {}) => {
    resumeCommand = resumeCommandFor(candidate.employeeId);
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
    const { attemptPermissionIn } = await import('../../app/attempt-permission.js');
    // Unfinished attempts (open journals) count too: abandoning one is not a free retry.
    // Under an assignment the issuer's registry allocated this attempt; the local count is not the one that counts.
    const permission = assignment ? { allowed: true as const } : await attemptPermissionIn(dataDir, bank, candidate.employeeId, new Date());
    if (!permission.allowed) {
      return {
        ok: false as const,
        message:
          permission.reason === 'used-up'
            ? `${permission.max === 1 ? 'The one attempt' : `All ${permission.max} attempts`} allowed on this test for employee id ${candidate.employeeId} ${permission.max === 1 ? 'is' : 'are'} used.` +
              (setAside ? ` That counts the unfinished one: quit (Ctrl-C) and run \`${resumeCommand}\` to finish it.` : '')
            : `The next attempt is possible from ${permission.until.toISOString().slice(0, 16).replace('T', ' ')} UTC (a wait after a failed attempt).`,
      };
    }
    const { configTags, rememberCandidate } = await import('../../store/config.js');
    const store = await openConfig();
    if (store.get('candidate.remember') === true) rememberCandidate(store, candidate);
    const startedAt = Date.now();
    const header: JournalHeader = {
      kind: 'header',
      format: 'frontline.journal/1',
      attemptId: randomUUID(),
      candidate,
      tags: { ...configTags(store), ...cliTags },
      bank: { id: bank.id, version: bank.version, title: bank.title, hash: loaded.hash },
      bankFile: resolve(loaded.file),
      delivery: 'open',
      ...(assignment ? { assignment } : {}),
      seed,
      extraTime,
      form,
      startedAt,
      deadline: deadlineFor(bank, startedAt, extraTime),
    };
    const journal = await Journal.create(dataDir, header);
    const release = await lockAttempt(journal.path, header.attemptId);
    const state = startSession({ bank, form, startedAt, extraTime });
    running = { header, journal, driver: createTakeDriver(state, journal, { onError }), release };
    return { ok: true as const, driver: running.driver };
  };

  const resume = async (unfinished: Unfinished) => {
    // Before reopening: reopen cuts a torn tail, which must not happen under a live session.
    const release = await lockAttempt(unfinished.path, unfinished.header.attemptId);
    // Read again under the lock: the other session may have written more since.
    const read = await readJournal(unfinished.path);
    if (!read.ok) throw new UserError(read.message, { exitCode: ExitCode.damaged });
    const journal = await Journal.reopen(unfinished.path);
    const state = replay(bank, read.header, read.events);
    const driver = createTakeDriver(state, journal, { onError });
    running = { header: read.header, journal, driver, release };
    // Logged, so the time away is not charged to the item that was showing.
    driver.resume();
    return driver;
  };

  const finish = async (driver: TakeDriver) => {
    if (!running) throw new Error('finish called before the attempt began');
    await driver.settled();
    const [{ buildAttemptRecord }, { writeAttemptRecord }] = await Promise.all([import('../../core/attempt/record.js'), import('../../store/attempts.js')]);
    const record = buildAttemptRecord(driver.state(), running.header);
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
    const notes = await runAfterAttemptSaved({ record, savedTo, bank, dataDir, config: await openConfig() });
    return { record, result: record.result, savedTo, notes };
  };

  const { renderTake } = await screens;
  const outcome: TakeOutcome = await renderTake(
    {
      bank,
      itemCount: form.length,
      extraTime,
      defaults,
      driver: resumeNow ? await resume(resumeNow) : undefined,
      begin,
      resume: (attemptId) => {
        const unfinished = offered.get(attemptId);
        if (!unfinished) throw new Error(`resume of attempt ${attemptId}, which was not offered`);
        return resume(unfinished);
      },
      finish: (driver) => finish(driver as TakeDriver),
      resumeCommand: () => resumeCommand,
    },
    { ...(options.screenReader ? { screenReader: true } : {}), signal: stop.signal },
  );
  return report(outcome, running, resumeCommand);
};

/**
 * Imports the screens (Ink, React, yoga). yoga-layout fetches its WebAssembly,
 * a data: URL it can decode itself, whenever `fetch` exists, and the first
 * touch of `fetch` loads Node's HTTP client (a tenth of the time to the first
 * frame); `take` uses no fetch, so it is hidden while the screens load.
 */
async function importScreens(): Promise<typeof import('../../ui/render-take.js')> {
  const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetchProperty) Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await import('../../ui/render-take.js');
  } finally {
    if (fetchProperty) Object.defineProperty(globalThis, 'fetch', fetchProperty);
  }
}

/** A path as one word a shell reads back the same. */
const shellWord = (text: string): string => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

function assertSameBank(loaded: LoadedBank, header: JournalHeader): void {
  if (loaded.hash !== header.bank.hash) {
    throw new UserError(`${loaded.file}: this bank has changed since the attempt started (${header.bank.hash.slice(0, 19)}... then, ${loaded.hash.slice(0, 19)}... now)`, {
      exitCode: ExitCode.invalidInput,
      hint: 'resume with the bank file as it was, or ask your trainer',
    });
  }
}

/** Every unfinished attempt that can be continued, newest first, and those that cannot (file:line: why). */
async function readUnfinished(dataDir: string): Promise<{ found: Unfinished[]; damaged: string[] }> {
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
function assertFormInBank(bank: Bank, unfinished: Unfinished): void {
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
 * Holds the attempt for this session: a second `take` on it is refused at
 * once. A lock left by a session that was killed goes stale within 10 s: then
 * this one waits for that, instead of refusing.
 */
async function lockAttempt(journalPath: string, attemptId: string): Promise<() => Promise<void>> {
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
    writeErr('frontline: the last session on this attempt ended without closing it; taking it over (up to 10 s)\n');
    return acquireLock(journalPath, { ...options, waitMs: 15_000 });
  }
}

/** The newest unfinished attempt of this employee id on this bank: nobody is offered another person's attempt. */
async function newestUnfinished(dataDir: string, which: { bankHash: string; employeeId: string }): Promise<Unfinished | undefined> {
  return (await readUnfinished(dataDir)).found.find((u) => u.header.bank.hash === which.bankHash && u.header.candidate.employeeId === which.employeeId);
}

/**
 * What `--resume` continues: the newest unfinished attempt of the employee id
 * given, or, without one, of the only person with attempts open here.
 */
async function unfinishedToResume(dataDir: string, employeeId: string | undefined): Promise<Unfinished> {
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
const utcMinute = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function describeOffer(bank: Bank, unfinished: Unfinished): ResumeOffer {
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
    remainingMs: unfinished.header.deadline - Math.max(Date.now(), state.lastAt),
    maxAttempts: bank.policy.attempts?.max,
  };
}

async function report(outcome: TakeOutcome, running: Running | undefined, resumeCommand: string): Promise<ExitCodeValue> {
  switch (outcome.kind) {
    case 'finished': {
      const { result, record } = outcome.finished;
      const verdict = result.passed ? paint('green', 'PASS') : paint('red', 'NOT YET PASSED');
      const lines = [
        `${verdict}: ${result.percent}% (pass mark ${result.passMark}%)${record.ended === 'time-expired' ? ', submitted when time ran out' : ''}`,
        `Attempt saved: ${outcome.finished.savedTo}`,
        ...outcome.finished.notes,
      ];
      writeOut(`${lines.join('\n')}\n`);
      return result.passed ? ExitCode.ok : ExitCode.failed;
    }
    case 'quit':
      if (running) {
        await running.driver.settled();
        await running.journal.close();
        await running.release();
        writeOut(`Your answers are saved. Continue with: ${resumeCommand} (the deadline stays the original one)\n`);
      }
      return ExitCode.interrupted;
    case 'failed':
      throw outcome.error;
  }
}

