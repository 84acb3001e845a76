import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncDirectory } from './file-system.js';

export interface AtomicWriteOptions {
  /** File mode for a new file, e.g. 0o600 for private keys. @default 0o644 */
  mode?: number;
}

/**
 * Writes a file so that a reader sees either the old content or the new, never
 * a torn mix, even across a crash or power loss: temp file in the same
 * directory, fsync, rename over the target, then fsync the directory so the
 * rename itself is durable.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  await makeDirectory(dir);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', options.mode ?? 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/**
 * mkdir -p. On a read-only file system a recursive mkdir reports ENOENT; the
 * nearest folder that exists is asked instead, so the error says why.
 */
export async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    let existing = dirname(dir);
    while (existing !== dirname(existing) && !(await access(existing).then(() => true, () => false))) existing = dirname(existing);
    await access(existing, constants.W_OK);
    throw error;
  }
}

