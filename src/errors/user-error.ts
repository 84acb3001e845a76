import { hasBrand } from './brand.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

const USER_ERROR: unique symbol = Symbol.for('frontline.UserError');

/**
 * An error the user can fix: printed as one line (then any detail lines and an
 * optional hint), never with a stack. Anything else that reaches the top is a bug.
 */
export class UserError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, USER_ERROR);
  }

  readonly [USER_ERROR] = true;
  readonly exitCode: ExitCodeValue;
  readonly hint: string | undefined;
  /** Lines printed under the message, one each (the findings of an invalid bank). */
  readonly details: readonly string[];

  constructor(message: string, options: { exitCode?: ExitCodeValue; hint?: string; cause?: unknown; details?: readonly string[] } = {}) {
    super(message, { cause: options.cause });
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? ExitCode.invalidInput;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}

/** What a failed fs call's error means, in words a user reads after the file name. */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' ? 'no such file or directory'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'is a directory'
    : code === 'ENOSPC' || code === 'EDQUOT' ? 'no space left on device'
    : code === 'EROFS' ? 'read-only file system'
    : code === 'ENOTDIR' ? 'a part of the path is not a directory'
    : code === 'ELOOP' ? 'too many levels of symbolic links'
    : (error as Error | undefined)?.message ?? String(error);
}

/** Turns a failed fs call into a UserError that names the file. */
export function ioError(path: string, error: unknown, verb = 'read'): UserError {
  return new UserError(`${path}: cannot ${verb}: ${describeIoError(error)}`, { exitCode: ExitCode.io, cause: error });
}
