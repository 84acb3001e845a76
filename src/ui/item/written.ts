import type { WrittenItem } from '../../core/bank/types.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { line, type Line } from '../layout/line.js';
import { wrapHanging, wrapText } from '../layout/wrap.js';

const CHANNEL: Record<WrittenItem['channel'], string> = { chat: 'a chat message', email: 'an email' };

/** "Write a chat message of at least 30 and at most 90 words." An email says it wants a greeting and a sign-off, after the length. */
export function writtenShape(item: WrittenItem): string {
  const { min, max } = item.words ?? {};
  const limits = [min === undefined ? '' : `at least ${min}`, max === undefined ? '' : `at most ${max}`].filter(Boolean).join(' and ');
  const conventions = item.channel === 'email' ? ', with a greeting and a sign-off' : '';
  return `Write ${CHANNEL[item.channel]}${limits ? ` of ${limits} words` : ''}${conventions}.`;
}

/**
 * A reply as recorded, read-only: on a locked item (its time ran out) and
 * wherever the text is shown back. Paragraphs keep their line breaks.
 */
export function layoutWrittenReply(text: string, width: number): Line[] {
  const clean = sanitizeText(text);
  if (clean.trim() === '') return [line('(no reply written)', { dim: true })];
  return clean.split('\n').flatMap((paragraph) => (paragraph.trim() === '' ? [line('')] : wrapText(paragraph, width).map((t) => line(t))));
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
