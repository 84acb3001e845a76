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

describe('ratings in words', () => {
  const rated: Item = {
    id: 'r',
    type: 'rating',
    competency: 'c',
    stem: 'Rate each reply',
    scale: { min: 1, max: 5 },
    options: [
      { id: 'calm', text: 'Calm', key: 5 },
      { id: 'policy', text: 'Policy', key: 1 },
      { id: 'wait', text: 'Wait', key: 3 },
    ],
  } as Item;
  const response = { type: 'rating', ratings: { calm: 4, policy: 2, wait: 3 } } as const;

  it('lists the responses in the order the candidate saw them, the key alike', () => {
    expect(describeResponse(rated, response, ['wait', 'calm', 'policy'])).toBe('"Wait" 3; "Calm" 4; "Policy" 2');
    expect(describeCorrectAnswer(rated, ['wait', 'calm', 'policy'])).toBe('"Wait" 3; "Calm" 5; "Policy" 1');
  });

  it('keeps the bank order when the form did not shuffle', () => {
    expect(describeResponse(rated, response)).toBe('"Calm" 4; "Policy" 2; "Wait" 3');
  });
});

