import { describe, expect, it } from 'vitest';
import { checkForms } from '../../../src/core/attempt/form-check.js';
import { caseSeconds, itemSeconds, slowFormSeconds, WORDS_PER_MINUTE, SECONDS_PER_DECISION } from '../../../src/core/bank/time-estimate.js';
import type { Bank, Item } from '../../../src/core/bank/types.js';

const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');

/** Each item's time is chosen so the figures can be worked out by hand. */
function bank(): Bank {
  // 18 words at 180 a minute = 6 s of reading; true/false adds one decision.
  const tf = (id: string, competency: string): Item => ({ id, type: 'true-false', competency, stem: words(18), answer: true });
  return {
    id: 'b',
    version: '1.0.0',
    title: 'B',
    competencies: [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }],
    policy: { timeLimitMinutes: 1, passMark: 50, draws: { a: 2 } },
    cases: [{ id: 'c1', title: words(9), channel: 'email', text: words(81) }],
    items: [
      tf('a1', 'a'),
      tf('a2', 'a'),
      { ...tf('a3', 'a'), case: 'c1' },
      {
        id: 's1',
        type: 'scenario',
        competency: 'b',
        stem: words(9),
        start: 'x',
        steps: [
          { id: 'x', customer: words(9), choices: [{ id: 'p', text: words(9), points: { b: 1, a: 1 }, next: 'y' }, { id: 'q', text: words(9), points: { b: 0 } }] },
          { id: 'y', customer: words(9), outcome: 'done' },
        ],
      },
    ],
  };
}

describe('time estimate', () => {
  it('reads at the documented pace and adds a decision per option', () => {
    expect(WORDS_PER_MINUTE).toBe(180);
    expect(SECONDS_PER_DECISION).toBe(8);
    const b = bank();
    expect(itemSeconds(b, b.items[0]!)).toBeCloseTo(6 + 8);
    // Longest path: stem 9 + step x (9 customer + 18 choices) + step y (9) = 45 words = 15 s, plus 2 decisions at x.
    expect(itemSeconds(b, b.items[3]!)).toBeCloseTo(15 + 16);
    expect(caseSeconds(b).get('c1')).toBeCloseTo(30);
  });

  it('caps an item at its time limit', () => {
    const b = bank();
    b.policy.itemTimeLimitSeconds = 10;
    expect(itemSeconds(b, b.items[0]!)).toBe(10);
  });

  it('finds a slow form that can really be drawn (the case item and one more, plus the scenario)', () => {
    expect(slowFormSeconds(bank())).toBeCloseTo(14 + 30 + 14 + 31);
  });
});

describe('checkForms', () => {
  it('reports the spread of time and items over seeded forms, the same every run', () => {
    const first = checkForms(bank(), 400);
    expect(checkForms(bank(), 400)).toEqual(first);
    // Forms with the case item: 14 + 14 + 30 + 31 = 89 s; without: 14 + 14 + 31 = 59 s.
    expect(first.minutes.min).toBeCloseTo(59 / 60);
    expect(first.minutes.max).toBeCloseTo(89 / 60);
    // Two of the three draws of two include a3, so about two thirds of forms run over the one-minute limit.
    expect(first.overLimit).toBeGreaterThan(0.55);
    expect(first.overLimit).toBeLessThan(0.78);
    // The scenario also scores in "a", so "a" always has 3 items on a form; one item is a third of it.
    expect(first.competencies).toEqual([
      { id: 'a', items: { min: 3, median: 3, p95: 3, max: 3, mean: 3 }, heaviestItem: 1 / 3 },
      { id: 'b', items: { min: 1, median: 1, p95: 1, max: 1, mean: 1 }, heaviestItem: 1 },
    ]);
  });
});
