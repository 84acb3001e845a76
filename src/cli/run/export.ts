import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_PROFILES, exportRecord, toCsv, toJsonl, type ExportProfile, type ExportRecord } from '../../core/credential/export-rows.js';
import { createVerifier } from '../../core/credential/verify-certificate.js';
import { writeFileAtomic } from '../../store/atomic-write.js';
import { collectJsonFiles } from '../../store/certificate-files.js';
import { dataPaths, resolveDataDir } from '../../store/data-dir.js';
import { loadStatusLists } from '../../store/status-list.js';
import { readTrustFile } from '../../store/trust-file.js';
import { ioError, UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { writeErr, writeOut } from '../output.js';
import { startProgress } from '../progress.js';

interface ExportOptions {
  format: string;
  profile: string;
  out?: string;
  trust?: string;
  status?: string[];
  at?: string;
  quiet?: boolean;
}

export const run: Run<[string[]], ExportOptions> = async ([paths], options, globals) => {
  if (options.format !== 'csv' && options.format !== 'jsonl') {
    throw new UserError(`export: --format: expected csv or jsonl, found "${options.format}"`, { exitCode: ExitCode.usage });
  }
  if (!(EXPORT_PROFILES as readonly string[]).includes(options.profile)) {
    throw new UserError(`export: --profile: expected ${EXPORT_PROFILES.join(', ')}, found "${options.profile}"`, { exitCode: ExitCode.usage });
  }
  const profile = options.profile as ExportProfile;
  const now = options.at === undefined ? new Date() : new Date(options.at);
  if (Number.isNaN(now.getTime())) throw new UserError(`export: --at: expected an ISO 8601 date, found "${options.at}"`, { exitCode: ExitCode.usage });
  const dataDir = resolveDataDir(globals);
  const trustPath = options.trust ?? join(dataDir, 'trust.json');
  const trust = options.trust !== undefined || existsSync(trustPath) ? await readTrustFile(trustPath) : undefined;
  const statusPaths = options.status?.length ? options.status : [join(dataDir, dataPaths.status)].filter((p) => existsSync(p));
  const verify = trust ? createVerifier({ trust, statusLists: await loadStatusLists(statusPaths) }) : undefined;

  const files = await collectJsonFiles(paths);
  const records: ExportRecord[] = [];
  let skipped = 0;
  const progress = startProgress('exporting', 'files', { quiet: options.quiet === true });
  for (const [done, file] of files.entries()) {
    progress.update(done, files.length);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      progress.stop();
      throw ioError(file, error);
    }
    let doc: unknown;
    try {
      doc = JSON.parse(bytes.toString('utf8'));
    } catch {
      doc = undefined;
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      writeErr(`frontline: ${file}: skipped: not a JSON certificate\n`);
      skipped += 1;
      continue;
    }
    const verdict = verify?.(bytes.toString('utf8'), now);
    records.push(
      exportRecord(doc as Record<string, unknown>, {
        status: verdict ? (verdict.ok ? 'valid' : verdict.reason) : 'not-verified',
        sha256: createHash('sha256').update(bytes).digest('hex'),
        file,
      }),
    );
  }
  progress.stop();
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
  return skipped > 0 ? ExitCode.malformed : ExitCode.ok;
};
