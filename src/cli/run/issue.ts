import { sanitizeText } from '../../core/text/sanitize.js';
import { issueCertificate } from '../../app/issue-certificate.js';
import { loadBankOrThrow } from '../../app/load-bank.js';
import type { AttemptRecord } from '../../core/attempt/types.js';
import { looksSealed } from '../../core/bank/looks-sealed.js';
import type { Bank } from '../../core/bank/types.js';
import { readBankFile } from '../../store/bank-file.js';
import { readAttemptFile } from '../../store/attempts.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { printJson, writeOut } from '../output.js';

interface IssueOptions {
  bank?: string;
  key: string;
  issuer?: string;
  out?: string;
  email: boolean;
  reissue?: boolean;
  force?: boolean;
  json?: boolean;
}

export const run: Run<[string], IssueOptions> = async ([attemptPath], options, globals) => {
  const read = await readAttemptFile(attemptPath);
  if (!read.ok) throw new UserError(read.message, { exitCode: read.kind === 'io' ? ExitCode.io : ExitCode.invalidInput, cause: read.cause });
  const dataDir = resolveDataDir(globals);
  const loaded = await bankForIssue(read.record, options, dataDir);
  const issued = await issueCertificate({
    dataDir,
    attempt: read.record,
    bank: loaded.bank,
    bankHash: loaded.hash,
    ...(loaded.delivery ? { deliveryBank: loaded.delivery } : {}),
    keyPath: options.key,
    ...(options.issuer ? { issuerPath: options.issuer } : {}),
    ...(options.out ? { outPath: options.out } : {}),
    includeEmail: options.email,
    reissue: options.reissue === true,
    force: options.force === true,
  });
  const c = issued.certificate;
  const score = c.credentialSubject.result[0]?.value;
  if (options.json) {
    printJson({ id: c.id, files: issued.files, score, validUntil: c.validUntil ?? null, statusListIndex: Number(c.credentialStatus.statusListIndex) });
    return ExitCode.ok;
  }
  const lines = [
    sanitizeText(`Issued ${c.id} to ${read.record.candidate.name} (${read.record.candidate.employeeId}) for ${c.name} ${loaded.bank.version}: ${score}%`),
    ...issued.files.map((f) => `  written to ${f}`),
    c.validUntil ? `  valid until ${c.validUntil}` : '  no expiry',
  ];
  writeOut(`${lines.join('\n')}\n`);
  return ExitCode.ok;
};

/**
 * The bank to re-score against. A sealed attempt is scored from its sealed
 * copy, opened with the issuer's encryption key: the file given with --bank
 * when it is a sealed bank, otherwise the copy `seal` kept in this data dir
 * under the hash the attempt names (a full bank given is then checked against
 * the envelope, by hash, in the usual wrong-bank check).
 */
async function bankForIssue(attempt: AttemptRecord, options: IssueOptions, dataDir: string): Promise<{ bank: Bank; hash: string; delivery?: Bank }> {
  const given = options.bank;
  const sealedFile = given !== undefined && (await isSealedFile(given));
  if (attempt.delivery !== 'sealed' && !sealedFile) {
    if (given === undefined) {
      throw new UserError('issue: --bank is required: the question bank the attempt was taken on', { exitCode: ExitCode.usage, hint: 'only a sealed attempt finds its bank by itself' });
    }
    return loadBankOrThrow(given);
  }
  if (!sealedFile && given !== undefined && !(await sealedHere(dataDir, attempt.bank.sealedHash))) {
    // It names no copy sealed here: re-scored on the bank given, the issuer's checks say why it is refused.
    return loadBankOrThrow(given);
  }
  const { loadPrivateKey } = await import('../../store/keys.js');
  const { unsealForIssue } = await import('../../app/seal-bank.js');
  const { did } = await loadPrivateKey(options.key);
  const unsealed = await unsealForIssue({
    dataDir,
    keyPath: options.key,
    did,
    ...(sealedFile ? { file: given } : {}),
    ...(attempt.bank.sealedHash !== undefined ? { sealedHash: attempt.bank.sealedHash } : {}),
  });
  if (given !== undefined && !sealedFile) {
    const full = await loadBankOrThrow(given);
    if (full.hash !== unsealed.hash) return full;
  }
  return unsealed;
}

async function isSealedFile(path: string): Promise<boolean> {
  const read = await readBankFile(path);
  return read.ok && looksSealed(read.text);
}

async function sealedHere(dataDir: string, sealedHash: string | undefined): Promise<boolean> {
  if (sealedHash === undefined) return false;
  const { readAssignmentRegistry } = await import('../../store/assignments.js');
  return ((await readAssignmentRegistry(dataDir)).seals ?? []).some((s) => s.hash === sealedHash);
}
