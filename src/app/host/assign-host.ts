import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Assignment } from '../../core/assignment/assignment.js';
import { openAssignmentFor, resolveTargets, type AssignTarget } from '../../core/host/assign-targets.js';
import { writeFileAtomic } from '../../store/atomic-write.js';
import { readRegistry } from '../../store/certificates.js';
import { hostBankPath, hostPaths, readHostFile, readRoster } from '../../store/host-files.js';
import { assign, type Assignee } from '../assign.js';
import type { LoadedBank } from '../load-bank.js';
import { signingKeyOf } from './init-host.js';
import { ioError, UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';

export interface HostAssignRequest {
  hostDir: string;
  bank: LoadedBank;
  to: readonly AssignTarget[];
  /** @default 1 */
  extraTime?: number;
  /** @default the bank's policy.attempts.max */
  attempts?: number;
  reason?: string;
  opens?: Date;
  closes?: Date;
  /** Assign the others when some already have an open assignment for this bank, instead of refusing. @default false */
  skipExisting?: boolean;
  now?: Date;
}

export interface HostAssignResult {
  assigned: Array<{ assignment: Assignment; file: string }>;
  /** Agents left out by --skip-existing, with the open assignment they hold. */
  skipped: Array<{ employeeId: string; assignment: string; closes: string }>;
  /** Where the bank is registered on the host. */
  bankFile: string;
}

/**
 * `host assign`: one assignment per agent the targets name on the roster,
 * made by `assign` with the host's key into the host's registry (one lock, all
 * or nothing), after the bank is registered in banks/ by hash so a session can
 * load it. An agent who already holds an open assignment for the bank refuses
 * the batch (exit 27) unless `skipExisting`; that check runs under the lock,
 * so two trainers assigning at once cannot both give one agent a second form.
 */
export async function hostAssign(request: HostAssignRequest): Promise<HostAssignResult> {
  const { hostDir, bank } = request;
  await readHostFile(hostDir);
  const resolved = resolveTargets(await readRoster(hostDir), request.to);
  if (!resolved.ok) throw new UserError(resolved.message, { exitCode: ExitCode.notFound, hint: 'see who is registered with `frontline host agent list`' });
  const paths = hostPaths(hostDir);
  const people: Assignee[] = resolved.agents.map((agent) => ({
    employeeId: agent.employeeId,
    name: agent.name,
    extraTime: request.extraTime ?? 1,
    ...(request.attempts !== undefined ? { attempts: request.attempts } : {}),
    ...(request.reason ? { reason: request.reason } : {}),
    out: join(paths.assignments, agent.employeeId, `${randomUUID()}.json`),
  }));
  const bankFile = await registerBank(hostDir, bank);
  const now = request.now ?? new Date();
  const skipped: HostAssignResult['skipped'] = [];
  const assigned = await assign({
    dataDir: hostDir,
    bank: bank.bank,
    bankHash: bank.hash,
    keyPath: signingKeyOf(hostDir),
    people,
    ...(request.opens ? { opens: request.opens } : {}),
    ...(request.closes ? { closes: request.closes } : {}),
    now,
    choose: async (registry, everyone) => {
      const certificates = await readRegistry(hostDir);
      const used = new Set([...registry.failures.map((f) => f.assignment), ...certificates.flatMap((c) => (c.assignment ? [c.assignment] : []))]);
      const facts = { assignments: registry.assignments, used };
      const holding = everyone.flatMap((person) => {
        const open = openAssignmentFor(facts, person.employeeId, bank.bank.id, now.getTime());
        return open ? [{ employeeId: person.employeeId, assignment: open.id, closes: open.closes }] : [];
      });
      if (holding.length > 0 && !request.skipExisting) {
        const first = holding[0] as (typeof holding)[number];
        const more = holding.length > 1 ? ` (and ${holding.length - 1} more: ${holding.slice(1, 6).map((h) => h.employeeId).join(', ')}${holding.length > 6 ? ', …' : ''})` : '';
        throw new UserError(`host assign: ${first.employeeId} already has an open assignment for ${bank.bank.id} (${first.assignment}, closes ${first.closes})${more}; nothing was assigned`, {
          exitCode: ExitCode.alreadyAssigned,
          hint: 'pass --skip-existing to assign only the others',
        });
      }
      skipped.push(...holding);
      const held = new Set(holding.map((h) => h.employeeId));
      return everyone.filter((person) => !held.has(person.employeeId));
    },
  });
  return { assigned, skipped, bankFile };
}

/** Copies the bank into banks/<hash>.yaml once; the hash is of its canonical form, so any copy under that name is this bank. */
async function registerBank(hostDir: string, bank: LoadedBank): Promise<string> {
  const target = hostBankPath(hostDir, bank.hash);
  const present = await stat(target).then(
    () => true,
    () => false,
  );
  if (present) return target;
  let bytes: Buffer;
  try {
    bytes = await readFile(bank.file);
  } catch (error) {
    throw ioError(bank.file, error);
  }
  try {
    await writeFileAtomic(target, bytes);
  } catch (error) {
    throw ioError(target, error, 'write');
  }
  return target;
}
