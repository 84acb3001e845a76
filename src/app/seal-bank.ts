import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import validateSealedBank from '../generated/sealed-bank.validate.js';
import type { Bank } from '../core/bank/types.js';
import { canonicalJson } from '../core/bank/canonical-json.js';
import { parseBank } from '../core/bank/parse-bank.js';
import {
  checkSealedSignature,
  checkUnsealed,
  deliveryBankForTake,
  deliveryPart,
  SEALED_BANK_FORMAT,
  sealedBankHash,
  type SealedBank,
} from '../core/bank/sealed-bank.js';
import { toIsoSeconds } from '../core/credential/build-certificate.js';
import { verificationMethodOf } from '../core/credential/ed25519.js';
import { signDocument } from '../core/credential/eddsa-jcs-2022.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { assignmentRegistryPath, readAssignmentRegistry, sealedCopyPath, writeAssignmentRegistry } from '../store/assignments.js';
import { readBankFile } from '../store/bank-file.js';
import { exists } from '../store/file-system.js';
import { claimOrCheckOwner } from '../store/key-owner.js';
import { keyFiles, loadEncryptionKey, loadPrivateKey } from '../store/keys.js';
import { withLock } from '../store/lock.js';
import { formatDiagnostic } from '../core/bank/diagnostic.js';
import { decryptWith, encryptTo } from './envelope.js';
import { ioError, UserError } from '../errors/user-error.js';
import { ExitCode } from '../errors/exit-codes.js';

export interface SealRequest {
  dataDir: string;
  bank: Bank;
  bankHash: string;
  keyPath: string;
  issuerPath?: string;
  out: string;
  /** Replace an existing `out`. @default false */
  force?: boolean;
  now?: Date;
}

export interface Sealed {
  file: string;
  /** The copy `issue` opens, in the data dir. */
  copy: string;
  sealedHash: string;
  sealed: SealedBank;
  /** The encryption key, and whether this run made it (a key from before sealed banks). */
  encryptionKey: { path: string; created: boolean };
}

/**
 * Seals a bank for offline delivery: the delivery part in clear, the whole
 * bank age-encrypted to the issuer's encryption key, signed by the issuer key,
 * written to `out` and kept in the data dir, and recorded in the issuer's
 * registry (under its lock), so that `issue` accepts attempts naming it.
 */
export async function sealBank(request: SealRequest): Promise<Sealed> {
  const { bank, dataDir } = request;
  const out = resolve(request.out);
  if (!request.force && (await exists(out))) {
    throw new UserError(`${out}: already exists; not overwritten`, { exitCode: ExitCode.exists, hint: 'choose another -o, or pass --force to replace it' });
  }
  const { key, did } = await loadPrivateKey(request.keyPath);
  const profilePath = request.issuerPath ?? join(dirname(request.keyPath), keyFiles.profile);
  return withLock(assignmentRegistryPath(dataDir), async () => {
    await withLock(profilePath, () => claimOrCheckOwner(dataDir, profilePath, did), { what: `the issuer profile ${profilePath}` });
    const encryption = await loadEncryptionKey(request.keyPath, { create: true });
    const sealedAt = toIsoSeconds(request.now ?? new Date());
    const unsigned: SealedBank = {
      format: SEALED_BANK_FORMAT,
      bank: { id: bank.id, version: bank.version, hash: request.bankHash },
      issuer: did,
      delivery: deliveryPart(bank),
      envelope: await encryptTo(encryption.recipient, canonicalBank(bank)),
      sealedAt,
    };
    const sealed = signDocument(unsigned as unknown as Record<string, unknown>, key, { verificationMethod: verificationMethodOf(did), created: sealedAt }) as unknown as SealedBank;
    const sealedHash = sealedBankHash(sealed);
    const copy = sealedCopyPath(dataDir, sealedHash);
    // The format first, for people and for looksSealed on a truncated copy; the signature is over canonical JSON, whatever the order.
    const { format, ...rest } = sealed;
    const text = `${JSON.stringify({ format, ...rest }, null, 2)}\n`;
    for (const path of [copy, out]) {
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeFileAtomic(path, text);
      } catch (error) {
        throw ioError(path, error, 'write');
      }
    }
    const registry = await readAssignmentRegistry(dataDir);
    registry.seals = [...(registry.seals ?? []).filter((s) => s.hash !== sealedHash), { hash: sealedHash, bank: request.bankHash, at: sealedAt, file: copy }];
    await writeAssignmentRegistry(dataDir, registry);
    return { file: out, copy, sealedHash, sealed, encryptionKey: { path: encryption.path, created: encryption.created } };
  }, { what: `the assignment registry in ${dataDir}` });
}

/** The text sealed: the bank's canonical JSON, the very text its hash is taken over. */
function canonicalBank(bank: Bank): string {
  const text = canonicalJson(bank);
  if (text === undefined) throw new Error('bank has no JSON form');
  return text;
}

const bad = (file: string, message: string, hint?: string): UserError =>
  new UserError(`${file}: ${message}`, { exitCode: ExitCode.badSealedBank, ...(hint ? { hint } : {}) });

/**
 * A sealed bank's text, checked without its key: its shape (the schema) and
 * the issuer's signature over all of it, so a changed stem, option or
 * envelope is refused before anyone answers from it.
 * @throws UserError badSealedBank naming the file.
 */
export function parseSealedBank(text: string, file: string, expect: { issuer?: string | readonly string[] } = {}): { sealed: SealedBank; sealedHash: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw bad(file, `not a sealed bank: not valid JSON (${(error as Error).message}): it is truncated or corrupted`);
  }
  if (!validateSealedBank(data)) {
    const first = validateSealedBank.errors?.[0];
    const where = first?.instancePath ? `${first.instancePath.slice(1).replace(/\//g, '.')}: ` : '';
    const missing = first?.keyword === 'required' ? `"${String(first.params['missingProperty'])}" is missing` : (first?.message ?? 'not the sealed bank format');
    throw bad(file, `not a usable sealed bank: ${where}${missing}`, 'use the sealed bank as `frontline seal` wrote it');
  }
  const sealed = data as unknown as SealedBank;
  const checked = checkSealedSignature(sealed, expect);
  if (!checked.ok) throw bad(file, `sealed bank refused: ${checked.message}`, 'use the sealed bank as your trainer sent it');
  return { sealed, sealedHash: sealedBankHash(sealed) };
}

/** What `take` and `preview` deliver from a sealed bank: no key is needed or read. */
export function deliverSealed(text: string, file: string): { bank: Bank; hash: string; sealed: { hash: string; issuer: string } } {
  const { sealed, sealedHash } = parseSealedBank(text, file);
  return { bank: deliveryBankForTake(sealed.delivery), hash: sealed.bank.hash, sealed: { hash: sealedHash, issuer: sealed.issuer } };
}

export interface Unsealed {
  /** The full bank from the envelope. */
  bank: Bank;
  hash: string;
  /** The bank as it was delivered: `issue` re-assembles the form from it. */
  delivery: Bank;
  sealedHash: string;
  file: string;
}

/**
 * Opens a sealed bank for `issue`: the file given, or else the copy `seal`
 * kept for the hash the attempt names. Checks the signature is this issuer's,
 * opens the envelope with the encryption key beside `keyPath`, and checks the
 * envelope holds the bank the copy names, whose delivery part is the one
 * delivered. @throws UserError badSealedBank naming the file, nothing written.
 */
export async function unsealForIssue(request: { dataDir: string; keyPath: string; did: string; file?: string; sealedHash?: string }): Promise<Unsealed> {
  let file = request.file;
  if (file === undefined) {
    if (request.sealedHash === undefined) {
      throw bad(request.dataDir, 'the attempt says sealed but names no sealed copy', 'pass the sealed bank it was taken from with --bank');
    }
    const registry = await readAssignmentRegistry(request.dataDir);
    const seal = (registry.seals ?? []).find((s) => s.hash === request.sealedHash);
    file = seal?.file ?? sealedCopyPath(request.dataDir, request.sealedHash);
    if (!seal) {
      throw bad(request.dataDir, `no sealed copy ${request.sealedHash} was made here`, 'issue from the data dir that ran `frontline seal`, or pass the sealed bank with --bank');
    }
  }
  const read = await readBankFile(file);
  if (!read.ok) {
    if (read.kind === 'io') throw new UserError(formatDiagnostic(read.error), { exitCode: ExitCode.io, cause: read.cause });
    throw bad(file, `not a sealed bank: ${formatDiagnostic(read.error)}`);
  }
  const { sealed, sealedHash } = parseSealedBank(read.text, file, { issuer: request.did });
  if (request.sealedHash !== undefined && sealedHash !== request.sealedHash) {
    throw bad(file, `the attempt was delivered from sealed copy ${request.sealedHash}, but this is ${sealedHash}`, 'pass the sealed bank the attempt was taken from, or leave --bank out');
  }
  const encryption = await loadEncryptionKey(request.keyPath, { create: false });
  const opened = await decryptWith(encryption.identity, sealed.envelope);
  if (!opened.ok) throw bad(file, `sealed bank refused: ${opened.message}`);
  const parsed = parseBank(opened.text, `${file} (envelope)`);
  if (!parsed.ok) throw bad(file, 'sealed bank refused: its envelope does not hold a valid question bank');
  const consistent = checkUnsealed(sealed, parsed.bank, parsed.hash);
  if (!consistent.ok) throw bad(file, `sealed bank refused: ${consistent.message}`);
  return { bank: parsed.bank, hash: parsed.hash, delivery: deliveryBankForTake(sealed.delivery), sealedHash, file };
}
