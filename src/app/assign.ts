import { randomBytes, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Assignment } from '../core/assignment/assignment.js';
import { buildAssignment } from '../core/assignment/build-assignment.js';
import { resolvePolicy } from '../core/bank/defaults.js';
import type { Bank } from '../core/bank/types.js';
import { toIsoSeconds } from '../core/credential/build-certificate.js';
import { verificationMethodOf } from '../core/credential/ed25519.js';
import { signDocument } from '../core/credential/eddsa-jcs-2022.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { assignmentRegistryPath, type AssignmentRegistry, nextAttemptNumber, readAssignmentRegistry, writeAssignmentRegistry } from '../store/assignments.js';
import { claimOrCheckOwner } from '../store/key-owner.js';
import { keyFiles, loadPrivateKey } from '../store/keys.js';
import { withLock } from '../store/lock.js';
import { ioError, UserError } from '../errors/user-error.js';
import { ExitCode } from '../errors/exit-codes.js';

/** One person to assign, from the command line or a roster row. */
export interface Assignee {
  employeeId: string;
  name?: string;
  /** @default 1 */
  extraTime?: number;
  /** Attempts allowed in all; @default the bank's policy.attempts.max */
  attempts?: number;
  /** Why the accommodations: kept in the issuer's registry only. */
  reason?: string;
  /** Where to write the signed assignment. */
  out: string;
}

export interface AssignRequest {
  dataDir: string;
  bank: Bank;
  bankHash: string;
  keyPath: string;
  issuerPath?: string;
  people: Assignee[];
  /**
   * Narrows `people` under the registry lock, from what the registry holds
   * then (an exam host skips or refuses agents who already have an open
   * assignment); throwing refuses the batch with nothing written.
   * @default everyone in `people`
   */
  choose?: (registry: AssignmentRegistry, people: readonly Assignee[]) => Assignee[] | Promise<Assignee[]>;
  /** @default now */
  opens?: Date;
  /** @default 7 days after `opens` */
  closes?: Date;
  now?: Date;
}

/** How long an assignment stays open when `--closes` is not given. */
export const DEFAULT_WINDOW_DAYS = 7;

/**
 * Signs one assignment per person and records each in the issuer's registry,
 * with an attempt number allocated under its lock (never used twice) and a
 * seed drawn here. All or nothing: one person over their attempts refuses the
 * whole batch before anything is written.
 */
export async function assign(request: AssignRequest): Promise<Array<{ assignment: Assignment; file: string }>> {
  const { bank, dataDir } = request;
  const now = request.now ?? new Date();
  const opens = request.opens ?? now;
  const closes = request.closes ?? new Date(opens.getTime() + DEFAULT_WINDOW_DAYS * 86_400_000);
  if (closes <= opens) throw new UserError(`assign: --closes (${closes.toISOString()}) must come after --opens (${opens.toISOString()})`, { exitCode: ExitCode.usage });
  if (closes <= now) throw new UserError(`assign: the window closes at ${closes.toISOString()}, in the past`, { exitCode: ExitCode.usage });
  const { key, did } = await loadPrivateKey(request.keyPath);
  const profilePath = request.issuerPath ?? join(dirname(request.keyPath), keyFiles.profile);
  const policy = resolvePolicy(bank.policy);
  return withLock(assignmentRegistryPath(dataDir), async () => {
    await withLock(profilePath, () => claimOrCheckOwner(dataDir, profilePath, did), { what: `the issuer profile ${profilePath}` });
    const registry = await readAssignmentRegistry(dataDir);
    const made: Array<{ assignment: Assignment; file: string }> = [];
    const issuedAt = toIsoSeconds(now);
    const people = request.choose ? await request.choose(registry, request.people) : request.people;
    for (const person of people) {
      const number = nextAttemptNumber(registry, person.employeeId, bank.id);
      const allowed = person.attempts ?? policy.maxAttempts;
      if (allowed !== undefined && number > allowed) {
        throw new UserError(`assign: ${person.employeeId} has had ${number - 1} of ${allowed} attempts at ${bank.id}`, {
          exitCode: ExitCode.notAllowed,
          hint: 'grant more with --attempts N (an accommodation; give --reason)',
        });
      }
      const lastFail = registry.failures
        .filter((f) => f.employeeId === person.employeeId && f.bank === bank.id)
        .reduce((max, f) => Math.max(max, Date.parse(f.endedAt)), Number.NEGATIVE_INFINITY);
      const coolUntil = lastFail + policy.cooldownHours * 3_600_000;
      const personOpens = new Date(Math.max(opens.getTime(), coolUntil));
      if (personOpens >= closes) {
        throw new UserError(`assign: ${person.employeeId} must wait until ${new Date(coolUntil).toISOString()} after a failed attempt, after the window closes`, { exitCode: ExitCode.notAllowed });
      }
      const unsigned = buildAssignment({
        id: `urn:uuid:${randomUUID()}`,
        issuer: did,
        bank: { id: bank.id, version: bank.version, hash: request.bankHash },
        candidate: { employeeId: person.employeeId, ...(person.name ? { name: person.name } : {}) },
        seed: randomBytes(8).toString('hex'),
        opens: toIsoSeconds(personOpens),
        closes: toIsoSeconds(closes),
        extraTime: person.extraTime ?? 1,
        ...(allowed !== undefined ? { attempts: allowed } : {}),
        number,
        issuedAt,
      });
      const assignment = signDocument(unsigned as unknown as Record<string, unknown>, key, { verificationMethod: verificationMethodOf(did), created: issuedAt }) as unknown as Assignment;
      made.push({ assignment, file: person.out });
      registry.assignments.push({
        id: assignment.id,
        employeeId: person.employeeId,
        ...(person.name ? { name: person.name } : {}),
        bank: assignment.bank,
        number,
        extraTime: assignment.accommodations.extraTime,
        ...(allowed !== undefined ? { attempts: allowed } : {}),
        ...(person.reason ? { reason: person.reason } : {}),
        opens: assignment.window.opens,
        closes: assignment.window.closes,
        issuedAt,
        file: person.out,
      });
    }
    for (const { assignment, file } of made) {
      try {
        await writeFileAtomic(file, `${JSON.stringify(assignment, null, 2)}\n`);
      } catch (error) {
        throw ioError(file, error, 'write');
      }
    }
    await writeAssignmentRegistry(dataDir, registry);
    return made;
  }, { what: `the assignment registry in ${dataDir}` });
}
