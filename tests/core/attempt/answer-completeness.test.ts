import { describe, expect, it } from 'vitest';
import { answerStatus, countStatuses, unratedCount } from '../../../src/core/attempt/answer-completeness.js';
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

describe('answerStatus: the one meaning of answered', () => {
  it.each([
    ['nothing given', sjt, null, false, 'unanswered'],
    ['a rating with responses unrated', sjt, { type: 'rating', ratings: { a: 1 } }, true, 'incomplete'],
    ['a rating with every response rated', sjt, { type: 'rating', ratings: { a: 1, b: 4, c: 3 } }, true, 'answered'],
    ['a single choice', single('one', 'empathy'), { type: 'single', choice: 'a' }, true, 'answered'],
    ['a response the session does not count yet (a conversation under way)', single('one', 'empathy'), { type: 'single', choice: 'a' }, false, 'unanswered'],
  ] as const)('%s', (_name, item, response, given, expected) => {
    expect(answerStatus(item, response, given)).toBe(expected);
  });

  it('counts statuses for the progress bar, review and submit prompt alike', () => {
    expect(countStatuses(['answered', 'incomplete', 'unanswered', 'answered'])).toEqual({ answered: 2, incomplete: 1, unanswered: 1 });
  });
});
