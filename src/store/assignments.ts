import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ioError, UserError } from '../errors/user-error.js';
import { writeFileAtomic } from './atomic-write.js';

/** What the issuer keeps about an assignment it signed, reasons for accommodations included. */
export interface AssignmentEntry {
  id: string;
  employeeId: string;
  name?: string;
  bank: { id: string; version: string; hash: string };
  number: number;
  extraTime: number;
  attempts?: number;
  /** Why the accommodations were granted: kept here only, never in an assignment or certificate. */
  reason?: string;
  opens: string;
  closes: string;
  issuedAt: string;
  file?: string;
}

/** An attempt under an assignment that `issue` saw fail: it uses the attempt number and starts the cooldown. */
export interface FailedUse {
  attempt: string;
  assignment: string;
  employeeId: string;
  /** The bank's id. */
  bank: string;
  endedAt: string;
  at: string;
}

/** A sealed copy of a bank the issuer made: attempts delivered from it may say `sealed`. */
export interface SealEntry {
  /** The sealed copy's hash (sealedBankHash): what a sealed attempt names as `bank.sealedHash`. */
  hash: string;
  /** The full bank's hash. */
  bank: string;
  at: string;
  /** The copy kept in the data dir, which `issue` opens for an attempt naming `hash`. */
  file?: string;
}

export interface AssignmentRegistry {
  format: 'frontline.assignments/1';
  assignments: AssignmentEntry[];
  failures: FailedUse[];
  /** @default [] */
  seals?: SealEntry[];
}

/** Beside the certificate registry; changed only under `withLock` on this path. */
export const assignmentRegistryPath = (dataDir: string): string => join(dataDir, 'assignment-registry.json');

export async function readAssignmentRegistry(dataDir: string): Promise<AssignmentRegistry> {
  const path = assignmentRegistryPath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { format: 'frontline.assignments/1', assignments: [], failures: [] };
    throw ioError(path, error);
  }
  try {
    const data = JSON.parse(text) as AssignmentRegistry;
    if (data.format !== 'frontline.assignments/1' || !Array.isArray(data.assignments) || !Array.isArray(data.failures)) throw new Error('unknown format');
    return data;
  } catch (error) {
    throw new UserError(`${path}: not an assignment registry (${(error as Error).message})`);
  }
}

export async function writeAssignmentRegistry(dataDir: string, registry: AssignmentRegistry): Promise<void> {
  const path = assignmentRegistryPath(dataDir);
  try {
    await writeFileAtomic(path, `${JSON.stringify(registry, null, 2)}\n`);
  } catch (error) {
    throw ioError(path, error, 'write');
  }
}

/** The next attempt number for a person on a bank: one more than every assignment so far, so none is used twice. */
export function nextAttemptNumber(registry: AssignmentRegistry, employeeId: string, bankId: string): number {
  return registry.assignments.filter((a) => a.employeeId === employeeId && a.bank.id === bankId).reduce((max, a) => Math.max(max, a.number), 0) + 1;
}

/** Where `seal` keeps its copy of a sealed bank, by the copy's hash. */
export const sealedCopyPath = (dataDir: string, sealedHash: string): string => join(dataDir, 'sealed', `${sealedHash.replace(/^sha256:/, '')}.json`);
