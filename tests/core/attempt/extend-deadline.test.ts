import { describe, expect, it } from 'vitest';
import { withExtendedDeadline } from '../../../src/core/attempt/extend-deadline.js';
import { replay, type JournalHeader } from '../../../src/core/attempt/journal-entry.js';
import { deadlineFor, reduce, startSession } from '../../../src/core/attempt/session.js';
import { makeBank } from '../../fixtures/bank-builder.js';

const start = Date.parse('2026-12-01T09:00:00Z');
const TEN_MINUTES = 600_000;

describe('withExtendedDeadline: the running session after `host extend`', () => {
  it.each([
    ['submit', undefined],
    ['grace', 120],
  ] as const)('onExpiry %s: the attempt runs past its old deadline and ends at the new one', (onExpiry, graceSeconds) => {
    const bank = makeBank({ policy: { timeLimitMinutes: 30, onExpiry, ...(graceSeconds ? { graceSeconds } : {}) } });
    const form = bank.items.map((i) => ({ itemId: i.id }));
    const original = deadlineFor(bank, start);
    const state = startSession({ bank, form, startedAt: start });
    const extended = withExtendedDeadline(state, original, TEN_MINUTES);
    expect(extended.deadline).toBe(original + TEN_MINUTES);
    if (graceSeconds) expect(extended.graceEnd).toBe(original + TEN_MINUTES + graceSeconds * 1000);
    const end = original + TEN_MINUTES + (graceSeconds ?? 0) * 1000;
    // Without the extension the attempt is over here; with it, still running.
    const pastOld = original + (graceSeconds ?? 0) * 1000 + 1;
    expect(reduce(state, { type: 'tick', at: pastOld }).phase).toBe('finished');
    expect(reduce(extended, { type: 'tick', at: pastOld }).phase).not.toBe('finished');
    expect(reduce(extended, { type: 'tick', at: end + 1 }).phase).toBe('finished');
  });

  it('is idempotent, and leaves a finished attempt finished', () => {
    const bank = makeBank({ policy: { timeLimitMinutes: 30 } });
    const state = startSession({ bank, form: bank.items.map((i) => ({ itemId: i.id })), startedAt: start });
    const once = withExtendedDeadline(state, state.deadline, TEN_MINUTES);
    expect(withExtendedDeadline(once, state.deadline, TEN_MINUTES)).toBe(once);
    const finished = reduce(state, { type: 'submit', at: start + 1000 });
    expect(withExtendedDeadline(finished, state.deadline, TEN_MINUTES)).toBe(finished);
  });
});

describe('replay with extension minutes', () => {
  it('keeps an attempt whose journal has ticks in the extra time running', () => {
    const bank = makeBank({ policy: { timeLimitMinutes: 30 } });
    const form = bank.items.map((i) => ({ itemId: i.id }));
    const deadline = deadlineFor(bank, start);
    const header: JournalHeader = { kind: 'header', format: 'frontline.journal/1', attemptId: 'a', candidate: { name: 'A', employeeId: 'E1' }, bank: { id: bank.id, version: bank.version, title: bank.title, hash: 'sha256:x' }, seed: 's', extraTime: 1, form, startedAt: start, deadline };
    const events = [{ type: 'tick' as const, at: deadline + 60_000 }];
    expect(replay(bank, header, events).phase).toBe('finished');
    expect(replay(bank, header, events, TEN_MINUTES)).toMatchObject({ phase: 'item', deadline: deadline + TEN_MINUTES });
  });
});
