import type { WrittenItem } from '../../core/bank/types.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { line, type Line } from '../layout/line.js';
import { wrapHanging, wrapText } from '../layout/wrap.js';

const CHANNEL: Record<WrittenItem['channel'], string> = { chat: 'a chat message', email: 'an email, with a greeting and a sign-off' };

/** "Write a chat message of at least 30 and at most 90 words." */
export function writtenShape(item: WrittenItem): string {
  const { min, max } = item.words ?? {};
  const limits = [min === undefined ? '' : `at least ${min}`, max === undefined ? '' : `at most ${max}`].filter(Boolean).join(' and ');
  return `Write ${CHANNEL[item.channel]}${limits ? ` of ${limits} words` : ''}.`;
}

/**
 * A written item as this version of take shows it: what is asked, and that
 * the reply cannot be typed here yet (the editor comes in a later version),
 * so the item stays unanswered and scores 0. Take goes on rather than stops:
 * a bank with a written item stays takeable.
 */
export function layoutWrittenUnavailable(item: WrittenItem, width: number): Line[] {
  const notice = `${writtenShape(item)} Writing replies is not available in this version of take: this item stays unanswered and scores 0. Enter or n: next question.`;
  return wrapText(notice, width).map((text) => line(text, { color: 'yellow' }));
}

/** For trainers (preview --answers): the rubric markers apply, and the model answer. */
export function layoutRubric(item: WrittenItem, width: number): Line[] {
  const s = sanitizeText;
  const out: Line[] = [line('Marked by a trainer against this rubric:', { bold: true })];
  for (const criterion of item.rubric) {
    out.push(...wrapHanging(' - ', `${s(criterion.criterion)} (${s(criterion.competency)})`, width).map((t) => line(t)));
    for (const level of criterion.levels) out.push(...wrapHanging(`     ${level.points}: `, s(level.descriptor), width).map((t) => line(t, { dim: true })));
  }
  if (item.modelAnswer) {
    out.push(line('Model answer:', { bold: true }));
    for (const paragraph of s(item.modelAnswer).split('\n')) out.push(...(paragraph.trim() === '' ? [line('')] : wrapText(paragraph, width, '  ').map((t) => line(`  ${t}`))));
  }
  return out;
}
