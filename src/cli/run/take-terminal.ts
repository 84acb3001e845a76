import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';

/**
 * Refuses to start without a terminal on both ends. Ink would otherwise render
 * into a pipe and exit 0, and a script would take that for a finished test.
 */
export function assertInteractiveTerminal(stdin: { isTTY?: boolean } = process.stdin, stdout: { isTTY?: boolean } = process.stdout): void {
  if (stdin.isTTY === true && stdout.isTTY === true) return;
  const which = stdin.isTTY !== true ? 'standard input is not a terminal' : 'standard output is not a terminal';
  throw new UserError(`take needs an interactive terminal (${which})`, {
    exitCode: ExitCode.noTerminal,
    hint: 'run it in a terminal window, not from a pipe or a script; to print the items instead, use `frontline preview <bank>`',
  });
}
