import { readFileSync } from 'node:fs';
import { parseTrustList, type TrustList } from '../core/credential/trust.js';
import { ioError, UserError } from '../errors/user-error.js';
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
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${path}: trust file is not valid JSON (${(error as Error).message})`);
  }
  const parsed = parseTrustList(data);
  if (!parsed.ok) throw new UserError(`${path}: ${parsed.message}`, { hint: 'see "Trust file" in docs/certificates.md' });
  return { data: data as Record<string, unknown>, trust: parsed.trust };
}

/** Writes the trust file atomically, keeping the other top-level fields of `data`. */
export async function writeTrustFile(path: string, trust: TrustList, data: Record<string, unknown> = {}): Promise<void> {
  try {
    await writeFileAtomic(path, `${JSON.stringify({ ...data, issuers: trust.issuers }, null, 2)}\n`);
  } catch (error) {
    throw ioError(path, error, 'write');
  }
}
