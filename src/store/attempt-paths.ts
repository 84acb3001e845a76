import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describeIoError } from '../errors/user-error.js';

/** The .json and .jsonl files a path names: itself, or those under a folder (sorted by name, recursively). */
export async function expand(path: string, files: string[], unreadable: string[]): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    unreadable.push(`${path}: ${describeIoError(error)}`);
    return;
  }
  if (!info.isDirectory()) {
    files.push(path);
    return;
  }
  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch (error) {
    unreadable.push(`${path}: cannot list: ${(error as Error).message}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // join(path, name) for every entry, without normalising the same folder 100,000 times (130 ms of a report).
  const prefix = join(path, 'a').slice(0, -1);
  for (const entry of entries) {
    const child = prefix + entry.name;
    if (entry.isDirectory()) await expand(child, files, unreadable);
    else if (entry.name.endsWith('.json') || entry.name.endsWith('.jsonl')) files.push(child);
  }
}
