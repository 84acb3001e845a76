import { unratedCount } from '../../core/attempt/answer-completeness.js';
import { line, type Line } from '../layout/line.js';
import { wrapText } from '../layout/wrap.js';
import { formatClock, timeWarningText } from '../widgets/countdown.js';
import { progressBar } from '../widgets/progress-bar.js';
import type { ItemScreenProps } from './item-screen.js';

/** What the header rows of every item screen are drawn from. */
export type HeaderInput = Pick<
  ItemScreenProps,
  'item' | 'response' | 'answered' | 'flagged' | 'timedOut' | 'testRemainingMs' | 'itemRemainingMs' | 'index' | 'total' | 'answeredCount' | 'late' | 'warning' | 'isLast'
> & { plain: boolean };

/** The question's clock, never more than the test's: the test ends first. */
const shownItemMs = (p: Pick<ItemScreenProps, 'testRemainingMs' | 'itemRemainingMs'>): number =>
  Math.min(p.itemRemainingMs ?? Number.POSITIVE_INFINITY, Math.max(0, p.testRemainingMs));

export function headerLines(p: HeaderInput, width: number): Line[] {
  // As the review screen does: a rating question with responses left unrated is not yet done.
  const unrated = p.answered ? unratedCount(p.item, p.response) : 0;
  const answered = !p.answered ? '' : unrated > 0 ? `(${unrated} not rated)` : '(answered)';
  const status = [p.flagged ? '(flagged)' : '', answered, p.timedOut ? '(locked)' : '']
    .filter(Boolean)
    .join(' ');
  const clocks =
    `Test ${formatClock(p.testRemainingMs)}` + (p.itemRemainingMs !== undefined ? `  Item ${formatClock(shownItemMs(p))}` : '');
  const title = `Question ${p.index + 1} of ${p.total} ${status}`.trimEnd();
  const gap = Math.max(1, width - title.length - clocks.length);
  const out = p.plain
    ? [line(title, { bold: true }), line(`${clocks} left (t: time left)`, { ticks: true }), line(progressBar(p.answeredCount, p.total, width, true))]
    : [line(`${title}${' '.repeat(gap)}${clocks}`, { bold: true }), line(progressBar(p.answeredCount, p.total, width, p.plain))];
  const warning = p.late
    ? '! Time is up: you are in the grace period; answers now are marked late.'
    : timeWarningText(p.warning);
  if (warning) out.push(...wrapText(warning, width).map((t) => line(t, { bold: true, color: 'yellow' })));
  if (p.timedOut) {
    const notice = `! The time for this question is up: its answer is locked as it stands. ${p.isLast ? 'Enter or n: go on.' : 'Enter or n: next question.'}`;
    out.push(...wrapText(notice, width).map((t) => line(t, { color: 'yellow' })));
  }
  return out;
}

/** The clocks in words, for a screen reader that asks (t). */
export const timeLeftWords = (p: Pick<ItemScreenProps, 'testRemainingMs' | 'itemRemainingMs'>): string =>
  `Time left: test ${formatClock(p.testRemainingMs)}` + (p.itemRemainingMs === undefined ? '' : `, this question ${formatClock(shownItemMs(p))}`);

