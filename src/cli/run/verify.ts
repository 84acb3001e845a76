import { existsSync, readFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { TrustList } from '../../core/credential/trust.js';
import { createVerifier, type LoadedStatusList, type Verdict, type VerifierOptions, type VerifyReason } from '../../core/credential/verify-certificate.js';
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
  threads?: number;
}

type FileVerdict = Verdict & { file: string };
/** A file that could not be read: the whole run stops with exit io, as if it had been read in order. */
type ReadFailure = { file: string; readError: { code?: string; message: string } };
type FileOutcome = FileVerdict | ReadFailure;

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

  const results = await verifyFiles(files, { trust, statusLists }, now, options.threads);

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

/** Fewer files than this per thread, and starting a thread (50-100 ms of CPU) costs more than it saves. */
const MIN_FILES_PER_THREAD = 250;
/** Each worker holds its own heap and copy of the file list; past this, memory grows faster than throughput. */
const MAX_THREADS = 8;
/**
 * Files a thread claims at a time: enough to keep messages rare, few enough
 * that the threads finish together when a neighbour slows one of them down.
 */
const MAX_BATCH_FILES = 100;

type Verify = ReturnType<typeof createVerifier>;

/** What every thread of one run shares. */
interface Job {
  files: string[];
  batchSize: number;
  /** An Int32Array(1): the next batch no thread has claimed yet. */
  next: SharedArrayBuffer;
  trust: TrustList;
  statusLists: LoadedStatusList[];
  at: number;
}

/** The verdicts for `files`, in their order, from one thread or several. */
async function verifyFiles(files: string[], options: VerifierOptions, now: Date, threads = defaultThreads(files.length)): Promise<FileVerdict[]> {
  const verify = createVerifier(options);
  if (threads <= 1) return settle(verifySlice(files, verify, now));
  const { Worker } = await import('node:worker_threads');
  const job: Job = {
    files,
    batchSize: Math.max(1, Math.min(MAX_BATCH_FILES, Math.ceil(files.length / (threads * 8)))),
    next: new SharedArrayBuffer(4),
    trust: options.trust,
    statusLists: [...options.statusLists.values()],
    at: now.getTime(),
  };
  const done = Array.from({ length: batchCount(job) }, (): FileOutcome[] | undefined => undefined);
  // A worker runs this module again: the bundle's chunk for `verify`, whose exports keep their names.
  const entry = `import(${JSON.stringify(import.meta.url)}).then((m) => m.verifyWorker())`;
  const workers = Array.from({ length: threads - 1 }, () => new Worker(entry, { eval: true, workerData: job }));
  const finished = Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.on('message', ({ batch, outcomes }: { batch: number; outcomes: FileOutcome[] }) => (done[batch] = outcomes));
          worker.on('error', reject);
          worker.on('exit', () => resolve());
        }),
    ),
  );
  // If this thread fails first, its error is the one to report.
  finished.catch(() => undefined);
  try {
    claimBatches(job, verify, (batch, outcomes) => (done[batch] = outcomes));
    await finished;
  } finally {
    for (const worker of workers) void worker.terminate();
  }
  return settle(
    done.flatMap((outcomes, batch) => {
      if (!outcomes) throw new Error(`verify: batch ${batch} of ${done.length} came back from no thread`);
      return outcomes;
    }),
  );
}

/** Entry point of the worker threads verifyFiles starts. */
export async function verifyWorker(): Promise<void> {
  const { parentPort, workerData } = await import('node:worker_threads');
  const job = workerData as Job;
  const verify = createVerifier({ trust: job.trust, statusLists: new Map(job.statusLists.map((list) => [list.url, list])) });
  claimBatches(job, verify, (batch, outcomes) => parentPort?.postMessage({ batch, outcomes }));
}

function defaultThreads(files: number): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_THREADS, Math.floor(files / MIN_FILES_PER_THREAD)));
}

const batchCount = (job: Job): number => Math.ceil(job.files.length / job.batchSize);
const batchFiles = (job: Job, batch: number): string[] => job.files.slice(batch * job.batchSize, (batch + 1) * job.batchSize);

/** Verifies batches until none is left unclaimed; every thread runs this over the same counter. */
function claimBatches(job: Job, verify: Verify, onBatch: (batch: number, outcomes: FileOutcome[]) => void): void {
  const next = new Int32Array(job.next);
  const count = batchCount(job);
  const now = new Date(job.at);
  for (let batch = Atomics.add(next, 0, 1); batch < count; batch = Atomics.add(next, 0, 1)) {
    onBatch(batch, verifySlice(batchFiles(job, batch), verify, now));
  }
}

/** Reads and verifies `files` in order, stopping after one that cannot be read. */
function verifySlice(files: readonly string[], verify: Verify, now: Date): FileOutcome[] {
  const out: FileOutcome[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      out.push({ file, readError: { code, message } });
      break;
    }
    out.push({ file, ...verify(text, now) });
  }
  return out;
}

/** Throws for the first file that could not be read, as reading them one by one in order would. */
function settle(outcomes: FileOutcome[]): FileVerdict[] {
  for (const outcome of outcomes) if ('readError' in outcome) throw ioError(outcome.file, outcome.readError);
  return outcomes as FileVerdict[];
}

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
