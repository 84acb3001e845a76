import { formatDiagnostic } from '../core/bank/diagnostic.js';
import { parseBank } from '../core/bank/parse-bank.js';
import type { Bank } from '../core/bank/types.js';
import { readBankFile } from '../store/bank-file.js';
import { UserError } from './errors.js';
import { ExitCode } from './exit-codes.js';

/** Errors shown when a command refuses a bank; `validate` shows them all. */
const SHOWN_ERRORS = 5;

export interface LoadedBank {
  bank: Bank;
  /** `sha256:<hex>` of the canonical bank; goes into attempts and certificates. */
  hash: string;
  /** The path as given. */
  file: string;
}

/**
 * Reads and checks a bank for commands that need a valid one (take, preview,
 * issue, report). Lint warnings are not shown here; `validate` is for those.
 * @throws UserError exit 4 when the file cannot be read, exit 3 when it is not a valid bank.
 */
export async function loadBankOrThrow(path: string): Promise<LoadedBank> {
  const read = await readBankFile(path);
  if (!read.ok) {
    throw new UserError(formatDiagnostic(read.error), {
      exitCode: read.kind === 'io' ? ExitCode.io : ExitCode.invalidInput,
      ...(read.kind === 'io' ? { cause: read.cause } : {}),
    });
  }
  const result = parseBank(read.text, path);
  if (!result.ok) {
    const lines = result.errors.slice(0, SHOWN_ERRORS).map(formatDiagnostic);
    const more = result.errors.length - SHOWN_ERRORS;
    if (more > 0) lines.push(`… and ${more} more ${more === 1 ? 'error' : 'errors'}`);
    throw new UserError(lines.join('\n'), {
      exitCode: ExitCode.invalidInput,
      hint: `run \`frontline validate ${path}\` to see every problem`,
    });
  }
  return { bank: result.bank, hash: result.hash, file: path };
}
