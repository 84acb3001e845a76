import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TrustList } from '../../core/credential/trust.js';
import { createVerifier, type LoadedStatusList, type Verdict, type VerifierOptions, type VerifyReason } from '../../core/credential/verify-certificate.js';
import { renderReport, renderVerdict, type FileVerdict, type VerifyFormat } from '../../core/credential/verify-report.js';
import { assertNever } from '../../core/bank/types.js';
import { collectJsonFiles } from '../../store/certificate-files.js';
import { dataPaths, resolveDataDir } from '../../store/data-dir.js';
import { loadStatusLists } from '../../store/status-list.js';
import { readStatusListCopies } from '../../store/status-list-copies.js';
import { findStatusConflicts } from '../../core/credential/status-conflicts.js';
import type { DeliveryMode } from '../../core/bank/types.js';
import { readTrustFile } from '../../store/trust-file.js';
import { MAX_CERTIFICATE_BYTES } from '../../store/certificate-files.js';
import { readRegularFile } from '../../store/regular-file.js';
import { UserError } from '../../errors/user-error.js';
import { poolThreads, runPool, startThreads, type PoolWorker, type StartedThreads } from '../../store/worker-pool.js';
import { parseRfc3339 } from '../../core/text/rfc3339.js';
import { sanitizeLine } from '../../core/text/sanitize.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { paint, writeErr, writeOut } from '../output.js';
import { startProgress } from '../progress.js';

interface VerifyOptions {
  trust?: string;
  status?: string[];
  at?: string;
  json?: boolean;
  threads?: number;
  quiet?: boolean;
  requireDelivery?: DeliveryMode[];
}

/** A verified file as the report needs it: the verdict in brief, and its output already rendered. */
interface Checked {
  ok: boolean;
  reason: VerifyReason;
  text: string;
}

export function exitCodeFor(reason: VerifyReason): ExitCodeValue {
  switch (reason) {
    case 'ok':
      return ExitCode.ok;
    case 'not-json':
    case 'truncated':
    case 'malformed':
      return ExitCode.malformed;
    case 'unreadable':
      return ExitCode.io;
    case 'bad-signature':
      return ExitCode.badSignature;
    case 'untrusted-issuer':
      return ExitCode.untrustedIssuer;
    case 'key-compromised':
      return ExitCode.keyCompromised;
    case 'not-yet-valid':
      return ExitCode.notYetValid;
    case 'expired':
      return ExitCode.expired;
    case 'status-unknown':
      return ExitCode.statusUnknown;
    case 'revoked':
      return ExitCode.revoked;
    case 'status-conflict':
      return ExitCode.statusConflict;
    case 'delivery-refused':
      return ExitCode.deliveryRefused;
    default:
      return assertNever(reason, 'verify reason');
  }
}

/** 0 when all pass; the shared code when every failure has the same one; else `failed`. */
export function overallExitCode(verdicts: readonly Pick<Verdict, 'ok' | 'reason'>[]): ExitCodeValue {
  const codes = new Set(verdicts.filter((v) => !v.ok).map((v) => exitCodeFor(v.reason)));
  if (codes.size === 0) return ExitCode.ok;
  return codes.size === 1 ? ([...codes][0] as ExitCodeValue) : ExitCode.failed;
}

export const run: Run<[string[]], VerifyOptions> = async ([paths], options, globals) => {
  const now = options.at === undefined ? new Date() : new Date(parseRfc3339(options.at));
  if (Number.isNaN(now.getTime())) {
    throw new UserError(`verify: --at: expected an ISO 8601 (RFC 3339) date or date-time like 2026-12-01 or 2026-12-01T09:00:00Z, found "${options.at}"`, { exitCode: ExitCode.usage });
  }
  const dataDir = resolveDataDir(globals);
  const trustPath = options.trust ?? join(dataDir, 'trust.json');
  if (options.trust === undefined && !existsSync(trustPath)) {
    throw new UserError(`verify: no trust file: pass --trust <file> or create ${trustPath}`, {
      exitCode: ExitCode.usage,
      hint: 'frontline trust add <issuer.json|did:key> writes one; see docs/certificates.md',
    });
  }
  const trust = await readTrustFile(trustPath);
  const statusPaths = options.status?.length ? options.status : [join(dataDir, dataPaths.status)].filter((p) => existsSync(p));
  const statusLists = await loadStatusLists(statusPaths, (note) => writeErr(`frontline: warning: ${sanitizeLine(note)}\n`));
  // A path that is missing or unreadable gets its own verdict (unreadable) and the batch goes on.
  const statusConflicts = findStatusConflicts(readStatusListCopies(statusPaths));
  const verifierOptions: VerifierOptions = { trust, statusLists, statusConflicts, ...(options.requireDelivery ? { requireDelivery: options.requireDelivery } : {}) };
  const format: VerifyFormat = options.json ? { json: true } : { json: false, marks: { valid: paint('green', 'VALID  '), invalid: paint('red', 'INVALID') } };
  const job = jobOf(verifierOptions, now, format);
  // A thread takes 50-100 ms to load its module: it starts now, while this one lists the files (a quick count says how many).
  const early = options.threads ?? poolThreads(roughCount(paths), MIN_FILES_PER_THREAD);
  const started = early > 1 ? await startThreads(poolWorker(job), early - 1) : undefined;
  const files = await collectJsonFiles(paths, { keepMissing: true });
  if (files.length === 0) throw new UserError(`verify: no .json files in ${paths.join(', ')}`, { exitCode: ExitCode.invalidInput });

  const progress = startProgress('verifying', 'files', { quiet: options.json === true || options.quiet === true });
  let checked: Checked[];
  try {
    checked = await verifyFiles(files, verifierOptions, job, options.threads, started, progress.update);
  } finally {
    progress.stop();
  }

  const exitCode = overallExitCode(checked);
  const byReason: Partial<Record<VerifyReason, number>> = {};
  let valid = 0;
  for (const c of checked) {
    byReason[c.reason] = (byReason[c.reason] ?? 0) + 1;
    if (c.ok) valid += 1;
  }
  const summary = { total: checked.length, valid, invalid: checked.length - valid, byReason, at: now.toISOString(), exitCode };
  writeOut(renderReport(checked.map((c) => c.text), summary, format));
  return exitCode;
};

/** Fewer files than this per thread, and starting a thread (50-100 ms of CPU) costs more than it saves. */
const MIN_FILES_PER_THREAD = 250;
/** Bounds on the files in one task: messages stay few, and the last tasks short. */
const MIN_CLAIM = 10;
const MAX_CLAIM = 200;

type Verify = ReturnType<typeof createVerifier>;

/** What every thread of one run is set up with (a worker's copy of VerifierOptions, cloned to it). */
interface Job {
  trust: TrustList;
  statusLists: LoadedStatusList[];
  statusConflicts: Array<[string, string]>;
  requireDelivery: readonly DeliveryMode[] | undefined;
  at: number;
  format: VerifyFormat;
}

function jobOf(options: VerifierOptions, now: Date, format: VerifyFormat): Job {
  return {
    trust: options.trust,
    statusLists: [...options.statusLists.values()],
    statusConflicts: [...(options.statusConflicts ?? new Map<string, string>())],
    requireDelivery: options.requireDelivery,
    at: now.getTime(),
    format,
  };
}

/** A worker runs this module again: the bundle for `verify`, whose exports keep their names. */
const poolWorker = (job: Job): PoolWorker => ({ url: import.meta.url, name: 'verifyWorker', data: job });

/**
 * About as many files as `paths` name, without listing them: a folder's
 * entries (not its subfolders'), 1 for anything else. Enough to tell a batch
 * worth a thread from a few files before collectJsonFiles has walked them.
 */
function roughCount(paths: readonly string[]): number {
  let count = 0;
  for (const path of paths) {
    try {
      count += statSync(path).isDirectory() ? readdirSync(path).length : 1;
    } catch {
      count += 1;
    }
  }
  return count;
}

/** Each file's verdict and output, in file order, from this thread and `threads - 1` others (`started` among them). */
async function verifyFiles(
  files: string[],
  options: VerifierOptions,
  job: Job,
  threads = Math.max(1, poolThreads(files.length, MIN_FILES_PER_THREAD)),
  started: StartedThreads | undefined = undefined,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<Checked[]> {
  const verify = createVerifier(options);
  const now = new Date(job.at);
  const { format } = job;
  const checked: Checked[] = [];
  await runPool<string[], Checked[]>({
    worker: poolWorker(job),
    threads: threads - 1,
    tasks: runsOf(files, threads),
    label: 'verify',
    ...(started ? { started } : {}),
    here: (run) => verifySlice(run, verify, now, format),
    done: (outcomes) => {
      checked.push(...outcomes);
      onProgress(checked.length, files.length);
    },
  });
  return checked;
}

/** Sets up a pool thread of verifyFiles: verifies the runs of files it is given. */
export function verifyWorker(job: Job): (run: string[]) => { result: Checked[] } {
  const verify = createVerifier({
    trust: job.trust,
    statusLists: new Map(job.statusLists.map((list) => [list.url, list])),
    statusConflicts: new Map(job.statusConflicts),
    ...(job.requireDelivery ? { requireDelivery: job.requireDelivery } : {}),
  });
  const now = new Date(job.at);
  return (run) => ({ result: verifySlice(run, verify, now, job.format) });
}

/**
 * The files in runs, one run per task. Each run is a share of what is left, so
 * the threads finish close together even when a neighbour slows one of them down.
 */
function runsOf(files: readonly string[], threads: number): string[][] {
  const runs: string[][] = [];
  for (let from = 0; from < files.length; ) {
    const size = Math.min(MAX_CLAIM, Math.max(MIN_CLAIM, Math.ceil((files.length - from) / (threads * 4))));
    runs.push(files.slice(from, from + size));
    from += size;
  }
  return runs;
}

/** Each thread reads every file into the same buffer: one allocation, not one per file. */
let scratch: Buffer | undefined;

/** Reads, verifies and renders `files` in order; a file that cannot be read gets its own verdict. */
function verifySlice(files: readonly string[], verify: Verify, now: Date, format: VerifyFormat): Checked[] {
  const out: Checked[] = [];
  scratch ??= Buffer.allocUnsafe(MAX_CERTIFICATE_BYTES + 1);
  for (const file of files) {
    const read = readRegularFile(file, MAX_CERTIFICATE_BYTES, scratch);
    const verdict: FileVerdict = read.ok
      ? { file, ...verify(read.bytes.toString('utf8'), now) }
      : { file, ok: false, reason: read.kind === 'too-large' ? 'malformed' : 'unreadable', message: read.kind === 'too-large' ? `${read.message}: not a certificate` : `cannot read: ${read.message}` };
    out.push({ ok: verdict.ok, reason: verdict.reason, text: renderVerdict(verdict, format) });
  }
  return out;
}
