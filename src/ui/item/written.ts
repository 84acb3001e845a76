import type { WrittenItem } from '../../core/bank/types.js';
import { line, type Line } from '../layout/line.js';
import { wrapText } from '../layout/wrap.js';

const CHANNEL: Record<WrittenItem['channel'], string> = { chat: 'a chat message', email: 'an email (greeting and sign-off)' };

/**
 * A written item as this version of take shows it: what is asked, and that
 * the reply cannot be typed here yet (the editor comes in a later version),
 * so the item stays unanswered and scores 0. Take goes on rather than stops:
 * a bank with a written item stays takeable.
 */
export function layoutWrittenUnavailable(item: WrittenItem, width: number): Line[] {
  const limits = item.words === undefined ? '' : ` of ${[item.words.min === undefined ? '' : `at least ${item.words.min}`, item.words.max === undefined ? '' : `at most ${item.words.max}`].filter(Boolean).join(' and ')} words`;
  const notice = `Write ${CHANNEL[item.channel]}${limits}. Writing replies is not available in this version of take: this item stays unanswered and scores 0. Enter or n: next question.`;
  return wrapText(notice, width).map((text) => line(text, { color: 'yellow' }));
}
