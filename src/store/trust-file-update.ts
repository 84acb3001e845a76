import { readFileSync } from 'node:fs';
import type { TrustList } from '../core/credential/trust.js';
import { ioError } from '../errors/user-error.js';
import { parseTrustFile } from './trust-file.js';
import { writeFileAtomic } from './atomic-write.js';

// Apart from trust-file.ts, which `verify` loads: writing needs node:fs/promises, which verify's startup does without.

/** The trust file's JSON as it is on disk (other top-level fields, `$schema`, kept), or null when there is none. */
export function readTrustFileForUpdate(path: string): { data: Record<string, unknown>; trust: TrustList } | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw ioError(path, error);
  }
  return parseTrustFile(text, path);
}

/** Writes the trust file atomically, keeping the other top-level fields of `data`. */
export async function writeTrustFile(path: string, trust: TrustList, data: Record<string, unknown> = {}): Promise<void> {
  try {
    await writeFileAtomic(path, `${JSON.stringify({ ...data, issuers: trust.issuers }, null, 2)}\n`);
  } catch (error) {
    throw ioError(path, error, 'write');
  }
}
