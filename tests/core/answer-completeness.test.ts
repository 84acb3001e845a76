import { describe, expect, it } from 'vitest';
import { unratedCount } from '../../src/core/answer-completeness.js';
import type { Item } from '../../src/core/bank/types.js';

const rating = {
  id: 'sjt',
  type: 'rating',
  competency: 'empathy',
  stem: 'Rate each reply',
  explanation: 'Why',
  scale: { min: 1, max: 5 },
  options: [
    { id: 'a', text: 'A', key: 1 },
    { id: 'b', text: 'B', key: 5 },
    { id: 'c', text: 'C', key: 3 },
  ],
} as unknown as Item;

const single = {
  id: 'one',
  type: 'single',
  competency: 'empathy',
  stem: 'Pick',
  explanation: 'Why',
  options: [
    { id: 'a', text: 'A' },
    { id: 'b', text: 'B' },
  ],
  answer: 'a',
} as unknown as Item;

describe('unratedCount', () => {
  it('counts the responses of a rating item that have no rating yet', () => {
    expect(unratedCount(rating, { type: 'rating', ratings: { a: 1 } })).toBe(2);
    expect(unratedCount(rating, { type: 'rating', ratings: { a: 1, b: 4, c: 3 } })).toBe(0);
  });

  it('is 0 for an unanswered item (that is unanswered, not incomplete) and for other item types', () => {
    expect(unratedCount(rating, null)).toBe(0);
    expect(unratedCount(single, { type: 'single', choice: 'a' })).toBe(0);
  });
});
