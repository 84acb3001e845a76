import { saveMark } from '../../app/mark-replies.js';
import { markingQueue } from '../../core/attempt/marking-queue.js';
import { sanitizeLine } from '../../core/text/sanitize.js';
import { openConfig } from '../../store/config.js';
import type { LrsConfigSection } from '../../store/lrs/settings.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { writeErr, writeOut, writeThroughStreams } from '../output.js';
import { openMarkingWork, roleOf, type MarkOptions } from './mark-work.js';

/**
 * `mark` in a terminal: the queue of replies this marker marks in this role,
 * one at a time, each mark appended to marks.jsonl as it is saved.
 */
export const run: Run<[string[]], MarkOptions> = async ([paths], options, globals) => {
  const role = roleOf(options);
  const config = openConfig(globals);
  const configured = config.get('marker');
  const marker = (options.marker ?? (typeof configured === 'string' ? configured : '')).trim();
  if (marker === '') {
    throw new UserError('mark: say who is marking: --marker <name>, or `frontline config set marker <name>`', {
      exitCode: ExitCode.usage,
      hint: 'every mark records who gave it; a second mark must be someone else’s',
    });
  }
  const work = await openMarkingWork(paths, options, globals);
  for (const problem of work.problems) writeErr(`${sanitizeLine(problem)}: skipped\n`);
  const queue = markingQueue(work.bank, work.attempts, work.marks, { role, marker });
  if (queue.entries.length === 0 && queue.ownEarlier > 0) {
    const earlier = role === 'second' ? 'the first mark' : 'the first or second mark';
    const replies = queue.ownEarlier === 1 ? 'the one reply' : `all ${queue.ownEarlier} replies`;
    throw new UserError(sanitizeLine(`mark --${role}: ${marker} gave ${earlier} on ${replies} waiting`), {
      exitCode: ExitCode.ownMark,
      hint: `a ${role} mark must be another trainer's: mark --${role} --marker <name>`,
    });
  }
  const lrs = { config: (config.get('lrs') ?? {}) as LrsConfigSection };
  const attempts = new Map(work.attempts.map((a) => [a.id, a]));
  writeThroughStreams();
  const { renderMarkQueue } = await import('../../ui/render-mark.js');
  const outcome = await renderMarkQueue({
    bank: work.bank,
    entries: queue.entries,
    role,
    showNames: options.showNames === true,
    awaitingThird: queue.awaitingThird,
    onSave: async (entry, draft) => {
      try {
        await saveMark({
          dataDir: work.dataDir,
          bank: work.bank,
          attempt: attempts.get(entry.attemptId)!,
          mark: {
            attempt: entry.attemptId,
            item: entry.item.id,
            levels: draft.levels,
            marker,
            at: new Date().toISOString(),
            ...(draft.comment.trim() ? { comment: draft.comment.trim() } : {}),
            role,
          },
          lrs,
        });
        return { ok: true };
      } catch (error) {
        if (error instanceof UserError) return { ok: false, message: `not saved: ${error.message}` };
        throw error;
      }
    },
  });
  const ownNote = queue.ownEarlier > 0 ? `; ${queue.ownEarlier} left out: you gave an earlier mark on them` : '';
  writeOut(`${outcome.saved} ${outcome.saved === 1 ? 'mark' : 'marks'} saved, ${outcome.left} ${outcome.left === 1 ? 'reply' : 'replies'} left in this queue${ownNote}\n`);
  return outcome.interrupted ? ExitCode.interrupted : ExitCode.ok;
};
