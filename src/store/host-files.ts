import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyRoster, type Roster } from '../core/host/roster.js';
import { ioError, UserError } from '../errors/user-error.js';
import { writeFileAtomic } from './atomic-write.js';

/** What `host init` records about the host, so later commands write the same forced command. */
export interface HostFile {
  format: 'frontline.host/1';
  /** The account agents log in as (`ssh <user>@host`). */
  user: string;
  node: string;
  frontline: string;
  createdAt: string;
}

/** Files and folders of a host folder; the folder is also the host's data dir. */
export const hostPaths = (hostDir: string) => ({
  host: join(hostDir, 'host.json'),
  roster: join(hostDir, 'roster.json'),
  authorizedKeys: join(hostDir, 'authorized_keys'),
  banks: join(hostDir, 'banks'),
  keys: join(hostDir, 'keys'),
  /** Signed assignments, one file each, `<employeeId>/<uuid>.json`; the registry (assignment-registry.json) lists them. */
  assignments: join(hostDir, 'assignments'),
  /** Append-only, fsync'd: one signed time extension a line (`host extend`). */
  extensions: join(hostDir, 'extensions.jsonl'),
});

/**
 * Where `host assign` registers a bank: by its canonical hash, so a session
 * finds the bank an assignment names (`assignment.bank.hash`) without a path.
 */
export const hostBankPath = (hostDir: string, hash: string): string => join(hostDir, 'banks', `${hash.replace(/^sha256:/, '')}.yaml`);

export async function readHostFile(hostDir: string): Promise<HostFile> {
  const path = hostPaths(hostDir).host;
  const data = await readJson(path, () => {
    throw new UserError(`${hostDir}: not an exam host folder (no host.json)`, {
      exitCode: 3,
      hint: 'create one with `frontline host init <dir>`, and pass it with --data-dir',
    });
  });
  const host = data as Partial<HostFile>;
  if (host.format !== 'frontline.host/1' || typeof host.user !== 'string' || typeof host.node !== 'string' || typeof host.frontline !== 'string') {
    throw new UserError(`${path}: not a frontline host file`);
  }
  return host as HostFile;
}

export async function readRoster(hostDir: string): Promise<Roster> {
  const path = hostPaths(hostDir).roster;
  const data = (await readJson(path, () => emptyRoster())) as Partial<Roster>;
  if (data.format !== 'frontline.roster/1' || !Array.isArray(data.agents)) throw new UserError(`${path}: not a frontline roster`);
  return data as Roster;
}

export async function writeHostJson(path: string, value: unknown, mode = 0o644): Promise<void> {
  try {
    await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, { mode });
  } catch (error) {
    throw ioError(path, error, 'write');
  }
}

export async function writeHostText(path: string, text: string, mode = 0o644): Promise<void> {
  try {
    await writeFileAtomic(path, text, { mode });
  } catch (error) {
    throw ioError(path, error, 'write');
  }
}

async function readJson(path: string, missing: () => unknown): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return missing();
    throw ioError(path, error);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserError(`${path}: not valid JSON (${(error as Error).message})`);
  }
}
