import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'; // sync: validate starts ~1.5 ms sooner without loading node:fs/promises
import { decodeBankBytes } from '../core/bank/decode-text.js';
import { describeFileType } from './regular-file.js';
import type { Diagnostic } from '../core/bank/diagnostic.js';
import { describeIoError } from '../errors/user-error.js';

/**
 * Largest bank file read. A 10,000-item bank is about 4 MB; anything far past
 * that is a mistake (a log, a database dump) and would only burn memory in YAML.
 */
export const MAX_BANK_BYTES = 10 * 1024 * 1024;

export type BankFileRead =
  | { ok: true; text: string }
  /** The file is there but is not a bank we can read as text (too large, binary, wrong encoding). */
  | { ok: false; kind: 'invalid'; error: Diagnostic }
  /** The file system refused: missing, a directory, no permission. */
  | { ok: false; kind: 'io'; error: Diagnostic; cause: unknown };

/** Reads a bank file as UTF-8 text, refusing what is not a text file of sane size. */
export async function readBankFile(path: string): Promise<BankFileRead> {
  let fd: number | undefined;
  try {
    // Non-blocking, so a FIFO given as a bank is refused instead of waiting for a writer for ever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return ioFailure(path, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
    if (!stat.isFile()) return { ok: false, kind: 'invalid', error: { file: path, line: 0, col: 0, severity: 'error', code: 'not-a-file', message: `${describeFileType(stat)}, not a bank file` } };
    if (stat.isFile() && stat.size > MAX_BANK_BYTES) return tooLarge(path);
    // Read one byte past the limit rather than trusting stat: pipes and /proc files report size 0.
    const buffer = Buffer.alloc(Math.min(stat.isFile() && stat.size > 0 ? stat.size : MAX_BANK_BYTES, MAX_BANK_BYTES) + 1);
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_BANK_BYTES) return tooLarge(path);
      if (length === buffer.length) break;
    }
    const decoded = decodeBankBytes(buffer.subarray(0, length), path);
    return decoded.ok ? { ok: true, text: decoded.text } : { ok: false, kind: 'invalid', error: decoded.error };
  } catch (error) {
    return ioFailure(path, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function tooLarge(file: string): BankFileRead {
  const message = `the file is larger than ${MAX_BANK_BYTES / 1024 / 1024} MB; a question bank is YAML text, far smaller`;
  return { ok: false, kind: 'invalid', error: { file, line: 0, col: 0, severity: 'error', code: 'too-large', message } };
}

function ioFailure(file: string, cause: unknown): BankFileRead {
  return { ok: false, kind: 'io', cause, error: { file, line: 0, col: 0, severity: 'error', code: 'io', message: `cannot read: ${describeIoError(cause)}` } };
}
