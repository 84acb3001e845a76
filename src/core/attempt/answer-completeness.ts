import type { Response } from './types.js';
import type { Item } from '../bank/types.js';

/**
 * Responses of a rating item left unrated: the item counts as answered once
 * one response is rated, but each unrated one scores nothing, so the review
 * screen and the submit prompt name them. Other item types are whole as soon
 * as they are answered (a multiple-response answer may rightly tick one box).
 */
export function unratedCount(item: Item, response: Response | null): number {
  if (item.type !== 'rating' || response?.type !== 'rating') return 0;
  return item.options.filter((option) => response.ratings[option.id] === undefined).length;
}
