import { access, open } from 'node:fs/promises';

/** Whether something is at `path` (a command asks before it would overwrite it). */
export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes a rename or a new file in `dir` durable. Best effort: some file systems
 * (and Windows) refuse fsync on a directory, and the file is written either way.
 */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // See above: nothing more can be done, and nothing is lost.
  }
}
