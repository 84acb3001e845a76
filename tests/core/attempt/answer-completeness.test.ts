import { describe, expect, it } from 'vitest';
import { unratedCount } from '../../../src/core/attempt/answer-completeness.js';
import { rating, single } from '../../fixtures/bank-builder.js';

const sjt = rating('sjt', 'empathy', [1, 5, 3]);

describe('unratedCount', () => {
  it('counts the responses of a rating item that have no rating yet', () => {
    expect(unratedCount(sjt, { type: 'rating', ratings: { a: 1 } })).toBe(2);
    expect(unratedCount(sjt, { type: 'rating', ratings: { a: 1, b: 4, c: 3 } })).toBe(0);
  });

  it('is 0 for an unanswered item (that is unanswered, not incomplete) and for other item types', () => {
    expect(unratedCount(sjt, null)).toBe(0);
    expect(unratedCount(single('one', 'empathy'), { type: 'single', choice: 'a' })).toBe(0);
  });
});
