import { formatDiagnostic, formatFinding, type Diagnostic } from '../core/bank/diagnostic.js';
import { parseBank, type BankParseResult } from '../core/bank/parse-bank.js';
import type { Bank } from '../core/bank/types.js';
import { looksSealed } from '../core/bank/looks-sealed.js';
import { readBankFile } from '../store/bank-file.js';
import { UserError } from '../errors/user-error.js';
import { ExitCode } from '../errors/exit-codes.js';

/** Errors shown when a command refuses a bank; `validate` shows them all. */
const SHOWN_ERRORS = 5;

export interface LoadedBank {
  bank: Bank;
  /** `sha256:<hex>` of the canonical bank; goes into attempts and certificates. */
  hash: string;
  /** The path as given. */
  file: string;
  /** Delivered from a sealed copy (`hash` is then the full bank's, named by the copy): its hash and issuer. */
  sealed?: { hash: string; issuer: string };
}

export type BankFileCheck =
  /** Missing, a directory, no permission (exit 4). */
  | { kind: 'unreadable'; error: Diagnostic; cause: unknown }
  /** Read, but not text we accept: too large, binary, not UTF-8 (exit 3). */
  | { kind: 'not-text'; error: Diagnostic }
  | { kind: 'parsed'; result: BankParseResult };

/** Reads and parses one bank file; every outcome is a value. */
export async function checkBankFile(path: string): Promise<BankFileCheck> {
  const read = await readBankFile(path);
  if (!read.ok) {
    return read.kind === 'io' ? { kind: 'unreadable', error: read.error, cause: read.cause } : { kind: 'not-text', error: read.error };
  }
  if (looksSealed(read.text)) {
    const message = 'a sealed bank, which only take, preview and issue read: give the full bank it was sealed from';
    return { kind: 'not-text', error: { file: path, line: 0, col: 0, severity: 'error', code: 'sealed-bank', message } };
  }
  return { kind: 'parsed', result: withPlainEnv(() => parseBank(read.text, path)) };
}

/**
 * Reads and checks a bank for commands that need a valid one (take, preview,
 * issue, report). Lint warnings are not shown here; `validate` is for those.
 * @throws UserError exit 4 when the file cannot be read, exit 3 when it is not a valid bank.
 */
export async function loadBankOrThrow(path: string): Promise<LoadedBank> {
  const checked = await checkBankFile(path);
  switch (checked.kind) {
    case 'unreadable':
      throw new UserError(formatDiagnostic(checked.error), { exitCode: ExitCode.io, cause: checked.cause });
    case 'not-text':
      throw new UserError(formatDiagnostic(checked.error), { exitCode: ExitCode.invalidInput });
    case 'parsed':
      break;
  }
  const result = checked.result;
  if (!result.ok) {
    // One finding a line, as `validate` prints them.
    const lines = result.errors.slice(0, SHOWN_ERRORS).map(formatFinding);
    const more = result.errors.length - SHOWN_ERRORS;
    if (more > 0) lines.push(`… and ${more} more ${more === 1 ? 'error' : 'errors'}`);
    const count = result.errors.length;
    throw new UserError(`${path}: not a valid question bank (${count} ${count === 1 ? 'error' : 'errors'}):`, {
      details: lines,
      exitCode: ExitCode.invalidInput,
      hint: `run \`frontline validate ${path}\` to see every problem`,
    });
  }
  return { bank: result.bank, hash: result.hash, file: path };
}

/**
 * A bank to deliver (`take`, `preview`): a question bank, or a sealed copy,
 * read without its key. @throws UserError as loadBankOrThrow does, and
 * badSealedBank for a sealed copy that is damaged or altered.
 */
export async function loadBankForDelivery(path: string): Promise<LoadedBank> {
  const read = await readBankFile(path);
  if (read.ok && looksSealed(read.text)) {
    const { deliverSealed } = await import('./seal-bank.js');
    return { ...deliverSealed(read.text, path), file: path };
  }
  return loadBankOrThrow(path);
}

/**
 * yaml's parser reads `process.env.LOG_TOKENS` once per token, and Node's
 * `process.env` is a slow native interceptor: on a large bank that lookup
 * alone is a sixth of the parse. A plain copy answers the same, fast; the
 * real object is back before anything else can run.
 */
function withPlainEnv<T>(work: () => T): T {
  const real = process.env;
  process.env = { ...real };
  try {
    return work();
  } finally {
    process.env = real;
  }
}
