import { readFileSync } from 'node:fs'; // sync: verify starts ~1.5 ms sooner without loading node:fs/promises
import { parseTrustList, type TrustList } from '../core/credential/trust.js';
import { ioError, UserError } from '../errors/user-error.js';

export async function readTrustFile(path: string): Promise<TrustList> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw ioError(path, error);
  }
  return parseTrustFile(text, path).trust;
}

/** A trust file's text: its JSON as written (other fields kept, for an update) and the trust list it gives. */
export function parseTrustFile(text: string, path: string): { data: Record<string, unknown>; trust: TrustList } {
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
