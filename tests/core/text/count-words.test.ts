import { describe, expect, it } from 'vitest';
import { countWords } from '../../../src/core/text/count-words.js';

/**
 * The one word count for written replies. Expected figures are what Microsoft
 * Word's and LibreOffice Writer's word count show for the same text, and what
 * `wc -w` prints: whitespace-separated runs, punctuation attached to a word
 * counting with it, a free-standing dash counting as a word.
 */
describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\n ', 0],
    ['Hello', 1],
    ['Hi Ana, thanks for waiting.', 5],
    ["I don't know", 3],
    ['Call us 24/7 on 0800-123', 5],
    ['Line one\nline two', 4],
    ['Refund — today', 3],
    ['Zoë’s refund: £20.50', 3],
    ['Dear Dr Osei,\n\nYour complaint about claim HH-CL-77215\n\tThank you', 10],
  ])('%j has %i words', (text, n) => {
    expect(countWords(text)).toBe(n);
  });
});
