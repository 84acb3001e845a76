import { describe, expect, it } from 'vitest';
import { reduce, startSession } from '../../../src/core/attempt/session.js';
import { viewOf } from '../../../src/app/take/take-driver.js';
import { loadUiTour } from '../../ui/helpers/fixture-bank.js';

const { bank } = loadUiTour();
const T = Date.parse('2026-11-25T09:00:00Z');

describe('what the take screens are told of the attempt', () => {
  it('does not count a partly rated rating item as answered: the bar agrees with review and the title', () => {
    let state = startSession({ bank, form: bank.items.map((i) => ({ itemId: i.id })), startedAt: T });
    state = reduce(state, { type: 'answer', at: T + 1_000, itemId: 'q-single', response: { type: 'single', choice: 'a' } });
    state = reduce(state, { type: 'go', at: T + 1_500, index: bank.items.findIndex((i) => i.id === 'q-rating') });
    state = reduce(state, { type: 'answer', at: T + 2_000, itemId: 'q-rating', response: { type: 'rating', ratings: { calm: 5 } } });
    const partly = viewOf(state, T + 3_000);
    expect(partly.answeredCount).toBe(1);
    expect(partly.status[bank.items.findIndex((i) => i.id === 'q-rating')]).toBe('incomplete');
    state = reduce(state, { type: 'answer', at: T + 4_000, itemId: 'q-rating', response: { type: 'rating', ratings: { calm: 5, policy: 1 } } });
    expect(viewOf(state, T + 5_000).answeredCount).toBe(2);
  });
});
