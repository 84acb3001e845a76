import type { Bank } from '../../core/bank/types.js';
import type { AnswerRecord, FailReason, Form, Result } from '../../core/attempt-types.js';
import type { FeedbackPolicy } from '../../core/bank/types.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { line, type Line } from '../layout/line.js';
import { wrapHanging, wrapText } from '../layout/wrap.js';
import { competencyBar, formatPercent } from '../widgets/competency-bar.js';
import { describeCorrectAnswer, describeResponse } from './describe-answer.js';

export interface ResultsInput {
  bank: Bank;
  result: Result;
  feedback: FeedbackPolicy;
  form: Form;
  answers: readonly AnswerRecord[];
  endedBy: 'submitted' | 'time-expired';
  savedTo?: string;
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

/** Everything the results screen says, as rows; the screen scrolls them. */
export function layoutResults(input: ResultsInput): Line[] {
  const { bank, result, feedback, width, plain = false } = input;
  const out: Line[] = [];
  const verdict = result.passed ? 'PASS' : 'NOT YET PASSED';
  out.push(line(`${sanitizeText(bank.title)}: results`, { bold: true }));
  if (input.endedBy === 'time-expired') out.push(line('Time ran out; the test was submitted automatically.'));
  out.push(
    line(`${verdict}  Score ${formatPercent(result.percent)} (pass mark ${result.passMark}%)`, {
      bold: true,
      color: result.passed ? 'green' : 'red',
    }),
  );
  if (!result.passed) {
    out.push(line('Why:'));
    for (const reason of result.failReasons) {
      out.push(...wrapHanging('  - ', describeFailReason(reason, bank), width).map((t) => line(t)));
    }
  }
  if (feedback !== 'none') {
    out.push(line(''));
    out.push(line('By skill (| marks the minimum):', { bold: true }));
    const titleWidth = Math.min(24, Math.max(...result.competencies.map((c) => sanitizeText(c.title).length), 8));
    for (const c of result.competencies) {
      const title = sanitizeText(c.title);
      const verdictWord = c.met ? 'met' : 'below minimum';
      if (plain) {
        out.push(line(`${title}: ${formatPercent(c.percent)}, minimum ${c.floor}%, ${verdictWord}`));
        continue;
      }
      const label = title.length > titleWidth ? `${title.slice(0, titleWidth - 1)}~` : title.padEnd(titleWidth);
      const tail = ` ${formatPercent(c.percent).padStart(6)} min ${String(c.floor).padStart(3)}% ${verdictWord}`;
      const cells = Math.max(10, width - titleWidth - tail.length - 4);
      out.push(line(`${label} ${competencyBar(c.percent, c.floor, cells)}${tail}`, { color: c.met ? undefined : 'yellow' }));
    }
    if (result.gaps.length > 0) {
      out.push(line(''));
      out.push(line('To close the gaps:', { bold: true }));
      for (const gap of result.gaps) {
        out.push(line(`${sanitizeText(gap.title)} (${formatPercent(gap.percent)}, minimum ${gap.floor}%)`));
        for (const m of gap.modules) {
          const minutes = m.durationMinutes ? `, ${m.durationMinutes} min` : '';
          out.push(...wrapHanging('  - ', `${sanitizeText(m.title)} [${sanitizeText(m.id)}${minutes}]${m.url ? ` ${sanitizeText(m.url)}` : ''}`, width).map((t) => line(t)));
        }
        if (gap.modules.length === 0) out.push(line('  - ask your trainer for material on this skill'));
      }
    }
  }
  if (feedback === 'full') {
    out.push(line(''));
    out.push(line('Question by question:', { bold: true }));
    input.form.forEach((entry, index) => {
      const item = bank.items.find((i) => i.id === entry.itemId);
      const itemResult = result.items.find((r) => r.itemId === entry.itemId);
      const answer = input.answers.find((a) => a.itemId === entry.itemId);
      if (!item || !itemResult) return;
      const mark = !itemResult.answered ? 'unanswered' : itemResult.correct ? 'correct' : itemResult.score > 0 ? 'partly right' : 'wrong';
      out.push(...wrapHanging(`${index + 1}. [${mark}] `, sanitizeText(item.stem), width).map((t) => line(t, { bold: true })));
      out.push(...wrapHanging('   You: ', describeResponse(item, answer?.response ?? null), width).map((t) => line(t)));
      const right = describeCorrectAnswer(item);
      if (right) out.push(...wrapHanging('   Best: ', right, width).map((t) => line(t)));
      for (const flag of itemResult.redFlags) out.push(...wrapHanging('   Critical: ', sanitizeText(flag), width).map((t) => line(t)));
      if (item.explanation) out.push(...wrapText(sanitizeText(item.explanation), width - 3).map((t) => line(`   ${t}`, { dim: true })));
    });
  }
  if (input.savedTo) {
    out.push(line(''));
    out.push(...wrapHanging('Saved: ', input.savedTo, width).map((t) => line(t)));
  }
  return out;
}
