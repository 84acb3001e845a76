import { existsSync, readFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { createVerifier, type Verdict, type VerifyReason } from '../../core/credential/verify-certificate.js';
import { assertNever } from '../../core/bank/types.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { collectJsonFiles } from '../../store/certificate-files.js';
import { dataPaths, resolveDataDir } from '../../store/data-dir.js';
import { loadStatusLists } from '../../store/status-list.js';
import { readTrustFile } from '../../store/trust-file.js';
import { ioError, UserError } from '../errors.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { Run } from '../lazy-action.js';
import { paint, printJson } from '../output.js';

interface VerifyOptions {
  trust?: string;
  status: string[];
  at?: string;
  json?: boolean;
}

export function exitCodeFor(reason: VerifyReason): ExitCodeValue {
  switch (reason) {
    case 'ok':
      return ExitCode.ok;
    case 'not-json':
    case 'truncated':
    case 'malformed':
      return ExitCode.malformed;
    case 'bad-signature':
      return ExitCode.badSignature;
    case 'untrusted-issuer':
      return ExitCode.untrustedIssuer;
    case 'not-yet-valid':
      return ExitCode.notYetValid;
    case 'expired':
      return ExitCode.expired;
    case 'status-unknown':
      return ExitCode.statusUnknown;
    case 'revoked':
      return ExitCode.revoked;
    default:
      return assertNever(reason, 'verify reason');
  }
}

/** 0 when all pass; the shared code when every failure has the same one; else `failed`. */
export function overallExitCode(verdicts: readonly Verdict[]): ExitCodeValue {
  const codes = new Set(verdicts.filter((v) => !v.ok).map((v) => exitCodeFor(v.reason)));
  if (codes.size === 0) return ExitCode.ok;
  return codes.size === 1 ? ([...codes][0] as ExitCodeValue) : ExitCode.failed;
}

export const run: Run<[string[]], VerifyOptions> = async ([paths], options, globals) => {
  const now = options.at === undefined ? new Date() : new Date(options.at);
  if (Number.isNaN(now.getTime())) throw new UserError(`verify: --at: expected an ISO 8601 date, found "${options.at}"`, { exitCode: ExitCode.usage });
  const dataDir = resolveDataDir(globals);
  const trustPath = options.trust ?? join(dataDir, 'trust.json');
  if (options.trust === undefined && !(await exists(trustPath))) {
    throw new UserError(`verify: no trust file: pass --trust <file> or create ${trustPath}`, {
      exitCode: ExitCode.usage,
      hint: 'a trust file lists the did:key of each issuer you accept; see docs/certificates.md',
    });
  }
  const trust = await readTrustFile(trustPath);
  const statusPaths = options.status.length > 0 ? options.status : [join(dataDir, dataPaths.status)].filter((p) => existsSync(p));
  const statusLists = await loadStatusLists(statusPaths);
  const files = await collectJsonFiles(paths);
  if (files.length === 0) throw new UserError(`verify: no .json files in ${paths.join(', ')}`, { exitCode: ExitCode.invalidInput });

  const verify = createVerifier({ trust, statusLists });
  const results: Array<Verdict & { file: string }> = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw ioError(file, error);
    }
    results.push({ file, ...verify(text, now) });
  }

  const exitCode = overallExitCode(results);
  const byReason: Partial<Record<VerifyReason, number>> = {};
  for (const r of results) byReason[r.reason] = (byReason[r.reason] ?? 0) + 1;
  const passed = results.filter((r) => r.ok).length;
  const summary = { total: results.length, valid: passed, invalid: results.length - passed, byReason, at: now.toISOString(), exitCode };
  if (options.json) {
    printJson({ results, summary });
    return exitCode;
  }
  const out: string[] = [];
  for (const r of results) {
    const mark = r.ok ? paint('green', 'VALID  ') : paint('red', 'INVALID');
    const who = [r.subject?.name, r.subject?.employeeId && `(${r.subject.employeeId})`].filter(Boolean).join(' ');
    const what = [r.achievement?.name, r.achievement?.version].filter(Boolean).join(' ');
    const detail = r.ok ? [who, what, r.validUntil ? `until ${r.validUntil}` : 'no expiry'].filter(Boolean).join(', ') : `${r.reason}: ${r.message}`;
    out.push(`${mark} ${oneLine(`${r.file}  ${detail}`)}`);
  }
  const reasons = Object.entries(byReason).filter(([k]) => k !== 'ok').map(([k, n]) => `${k} ${n}`);
  out.push(`${results.length} checked: ${passed} valid, ${results.length - passed} invalid${reasons.length ? ` (${reasons.join(', ')})` : ''}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return exitCode;
};

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Certificate text is untrusted: no control sequences, and one line per certificate. */
const oneLine = (text: string): string => sanitizeText(text).replace(/\n/g, ' ');
