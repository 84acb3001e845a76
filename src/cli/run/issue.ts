import { sanitizeText } from '../../core/text/sanitize.js';
import { issueCertificate } from '../../app/issue-certificate.js';
import { loadBankOrThrow } from '../../app/load-bank.js';
import { readAttemptFile } from '../../store/attempts.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { printJson, writeOut } from '../output.js';

interface IssueOptions {
  bank: string;
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
  const loaded = await loadBankOrThrow(options.bank);
  const issued = await issueCertificate({
    dataDir: resolveDataDir(globals),
    attempt: read.record,
    bank: loaded.bank,
    bankHash: loaded.hash,
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
