import { readFile } from 'node:fs/promises';
import { listAttempts } from '../../store/attempts.js';
import { readRegistry } from '../../store/certificates.js';
import { checkEmployeeId, type RosterAgent } from '../../core/host/roster.js';
import { readHostFile, readRoster, type HostFile } from '../../store/host-files.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';

/** An agent's own certificates on this host, as signed, for `ssh exam@host certificates > mine.json`. */
export async function agentCertificates(hostDir: string, employeeId: string): Promise<unknown[]> {
  const entries = (await readRegistry(hostDir)).filter((e) => e.employeeId === employeeId && !e.revoked);
  const certificates: unknown[] = [];
  for (const entry of entries) {
    const text = await readFile(entry.file, 'utf8').catch(() => undefined);
    if (text !== undefined) certificates.push(JSON.parse(text) as unknown);
  }
  return certificates;
}

export interface HistoryRow {
  attempt: string;
  bank: string;
  startedAt: string;
  endedAt: string;
  /**
   * null: not decided yet: written replies awaiting marking, or a sealed
   * attempt (not one a host takes, but one a host may be shown). An attempt
   * certified once marked (`host issue`) is true.
   */
  passed: boolean | null;
  awaitingMarking: boolean;
  certificate: string | null;
}

/** An agent's finished attempts on this host, oldest first, with the certificate each earned. */
export async function agentHistory(hostDir: string, employeeId: string): Promise<HistoryRow[]> {
  const registry = await readRegistry(hostDir);
  const { attempts } = await listAttempts(hostDir);
  return attempts
    .filter((a) => a.record.candidate.employeeId === employeeId)
    .map(({ record }) => {
      const certificate = registry.find((e) => e.attempt === record.id && !e.revoked)?.id ?? null;
      // The record keeps what was known when the test ended; the registry knows what marking decided since.
      const certified = registry.some((e) => e.attempt === record.id);
      const awaitingMarking = !certified && record.result?.status === 'awaiting-marking';
      return {
        attempt: record.id,
        bank: `${record.bank.id}@${record.bank.version}`,
        startedAt: record.startedAt,
        endedAt: record.endedAt,
        passed: certified ? true : awaitingMarking ? null : (record.result?.passed ?? null),
        awaitingMarking,
        certificate,
      };
    });
}

/**
 * Whose session this is: the agent the forced command names, checked against
 * the host's roster (a key removed since the connection began finds no agent).
 * @throws UserError: not a host folder, a malformed id, not on the roster.
 */
export async function sessionAgent(hostDir: string, employeeId: string): Promise<{ host: HostFile; agent: RosterAgent }> {
  const host = await readHostFile(hostDir);
  const idProblem = checkEmployeeId(employeeId);
  if (idProblem) throw new UserError(idProblem, { exitCode: ExitCode.usage });
  const agent = (await readRoster(hostDir)).agents.find((a) => a.employeeId === employeeId);
  if (!agent) throw new UserError(`${employeeId} is not on this host's roster`, { exitCode: ExitCode.notAllowed, hint: 'ask your trainer to register your key' });
  return { host, agent };
}
