import { dirname, join } from 'node:path';
import type { Mark } from '../core/attempt/marking.js';
import type { AttemptRecord, Result } from '../core/attempt/types.js';
import { assertNever, type Bank, type DeliveryMode } from '../core/bank/types.js';
import { checkAttemptForIssue, type IssueRefusal } from '../core/credential/check-attempt.js';
import { assignmentRegistryPath, readAssignmentRegistry, writeAssignmentRegistry } from '../store/assignments.js';
import type { IssuedEntry } from '../store/certificates.js';
import { claimOrCheckOwner } from '../store/key-owner.js';
import { keyFiles } from '../store/keys.js';
import { withLock } from '../store/lock.js';
import { UserError } from '../errors/user-error.js';
import { ExitCode, type ExitCodeValue } from '../errors/exit-codes.js';

export interface AdmitRequest {
  dataDir: string;
  attempt: AttemptRecord;
  bank: Bank;
  bankHash: string;
  keyPath: string;
  issuerPath?: string;
  /** did:key of the signing key. */
  did: string;
  /** The certificate registry, read under its lock. */
  registry: readonly IssuedEntry[];
  now: Date;
  /** The caller ran the attempt itself (an exam host). @default false */
  hostAttested?: boolean;
  /** A sealed attempt's bank as delivered, opened from its sealed copy. */
  deliveryBank?: Bank;
  /** The checked marks on the attempt's written replies (readCheckedMarks). */
  markList?: readonly Mark[];
}

/** What `issue` may sign, and what the registry entry records about how it was earned. */
export interface Admitted {
  result: Result;
  delivery: DeliveryMode;
  entry: Pick<IssuedEntry, 'delivery' | 'fingerprint' | 'assignment' | 'attemptNumber'>;
}

/**
 * Everything `issue` checks before it signs, run under the registry lock: this
 * data dir owns the key, and the attempt passes every check of
 * checkAttemptForIssue against what the issuer's registries hold. A failed
 * attempt under an assignment is recorded, so that its number is used and its
 * cooldown runs. @throws UserError with the refusal's own exit code.
 */
export async function admitAttempt(request: AdmitRequest): Promise<Admitted> {
  const { dataDir, attempt } = request;
  const profilePath = request.issuerPath ?? join(dirname(request.keyPath), keyFiles.profile);
  await withLock(profilePath, () => claimOrCheckOwner(dataDir, profilePath, request.did), { what: `the issuer profile ${profilePath}` });
  const assignments = await readAssignmentRegistry(dataDir);
  const checked = checkAttemptForIssue(request.bank, request.bankHash, attempt, {
    now: request.now,
    issuer: request.did,
    hostAttested: request.hostAttested === true,
    ...(request.deliveryBank ? { deliveryBank: request.deliveryBank } : {}),
    ...(request.markList ? { markList: request.markList } : {}),
    registry: {
      certificates: request.registry,
      assignments: new Set(assignments.assignments.map((a) => a.id)),
      failures: assignments.failures,
      seals: new Set((assignments.seals ?? []).map((seal) => seal.hash)),
    },
  });
  if (!checked.ok) {
    if (checked.reason === 'failed' && attempt.assignment) await recordFailure(dataDir, attempt, request.now);
    throw new UserError(`attempt ${attempt.id}: not issued (${checked.reason}): ${checked.message}`, { exitCode: refusalExitCode(checked.reason) });
  }
  return {
    result: checked.result,
    delivery: checked.delivery,
    entry: {
      delivery: checked.delivery,
      fingerprint: checked.fingerprint,
      ...(checked.assignment ? { assignment: checked.assignment.id, attemptNumber: checked.assignment.attempt.number } : {}),
    },
  };
}

async function recordFailure(dataDir: string, attempt: AttemptRecord, now: Date): Promise<void> {
  const assignment = attempt.assignment;
  if (!assignment) return;
  await withLock(assignmentRegistryPath(dataDir), async () => {
    const registry = await readAssignmentRegistry(dataDir);
    if (registry.failures.some((f) => f.attempt === attempt.id)) return;
    registry.failures.push({
      attempt: attempt.id,
      assignment: assignment.id,
      employeeId: assignment.candidate.employeeId,
      bank: attempt.bank.id,
      endedAt: attempt.endedAt,
      at: now.toISOString(),
    });
    await writeAssignmentRegistry(dataDir, registry);
  }, { what: `the assignment registry in ${dataDir}` });
}

export function refusalExitCode(reason: IssueRefusal): ExitCodeValue {
  switch (reason) {
    case 'simulated':
    case 'wrong-bank':
      return ExitCode.invalidInput;
    case 'failed':
      return ExitCode.failed;
    case 'altered':
      return ExitCode.altered;
    case 'delivery-refused':
    case 'assignment-required':
      return ExitCode.deliveryRefused;
    case 'bad-assignment':
      return ExitCode.badAssignment;
    case 'assignment-mismatch':
      return ExitCode.assignmentMismatch;
    case 'outside-window':
      return ExitCode.outsideWindow;
    case 'attempt-used':
      return ExitCode.attemptUsed;
    case 'cooldown':
      return ExitCode.notAllowed;
    case 'bad-times':
      return ExitCode.badTimes;
    case 'late-answers':
      return ExitCode.lateAnswers;
    case 'replay':
      return ExitCode.replay;
    case 'awaiting-marking':
      return ExitCode.awaitingMarking;
    default:
      return assertNever(reason, 'issue refusal');
  }
}
