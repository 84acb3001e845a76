import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ioError, UserError } from '../errors/user-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { writeFileAtomic } from './atomic-write.js';

/** The data dir an issuer profile names as the one that owns the key's registry and status list. */
export interface KeyOwner {
  /** The data dir's own id (`data-dir-id` in it): a copy elsewhere under the same path is still another one. */
  id: string;
  /** Where it was when it claimed the key, for messages. */
  path: string;
}

const ID_FILE = 'data-dir-id';

/** This data dir's id, made on first use; `wx` so two processes starting at once agree on one. */
export async function dataDirId(dataDir: string): Promise<string> {
  const path = join(dataDir, ID_FILE);
  const read = async () => (await readFile(path, 'utf8')).trim();
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(path, error);
  }
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(path, `${randomUUID()}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(path, error, 'write');
  }
  return read();
}

/**
 * The data dir a profile names as the key's owner when it is not this one;
 * undefined when this data dir owns it, nobody has claimed it, or the profile
 * cannot be read. Read-only: a command that does nothing must claim nothing.
 */
export async function ownerElsewhere(dataDir: string, profilePath: string): Promise<string | undefined> {
  let owner: Partial<KeyOwner> | undefined;
  try {
    owner = (JSON.parse(await readFile(profilePath, 'utf8')) as { dataDir?: Partial<KeyOwner> }).dataDir;
  } catch {
    return undefined;
  }
  if (typeof owner?.id !== 'string') return undefined;
  const id = await readFile(join(dataDir, ID_FILE), 'utf8').then((t) => t.trim(), () => undefined);
  return owner.id === id ? undefined : (owner.path ?? owner.id);
}

/**
 * One key, one data dir: the issuer profile records the data dir that owns the
 * key's registry and status list, claimed by the first `issue` or `assign`;
 * every other data dir is refused, so no two lists under one URL disagree.
 * The caller holds a lock that covers the profile.
 * @throws UserError `notKeyOwner` from any other data dir.
 */
export async function claimOrCheckOwner(dataDir: string, profilePath: string, did: string): Promise<KeyOwner> {
  const id = await dataDirId(dataDir);
  let profile: Record<string, unknown> = {};
  try {
    profile = JSON.parse(await readFile(profilePath, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error instanceof SyntaxError ? new UserError(`${profilePath}: not valid JSON (${error.message})`) : ioError(profilePath, error);
    }
  }
  const owner = profile['dataDir'] as Partial<KeyOwner> | undefined;
  if (owner !== undefined) {
    if (typeof owner !== 'object' || owner === null || typeof owner.id !== 'string') throw new UserError(`${profilePath}: dataDir: expected { "id", "path" }`);
    if (owner.id !== id) {
      throw new UserError(`${dataDir}: does not own key ${did}: its registry and status list are kept in ${owner.path ?? owner.id}`, {
        exitCode: ExitCode.notKeyOwner,
        hint: `issue and revoke from that data dir (--data-dir ${owner.path ?? '…'}); if it moved here, set dataDir.id in ${profilePath} to the id in ${join(dataDir, ID_FILE)}`,
      });
    }
    return owner as KeyOwner;
  }
  const claimed: KeyOwner = { id, path: dataDir };
  try {
    await writeFileAtomic(profilePath, `${JSON.stringify({ ...(Object.keys(profile).length === 0 ? { id: did } : profile), dataDir: claimed }, null, 2)}\n`);
  } catch (error) {
    throw ioError(profilePath, error, 'write');
  }
  return claimed;
}
