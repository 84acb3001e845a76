import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs'; // sync: verify starts ~1.5 ms sooner without loading node:fs/promises
import { join, sep } from 'node:path';
import { ioError } from '../errors/user-error.js';

/** Largest certificate read: one is about 5 KB; a file far past that is not one (a 600 MB file once aborted a batch). */
export const MAX_CERTIFICATE_BYTES = 1024 * 1024;

/**
 * The `.json` files named by `paths`: files as given, folders searched
 * recursively (symbolic links followed) in sorted order. Each real folder is
 * searched once and each real file listed once, so a symbolic link loop ends
 * and a file linked twice gets one verdict. Entries that are not regular
 * files (a FIFO or a directory link named `x.json` to a device) are listed
 * all the same: the reader refuses them one by one. A path that does not
 * exist is an error, unless `keepMissing`: then it is listed as a file, for
 * the caller to report when reading it fails.
 */
export async function collectJsonFiles(paths: readonly string[], options: { keepMissing?: boolean } = {}): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (error) {
      if (!options.keepMissing) throw ioError(path, error);
      isDir = false;
    }
    if (!isDir) {
      // A file named on the command line is checked as often as it is named; a folder walk does not list it again.
      seen.add(realOrSelf(path));
      out.push(path);
      continue;
    }
    let names: string[];
    try {
      names = jsonNamesUnder(path, seen);
    } catch (error) {
      throw ioError(path, error);
    }
    // join() normalises the whole path each time (~5 µs a file of a batch); the names are plain, so only the folder needs it.
    const prefix = join(path, 'x').slice(0, -1);
    for (const name of names.sort()) out.push(prefix + name);
  }
  return out;
}

/** Adds `key`; false when it was there already. */
function once(seen: Set<string>, key: string): boolean {
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Paths relative to `root` of every entry whose name ends in `.json`. Only
 * symbolic links need a `stat` and a `realpath`: a plain entry's real path is
 * its folder's real path and its name (5,000 `stat`s cost 50-120 ms of CPU).
 * A file reached both directly and through a link is listed by its own name.
 */
function jsonNamesUnder(root: string, seen: Set<string>): string[] {
  const rootReal = realpathSync(root);
  if (!once(seen, `dir:${rootReal}`)) return [];
  // Real file -> the name it is listed under, and whether that name is a link.
  const byReal = new Map<string, { name: string; viaLink: boolean }>();
  const offer = (real: string, name: string, viaLink: boolean) => {
    const known = byReal.get(real);
    if (seen.has(real) && !known) return;
    if (!known || (known.viaLink && !viaLink)) byReal.set(real, { name, viaLink });
  };
  const folders: Array<{ name: string; real: string }> = [{ name: '', real: rootReal }];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    // In name order, so which of two links to one folder is followed does not depend on the file system.
    const entries = byName(readdirSync(join(root, folder.name), { withFileTypes: true }));
    const sub: Array<{ name: string; real: string }> = [];
    for (const entry of entries) {
      const name = folder.name === '' ? entry.name : inside(folder.name, entry.name);
      if (entry.isDirectory()) {
        const real = inside(folder.real, entry.name);
        if (once(seen, `dir:${real}`)) sub.push({ name, real });
      } else if (!entry.isSymbolicLink()) {
        if (entry.name.endsWith('.json')) offer(inside(folder.real, entry.name), name, false);
      } else {
        const target = linkTarget(join(root, name));
        if (target?.isDir) {
          if (once(seen, `dir:${target.real}`)) sub.push({ name, real: target.real });
        } else if (entry.name.endsWith('.json')) {
          // A dangling link is listed too: its verdict says why it cannot be read.
          offer(target?.real ?? inside(folder.real, entry.name), name, true);
        }
      }
    }
    folders.push(...sub.reverse());
  }
  const found: string[] = [];
  for (const [real, { name }] of byReal) {
    seen.add(real);
    found.push(name);
  }
  return found;
}

/**
 * Entries sorted by name (UTF-16 order). The names go through the built-in
 * sort, which compares strings natively: a comparison function called
 * 60,000 times for a folder of 5,000 certificates cost more than the rest
 * of the listing, before verify can start a thread.
 */
function byName(entries: Dirent[]): Dirent[] {
  const named = new Map(entries.map((entry) => [entry.name, entry]));
  return [...named.keys()].sort().map((name) => named.get(name)!);
}

/** `join(folder, name)` for a folder already normalised (a real path, or names joined so) and a name from readdir. */
function inside(folder: string, name: string): string {
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}

function linkTarget(path: string): { real: string; isDir: boolean } | undefined {
  try {
    return { real: realpathSync(path), isDir: statSync(path).isDirectory() };
  } catch {
    return undefined;
  }
}
