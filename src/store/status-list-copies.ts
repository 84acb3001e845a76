import { readFileSync, readdirSync, statSync } from 'node:fs'; // sync, as loadStatusLists: verify loads no node:fs/promises
import { join } from 'node:path';
import type { StatusListCopy } from '../core/credential/status-conflicts.js';
import { readStatusListCredential } from '../core/credential/verify-certificate.js';
import { ioError, UserError } from '../errors/user-error.js';

/**
 * Every status list under `paths` (files, and folders' `*.json`), one entry per
 * file, none merged: for findStatusConflicts, which needs to see every list
 * that claims a URL, where loadStatusLists keeps one per URL.
 */
export function readStatusListCopies(paths: readonly string[]): StatusListCopy[] {
  const copies: StatusListCopy[] = [];
  for (const path of paths) {
    let files: string[];
    try {
      files = statSync(path).isDirectory() ? readdirSync(path).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f)) : [path];
    } catch (error) {
      throw ioError(path, error);
    }
    for (const file of files) {
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        if (error instanceof SyntaxError) throw new UserError(`${file}: status list is not valid JSON (${error.message})`);
        throw ioError(file, error);
      }
      const read = readStatusListCredential(data);
      if (!read.ok) throw new UserError(`${file}: ${read.message}`);
      copies.push({ ...read.list, file });
    }
  }
  return copies;
}
