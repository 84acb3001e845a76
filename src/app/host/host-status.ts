import { replay } from '../../core/attempt/journal-entry.js';
import { counts } from '../../core/attempt/session.js';
import type { Bank } from '../../core/bank/types.js';
import { runningRow, summarizeFinished, type FinishedSummary, type RunningRow } from '../../core/host/host-status.js';
import { listAttempts } from '../../store/attempts.js';
import { readRegistry } from '../../store/certificates.js';
import { hostBankPath, readHostFile } from '../../store/host-files.js';
import { readJournal } from '../../store/journal.js';
import { checkBankFile } from '../load-bank.js';
import { extensionFor, runningAttempts } from './extend.js';

export interface HostStatus {
  now: number;
  running: RunningRow[];
  /** Since local midnight on the host. */
  finishedToday: FinishedSummary;
  /** Journals, records or extension log lines that could not be read, by file:line. */
  problems: string[];
}

/**
 * `host status`: every attempt with an open journal (being taken, or dropped
 * and resumable), its deadline with verified extensions, time left and
 * answers so far (the journal replayed on the host's copy of its bank), and
 * how many attempts ended today.
 */
export async function hostStatus(hostDir: string, now = new Date()): Promise<HostStatus> {
  await readHostFile(hostDir);
  const { attempts, problems } = await runningAttempts(hostDir);
  const banks = new Map<string, Bank | undefined>();
  const running: RunningRow[] = [];
  for (const { header, journal } of attempts) {
    const extension = await extensionFor(hostDir, header.attemptId);
    problems.push(...extension.problems);
    let bank = banks.get(header.bank.hash);
    if (!banks.has(header.bank.hash)) {
      bank = await loadHostBank(hostDir, header.bank.hash, header.bankFile);
      banks.set(header.bank.hash, bank);
    }
    let answered: number | undefined;
    if (bank) {
      const read = await readJournal(journal).catch(() => undefined);
      if (read?.ok) answered = counts(replay(bank, read.header, read.events, extension.ms)).answered;
    }
    running.push(runningRow(header, { extensionMs: extension.ms, answered, now: now.getTime() }));
  }
  running.sort((a, b) => a.remainingMs - b.remainingMs);
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const finished = await listAttempts(hostDir);
  problems.push(...finished.problems);
  const certified = new Set((await readRegistry(hostDir)).map((e) => e.attempt));
  return { now: now.getTime(), running, finishedToday: summarizeFinished(finished.attempts.map((a) => a.record), midnight.getTime(), certified), problems };
}

/** The bank a journal was taken on: the host's registered copy by hash, else the file the journal names, if its hash still matches. */
async function loadHostBank(hostDir: string, hash: string, bankFile: string | undefined): Promise<Bank | undefined> {
  for (const path of [hostBankPath(hostDir, hash), ...(bankFile ? [bankFile] : [])]) {
    const checked = await checkBankFile(path);
    if (checked.kind === 'parsed' && checked.result.ok && checked.result.hash === hash) return checked.result.bank;
  }
  return undefined;
}
