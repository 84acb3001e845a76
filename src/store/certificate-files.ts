import { readdirSync, statSync } from 'node:fs'; // sync: verify starts ~1.5 ms sooner without loading node:fs/promises
import { join } from 'node:path';
import { ioError } from '../errors/user-error.js';

/**
 * The `.json` files named by `paths`: files as given, folders searched
 * recursively (symbolic links to folders followed) in sorted order. A path
 * that does not exist is an error, unless `keepMissing`: then it is listed as
 * a file, for the caller to report when reading it fails.
 */
export async function collectJsonFiles(paths: readonly string[], options: { keepMissing?: boolean } = {}): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (error) {
      if (!options.keepMissing) throw ioError(path, error);
      isDir = false;
    }
    if (!isDir) {
      out.push(path);
      continue;
    }
    let names: string[];
    try {
      names = await jsonNamesUnder(path);
    } catch (error) {
      throw ioError(path, error);
    }
    for (const name of names.sort()) out.push(join(path, name));
  }
  return out;
}

/**
 * Paths relative to `root` of every entry whose name ends in `.json`: what
 * `readdir(root, { recursive: true })` lists, filtered. That call does a `stat`
 * and a `path.relative` per entry (50-120 ms of CPU for 5,000 files on Node 20,
 * against about 20 here); only symbolic links need a `stat`.
 */
async function jsonNamesUnder(root: string): Promise<string[]> {
  const found: string[] = [];
  const folders = [''];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const name = folder === '' ? entry.name : join(folder, entry.name);
      if (entry.name.endsWith('.json')) found.push(name);
      if (entry.isDirectory() || (entry.isSymbolicLink() && (await isFolder(join(root, name))))) folders.push(name);
    }
  }
  return found;
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
