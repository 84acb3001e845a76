import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../src/core/attempt/assemble.js';
import { buildAttemptRecord } from '../../../src/core/attempt/record.js';
import type { Bank } from '../../../src/core/bank/types.js';
import { replay, type JournalHeader } from '../../../src/core/attempt/journal-entry.js';
import { scoreAttempt } from '../../../src/core/attempt/scoring.js';
import { answerRecords, deadlineFor, reduce, startSession, type Event, type State } from '../../../src/core/attempt/session.js';
import { parseJournal } from '../../../src/store/journal.js';
import { makeBank, scenario, single } from '../../fixtures/bank-builder.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');

const bank: Bank = makeBank({
  policy: { timeLimitMinutes: 10, itemTimeLimitSeconds: 120, onExpiry: 'grace', graceSeconds: 30 },
  items: [single('l1', 'listen'), single('l2', 'listen'), scenario('sc'), single('t1', 'talk'), single('t2', 'talk')],
});

function headerFor(b: Bank, seed: string, extraTime = 1): JournalHeader {
  return {
    kind: 'header',
    format: 'frontline.journal/1',
    attemptId: 'attempt-1',
    candidate: { name: 'Ada Agent', employeeId: 'E1' },
    bank: { id: b.id, version: b.version, title: b.title, hash: 'sha256:test' },
    seed,
    extraTime,
    form: assemble(b, seed),
    startedAt: T0,
    deadline: deadlineFor(b, T0, extraTime),
  };
}

/** The journal file as the store writes it: one JSON line per entry. */
const journalText = (header: JournalHeader, events: readonly Event[]) =>
  [header, ...events.map((e) => ({ kind: 'event', ...e }))].map((entry) => `${JSON.stringify(entry)}\n`).join('');

function live(header: JournalHeader, events: readonly Event[]): State {
  return events.reduce(reduce, startSession({ bank, form: header.form, startedAt: header.startedAt, extraTime: header.extraTime }));
}

function replayText(text: string): State {
  const read = parseJournal(text, 'attempt.jsonl');
  if (!read.ok) throw new Error(read.message);
  return replay(bank, read.header, read.events);
}

/** What a replay must restore: every answer with its times, flags and locks, where the candidate was, how it ended. */
const essence = (state: State) => ({
  answers: answerRecords(state),
  phase: state.phase,
  index: state.index,
  deadline: state.deadline,
  ended: state.ended,
  endedAt: state.endedAt,
  locked: state.entries.map((e) => e.locked),
});

/** Any sequence of things a candidate (or the clock) can do, at non-decreasing times. */
const events = fc
  .array(
    fc.tuple(
      fc.integer({ min: 0, max: 90_000 }),
      fc.oneof(
        fc.record({ type: fc.constant('answer' as const), item: fc.constantFrom('l1', 'l2', 't1', 't2'), choice: fc.constantFrom('a', 'b', 'c', 'd') }),
        fc.record({ type: fc.constant('scenario-choose' as const), choice: fc.constantFrom('a', 'b', 'c') }),
        fc.record({ type: fc.constant('go' as const), index: fc.integer({ min: -1, max: 6 }) }),
        fc.record({ type: fc.constant('flag' as const), item: fc.constantFrom('l1', 'sc', 't2') }),
        fc.constantFrom({ type: 'review' as const }, { type: 'tick' as const }, { type: 'submit' as const }),
      ),
    ),
    { maxLength: 40 },
  )
  .map((steps) => {
    let at = T0;
    return steps.map(([gap, step]): Event => {
      at += gap;
      switch (step.type) {
        case 'answer':
          return { type: 'answer', at, itemId: step.item, response: { type: 'single', choice: step.choice } };
        case 'scenario-choose':
          return { type: 'scenario-choose', at, itemId: 'sc', choice: step.choice };
        case 'go':
          return { type: 'go', at, index: step.index };
        case 'flag':
          return { type: 'flag', at, itemId: step.item };
        default:
          return { type: step.type, at };
      }
    });
  });

describe('journal replay', () => {
  it('rebuilds from the journal file exactly the attempt that was live, for any sequence of events', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), events, (seed, evs) => {
        const header = headerFor(bank, seed);
        expect(essence(replayText(journalText(header, evs)))).toEqual(essence(live(header, evs)));
      }),
      { numRuns: 300 },
    );
  });

  it('ignores a torn last line: the attempt is as it was before that event', () => {
    fc.assert(
      fc.property(events.filter((evs) => evs.length > 0), fc.integer({ min: 1, max: 60 }), (evs, cut) => {
        const header = headerFor(bank, 's');
        const text = journalText(header, evs);
        const lastLine = JSON.stringify({ kind: 'event', ...evs.at(-1) }) + '\n';
        const torn = text.slice(0, text.length - Math.min(cut, lastLine.length - 1) - 1);
        expect(essence(replayText(torn))).toEqual(essence(live(header, evs.slice(0, -1))));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the original deadline on resume: the time away is not given back', () => {
    const header = headerFor(bank, 's');
    const first = header.form[0]!.itemId;
    const before: Event[] = [{ type: 'answer', at: T0 + 5_000, itemId: first, response: { type: 'single', choice: 'b' } }];
    const resumedSoon = reduce(replayText(journalText(header, before)), { type: 'resume', at: T0 + 300_000 });
    expect(resumedSoon).toMatchObject({ phase: 'item', deadline: T0 + 600_000 });
    expect(resumedSoon.entries[0]?.response).toEqual({ type: 'single', choice: 'b' });

    // Back after the deadline and the grace period: the attempt ends as expired at the grace end, answers kept.
    const resumedLate = reduce(replayText(journalText(header, before)), { type: 'resume', at: T0 + 3_600_000 });
    expect(resumedLate).toMatchObject({ phase: 'finished', ended: 'time-expired', endedAt: T0 + 630_000 });
    expect(answerRecords(resumedLate)[0]).toMatchObject({ response: { type: 'single', choice: 'b' }, timeSpentMs: 5_000 });
  });

  it('takes the deadline from the header, not from the clock or the policy at replay time', () => {
    const header = { ...headerFor(bank, 's', 1.5) };
    expect(header.deadline).toBe(T0 + 900_000);
    const state = replayText(journalText(header, []));
    expect(state.deadline).toBe(T0 + 900_000);
  });

  it('re-scores the attempt record from the bank alone to the same result', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), events, (seed, evs) => {
        const header = headerFor(bank, seed);
        const ended = reduce(live(header, evs), { type: 'submit', at: T0 + 4_000_000 });
        const record = buildAttemptRecord(ended, header);
        // Through JSON, as the record travels; the form must be the seed's form.
        const copy = JSON.parse(JSON.stringify(record)) as typeof record;
        expect(copy.form).toEqual(assemble(bank, copy.seed));
        expect(scoreAttempt(bank, copy.form, copy.answers)).toEqual(record.result);
      }),
      { numRuns: 150 },
    );
  });
});
