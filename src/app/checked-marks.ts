import { join } from 'node:path';
import { findBadMark, repliesToMark, type MarkableAttempt } from '../core/attempt/marking-queue.js';
import type { Mark } from '../core/attempt/marking.js';
import type { Bank } from '../core/bank/types.js';
import { sanitizeLine } from '../core/text/sanitize.js';
import { readMarks } from '../store/marks.js';
import { UserError } from '../errors/user-error.js';
import { ExitCode } from '../errors/exit-codes.js';

/**
 * The marks on these attempts from the data dir's marks.jsonl, each checked
 * against the bank's rubrics. The file is the issuer's own and can be edited
 * by hand: a line that is not a mark, or a mark that does not fit, refuses
 * the whole read, naming the line, rather than scoring around it.
 * @throws UserError badMark: `<data dir>/marks.jsonl:LINE: why`.
 */
export async function readCheckedMarks(dataDir: string, bank: Bank, attempts: readonly MarkableAttempt[]): Promise<Mark[]> {
  const read = await readMarks(dataDir);
  const hint = 'fix or delete that line; the reply is then marked again with frontline mark';
  const torn = read.problems[0];
  if (torn !== undefined) throw new UserError(sanitizeLine(join(dataDir, torn)), { exitCode: ExitCode.badMark, hint });
  const bad = findBadMark(bank, attempts, read.marks, read.lines);
  if (bad) throw new UserError(sanitizeLine(`${join(dataDir, 'marks.jsonl')}:${bad.line}: ${bad.problem}`), { exitCode: ExitCode.badMark, hint });
  const ids = new Set(attempts.map((a) => a.id));
  return read.marks.filter((m) => ids.has(m.attempt));
}

/** Whether an attempt has a written reply that needs a marker: only then is the marks file read. */
export function hasRepliesToMark(bank: Bank, attempt: MarkableAttempt): boolean {
  return repliesToMark(bank, [attempt]).length > 0;
}
