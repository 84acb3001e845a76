import type { AttemptRecord, Result } from '../../core/attempt/types.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { paint } from '../output.js';

/**
 * The summary's first lines after `take` (and the exam host's session) and
 * its exit code. An attempt whose written replies wait for a marker has no
 * verdict yet: it says so and which questions wait, and exits 0 as a sealed
 * attempt does (saved; the result comes later), never "not yet passed".
 */
export function attemptVerdict(result: Result, record: AttemptRecord): { lines: string[]; exitCode: ExitCodeValue } {
  const late = record.ended === 'time-expired' ? ', submitted when time ran out' : '';
  if (result.status === 'awaiting-marking') {
    const pending = new Set(result.items.filter((r) => r.pending).map((r) => r.itemId));
    const numbers = record.form.flatMap((entry, i) => (pending.has(entry.itemId) ? [i + 1] : []));
    const which = numbers.length === 1 ? `question ${numbers[0]}` : `questions ${numbers.join(', ')}`;
    return {
      lines: [
        `${paint('yellow', 'AWAITING MARKING')}: ${result.percent}% scored so far (pass mark ${result.passMark}%)${late}`,
        `Waiting for a trainer's marks: the written ${numbers.length === 1 ? 'reply' : 'replies'} in ${which}`,
      ],
      exitCode: ExitCode.ok,
    };
  }
  const verdict = result.passed ? paint('green', 'PASS') : paint('red', 'NOT YET PASSED');
  return { lines: [`${verdict}: ${result.percent}% (pass mark ${result.passMark}%)${late}`], exitCode: result.passed ? ExitCode.ok : ExitCode.failed };
}
