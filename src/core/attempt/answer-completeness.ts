import type { Response } from './types.js';
import type { Item } from '../bank/types.js';
import { own } from '../own.js';

/**
 * Responses of a rating item left unrated: the item counts as answered once
 * one response is rated, but each unrated one scores nothing, so the review
 * screen and the submit prompt name them. Other item types are whole as soon
 * as they are answered (a multiple-response answer may rightly tick one box).
 */
export function unratedCount(item: Item, response: Response | null): number {
  if (item.type !== 'rating' || response?.type !== 'rating') return 0;
  return item.options.filter((option) => own(response.ratings, option.id) === undefined).length;
}

/**
 * The one meaning of "answered" that every screen uses (progress bar, title,
 * review, submit prompt, resume offer): a rating item with a response still
 * unrated is "incomplete", neither answered nor unanswered.
 */
export type AnswerStatus = 'answered' | 'incomplete' | 'unanswered';

/** `given` is whether the session counts a response at all (a conversation only once it has ended). */
export function answerStatus(item: Item, response: Response | null, given: boolean): AnswerStatus {
  if (!given) return 'unanswered';
  return unratedCount(item, response) > 0 ? 'incomplete' : 'answered';
}

export function countStatuses(statuses: readonly AnswerStatus[]): Record<AnswerStatus, number> {
  const out: Record<AnswerStatus, number> = { answered: 0, incomplete: 0, unanswered: 0 };
  for (const s of statuses) out[s] += 1;
  return out;
}
