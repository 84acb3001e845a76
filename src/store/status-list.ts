import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs'; // sync: verify starts ~1.5 ms sooner without loading node:fs/promises
import { join } from 'node:path';
import { emptyStatusList } from '../core/credential/status-list.js';
import { readStatusListCredential, type LoadedStatusList } from '../core/credential/verify-certificate.js';
import { chooseStatusList, type StatusListCopy } from '../core/credential/status-list-choice.js';
import { ioError, UserError } from '../errors/user-error.js';
import { writeFileAtomic } from './atomic-write.js';
import { readRegularFile } from './regular-file.js';
import { dataPaths } from './data-dir.js';
import type { IssuerFile } from './keys.js';

/** A list of 131,072 entries, GZIP'd and base64'd, is a few KB; far more is not a status list. */
const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;

/** The local copy of the list published at `url`: one file per list, named by the URL's hash. */
export function statusListPath(dataDir: string, url: string): string {
  const name = createHash('sha256').update(url).digest('hex').slice(0, 16);
  return join(dataDir, dataPaths.status, `revocation-${name}.json`);
}

/** Writes a signed status list to its place in the data dir, atomically. */
export async function writeStatusListFile(dataDir: string, url: string, signed: Record<string, unknown>): Promise<string> {
  const path = statusListPath(dataDir, url);
  try {
    await writeFileAtomic(path, `${JSON.stringify(signed, null, 2)}\n`);
  } catch (error) {
    throw ioError(path, error, 'write');
  }
  return path;
}

/** The issuer's current list, or an empty one when none exists yet. */
export async function readOwnStatusList(dataDir: string, issuer: IssuerFile): Promise<Uint8Array> {
  const path = statusListPath(dataDir, issuer.statusListUrl);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyStatusList();
    throw ioError(path, error);
  }
  const loaded = parseStatusListFile(text, path);
  if (loaded.issuer !== issuer.id) throw new UserError(`${path}: status list belongs to ${loaded.issuer}, not ${issuer.id}`);
  return loaded.list;
}

function parseStatusListFile(text: string, path: string): LoadedStatusList {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${path}: status list is not valid JSON (${(error as Error).message})`);
  }
  const read = readStatusListCredential(data);
  if (!read.ok) throw new UserError(`${path}: ${read.message}`);
  return read.list;
}

/**
 * Status lists for `verify`, by URL, from files and folders (each folder's
 * `*.json`). A list that fails its own signature check is refused outright:
 * it would otherwise hide revocations. Several copies of one list are settled
 * by chooseStatusList (the newest, and never fewer revocations than any
 * copy); `warn` hears when copies disagreed.
 */
export async function loadStatusLists(paths: readonly string[], warn: (message: string) => void = () => {}): Promise<Map<string, LoadedStatusList>> {
  const copies = new Map<string, StatusListCopy[]>();
  for (const path of paths) {
    let files: string[];
    try {
      const info = statSync(path);
      files = info.isDirectory() ? readdirSync(path).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f)) : [path];
    } catch (error) {
      throw ioError(path, error);
    }
    for (const file of files) {
      const read = readRegularFile(file, MAX_STATUS_LIST_BYTES);
      if (!read.ok) {
        if (read.kind === 'io') throw ioError(file, read.cause);
        throw new UserError(`${file}: cannot use as a status list: ${read.message}`);
      }
      const list = parseStatusListFile(read.bytes.toString('utf8'), file);
      const known = copies.get(list.url);
      if (known) known.push({ list, source: file });
      else copies.set(list.url, [{ list, source: file }]);
    }
  }
  const lists = new Map<string, LoadedStatusList>();
  for (const [url, found] of copies) {
    const choice = chooseStatusList(found);
    if (!choice.ok) {
      // Not ours to settle: verify and export refuse the certificates that name this URL (status-conflict, findStatusConflicts).
      warn(`${choice.message}; certificates that name it are refused as status-conflict`);
      continue;
    }
    if (choice.note) warn(choice.note);
    lists.set(url, choice.list);
  }
  return lists;
}
