import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { JournalHeader } from '../../core/attempt/journal-entry.js';
import { EXTENSION_FORMAT, MAX_EXTENSION_MINUTES, tallyExtensions, type ExtensionTally, type TimeExtension } from '../../core/assignment/extension.js';
import { toIsoSeconds } from '../../core/credential/build-certificate.js';
import { verificationMethodOf } from '../../core/credential/ed25519.js';
import { signDocument } from '../../core/credential/eddsa-jcs-2022.js';
import { appendLogLine, logStamp, readLogLines } from '../../store/extension-log.js';
import { hostPaths, readHostFile } from '../../store/host-files.js';
import { readJournal, unfinishedJournals } from '../../store/journal.js';
import { loadPrivateKey } from '../../store/keys.js';
import { withLock } from '../../store/lock.js';
import { signingKeyOf } from './init-host.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';

/** An attempt whose journal is still open on the host: being taken, or dropped and waiting for a resume. */
export interface RunningAttempt {
  header: JournalHeader;
  journal: string;
}

/** Every unfinished attempt on the host, newest first; an unreadable journal is named in `problems`, not fatal. */
export async function runningAttempts(hostDir: string): Promise<{ attempts: RunningAttempt[]; problems: string[] }> {
  const attempts: RunningAttempt[] = [];
  const problems: string[] = [];
  for (const journal of await unfinishedJournals(hostDir)) {
    const read = await readJournal(journal).catch((error: unknown) => ({ ok: false as const, message: `${journal}: ${(error as Error).message}` }));
    if (read.ok) attempts.push({ header: read.header, journal });
    else problems.push(read.message);
  }
  return { attempts, problems };
}

export interface ExtendRequest {
  hostDir: string;
  /** The attempt, or the employee whose one running attempt it is. */
  attemptId?: string;
  employeeId?: string;
  minutes: number;
  reason: string;
  /** Who grants it. */
  by: string;
  now?: Date;
}

export interface Extended {
  extension: TimeExtension;
  header: JournalHeader;
  /** All valid extensions of this attempt, this one included, in minutes. */
  totalMinutes: number;
  /** The deadline now in force (epoch ms). */
  deadline: number;
}

/**
 * `host extend`: signs a time extension for one running attempt with the
 * host's key and appends it to the host's log, fsync'd, under the log's lock
 * so two trainers cannot pass the cap together. The running session picks it
 * up with `extensionFor` on its next tick.
 */
export async function extendAttempt(request: ExtendRequest): Promise<Extended> {
  const { hostDir, minutes } = request;
  await readHostFile(hostDir);
  if (!Number.isSafeInteger(minutes) || minutes < 1 || minutes > MAX_EXTENSION_MINUTES) {
    throw new UserError(`--minutes: expected a whole number from 1 to ${MAX_EXTENSION_MINUTES}, found ${minutes}`, { exitCode: ExitCode.usage });
  }
  const reason = request.reason.trim();
  if (!reason || reason.length > 500 || /[\p{Cc}\p{Cf}]/u.test(reason)) throw new UserError('--reason: say why, in up to 500 characters without control characters', { exitCode: ExitCode.usage });
  const target = await findRunning(hostDir, request);
  const { key, did } = await loadPrivateKey(signingKeyOf(hostDir));
  const logPath = hostPaths(hostDir).extensions;
  return withLock(logPath, async () => {
    const before = await tallyFromLog(logPath, did, target.header.attemptId);
    const given = before.ms / 60_000;
    if (given + minutes > MAX_EXTENSION_MINUTES) {
      throw new UserError(`attempt ${target.header.attemptId} already has ${given} extra minutes; ${minutes} more would pass the cap of ${MAX_EXTENSION_MINUTES}`, {
        exitCode: ExitCode.extensionRefused,
        hint: 'more time than that is a new sitting: assign the bank again',
      });
    }
    const issuedAt = toIsoSeconds(request.now ?? new Date());
    const unsigned = {
      format: EXTENSION_FORMAT,
      id: `urn:uuid:${randomUUID()}`,
      issuer: did,
      attempt: target.header.attemptId,
      candidate: { employeeId: target.header.candidate.employeeId },
      minutes,
      by: request.by,
      reason,
      issuedAt,
    };
    const extension = signDocument(unsigned, key, { verificationMethod: verificationMethodOf(did), created: issuedAt }) as unknown as TimeExtension;
    await appendLogLine(logPath, extension);
    return { extension, header: target.header, totalMinutes: given + minutes, deadline: target.header.deadline + (given + minutes) * 60_000 };
  }, { what: `the extension log in ${hostDir}` });
}

async function findRunning(hostDir: string, request: ExtendRequest): Promise<RunningAttempt> {
  if ((request.attemptId === undefined) === (request.employeeId === undefined)) {
    throw new UserError('host extend: give --attempt <id> or --employee <id> (one of them)', { exitCode: ExitCode.usage });
  }
  const { attempts } = await runningAttempts(hostDir);
  if (request.attemptId !== undefined) {
    const found = attempts.find((a) => a.header.attemptId === request.attemptId);
    if (!found) throw new UserError(`no running attempt ${request.attemptId} on this host`, { exitCode: ExitCode.notFound, hint: 'see the running attempts with `frontline host status`' });
    return found;
  }
  const theirs = attempts.filter((a) => a.header.candidate.employeeId === request.employeeId);
  if (theirs.length === 0) throw new UserError(`${request.employeeId} has no running attempt on this host`, { exitCode: ExitCode.notFound, hint: 'see the running attempts with `frontline host status`' });
  if (theirs.length > 1) {
    throw new UserError(`${request.employeeId} has ${theirs.length} running attempts (${theirs.map((a) => a.header.attemptId).join(', ')}): say which with --attempt`, { exitCode: ExitCode.extensionRefused });
  }
  return theirs[0] as RunningAttempt;
}

async function tallyFromLog(logPath: string, issuer: string, attemptId: string): Promise<ExtensionTally> {
  const lines = await readLogLines(logPath);
  const name = basename(logPath);
  const problems: string[] = [];
  const mine: Array<{ line: number; data: unknown }> = [];
  for (const l of lines) {
    if ('problem' in l) problems.push(`${name}:${l.line}: ${l.problem}`);
    else if (typeof l.data === 'object' && l.data !== null && (l.data as { attempt?: unknown }).attempt === attemptId) mine.push(l);
  }
  const tally = tallyExtensions(
    mine.map((l) => l.data),
    { issuer, attemptId },
    (i) => `${name}:${mine[i]?.line ?? '?'}`,
  );
  return { ...tally, problems: [...problems, ...tally.problems] };
}

const dids = new Map<string, string>();
const cache = new Map<string, { stamp: string; tally: ExtensionTally }>();

/**
 * The session's side: the verified extra time for one attempt, from the
 * host's log. Signed by the host's key, for this attempt, within the cap:
 * anything else is left out and named in `problems` (`extensions.jsonl:7:
 * …`), never counted. Cheap to poll every clock tick: the log is read again
 * only when its size or change time moved.
 *
 * The session replays a resumed journal with `replay(bank, header, events,
 * ms)`, applies `withExtendedDeadline(state, header.deadline, ms)` on each
 * tick, and when the attempt ends writes `withExtensions(record,
 * extensions)` so `issue` can prove the later deadline from the record alone.
 */
export async function extensionFor(hostDir: string, attemptId: string): Promise<ExtensionTally> {
  const logPath = hostPaths(hostDir).extensions;
  const key = `${logPath}\n${attemptId}`;
  const stamp = await logStamp(logPath);
  const cached = cache.get(key);
  if (cached && cached.stamp === stamp) return cached.tally;
  let did = dids.get(hostDir);
  if (did === undefined) {
    did = (await loadPrivateKey(signingKeyOf(hostDir))).did;
    dids.set(hostDir, did);
  }
  const tally = stamp === 'none' ? { extensions: [], ms: 0, problems: [] } : await tallyFromLog(logPath, did, attemptId);
  cache.set(key, { stamp, tally });
  return tally;
}
