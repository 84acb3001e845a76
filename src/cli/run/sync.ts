import type { AttemptRecord } from '../../core/attempt/types.js';
import type { Bank } from '../../core/bank/types.js';
import { readAttemptFile } from '../../store/attempts.js';
import { openConfig } from '../../store/config.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { findStored, sendStatements } from '../../store/lrs/client.js';
import { withLock } from '../../store/lock.js';
import { resolveLrsSettings, resolveXapiOptions, type LrsConfigSection } from '../../store/lrs/settings.js';
import { queueAttempt } from '../../app/queue-statements.js';
import { countQueued, drainOutbox, outboxDir, type DrainReport } from '../../store/outbox.js';
import { ioError, UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import type { Run } from '../lazy-action.js';
import { loadBankOrThrow } from '../../app/load-bank.js';
import { paint, printJson, writeErr, writeOut } from '../output.js';
import { sanitizeLine } from '../../core/text/sanitize.js';

interface SyncOptions {
  lrs?: string;
  auth?: string;
  add?: string[];
  bank?: string;
  batchSize?: string;
  retries?: string;
  json?: boolean;
}

export const run: Run<[], SyncOptions> = async (_positionals, options, globals) => {
  const dataDir = resolveDataDir(globals);
  const config = (openConfig(globals).get('lrs') ?? {}) as LrsConfigSection;
  const batchSize = wholeNumber('--batch-size', options.batchSize ?? '50', 1);
  const retries = wholeNumber('--retries', options.retries ?? '4', 0);

  const queued = options.add ? await addAttempts(dataDir, options.add, options.bank, config) : [];
  const settings = resolveLrsSettings({ lrs: options.lrs, auth: options.auth }, process.env, config);
  if (!settings) {
    if (queued.length > 0) {
      const left = await countQueued(dataDir);
      if (options.json) printJson({ queued, endpoint: null, sent: 0, alreadyStored: 0, conflicts: [], rejected: [], left, problems: [] });
      else writeOut(`queued ${describeQueued(queued)}; no LRS configured, ${left} statement(s) wait in ${outboxDir(dataDir)}\n`);
      return ExitCode.ok;
    }
    throw new UserError('sync: no LRS endpoint configured', {
      exitCode: ExitCode.usage,
      hint: 'pass --lrs <url>, set FRONTLINE_LRS_ENDPOINT, or set lrs.endpoint in the config',
    });
  }

  if (!/^https?:$/.test(safeUrl(settings.endpoint)?.protocol ?? '')) {
    throw new UserError(`LRS endpoint "${settings.endpoint}" is not an http(s) URL`, {
      exitCode: ExitCode.usage,
      hint: 'e.g. --lrs https://lrs.example.com/data/xAPI',
    });
  }

  let report: DrainReport;
  try {
    const client = { maxTries: retries + 1 };
    // One sync at a time per outbox: two would each read and send the whole queue, and count it twice.
    report = await withLock(
      outboxDir(dataDir),
      () =>
        drainOutbox(dataDir, (batch) => sendStatements(settings, batch, client), {
          batchSize,
          findStored: (statements) => findStored(settings, statements, client),
        }),
      { what: `the outbox ${outboxDir(dataDir)}` },
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw ioError(outboxDir(dataDir), error, 'update');
    throw error;
  }

  if (options.json) printJson({ queued, endpoint: settings.endpoint, ...report });
  else printSummary(report, settings.endpoint, outboxDir(dataDir), queued);

  if (report.unreachable !== undefined) return ExitCode.offline;
  if (report.rejected.length > 0 || report.problems.length > 0) return ExitCode.failed;
  if (report.conflicts.length > 0) return ExitCode.conflict;
  return ExitCode.ok;
};

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function wholeNumber(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UserError(`${flag}: expected a whole number of at least ${min}, found "${value}"`, { exitCode: ExitCode.usage });
  }
  return n;
}

interface Queued {
  file: string;
  attemptId: string;
  statements: number;
}

async function addAttempts(dataDir: string, files: string[], bankFile: string | undefined, config: LrsConfigSection): Promise<Queued[]> {
  const loaded = bankFile ? await loadBankOrThrow(bankFile) : undefined;
  const xapi = resolveXapiOptions(process.env, config);
  const records: Array<{ file: string; record: AttemptRecord }> = [];
  // Read every file before queuing any, so a typo in the last name queues nothing.
  for (const file of files) {
    const read = await readAttemptFile(file);
    if (!read.ok) throw new UserError(read.message, { exitCode: read.kind === 'io' ? ExitCode.io : ExitCode.invalidInput });
    records.push({ file, record: read.record });
  }
  const queued: Queued[] = [];
  for (const { file, record } of records) {
    // Item wording is only trusted from the exact bank the attempt was taken on.
    const bank: Bank | undefined = loaded && loaded.hash === record.bank.hash ? loaded.bank : undefined;
    if (loaded && !bank) {
      writeErr(`${sanitizeLine(`${file}: taken on bank ${record.bank.id} ${record.bank.hash}, not ${loaded.file}`)}; items are sent without their wording\n`);
    }
    try {
      // It may have been sent before: the drain asks the LRS first, so a resend is counted as already stored.
      const { statements } = await queueAttempt(dataDir, record, bank, xapi, new Date(), { maybeSent: true });
      queued.push({ file, attemptId: record.id, statements });
    } catch (error) {
      throw ioError(outboxDir(dataDir), error, 'write to');
    }
  }
  return queued;
}

function describeQueued(queued: Queued[]): string {
  const statements = queued.reduce((sum, q) => sum + q.statements, 0);
  return `${queued.length} attempt(s), ${statements} statement(s)`;
}

function printSummary(report: DrainReport, endpoint: string, dir: string, queued: Queued[]): void {
  const lines: string[] = [];
  if (queued.length > 0) lines.push(`queued ${describeQueued(queued)}`);
  lines.push(`sent ${report.sent} statement(s) to ${endpoint}`);
  if (report.alreadyStored > 0) lines.push(`${report.alreadyStored} statement(s) were already stored there, unchanged`);
  for (const c of report.conflicts) {
    lines.push(paint('red', sanitizeText(`conflict ${c.statementId} (attempt ${c.attemptId}): ${c.reason}`)) + ` — kept in ${c.file}`);
  }
  for (const r of report.rejected) {
    lines.push(paint('red', sanitizeLine(`rejected ${r.statementId} (attempt ${r.attemptId}): ${r.reason}`)) + ` — kept in ${sanitizeLine(r.file)}`);
  }
  for (const p of report.problems) lines.push(paint('yellow', sanitizeLine(`${p.file}: skipped: ${p.message}`)));
  if (report.unreachable !== undefined) {
    lines.push(paint('yellow', `could not reach the LRS: ${sanitizeLine(report.unreachable)}`));
    lines.push(`${report.left} statement(s) stay queued in ${dir}; run frontline sync again when the LRS is back`);
  } else {
    lines.push(`${report.left} statement(s) left queued`);
  }
  writeOut(`${lines.join('\n')}\n`);
}
