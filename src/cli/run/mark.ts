import { replyStates, type ReplyState } from '../../core/attempt/marking-queue.js';
import { sanitizeLine } from '../../core/text/sanitize.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { printJson, writeErr, writeOut } from '../output.js';
import { openMarkingWork, type MarkOptions } from './mark-work.js';

/**
 * `mark --json`, or `mark` without a terminal: where the marking of every
 * written reply stands, for trainers' scripts. The queue itself is the
 * mark-screen module.
 */
export const run: Run<[string[]], MarkOptions> = async ([paths], options, globals) => {
  const work = await openMarkingWork(paths, options, globals);
  const states = replyStates(work.bank, work.attempts, work.marks);
  const count = (state: ReplyState['state']) => states.filter((s) => s.state === state).length;
  const counts = { replies: states.length, unmarked: count('unmarked'), awaitingSecond: count('awaiting-second'), awaitingThird: count('awaiting-third'), resolved: count('resolved') };
  if (options.json) {
    printJson({ bank: { id: work.bank.id, version: work.bank.version, hash: work.hash }, counts, replies: states, otherBank: work.otherBank, problems: work.problems });
    return ExitCode.ok;
  }
  for (const problem of work.problems) writeErr(`${sanitizeLine(problem)}: skipped\n`);
  const waiting = states.filter((s) => s.state !== 'resolved');
  const lines = [
    sanitizeLine(`${work.bank.id} ${work.bank.version}: ${counts.replies} written ${counts.replies === 1 ? 'reply' : 'replies'}, ${counts.resolved} marked, ${waiting.length} waiting`),
    ...waiting.map((s) => sanitizeLine(`${s.attempt}  ${s.item}  ${describeState(s)}`)),
  ];
  if (work.otherBank > 0) lines.push(`${work.otherBank} attempt(s) on another bank or version left out`);
  writeOut(`${lines.join('\n')}\n`);
  return ExitCode.ok;
};

function describeState(s: ReplyState): string {
  switch (s.state) {
    case 'unmarked':
      return 'waits for a first mark';
    case 'awaiting-second':
      return 'waits for a second mark';
    case 'awaiting-third':
      return `waits for a third marker (${(s.criteria ?? []).join(', ')})`;
    case 'resolved':
      return `marked (${s.by ?? ''})`;
    default: {
      const never: never = s.state;
      throw new Error(`unexpected state ${String(never)}`);
    }
  }
}
