import { describePending, pendingMarking } from '../../core/attempt/marking.js';
import type { AttemptRecord } from '../../core/attempt/types.js';
import { readAssignmentRegistry } from '../../store/assignments.js';
import { listAttempts } from '../../store/attempts.js';
import { readRegistry } from '../../store/certificates.js';
import { readHostFile } from '../../store/host-files.js';
import { readCheckedMarks } from '../checked-marks.js';
import { issueCertificate } from '../issue-certificate.js';
import { hostBanks } from './agent-menu.js';
import { signingKeyOf } from './init-host.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';

/** Who and what an outcome is about. */
export interface MarkedAttempt {
  attempt: string;
  employeeId: string;
  /** `id@version` */
  bank: string;
}

/** What `host issue` did with one hosted attempt that ended awaiting marking. */
export type MarkedOutcome =
  | (MarkedAttempt & { kind: 'issued'; certificate: string; file: string; score: number })
  /** Each reply still waiting, in words (`"w1" waits for a second mark`). */
  | (MarkedAttempt & { kind: 'waiting'; waiting: string[] })
  /** Scored with its marks, it did not pass: recorded against its assignment, as the session records a failure. */
  | (MarkedAttempt & { kind: 'not-passed'; message: string })
  /** Issued earlier (by an earlier run, or another trainer's at the same time). */
  | (MarkedAttempt & { kind: 'already-issued'; certificate: string })
  /** A failure recorded earlier: looked at again only when named with --attempt (its marks may have changed). */
  | (MarkedAttempt & { kind: 'not-passed-earlier' })
  /** Refused for another reason (altered, outside its window, a bad marks line, no copy of its bank…). */
  | (MarkedAttempt & { kind: 'refused'; message: string; exitCode: ExitCodeValue });

export interface IssueMarkedRequest {
  hostDir: string;
  /** Only this attempt; otherwise every hosted attempt not yet issued or failed. */
  attemptId?: string;
  now?: Date;
}

export interface IssueMarkedResult {
  outcomes: MarkedOutcome[];
  /** Attempt records in the host's attempts folder that could not be read. */
  problems: string[];
}

/**
 * `host issue`: the certificates of hosted attempts that ended awaiting
 * marking, once trainers have marked them on the host. Only the host's own
 * attempts folder is read (a record from elsewhere could be forged), and each
 * is issued as the session would have: the host key, `hostAttested`, under
 * the registry lock (issueCertificate, which reads the marks again there).
 * Without `attemptId`, attempts already issued or recorded as failed are left
 * alone and reported as such, so a second run issues nothing twice.
 * @throws UserError notFound when `attemptId` names no hosted attempt of this host that ended awaiting marking.
 */
export async function issueMarked(request: IssueMarkedRequest): Promise<IssueMarkedResult> {
  const { hostDir } = request;
  await readHostFile(hostDir);
  const listed = await listAttempts(hostDir);
  const awaiting = listed.attempts.map((a) => a.record).filter(endedAwaitingMarking);
  const chosen = request.attemptId === undefined ? awaiting : awaiting.filter((r) => r.id === request.attemptId);
  if (request.attemptId !== undefined && chosen.length === 0) {
    const other = listed.attempts.some((a) => a.record.id === request.attemptId);
    throw new UserError(`no hosted attempt ${request.attemptId} awaiting marking on this host${other ? ': it did not end awaiting marking, so its session settled it' : ''}`, {
      exitCode: ExitCode.notFound,
      hint: 'see what waits with `frontline host issue` (without --attempt)',
    });
  }
  const certificates = await readRegistry(hostDir);
  const failures = (await readAssignmentRegistry(hostDir)).failures;
  const banks = await hostBanks(hostDir);
  const outcomes: MarkedOutcome[] = [];
  for (const record of chosen) {
    const about: MarkedAttempt = { attempt: record.id, employeeId: record.candidate.employeeId, bank: `${record.bank.id}@${record.bank.version}` };
    const earlier = certificates.find((c) => c.attempt === record.id && !c.revoked);
    if (earlier) {
      outcomes.push({ ...about, kind: 'already-issued', certificate: earlier.id });
      continue;
    }
    if (request.attemptId === undefined && failures.some((f) => f.attempt === record.id)) {
      outcomes.push({ ...about, kind: 'not-passed-earlier' });
      continue;
    }
    outcomes.push(await issueOne(hostDir, record, about, banks, request.now));
  }
  return { outcomes, problems: listed.problems };
}

/** What the session left for a marker: delivered by the host, its stored result awaiting marking. */
function endedAwaitingMarking(record: AttemptRecord): boolean {
  return record.delivery === 'hosted' && record.result?.status === 'awaiting-marking';
}

async function issueOne(
  hostDir: string,
  record: AttemptRecord,
  about: MarkedAttempt,
  banks: Awaited<ReturnType<typeof hostBanks>>,
  now: Date | undefined,
): Promise<MarkedOutcome> {
  const loaded = banks.get(record.bank.hash);
  if (!loaded) {
    return { ...about, kind: 'refused', message: `this host has no copy of ${about.bank} (${record.bank.hash}) in its banks folder`, exitCode: ExitCode.notFound };
  }
  try {
    const waiting = pendingMarking(loaded.bank, record, await readCheckedMarks(hostDir, loaded.bank, [record]));
    if (waiting.length > 0) return { ...about, kind: 'waiting', waiting: waiting.map(describePending) };
    const issued = await issueCertificate({
      dataDir: hostDir,
      attempt: record,
      bank: loaded.bank,
      bankHash: loaded.hash,
      keyPath: signingKeyOf(hostDir),
      hostAttested: true,
      ...(now ? { now } : {}),
    });
    const c = issued.certificate;
    return { ...about, kind: 'issued', certificate: c.id, file: issued.files[0] ?? '', score: Number(c.credentialSubject.result[0]?.value ?? 0) };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    switch (error.exitCode) {
      case ExitCode.alreadyIssued: {
        const earlier = (await readRegistry(hostDir)).find((c) => c.attempt === record.id && !c.revoked);
        return { ...about, kind: 'already-issued', certificate: earlier?.id ?? '' };
      }
      case ExitCode.awaitingMarking:
        // Marks changed between the look above and the registry lock.
        return { ...about, kind: 'waiting', waiting: [error.message] };
      case ExitCode.failed:
        return { ...about, kind: 'not-passed', message: error.message };
      default:
        return { ...about, kind: 'refused', message: error.message, exitCode: error.exitCode };
    }
  }
}
