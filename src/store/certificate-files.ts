import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ioError } from '../cli/errors.js';

/**
 * The `.json` files named by `paths`: files as given, folders searched
 * recursively in sorted order. A path that does not exist is an error.
 */
export async function collectJsonFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (error) {
      throw ioError(path, error);
    }
    if (!isDir) {
      out.push(path);
      continue;
    }
    let names: string[];
    try {
      names = await readdir(path, { recursive: true });
    } catch (error) {
      throw ioError(path, error);
    }
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) out.push(join(path, name));
  }
  return out;
}
