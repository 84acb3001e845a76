import { randomBytes, randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { AttemptRecord } from '../core/attempt/types.js';
import { bankHash } from '../core/bank/hash.js';
import type { Bank } from '../core/bank/types.js';
import { buildCertificate, toIsoSeconds } from '../core/credential/build-certificate.js';
import type { Certificate } from '../core/credential/certificate-types.js';
import { checkAttemptForIssue } from '../core/credential/check-attempt.js';
import { verificationMethodOf } from '../core/credential/ed25519.js';
import { signDocument } from '../core/credential/eddsa-jcs-2022.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { allocateStatusIndex, certificatePath, readRegistry, registryPath, writeRegistry } from '../store/certificates.js';
import { withLock } from '../store/lock.js';
import { loadIssuerProfile, loadPrivateKey } from '../store/keys.js';
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
  now?: Date;
}

export interface Issued {
  certificate: Certificate;
  /** The copy in the data dir, plus `outPath` when given. */
  files: string[];
  /** The candidate's machine reported a different score than the re-score. */
  reportedDiffers: boolean;
}

/**
 * Re-scores, signs and records a certificate. Used by `issue` and at the end
 * of `take` on a proctored machine.
 * @throws UserError: `failed` for a failing attempt, `invalidInput` for a wrong bank or a tampered record.
 */
export async function issueCertificate(request: IssueRequest): Promise<Issued> {
  const { attempt, bank } = request;
  const checked = checkAttemptForIssue(bank, request.bankHash, attempt);
  if (!checked.ok) {
    throw new UserError(`attempt ${attempt.id}: not issued: ${checked.message}`, {
      exitCode: checked.kind === 'failed' ? ExitCode.failed : ExitCode.invalidInput,
    });
  }
  const { key, did } = await loadPrivateKey(request.keyPath);
  const issuer = await loadIssuerProfile(request.keyPath, did, request.issuerPath, request.issuerName);
  // The registry, the status-list index and the certificate are one transaction:
  // concurrent `issue` runs would otherwise allocate from, and write back, the same old registry.
  return withLock(registryPath(request.dataDir), async () => {
    const registry = await readRegistry(request.dataDir);
    const earlier = registry.find((e) => e.attempt === attempt.id && !e.revoked);
    if (earlier && !request.reissue) {
      throw new UserError(`attempt ${attempt.id} already has certificate ${earlier.id} (${earlier.file})`, {
        exitCode: ExitCode.notAllowed,
        hint: 'pass --reissue to sign another one',
      });
    }
    const now = toIsoSeconds(request.now ?? new Date());
    const index = allocateStatusIndex(registry, issuer.statusListUrl);
    const unsigned = buildCertificate({
      bank,
      bankHash: request.bankHash,
      attempt,
      result: checked.result,
      issuer: { id: issuer.id, name: issuer.name, ...(issuer.url ? { url: issuer.url } : {}), ...(issuer.email ? { email: issuer.email } : {}) },
      id: `urn:uuid:${randomUUID()}`,
      status: { listUrl: issuer.statusListUrl, index },
      now,
      ...(request.includeEmail === false ? {} : { emailSalt: randomBytes(16).toString('hex') }),
    });
    const certificate = signDocument(unsigned as unknown as Record<string, unknown>, key, {
      verificationMethod: verificationMethodOf(did),
      created: now,
    }) as unknown as Certificate;

    await ensureStatusList(request.dataDir, { key, issuer }, now);
    const text = `${JSON.stringify(certificate, null, 2)}\n`;
    const files = [certificatePath(request.dataDir, certificate.id)];
    if (request.outPath) files.push(await outFile(request.outPath, files[0] as string));
    for (const file of files) {
      try {
        await writeFileAtomic(file, text);
      } catch (error) {
        throw ioError(file, error, 'write');
      }
    }
    registry.push({
      id: certificate.id,
      file: files[0] as string,
      issuer: did,
      statusListCredential: issuer.statusListUrl,
      statusListIndex: index,
      employeeId: attempt.candidate.employeeId,
      bank: `${bank.id}@${bank.version}`,
      attempt: attempt.id,
      issuedAt: now,
    });
    await writeRegistry(request.dataDir, registry);
    return { certificate, files, reportedDiffers: checked.reportedDiffers };
  }, { what: `the certificate registry in ${request.dataDir}` });
}

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
  if (typeof keyFile !== 'string' || !saved.record.result.passed) return [];
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
