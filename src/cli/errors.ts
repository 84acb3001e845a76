import { ConfigFileError } from '../errors/config-file-error.js';
import { ExitCode, type ExitCodeValue } from '../errors/exit-codes.js';
import { ioError, UserError } from '../errors/user-error.js';
import { oneLine } from '../core/text/one-line.js';
import { sanitizeLine } from '../core/text/sanitize.js';

export interface ErrorReport {
  lines: string[];
  exitCode: ExitCodeValue;
}

const FS_CODES = new Set(['EROFS', 'ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'ENOTDIR', 'EISDIR']);

/** How an error that reached the top level is shown. Pure, so it can be tested. */
export function describeError(error: unknown, debug: boolean): ErrorReport {
  if (error instanceof UserError) {
    // Messages quote ids, names and values from files, flags, the config and the network: drawn as text, never as escapes.
    const lines = [`frontline: ${sanitizeLine(error.message)}`, ...error.details.map(sanitizeLine)];
    if (error.hint) lines.push(`hint: ${sanitizeLine(error.hint)}`);
    if (debug && error.stack) lines.push(error.stack);
    return { lines, exitCode: error.exitCode };
  }
  if (error instanceof ConfigFileError) {
    const lines = [`frontline: ${sanitizeLine(error.message)}`];
    if (debug && error.stack) lines.push(error.stack);
    return { lines, exitCode: ExitCode.invalidInput };
  }
  // A file-system refusal no command anticipated (a read-only or full disk, say) is still the user's to fix.
  const fsError = error as NodeJS.ErrnoException | undefined;
  if (typeof fsError?.path === 'string' && FS_CODES.has(fsError.code ?? '')) {
    return describeError(ioError(fsError.path, error, fsError.syscall === 'open' || fsError.syscall === 'read' ? 'open' : 'write'), debug);
  }
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`frontline: internal error: ${sanitizeLine(message)}`];
  lines.push(
    debug && error instanceof Error && error.stack
      ? error.stack
      : 'This is a bug in frontline. Run again with --debug to see the stack, and report it.',
  );
  return { lines, exitCode: ExitCode.internal };
}

/**
 * The JSON document `--json` prints on stdout when a command fails before
 * printing its own: scripts then always get one JSON object.
 */
export function errorJson(error: unknown, exitCode: ExitCodeValue): { error: { message: string; hint?: string; exitCode: number; code: string } } {
  const message = error instanceof Error ? error.message.replace(/^error: /, '') : String(error);
  const hint = error instanceof UserError ? error.hint : undefined;
  const code = (Object.keys(ExitCode) as Array<keyof typeof ExitCode>).find((name) => ExitCode[name] === exitCode) ?? 'internal';
  return { error: { message: oneLine(message), ...(hint ? { hint } : {}), exitCode, code } };
}
