import type { Bank } from '../../core/bank/types.js';
import type { AnswerRecord, FailReason, Form, Result } from '../../core/attempt/types.js';
import type { FeedbackPolicy } from '../../core/bank/types.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { line, type Line } from '../layout/line.js';
import { wrapHanging, wrapText } from '../layout/wrap.js';
import { competencyBar, formatPercent } from '../widgets/competency-bar.js';
import { describeCorrectAnswer, describeResponse } from './describe-answer.js';

export interface ResultsInput {
  bank: Bank;
  /** Absent for a sealed attempt: this machine has no key to score it. */
  result?: Result;
  feedback: FeedbackPolicy;
  form: Form;
  answers: readonly AnswerRecord[];
  endedBy: 'submitted' | 'time-expired';
  savedTo?: string;
  /** Lines about what followed the save (certificate, LRS queue). */
  notes?: readonly string[];
  width: number;
  plain?: boolean;
}

function competencyTitle(bank: Bank, id: string): string {
  return sanitizeText(bank.competencies.find((c) => c.id === id)?.title ?? id);
}

/** A fail reason in words an agent understands. */
export function describeFailReason(reason: FailReason, bank: Bank): string {
  switch (reason.kind) {
    case 'below-pass-mark':
      return `Overall score ${formatPercent(reason.percent)} is below the pass mark of ${reason.passMark}%.`;
    case 'below-floor':
      return `${competencyTitle(bank, reason.competency)}: ${formatPercent(reason.percent)} is below the minimum of ${reason.floor}% for this skill.`;
    case 'red-flag':
      return `A response on a critical point: ${sanitizeText(reason.reason)}`;
  }
}

/** Fewest bar cells worth drawing; below this the bar moves under its title. */
const MIN_BAR_CELLS = 10;

/** " 71% min  50% met" after a bar; just the percent for a skill with no minimum. */
function barTail(c: Result['competencies'][number]): string {
  const percent = ` ${formatPercent(c.percent).padStart(6)}`;
  return c.floor > 0 ? `${percent} min ${String(c.floor).padStart(3)}% ${c.met ? 'met' : 'below minimum'}` : percent;
}

/**
 * A bar per competency. Titles are never cut: when the longest one leaves too
 * little room for a bar on the same row, every title goes on its own row with
 * its bar indented below (all alike, so the bars line up).
 */
function competencyRows(result: Result, width: number, plain: boolean): Line[] {
  const titles = result.competencies.map((c) => sanitizeText(c.title));
  if (plain) {
    return result.competencies.map((c, i) =>
      line(`${titles[i]}: ${formatPercent(c.percent)}${c.floor > 0 ? `, minimum ${c.floor}%, ${c.met ? 'met' : 'below minimum'}` : ''}`),
    );
  }
  // The widest tail any row could have, so that bars of equal length line up: " 100.0% min 100% below minimum".
  const tailWidth = result.competencies.some((c) => c.floor > 0) ? 30 : 7;
  const titleWidth = Math.max(8, ...titles.map((t) => [...t].length));
  const sameRow = titleWidth + 1 + MIN_BAR_CELLS + 2 + tailWidth <= width;
  const indent = sameRow ? titleWidth + 1 : 2;
  const cells = Math.max(MIN_BAR_CELLS, Math.min(40, width - indent - 2 - tailWidth));
  return result.competencies.flatMap((c, i) => {
    const title = titles[i] ?? c.id;
    const style = { color: c.met ? undefined : ('yellow' as const) };
    const bar = `${competencyBar(c.percent, c.floor, cells)}${barTail(c)}`;
    if (sameRow) return [line(`${title.padEnd(titleWidth)} ${bar}`, style)];
    return [...wrapText(title, width).map((t) => line(t, style)), line(`  ${bar}`, style)];
  });
}

function gapSection(out: Line[], heading: string, gaps: Result['gaps'], width: number): void {
  if (gaps.length === 0) return;
  out.push(line(''));
  out.push(line(heading, { bold: true }));
  for (const gap of gaps) {
    out.push(line(`${sanitizeText(gap.title)} (${formatPercent(gap.percent)}${gap.floor > 0 ? `, minimum ${gap.floor}%` : ''})`));
    for (const m of gap.modules) {
      const minutes = m.durationMinutes ? `, ${m.durationMinutes} min` : '';
      out.push(...wrapHanging('  - ', `${sanitizeText(m.title)} [${sanitizeText(m.id)}${minutes}]${m.url ? ` ${sanitizeText(m.url)}` : ''}`, width).map((t) => line(t)));
    }
    if (gap.modules.length === 0) out.push(line('  - ask your trainer for material on this skill'));
  }
}

/** Everything the results screen says, as rows; the screen scrolls them. */
export function layoutResults(input: ResultsInput): Line[] {
  const { bank, result, feedback, width, plain = false } = input;
  if (result === undefined) return sealedLines(input);
  const out: Line[] = [];
  const awaiting = result.status === 'awaiting-marking';
  const verdict = awaiting ? 'AWAITING MARKING' : result.passed ? 'PASS' : 'NOT YET PASSED';
  out.push(line(`${sanitizeText(bank.title)}: results`, { bold: true }));
  if (input.endedBy === 'time-expired') out.push(line('Time ran out; the test was submitted automatically.'));
  out.push(
    line(`${verdict}  Score ${awaiting ? 'so far ' : ''}${formatPercent(result.percent)} (pass mark ${result.passMark}%)`, {
      bold: true,
      color: awaiting ? 'yellow' : result.passed ? 'green' : 'red',
    }),
  );
  if (awaiting) {
    out.push(...awaitingLines(input, result, width));
  } else if (!result.passed) {
    out.push(line('Why:'));
    for (const reason of result.failReasons) {
      out.push(...wrapHanging('  - ', describeFailReason(reason, bank), width).map((t) => line(t)));
    }
  }
  if (feedback !== 'none') {
    out.push(line(''));
    const heading = result.competencies.some((c) => c.floor > 0) ? 'By skill (| marks the minimum)' : 'By skill';
    out.push(line(`${heading}${awaiting ? ', so far' : ''}:`, { bold: true }));
    out.push(...competencyRows(result, width, plain));
    // A gap is a skill below its minimum; a skill that met its minimum but pulled
    // the overall score under the pass mark is a different message, said apart.
    const met = new Set(result.competencies.filter((c) => c.met).map((c) => c.id));
    const unmet = result.gaps.filter((g) => !met.has(g.competency));
    const toRaise = result.gaps.filter((g) => met.has(g.competency));
    gapSection(out, 'To close the gaps:', unmet, width);
    gapSection(out, `To raise your overall score to the ${result.passMark}% pass mark:`, toRaise, width);
  }
  if (feedback === 'full') {
    out.push(line(''));
    out.push(line('Question by question:', { bold: true }));
    input.form.forEach((entry, index) => {
      const item = bank.items.find((i) => i.id === entry.itemId);
      const itemResult = result.items.find((r) => r.itemId === entry.itemId);
      const answer = input.answers.find((a) => a.itemId === entry.itemId);
      if (!item || !itemResult) return;
      const mark = itemResult.pending
        ? 'awaiting marking'
        : !itemResult.answered
          ? 'unanswered'
          : itemResult.correct
            ? 'correct'
            : itemResult.score > 0
              ? 'partly right'
              : 'wrong';
      out.push(...wrapHanging(`${index + 1}. [${mark}] `, sanitizeText(item.stem), width).map((t) => line(t, { bold: true })));
      out.push(...wrapHanging('   You: ', describeResponse(item, answer?.response ?? null, entry.optionOrder), width).map((t) => line(t)));
      const right = describeCorrectAnswer(item, entry.optionOrder);
      if (right) out.push(...wrapHanging('   Best: ', right, width).map((t) => line(t)));
      for (const flag of itemResult.redFlags) out.push(...wrapHanging('   Critical: ', sanitizeText(flag), width).map((t) => line(t)));
      if (item.explanation) out.push(...wrapText(sanitizeText(item.explanation), width - 3).map((t) => line(`   ${t}`, { dim: true })));
    });
  }
  if (input.savedTo) {
    out.push(line(''));
    out.push(...wrapHanging('Saved: ', input.savedTo, width).map((t) => line(t)));
  }
  for (const note of input.notes ?? []) out.push(...wrapText(note, width).map((t) => line(t)));
  return out;
}

/** The written replies still waiting for a trainer, as "Question 7: <its first words>" rows. */
export function awaitingReplies(input: Pick<ResultsInput, 'bank' | 'form'>, result: Result): Array<{ number: number; stem: string }> {
  const pending = new Set(result.items.filter((r) => r.pending).map((r) => r.itemId));
  return input.form.flatMap((entry, index) => {
    if (!pending.has(entry.itemId)) return [];
    const item = input.bank.items.find((i) => i.id === entry.itemId);
    return [{ number: index + 1, stem: sanitizeText(item?.stem ?? entry.itemId) }];
  });
}

/**
 * An attempt with written replies not yet marked: which replies wait, that the
 * score counts only what is scored, and that nothing is decided yet (unless a
 * critical point already fails it, whatever the marks).
 */
function awaitingLines(input: ResultsInput, result: Result, width: number): Line[] {
  const replies = awaitingReplies(input, result);
  const out: Line[] = [];
  const which =
    replies.length === 1
      ? 'Your written reply waits for a trainer to mark it against its rubric:'
      : `Your ${replies.length} written replies wait for a trainer to mark them against their rubrics:`;
  out.push(...wrapText(which, width).map((t) => line(t)));
  for (const r of replies) {
    const first = r.stem.length > 60 ? `${r.stem.slice(0, 57).trimEnd()}...` : r.stem;
    out.push(...wrapHanging(`  - Question ${r.number}: `, first, width).map((t) => line(t)));
  }
  out.push(
    ...wrapText(
      `The score so far counts only the questions scored automatically; whether you pass is decided once ${replies.length === 1 ? 'the reply is' : 'the replies are'} marked.`,
      width,
    ).map((t) => line(t)),
  );
  if (result.failReasons.length > 0) {
    out.push(line('Whatever the marks, this attempt cannot pass:'));
    for (const reason of result.failReasons) out.push(...wrapHanging('  - ', describeFailReason(reason, input.bank), width).map((t) => line(t)));
  }
  return out;
}

/**
 * The end of a sealed attempt: the answers are in, and nothing more is shown,
 * since this machine never had the key (and nothing from it could say more).
 */
function sealedLines(input: ResultsInput): Line[] {
  const { bank, width } = input;
  const out: Line[] = [line(`${sanitizeText(bank.title)}: answers submitted`, { bold: true })];
  if (input.endedBy === 'time-expired') out.push(line('Time ran out; the test was submitted automatically.'));
  const answered = input.answers.filter((a) => a.response !== null).length;
  out.push(line(`Your answers are submitted (${answered} of ${input.form.length} answered).`, { bold: true }));
  out.push(...wrapText('This test was sealed: its answer key is not on this machine. It is scored when your trainer issues the certificate, and your result comes with it.', width).map((t) => line(t)));
  if (input.savedTo) {
    out.push(line(''));
    out.push(...wrapHanging('Attempt saved: ', sanitizeText(input.savedTo), width).map((t) => line(t)));
    out.push(...wrapText('Send this file to your trainer.', width).map((t) => line(t)));
  }
  for (const note of input.notes ?? []) out.push(...wrapText(sanitizeText(note), width).map((t) => line(t)));
  return out;
}
