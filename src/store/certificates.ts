import { randomInt } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { STATUS_LIST_BITS } from '../core/credential/status-list.js';
import { ioError, UserError } from '../errors/user-error.js';
import { writeFileAtomic } from './atomic-write.js';
import { dataPaths } from './data-dir.js';

/** What the issuer remembers about a certificate it signed: enough to revoke it later. */
export interface IssuedEntry {
  id: string;
  file: string;
  issuer: string;
  statusListCredential: string;
  statusListIndex: number;
  employeeId: string;
  /** `id@version` of the bank. */
  bank: string;
  attempt: string;
  issuedAt: string;
  /** How the attempt was delivered; entries from before the field are open. */
  delivery?: 'hosted' | 'sealed' | 'open';
  /** attemptFingerprint of the attempt: the same answers under another id are a replay. */
  fingerprint?: string;
  /** The assignment it was taken under, and its attempt number. */
  assignment?: string;
  attemptNumber?: number;
  revoked?: { at: string; reason: string };
  /**
   * Set while `issue` signs and writes the certificate: the entry is recorded
   * before anything is signed, so a crash can never leave a signed certificate
   * the registry does not know. `out` is the `--out` copy being written.
   */
  pending?: { out?: string };
}

interface Registry {
  format: 'frontline.certificates/1';
  entries: IssuedEntry[];
}

/** Beside, not inside, the certificates folder, so `verify <data dir>/certificates` sees only certificates. */
export const registryPath = (dataDir: string): string => join(dataDir, 'certificate-registry.json');
export const certificatePath = (dataDir: string, id: string): string =>
  join(dataDir, dataPaths.certificates, `${id.replace(/^urn:uuid:/, '').replace(/[^A-Za-z0-9._-]/g, '_')}.json`);

export async function readRegistry(dataDir: string): Promise<IssuedEntry[]> {
  const path = registryPath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw ioError(path, error);
  }
  try {
    const data = JSON.parse(text) as Registry;
    if (data.format !== 'frontline.certificates/1' || !Array.isArray(data.entries)) throw new Error('unknown format');
    return data.entries;
  } catch (error) {
    throw new UserError(`${path}: not a certificate registry (${(error as Error).message})`);
  }
}

export async function writeRegistry(dataDir: string, entries: IssuedEntry[]): Promise<void> {
  const path = registryPath(dataDir);
  const registry: Registry = { format: 'frontline.certificates/1', entries };
  try {
    await writeFileAtomic(path, `${JSON.stringify(registry, null, 2)}\n`);
  } catch (error) {
    throw ioError(path, error, 'write');
  }
}

/**
 * A random unused index: sequential indexes would let anyone holding two
 * certificates guess how many were issued between them (Bitstring Status List §6.4).
 */
export function allocateStatusIndex(entries: readonly IssuedEntry[], listUrl: string): number {
  const used = new Set(entries.filter((e) => e.statusListCredential === listUrl).map((e) => e.statusListIndex));
  if (used.size >= STATUS_LIST_BITS / 2) throw new UserError(`status list ${listUrl} is half full; start a new list with another statusListUrl`);
  for (;;) {
    const index = randomInt(STATUS_LIST_BITS);
    if (!used.has(index)) return index;
  }
}

/** Finds a certificate by its id, with or without the `urn:uuid:` prefix. */
export function findIssued(entries: readonly IssuedEntry[], id: string): IssuedEntry | undefined {
  const bare = id.replace(/^urn:uuid:/, '');
  return entries.find((e) => e.id === id || e.id === `urn:uuid:${bare}`);
}

/**
 * Settles entries a crashed or failed `issue` left pending; call under the
 * registry lock. An entry whose data-dir copy exists is completed: that copy
 * is written before `--out`, so the certificate may have left the machine and
 * must stay revocable. An entry without it is cleared (with any half-written
 * temp files): nothing signed reached the disk. Returns whether anything changed.
 */
export async function settlePending(entries: IssuedEntry[]): Promise<boolean> {
  let changed = false;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as IssuedEntry;
    if (!entry.pending) continue;
    changed = true;
    const { out } = entry.pending;
    await removeTemps(entry.file);
    if (out) await removeTemps(out);
    if (await holdsCertificate(entry.file, entry.id)) {
      delete entry.pending;
      continue;
    }
    // `--force` may have pointed --out at someone's file: remove it only when it is this certificate.
    if (out && (await holdsCertificate(out, entry.id))) await rm(out, { force: true });
    entries.splice(i, 1);
  }
  return changed;
}

/** Whether `file` is the certificate `id` (written whole: `writeFileAtomic` renames a finished file into place). */
export async function holdsCertificate(file: string, id: string): Promise<boolean> {
  try {
    return (JSON.parse(await readFile(file, 'utf8')) as { id?: unknown }).id === id;
  } catch {
    return false;
  }
}

/** Removes the temp files `writeFileAtomic` leaves behind when killed while writing `file`. */
export async function removeTemps(file: string): Promise<void> {
  const prefix = `.${basename(file)}.`;
  const names = await readdir(dirname(file)).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp')).map((n) => rm(join(dirname(file), n), { force: true })));
}
