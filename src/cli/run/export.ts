import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_PROFILES, exportRecord, toCsv, toJsonl, type ExportProfile, type ExportRecord } from '../../core/credential/export-rows.js';
import type { TrustedKey } from '../../core/credential/trust.js';
import { createVerifier, type Verdict } from '../../core/credential/verify-certificate.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { writeFileAtomic } from '../../store/atomic-write.js';
import { collectJsonFiles, MAX_CERTIFICATE_BYTES } from '../../store/certificate-files.js';
import { readRegularFile } from '../../store/regular-file.js';
import { dataPaths, resolveDataDir } from '../../store/data-dir.js';
import { loadStatusLists } from '../../store/status-list.js';
import { readStatusListCopies } from '../../store/status-list-copies.js';
import { findStatusConflicts } from '../../core/credential/status-conflicts.js';
import { readTrustFile } from '../../store/trust-file.js';
import { ioError, UserError } from '../../errors/user-error.js';
import { parseRfc3339 } from '../../core/text/rfc3339.js';
import { parseStrictJson } from '../../core/credential/strict-json.js';
import { sanitizeLine } from '../../core/text/sanitize.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { overallExitCode } from './verify.js';
import { writeErr, writeOut } from '../output.js';
import { startProgress } from '../progress.js';

interface ExportOptions {
  format: string;
  profile: string;
  out?: string;
  trust?: string;
  status?: string[];
  at?: string;
  unverified?: boolean;
  includeInvalid?: boolean;
  quiet?: boolean;
}

/**
 * Rows HR imports must be rows that verify: each certificate is verified as
 * `verify` does, and one that fails is left out (named on stderr, exit code
 * as verify's) unless `--include-invalid` asks for it with its reason in the
 * status column. Without a trust file nothing can be verified, so export
 * refuses unless `--unverified` says to go on without checking issuers.
 */
export const run: Run<[string[]], ExportOptions> = async ([paths], options, globals) => {
  if (options.format !== 'csv' && options.format !== 'jsonl') {
    throw new UserError(`export: --format: expected csv or jsonl, found "${options.format}"`, { exitCode: ExitCode.usage });
  }
  if (!(EXPORT_PROFILES as readonly string[]).includes(options.profile)) {
    throw new UserError(`export: --profile: expected ${EXPORT_PROFILES.join(', ')}, found "${options.profile}"`, { exitCode: ExitCode.usage });
  }
  const profile = options.profile as ExportProfile;
  const now = options.at === undefined ? new Date() : new Date(parseRfc3339(options.at));
  if (Number.isNaN(now.getTime())) {
    throw new UserError(`export: --at: expected an ISO 8601 (RFC 3339) date or date-time like 2026-12-01 or 2026-12-01T09:00:00Z, found "${options.at}"`, { exitCode: ExitCode.usage });
  }
  const dataDir = resolveDataDir(globals);
  const trustPath = options.trust ?? join(dataDir, 'trust.json');
  const hasTrust = options.trust !== undefined || existsSync(trustPath);
  if (!hasTrust && !options.unverified) {
    throw new UserError(`export: no trust file, so no certificate can be verified: pass --trust <file> or create ${trustPath}`, {
      exitCode: ExitCode.usage,
      hint: 'frontline trust add <issuer.json|did:key> writes one; --unverified exports without checking issuers',
    });
  }
  const statusPaths = options.status?.length ? options.status : [join(dataDir, dataPaths.status)].filter((p) => existsSync(p));
  const statusLists = await loadStatusLists(statusPaths, (note) => writeErr(`frontline: warning: ${sanitizeLine(note)}\n`));

  const files = await collectJsonFiles(paths);
  const progress = startProgress('exporting', 'files', { quiet: options.quiet === true });
  const read = files.map((file, done) => {
    progress.update(done, files.length);
    // Regular files of a sane size only: a FIFO named x.json, a link to /dev/zero or a 600 MB file is left out with its reason.
    const got = readRegularFile(file, MAX_CERTIFICATE_BYTES);
    if (got.ok) return { file, bytes: got.bytes, text: got.bytes.toString('utf8') };
    const unread: Verdict = got.kind === 'too-large'
      ? { ok: false, reason: 'malformed', message: `${got.message}: not a certificate` }
      : { ok: false, reason: 'unreadable', message: `cannot read: ${got.message}` };
    return { file, bytes: Buffer.alloc(0), text: '', unread };
  });
  progress.stop();
  // --unverified: every issuer the files name counts as trusted, so signature, dates and revocation are still checked.
  const trust = hasTrust ? await readTrustFile(trustPath) : { issuers: selfNamedIssuers(read.map((r) => r.text)) };
  const verify = createVerifier({ trust, statusLists, statusConflicts: findStatusConflicts(readStatusListCopies(statusPaths)) });

  const records: ExportRecord[] = [];
  const failed: Verdict[] = [];
  const leftOut: Verdict[] = [];
  for (const { file, bytes, text, unread } of read) {
    const verdict = unread ?? verify(text, now);
    if (!verdict.ok) {
      failed.push(verdict);
      const doc = parseObject(text);
      const included = options.includeInvalid === true && doc !== undefined;
      writeErr(sanitizeText(`frontline: ${file}: ${included ? 'included' : 'left out'}: ${verdict.reason}: ${verdict.message}`) + '\n');
      if (!included) {
        leftOut.push(verdict);
        continue;
      }
      records.push(exportRecord(doc, { status: verdict.reason, sha256: sha256(bytes), file }));
      continue;
    }
    records.push(exportRecord(parseObject(text) as Record<string, unknown>, { status: hasTrust ? 'valid' : 'not-verified', sha256: sha256(bytes), file }));
  }
  const text = options.format === 'csv' ? toCsv(records, profile) : toJsonl(records, profile);
  if (options.out) {
    try {
      await writeFileAtomic(options.out, text);
    } catch (error) {
      throw ioError(options.out, error, 'write');
    }
  } else {
    writeOut(text);
  }
  const unverified = records.filter((r) => r.status === 'not-verified').length;
  if (unverified > 0) {
    writeErr(`frontline: export: --unverified: ${unverified} row(s) have status not-verified: their issuers were not checked against a trust file\n`);
  }
  const included = failed.length - leftOut.length;
  if (included > 0) writeErr(`frontline: export: ${included} of ${read.length} row(s) failed verification and were included: see the status column\n`);
  if (leftOut.length > 0) {
    const how = options.includeInvalid ? 'they are not JSON certificates' : 'they failed verification (see above); --include-invalid writes them with the reason as status';
    writeErr(`frontline: export: ${leftOut.length} of ${read.length} certificate(s) left out: ${how}\n`);
  }
  return overallExitCode(leftOut);
};

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The certificate as verify reads it (a byte order mark ignored, duplicate keys refused), so the two never disagree. */
function parseObject(text: string): Record<string, unknown> | undefined {
  const parsed = parseStrictJson(text);
  const doc = parsed.ok ? parsed.value : undefined;
  return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : undefined;
}

/** The did:key each certificate names as its issuer: the trust list of `--unverified`. */
function selfNamedIssuers(texts: readonly string[]): TrustedKey[] {
  const ids = new Set<string>();
  for (const text of texts) {
    const issuer = parseObject(text)?.['issuer'];
    const id = typeof issuer === 'string' ? issuer : typeof issuer === 'object' && issuer !== null ? (issuer as { id?: unknown }).id : undefined;
    if (typeof id === 'string') ids.add(id);
  }
  return [...ids].map((id) => ({ id }));
}
