import { hasBrand } from '../core/brand.js';
import { oneLine } from '../core/text/one-line.js';
import { ConfigFileError } from '../store/config-file-error.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

const USER_ERROR: unique symbol = Symbol.for('frontline.UserError');

/**
 * An error the user can fix: printed as one line (plus an optional hint), never
 * with a stack. Anything else that reaches the top is a bug.
 */
export class UserError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, USER_ERROR);
  }

  readonly [USER_ERROR] = true;
  readonly exitCode: ExitCodeValue;
  readonly hint: string | undefined;

  constructor(message: string, options: { exitCode?: ExitCodeValue; hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? ExitCode.invalidInput;
    this.hint = options.hint;
  }
}

/** Turns a failed fs call into a UserError that names the file. */
export function ioError(path: string, error: unknown, verb = 'read'): UserError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOENT' ? 'no such file or directory'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'is a directory'
    : code === 'ENOSPC' ? 'no space left on device'
    : code === 'ENOTDIR' ? 'a part of the path is not a directory'
    : (error as Error | undefined)?.message ?? String(error);
  return new UserError(`${path}: cannot ${verb}: ${why}`, { exitCode: ExitCode.io, cause: error });
}

export interface ErrorReport {
  lines: string[];
  exitCode: ExitCodeValue;
}

/** How an error that reached the top level is shown. Pure, so it can be tested. */
export function describeError(error: unknown, debug: boolean): ErrorReport {
  if (error instanceof UserError) {
    const lines = [`frontline: ${oneLine(error.message)}`];
    if (error.hint) lines.push(`hint: ${error.hint}`);
    if (debug && error.stack) lines.push(error.stack);
    return { lines, exitCode: error.exitCode };
  }
  if (error instanceof ConfigFileError) {
    const lines = [`frontline: ${oneLine(error.message)}`];
    if (debug && error.stack) lines.push(error.stack);
    return { lines, exitCode: ExitCode.invalidInput };
  }
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`frontline: internal error: ${oneLine(message)}`];
  lines.push(
    debug && error instanceof Error && error.stack
      ? error.stack
      : 'This is a bug in frontline. Run again with --debug to see the stack, and report it.',
  );
  return { lines, exitCode: ExitCode.internal };
}
