import { randomBytes, randomUUID } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { AttemptRecord } from '../core/attempt/types.js';
import { bankHash } from '../core/bank/hash.js';
import type { Bank } from '../core/bank/types.js';
import { buildCertificate, toIsoSeconds } from '../core/credential/build-certificate.js';
import type { Certificate } from '../core/credential/certificate-types.js';
import { verificationMethodOf } from '../core/credential/ed25519.js';
import { signDocument } from '../core/credential/eddsa-jcs-2022.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import {
  allocateStatusIndex,
  certificatePath,
  holdsCertificate,
  readRegistry,
  registryPath,
  removeTemps,
  settlePending,
  writeRegistry,
  type IssuedEntry,
} from '../store/certificates.js';
import { withLock } from '../store/lock.js';
import { loadIssuerProfile, loadPrivateKey } from '../store/keys.js';
import { admitAttempt } from './admit-attempt.js';
import { hasRepliesToMark, readCheckedMarks } from './checked-marks.js';
import { ensureStatusList } from './status-list.js';
import type { AfterAttemptSaved } from '../app/take/after-attempt.js';
import { ioError, UserError } from '../errors/user-error.js';
import { ExitCode } from '../errors/exit-codes.js';

export interface IssueRequest {
  dataDir: string;
  attempt: AttemptRecord;
  bank: Bank;
  bankHash: string;
  keyPath: string;
  /** @default issuer.json next to the key */
  issuerPath?: string;
  /** Issuer name when there is no issuer profile (config `issuer.name`). */
  issuerName?: string;
  outPath?: string;
  /** @default true */
  includeEmail?: boolean;
  /** @default false */
  reissue?: boolean;
  /** Replace an existing `outPath`. @default false */
  force?: boolean;
  /** The caller ran the attempt itself, as an exam host does: only then may it be `hosted`. @default false */
  hostAttested?: boolean;
  /** A sealed attempt's bank as delivered, from its sealed copy (unsealForIssue). */
  deliveryBank?: Bank;
  now?: Date;
}

export interface Issued {
  certificate: Certificate;
  /** The copy in the data dir, plus `outPath` when given. */
  files: string[];
}

/**
 * Re-scores, signs and records a certificate. Used by `issue` and at the end
 * of `take` on a proctored machine.
 * @throws UserError with the exit code of the refusal (admitAttempt): `failed` for a failing attempt, `altered`, `badTimes`, `deliveryRefused`… for one it cannot trust.
 */
export async function issueCertificate(request: IssueRequest): Promise<Issued> {
  const { attempt, bank } = request;
  const { key, did } = await loadPrivateKey(request.keyPath);
  const issuer = await loadIssuerProfile(request.keyPath, did, request.issuerPath, request.issuerName);
  // The registry, the status-list index and the certificate are one transaction:
  // concurrent `issue` runs would otherwise allocate from, and write back, the same old registry.
  const dataDir = request.dataDir;
  return withLock(registryPath(dataDir), async () => {
    const registry = await readRegistry(dataDir);
    // What a killed `issue` left pending is settled first (see settlePending).
    if (await settlePending(registry)) await writeRegistry(dataDir, registry);
    const earlier = registry.find((e) => e.attempt === attempt.id && !e.revoked);
    if (earlier && !request.reissue) {
      throw new UserError(`attempt ${attempt.id} already has certificate ${earlier.id} (${earlier.file})`, {
        exitCode: ExitCode.alreadyIssued,
        hint: 'pass --reissue to sign another one',
      });
    }
    const now = toIsoSeconds(request.now ?? new Date());
    // Written replies score from the marks trainers gave them (`frontline mark`); other attempts never read the file.
    const markList = hasRepliesToMark(bank, attempt) ? await readCheckedMarks(dataDir, bank, [attempt]) : undefined;
    const checked = await admitAttempt({ ...request, did, registry, now: request.now ?? new Date(), ...(markList ? { markList } : {}) });
    const id = `urn:uuid:${randomUUID()}`;
    const file = certificatePath(dataDir, id);
    const out = request.outPath ? await outFile(request.outPath, file) : undefined;
    if (out && !request.force && (await exists(out))) {
      throw new UserError(`${out}: already exists; not overwritten`, {
        exitCode: ExitCode.exists,
        hint: 'choose another --out, or pass --force to replace the file',
      });
    }
    const index = allocateStatusIndex(registry, issuer.statusListUrl);
    await ensureStatusList(dataDir, { key, issuer }, now);

    // Recorded before signing, so that no crash or full disk can leave a signed
    // certificate the registry does not know (see settlePending for the next run).
    const entry: IssuedEntry = {
      id,
      file,
      issuer: did,
      statusListCredential: issuer.statusListUrl,
      statusListIndex: index,
      employeeId: attempt.candidate.employeeId,
      bank: `${bank.id}@${bank.version}`,
      attempt: attempt.id,
      issuedAt: now,
      ...checked.entry,
      pending: out ? { out } : {},
    };
    registry.push(entry);
    await writeRegistry(dataDir, registry);

    const unsigned = buildCertificate({
      bank,
      bankHash: request.bankHash,
      attempt,
      result: checked.result,
      delivery: checked.delivery,
      issuer: { id: issuer.id, name: issuer.name, ...(issuer.url ? { url: issuer.url } : {}), ...(issuer.email ? { email: issuer.email } : {}) },
      id,
      status: { listUrl: issuer.statusListUrl, index },
      now,
      ...(request.includeEmail === false ? {} : { emailSalt: randomBytes(16).toString('hex') }),
    });
    const certificate = signDocument(unsigned as unknown as Record<string, unknown>, key, {
      verificationMethod: verificationMethodOf(did),
      created: now,
    }) as unknown as Certificate;
    const text = `${JSON.stringify(certificate, null, 2)}\n`;
    // The data-dir copy first: settlePending completes an entry whose copy exists.
    const files = out ? [file, out] : [file];
    try {
      for (const path of files) {
        try {
          await writeFileAtomic(path, text);
        } catch (error) {
          throw ioError(path, error, 'write');
        }
      }
      delete entry.pending;
      await writeRegistry(dataDir, registry);
    } catch (error) {
      await rollBack(dataDir, registry, entry, files);
      throw error;
    }
    return { certificate, files };
  }, { what: `the certificate registry in ${dataDir}` });
}

/**
 * Undoes a failed issue: the copies go first (on a full disk that frees the
 * space the registry's rewrite needs), then the entry. If the rewrite fails
 * too, the entry stays pending with no copy, and the next run clears it.
 */
async function rollBack(dataDir: string, registry: IssuedEntry[], entry: IssuedEntry, files: readonly string[]): Promise<void> {
  for (const path of files) {
    if (await holdsCertificate(path, entry.id)) await rm(path, { force: true }).catch(() => undefined);
    await removeTemps(path).catch(() => undefined);
  }
  const at = registry.indexOf(entry);
  if (at >= 0) registry.splice(at, 1);
  await writeRegistry(dataDir, registry).catch(() => undefined);
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/** `--out` names a file, or a folder (one that exists, or a path ending in a separator) that gets the certificate under its data-dir name. */
async function outFile(out: string, kept: string): Promise<string> {
  const path = resolve(out);
  const folder = /[\\/]$/.test(out) || (await stat(path).then((s) => s.isDirectory(), () => false));
  return folder ? join(path, basename(kept)) : path;
}

/**
 * The end-of-`take` hook for proctored machines: issues when the operator
 * configured `signing.keyFile` and the attempt passed; otherwise says nothing.
 */
export const issueOnProctoredMachine: AfterAttemptSaved = async (saved) => {
  const keyFile = saved.config.get('signing.keyFile');
  if (typeof keyFile !== 'string') return [];
  if (saved.record.result?.status === 'awaiting-marking') return ['No certificate yet: `frontline issue` signs it once the written replies are marked.'];
  if (saved.record.result?.passed !== true) return [];
  const issuerName = saved.config.get('issuer.name');
  const issued = await issueCertificate({
    dataDir: saved.dataDir,
    attempt: saved.record,
    bank: saved.bank,
    bankHash: bankHash(saved.bank),
    keyPath: keyFile,
    ...(typeof issuerName === 'string' && issuerName.trim() ? { issuerName: issuerName.trim() } : {}),
  });
  return [`Certificate ${issued.certificate.id} written to ${issued.files[0]}`];
};
