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
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${path}: trust file is not valid JSON (${(error as Error).message})`);
  }
  const parsed = parseTrustList(data);
  if (!parsed.ok) throw new UserError(`${path}: ${parsed.message}`, { hint: 'see "Trust file" in docs/certificates.md' });
  return parsed.trust;
}
