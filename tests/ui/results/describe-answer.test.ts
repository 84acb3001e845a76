import { describe, expect, it } from 'vitest';
import type { Item } from '../../../src/core/bank/types.js';
import { describeCorrectAnswer, describeResponse } from '../../../src/ui/results/describe-answer.js';

const reply: Item = {
  id: 'q',
  type: 'single',
  competency: 'c',
  stem: 'Which reply is best?',
  options: [
    { id: 'a', text: '"It\'s due tomorrow. You\'ll get a text."' },
    { id: 'b', text: 'Say nothing' },
  ],
  answer: 'a',
} as Item;

describe('answers in words', () => {
  it('quotes an option once, even when its text is itself a quotation', () => {
    expect(describeCorrectAnswer(reply)).toBe('"It\'s due tomorrow. You\'ll get a text."');
    expect(describeResponse(reply, { type: 'single', choice: 'b' })).toBe('"Say nothing"');
  });
});
