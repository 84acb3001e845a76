import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkAssignment, inWindow, type Assignment } from '../../core/assignment/assignment.js';
import { readTrustFile } from '../../store/trust-file.js';
import { ioError, UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';

/**
 * Reads and checks the assignment `take --assignment` is given: signed by the
 * issuer it names (one the data dir's trust file lists, when there is one),
 * for this bank (the full bank's hash, which a sealed copy names too), and
 * open now on this machine's clock. `issue` checks it all again.
 * @throws UserError: badAssignment, outsideWindow, io.
 */
export async function readAssignmentForTake(path: string, bankHash: string, dataDir: string, now: Date): Promise<Assignment> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw new UserError(`${path}: not an assignment: not valid JSON (${error.message})`, { exitCode: ExitCode.badAssignment });
    throw ioError(path, error);
  }
  const trustPath = join(dataDir, 'trust.json');
  const trusted = existsSync(trustPath) ? (await readTrustFile(trustPath)).issuers.map((k) => k.id) : undefined;
  const checked = checkAssignment(data, { ...(trusted ? { issuer: trusted } : {}), bankHash });
  if (!checked.ok) {
    throw new UserError(`${path}: ${checked.problem === 'malformed' ? `not an assignment: ${checked.message}` : checked.message}`, {
      exitCode: ExitCode.badAssignment,
      hint: checked.problem === 'wrong-bank' ? 'take the bank the assignment names, or ask for an assignment for this one' : 'ask your trainer for the assignment file as they sent it',
    });
  }
  const window = inWindow(checked.assignment, now.getTime());
  if (!window.ok) throw new UserError(`${path}: ${window.message}`, { exitCode: ExitCode.outsideWindow });
  return checked.assignment;
}
