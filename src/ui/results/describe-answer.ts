import { assertNever, type Item, type Option, type OptionId } from '../../core/bank/types.js';
import type { Response } from '../../core/attempt/types.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { own } from '../../core/own.js';
import { countWords } from '../../core/text/count-words.js';

const optionText = (options: readonly Option[], id: OptionId): string =>
  sanitizeText(options.find((o) => o.id === id)?.text ?? id);

/** In quotes, unless the text is already a quotation (a reply to a customer often is). */
export const quote = (text: string): string => (/^["“].*["”]$/s.test(text) ? text : `"${text}"`);

const quoteList = (texts: string[]): string => texts.map(quote).join('; ');

/** The options in the order the candidate saw them (their form's order), else the bank's. */
function inShownOrder<O extends Option>(options: readonly O[], shown: readonly OptionId[] | undefined): O[] {
  if (!shown) return [...options];
  const byId = new Map(options.map((o) => [o.id, o]));
  const ordered = shown.flatMap((id) => byId.get(id) ?? []);
  return [...ordered, ...options.filter((o) => !shown.includes(o.id))];
}

/**
 * The candidate's response in words (for full feedback and for preview).
 * `shown` is the option order on their form, so ratings read as they were given.
 */
export function describeResponse(item: Item, response: Response | null, shown?: readonly OptionId[]): string {
  if (response === null) return '(no answer)';
  switch (response.type) {
    case 'single':
      return item.type === 'single' ? quote(optionText(item.options, response.choice)) : response.choice;
    case 'multiple':
      return item.type === 'multiple'
        ? response.choices.length === 0
          ? '(none chosen)'
          : quoteList(response.choices.map((id) => optionText(item.options, id)))
        : response.choices.join(', ');
    case 'true-false':
      return response.value ? 'True' : 'False';
    case 'ordering':
      return item.type === 'ordering'
        ? response.order.map((id, i) => `${i + 1}. ${optionText(item.options, id)}`).join('  ')
        : response.order.join(', ');
    case 'rating':
      return item.type === 'rating'
        ? inShownOrder(item.options, shown).map((o) => `${quote(sanitizeText(o.text))} ${own(response.ratings, o.id) ?? '-'}`).join('; ')
        : JSON.stringify(response.ratings);
    case 'scenario':
      if (item.type !== 'scenario') return `${response.path.length} moves`;
      return response.path
        .map((move) => {
          const step = item.steps.find((s) => s.id === move.step);
          return quote(sanitizeText(step?.choices?.find((c) => c.id === move.choice)?.text ?? move.choice));
        })
        .join(' then ');
    case 'written': {
      const words = countWords(response.text);
      return `a written reply of ${words} ${words === 1 ? 'word' : 'words'}`;
    }
    default:
      return assertNever(response, 'response');
  }
}

/** The keyed answer in words; undefined for scenarios, whose paths are scored by points. */
export function describeCorrectAnswer(item: Item, shown?: readonly OptionId[]): string | undefined {
  switch (item.type) {
    case 'single':
      return quote(optionText(item.options, item.answer));
    case 'multiple':
      return quoteList(item.answer.map((id) => optionText(item.options, id)));
    case 'true-false':
      return item.answer ? 'True' : 'False';
    case 'ordering':
      return item.answer.map((id, i) => `${i + 1}. ${optionText(item.options, id)}`).join('  ');
    case 'rating':
      return inShownOrder(item.options, shown).map((o) => `${quote(sanitizeText(o.text))} ${o.key}`).join('; ');
    case 'scenario':
    case 'written':
      return undefined;
    default:
      return assertNever(item, 'item');
  }
}
