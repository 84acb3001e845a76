import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bank, Item } from '../../../src/core/bank/types.js';
import type { Response } from '../../../src/core/attempt/types.js';
import {
  answerRecords,
  canGoTo,
  counts,
  dueWarning,
  fitsItem,
  itemRemainingMs,
  reduce,
  remainingMs,
  startSession,
  type Event,
  type State,
} from '../../../src/core/attempt/session.js';
import { makeBank, scenario, single } from '../../fixtures/bank-builder.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const sec = (s: number) => T0 + s * 1000;

function run(bank: Bank, events: Event[], extraTime = 1): State {
  const form = bank.items.map((i) => ({ itemId: i.id }));
  return events.reduce(reduce, startSession({ bank, form, startedAt: T0, extraTime }));
}

const pick = (itemId: string, choice: string, at: number): Event => ({ type: 'answer', at, itemId, response: { type: 'single', choice } });

describe('session reducer', () => {
  it('records answers with their time and moves between items', () => {
    const state = run(makeBank(), [pick('l1', 'b', sec(10)), { type: 'go', at: sec(11), index: 1 }, pick('l2', 'a', sec(20))]);
    expect(state.index).toBe(1);
    expect(state.entries[0]).toMatchObject({ response: { type: 'single', choice: 'b' }, answeredAt: sec(10), timeSpentMs: 11_000 });
    expect(state.entries[1]).toMatchObject({ response: { type: 'single', choice: 'a' }, timeSpentMs: 9_000 });
    expect(counts(state)).toEqual({ total: 4, answered: 2, flagged: 0, unanswered: 2 });
  });

  it('lets a later answer replace an earlier one', () => {
    const state = run(makeBank(), [pick('l1', 'a', sec(1)), pick('l1', 'c', sec(2))]);
    expect(state.entries[0]?.response).toEqual({ type: 'single', choice: 'c' });
  });

  it('toggles flags, unless the policy forbids flagging', () => {
    expect(run(makeBank(), [{ type: 'flag', at: sec(1), itemId: 'l1' }]).entries[0]?.flagged).toBe(true);
    expect(run(makeBank(), [{ type: 'flag', at: sec(1), itemId: 'l1' }, { type: 'flag', at: sec(2), itemId: 'l1' }]).entries[0]?.flagged).toBe(false);
    expect(run(makeBank({ policy: { navigation: { flag: false } } }), [{ type: 'flag', at: sec(1), itemId: 'l1' }]).entries[0]?.flagged).toBe(false);
  });

  it('refuses to go back when the policy forbids it, but always allows forward', () => {
    const noBack = makeBank({ policy: { navigation: { back: false } } });
    const state = run(noBack, [{ type: 'go', at: sec(1), index: 2 }, { type: 'go', at: sec(2), index: 1 }]);
    expect(state.index).toBe(2);
    expect(canGoTo(state, 1)).toBe(false);
    expect(canGoTo(state, 3)).toBe(true);
  });

  it('opens the review after the last item and jumps back from it', () => {
    const bank = makeBank();
    let state = run(bank, [{ type: 'go', at: sec(1), index: 4 }]);
    expect(state.phase).toBe('review');
    state = reduce(state, { type: 'go', at: sec(2), index: 0 });
    expect(state).toMatchObject({ phase: 'item', index: 0 });
  });

  it('answers only the item on screen (no answering past items without back navigation, nor from the review)', () => {
    const noBack = makeBank({ policy: { navigation: { back: false } } });
    const state = run(noBack, [{ type: 'go', at: sec(1), index: 2 }, pick('l1', 'b', sec(2)), pick('t1', 'b', sec(3)), { type: 'review', at: sec(4) }, pick('t2', 'b', sec(5))]);
    expect(state.entries.map((e) => e.response)).toEqual([null, null, { type: 'single', choice: 'b' }, null]);
  });

  it.each<[string, Event]>([
    ['an option the item does not have', pick('l1', 'z', sec(1))],
    ['a response of another type', { type: 'answer', at: sec(1), itemId: 'l1', response: { type: 'true-false', value: true } }],
  ])('ignores a response that does not fit the item: %s', (_name, event) => {
    expect(run(makeBank(), [event]).entries[0]?.response).toBeNull();
  });

  it.each<[string, Response, boolean]>([
    ['ordering: a permutation', { type: 'ordering', order: ['c', 'a', 'b'] }, true],
    ['ordering: an option twice', { type: 'ordering', order: ['a', 'a', 'b'] }, false],
    ['ordering: an option missing', { type: 'ordering', order: ['a', 'b'] }, false],
    ['multiple: known options', { type: 'multiple', choices: ['a', 'c'] }, true],
    ['multiple: an unknown option', { type: 'multiple', choices: ['a', 'x'] }, false],
    ['rating: on the scale', { type: 'rating', ratings: { a: 1, b: 5 } }, true],
    ['rating: off the scale', { type: 'rating', ratings: { a: 6 } }, false],
    ['rating: not a whole point', { type: 'rating', ratings: { a: 2.5 } }, false],
  ])('checks responses against the item: %s', (_name, response, fits) => {
    const options = [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }, { id: 'c', text: 'C' }];
    const item = (
      response.type === 'ordering'
        ? { id: 'x', type: 'ordering', competency: 'listen', stem: '?', options, answer: ['a', 'b', 'c'] }
        : response.type === 'multiple'
          ? { id: 'x', type: 'multiple', competency: 'listen', stem: '?', options, answer: ['a'] }
          : { id: 'x', type: 'rating', competency: 'listen', stem: '?', scale: { min: 1, max: 5 }, options: options.map((o) => ({ ...o, key: 3 })) }
    ) as Item;
    expect(fitsItem(item, response)).toBe(fits);
  });

  it('ignores events after the attempt has finished', () => {
    const state = run(makeBank(), [{ type: 'submit', at: sec(5) }, pick('l1', 'b', sec(6))]);
    expect(state).toMatchObject({ phase: 'finished', ended: 'submitted', endedAt: sec(5) });
    expect(state.entries[0]?.response).toBeNull();
  });

  describe('time', () => {
    it('submits at the deadline when the policy says submit, and records it at the deadline', () => {
      const state = run(makeBank(), [pick('l1', 'b', sec(10)), { type: 'tick', at: sec(700) }]);
      expect(state).toMatchObject({ phase: 'finished', ended: 'time-expired', endedAt: sec(600) });
      expect(state.entries[0]?.response).toEqual({ type: 'single', choice: 'b' });
    });

    it('allows a grace period, marks answers in it late, then ends', () => {
      const bank = makeBank({ policy: { onExpiry: 'grace', graceSeconds: 60 } });
      let state = run(bank, [{ type: 'tick', at: sec(610) }, pick('l1', 'b', sec(620))]);
      expect(state.phase).toBe('item');
      expect(state.entries[0]).toMatchObject({ late: true });
      expect(remainingMs(state, sec(620))).toBe(40_000);
      state = reduce(state, { type: 'tick', at: sec(661) });
      expect(state).toMatchObject({ phase: 'finished', ended: 'time-expired', endedAt: sec(660) });
    });

    it('does not charge time past the deadline to the item (a machine that slept)', () => {
      const state = run(makeBank(), [pick('l1', 'b', sec(10)), { type: 'tick', at: sec(3_600) }]);
      expect(state).toMatchObject({ phase: 'finished', ended: 'time-expired', endedAt: sec(600) });
      expect(state.entries[0]?.timeSpentMs).toBe(600_000);
    });

    it('stretches the deadline and item limits by the extra-time multiplier', () => {
      const bank = makeBank({ policy: { itemTimeLimitSeconds: 60 } });
      const state = run(bank, [], 1.5);
      expect(state.deadline).toBe(sec(900));
      expect(itemRemainingMs(state, sec(0))).toBe(90_000);
    });

    it('locks an item when its handle time runs out and leaves it showing: moving on is the candidate\'s', () => {
      const bank = makeBank({ policy: { itemTimeLimitSeconds: 30 } });
      let state = run(bank, [pick('l1', 'a', sec(5)), { type: 'tick', at: sec(31) }]);
      expect(state.entries[0]).toMatchObject({ locked: true, timedOut: true, timeSpentMs: 30_000 });
      expect(state).toMatchObject({ phase: 'item', index: 0 });
      state = reduce(state, pick('l1', 'b', sec(32)));
      expect(state.entries[0]?.response).toEqual({ type: 'single', choice: 'a' });
      state = reduce(state, { type: 'go', at: sec(33), index: 1 });
      expect(state.index).toBe(1);
      expect(state.entries[0]?.response).toEqual({ type: 'single', choice: 'a' });
    });

    it('counts handle time across visits', () => {
      const bank = makeBank({ policy: { itemTimeLimitSeconds: 30 } });
      const state = run(bank, [{ type: 'go', at: sec(20), index: 1 }, { type: 'go', at: sec(25), index: 0 }]);
      expect(itemRemainingMs(state, sec(30))).toBe(5_000);
    });

    it('does not charge the time an attempt was closed to the item, but keeps the deadline', () => {
      const bank = makeBank({ policy: { itemTimeLimitSeconds: 60 } });
      const state = run(bank, [pick('l1', 'b', sec(10)), { type: 'resume', at: sec(300) }, { type: 'tick', at: sec(305) }]);
      expect(state.entries[0]?.timeSpentMs).toBe(15_000);
      expect(state.deadline).toBe(sec(600));
    });

    it.each([
      [sec(0), undefined],
      [sec(299), undefined],
      [sec(300), '5-minutes'],
      [sec(540), '1-minute'],
    ])('warns about the time left (at %i)', (now, warning) => {
      expect(dueWarning(run(makeBank(), []), now)).toBe(warning);
    });
  });

  describe('scenarios', () => {
    const bank = makeBank({ items: [scenario('sc'), single('t1', 'talk')] });
    const choose = (choice: string, at: number): Event => ({ type: 'scenario-choose', at, itemId: 'sc', choice });

    it('follows the branch chosen and locks when the conversation ends', () => {
      let state = run(bank, [choose('a', sec(1))]);
      expect(state.entries[0]).toMatchObject({ scenarioStep: 's2', locked: false });
      state = reduce(state, choose('a', sec(2)));
      expect(state.entries[0]).toMatchObject({ scenarioStep: 'end-good', locked: true });
      expect(state.entries[0]?.response).toMatchObject({ type: 'scenario', path: [{ step: 's1', choice: 'a' }, { step: 's2', choice: 'a' }] });
      expect(counts(state).answered).toBe(1);
    });

    it('cannot take back a choice', () => {
      // s1 b -> s2; s2 b has no next step, so the conversation ends there.
      const state = run(bank, [choose('b', sec(1)), choose('b', sec(2)), choose('a', sec(3))]);
      expect(state.entries[0]).toMatchObject({ locked: true, scenarioStep: undefined });
      expect(state.entries[0]?.response).toMatchObject({ path: [{ choice: 'b' }, { choice: 'b' }] });
    });

    it('ignores a choice that is not offered at the current step', () => {
      const state = run(bank, [choose('z', sec(1))]);
      expect(state.entries[0]?.response).toBeNull();
    });

    it('ignores plain answers sent to a scenario', () => {
      expect(run(bank, [pick('sc', 'a', sec(1))]).entries[0]?.response).toBeNull();
    });
  });

  it('turns state into answer records with ISO times', () => {
    const records = answerRecords(run(makeBank(), [pick('l1', 'b', sec(10)), { type: 'flag', at: sec(11), itemId: 'l2' }]));
    expect(records[0]).toEqual({ itemId: 'l1', response: { type: 'single', choice: 'b' }, answeredAt: '2026-03-02T09:00:10.000Z', timeSpentMs: 11_000, flagged: false });
    expect(records[1]).toMatchObject({ itemId: 'l2', response: null, flagged: true });
  });
});

describe('session invariants (any sequence of events)', () => {
  const T = Date.parse('2026-03-02T09:00:00Z');
  const policies = fc.constantFrom<Partial<Bank['policy']>>(
    {},
    { navigation: { back: false } },
    { itemTimeLimitSeconds: 40 },
    { onExpiry: 'grace', graceSeconds: 60, itemTimeLimitSeconds: 90 },
    { navigation: { review: false, flag: false } },
  );
  const steps = fc.array(
    fc.tuple(
      fc.integer({ min: 0, max: 120_000 }),
      fc.oneof(
        fc.record({ type: fc.constant('answer' as const), item: fc.constantFrom('l1', 'l2', 't1', 't2'), choice: fc.constantFrom('a', 'b', 'z') }),
        fc.record({ type: fc.constant('scenario-choose' as const), choice: fc.constantFrom('a', 'b', 'c') }),
        fc.record({ type: fc.constant('go' as const), index: fc.integer({ min: -1, max: 6 }) }),
        fc.record({ type: fc.constant('flag' as const), item: fc.constantFrom('l1', 'sc') }),
        fc.constantFrom({ type: 'review' as const }, { type: 'tick' as const }, { type: 'submit' as const }, { type: 'resume' as const }),
      ),
    ),
    { maxLength: 50 },
  );
  const toEvents = (list: Array<[number, { type: string; item?: string; choice?: string; index?: number }]>): Event[] => {
    let at = T;
    return list.map(([gap, s]) => {
      at += gap;
      switch (s.type) {
        case 'answer':
          return { type: 'answer', at, itemId: s.item!, response: { type: 'single', choice: s.choice! } };
        case 'scenario-choose':
          return { type: 'scenario-choose', at, itemId: 'sc', choice: s.choice! };
        case 'go':
          return { type: 'go', at, index: s.index! };
        case 'flag':
          return { type: 'flag', at, itemId: s.item! };
        default:
          return { type: s.type as 'review' | 'tick' | 'submit' | 'resume', at };
      }
    });
  };

  it('keeps time, locks, navigation and the deadline consistent', () => {
    fc.assert(
      fc.property(policies, steps, (policy, list) => {
        const bank = makeBank({ policy, items: [single('l1', 'listen'), single('l2', 'listen'), scenario('sc'), single('t1', 'talk'), single('t2', 'talk')] });
        let state = startSession({ bank, form: bank.items.map((i) => ({ itemId: i.id })), startedAt: T });
        const end = state.graceEnd ?? state.deadline;
        let furthest = 0;
        for (const event of toEvents(list)) {
          const before = state;
          state = reduce(state, event);
          // Locked answers never change; without back navigation, items behind the furthest reached never change.
          state.entries.forEach((entry, i) => {
            const was = before.entries[i]!;
            if (was.locked || (!state.policy.allowBack && i < furthest)) expect(entry.response).toEqual(was.response);
            if (entry.late) expect(entry.answeredAt!).toBeGreaterThan(state.deadline);
          });
          if (state.phase === 'item') furthest = Math.max(furthest, state.index);
          // Time on items never exceeds the time the attempt has been open.
          const spent = state.entries.reduce((sum, e) => sum + e.timeSpentMs, 0);
          expect(spent).toBeLessThanOrEqual(Math.min(state.lastAt, end) - T);
          if (state.phase === 'finished') {
            expect(state.endedAt!).toBeLessThanOrEqual(end);
            // Expiry ends the attempt exactly at the deadline (or the grace end), however late the clock noticed.
            if (state.ended === 'time-expired') expect(state.endedAt).toBe(end);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
