import { latestByRole, checkMark, pendingMarking, resolvedPoints, type Mark } from '../core/attempt/marking.js';
import { sameMarker } from '../core/attempt/marking-queue.js';
import { scoreAttempt } from '../core/attempt/scoring.js';
import type { AttemptRecord } from '../core/attempt/types.js';
import type { Bank } from '../core/bank/types.js';
import { sanitizeLine } from '../core/text/sanitize.js';
import { listAttempts, readAttemptRecords } from '../store/attempts.js';
import type { LrsConfigSection } from '../store/lrs/settings.js';
import { appendMark } from '../store/marks.js';
import { UserError } from '../errors/user-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { readCheckedMarks } from './checked-marks.js';
import { queueMarkedForLrs } from './queue-statements.js';

export interface MarkingWork {
  /** Attempts taken on the bank (its hash), in the order read. */
  attempts: AttemptRecord[];
  /** Records taken on another bank or version: not this bank's to mark. */
  otherBank: number;
  /** Files or lines that are not attempt records, named. */
  problems: string[];
  /** The checked marks on these attempts. */
  marks: Mark[];
}

/**
 * The attempts to mark and the marks they have: from the paths given (files,
 * folders, JSONL, as `report` takes them), or the data dir's own attempts.
 * @throws UserError badMark when marks.jsonl holds a line that does not fit (readCheckedMarks).
 */
export async function loadMarkingWork(request: { dataDir: string; paths: readonly string[]; bank: Bank; hash: string }): Promise<MarkingWork> {
  const read = request.paths.length > 0 ? await readAttemptRecords(request.paths) : await listAttempts(request.dataDir);
  const attempts = read.attempts.map((a) => a.record).filter((r) => r.bank.hash === request.hash);
  const marks = await readCheckedMarks(request.dataDir, request.bank, attempts);
  return { attempts, otherBank: read.attempts.length - attempts.length, problems: read.problems, marks };
}

export interface SaveMarkRequest {
  dataDir: string;
  bank: Bank;
  attempt: AttemptRecord;
  mark: Mark;
  /** The LRS settings of this machine: the score statements are queued once the attempt is fully marked. */
  lrs?: { config: LrsConfigSection; env?: NodeJS.ProcessEnv };
}

export interface SavedMark {
  /** Every written reply of the attempt now has marks that stand. */
  attemptMarked: boolean;
  /** Score statements queued for the LRS (attemptMarked, an LRS configured, not sealed). */
  queued: number;
}

/**
 * Saves one mark (appended and fsynced to marks.jsonl) after checking it
 * against the rubric and against the marks already there, read afresh: a
 * second mark must be someone else's than the first, and a third someone
 * else's than both. Once the attempt's last reply resolves, its score
 * statements are queued (queueMarkedForLrs).
 * @throws UserError ownMark when the marker gave an earlier mark on the reply; badMark when the file holds a bad line.
 */
export async function saveMark(request: SaveMarkRequest): Promise<SavedMark> {
  const { dataDir, bank, attempt, mark } = request;
  const item = bank.items.find((i) => i.id === mark.item);
  if (item?.type !== 'written') throw new Error(`saveMark: item "${mark.item}" is not a written item of ${bank.id}`);
  const problem = checkMark(item, mark);
  if (problem !== undefined) throw new UserError(`mark on item "${mark.item}": ${problem}`, { exitCode: ExitCode.invalidInput });
  const onAttempt = await readCheckedMarks(dataDir, bank, [attempt]);
  const latest = latestByRole(onAttempt.filter((m) => m.item === mark.item));
  const before = mark.role === 'second' ? [latest.first] : mark.role === 'third' ? [latest.first, latest.second] : [];
  const own = before.find((m) => m !== undefined && sameMarker(m.marker, mark.marker));
  if (own) {
    throw new UserError(sanitizeLine(`${mark.marker} gave this reply's ${own.role} mark, so not its ${mark.role}`), {
      exitCode: ExitCode.ownMark,
      hint: `a ${mark.role} mark must be another trainer's: mark --${mark.role} --marker <name>`,
    });
  }
  await appendMark(dataDir, mark);
  const all = [...onAttempt, mark];
  const attemptMarked = pendingMarking(bank, attempt, all).length === 0;
  if (!attemptMarked || request.lrs === undefined) return { attemptMarked, queued: 0 };
  const marked = scoreAttempt(bank, attempt.form, attempt.answers, resolvedPoints(bank, attempt, all));
  const queued = await queueMarkedForLrs(dataDir, attempt, marked, bank, request.lrs.config, request.lrs.env);
  return { attemptMarked, queued: queued.queued ? queued.statements : 0 };
}
