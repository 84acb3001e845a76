import { describe, expect, it } from 'vitest';
import { attemptClock, createTakeDriver, DRAFT_LOG_MS } from '../../../src/app/take/take-driver.js';
import type { Item } from '../../../src/core/bank/types.js';
import { replay, type JournalHeader } from '../../../src/core/attempt/journal-entry.js';
import { deadlineFor, startSession, type Event } from '../../../src/core/attempt/session.js';
import { makeBank, single } from '../../fixtures/bank-builder.js';

/** A wall clock and a monotonic clock that a test moves by hand. */
function clocks(wallStart = Date.parse('2026-11-25T09:00:00Z')) {
  const c = { wall: wallStart, mono: 1_000 };
  const now = attemptClock(
    () => c.wall,
    () => c.mono,
  );
  const pass = (ms: number) => {
    c.wall += ms;
    c.mono += ms;
  };
  return { c, now, pass, start: wallStart };
}

describe('the attempt clock', () => {
  it('reads as the wall clock while both clocks agree', () => {
    const { now, pass, start } = clocks();
    expect(now()).toBe(start);
    pass(90_000);
    expect(now()).toBe(start + 90_000);
  });

  it.each([
    ['set back an hour', -3_600_000],
    ['stepped back by NTP', -20_000],
    ['stepped forward by NTP', 20_000],
  ])('ignores a wall clock %s mid-attempt', (_, jump) => {
    const { c, now, pass, start } = clocks();
    pass(30_000);
    c.wall += jump;
    expect(now()).toBe(start + 30_000);
    pass(10_000);
    expect(now()).toBe(start + 40_000);
  });

  it('follows the wall clock across a sleep, when the monotonic clock stood still', () => {
    const { c, now, pass, start } = clocks();
    pass(30_000);
    c.wall += 45 * 60_000;
    expect(now()).toBe(start + 30_000 + 45 * 60_000);
    pass(1_000);
    expect(now()).toBe(start + 31_000 + 45 * 60_000);
  });

  it('never runs backwards', () => {
    const { c, now, pass } = clocks();
    let last = now();
    for (const jump of [-5_000, 70_000, -70_000, 0, 61_000, -1]) {
      c.wall += jump;
      pass(100);
      const t = now();
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
    }
  });
});

describe('a resumed attempt after the clock was set back (issue 17.11)', () => {
  const bank = makeBank({ items: [single('q1', 'listen'), single('q2', 'listen')], policy: { timeLimitMinutes: 60 } });
  const form = bank.items.map((i) => ({ itemId: i.id }));

  it('the attempt clock starts at the last journaled event when the wall clock is behind it', () => {
    const lastEvent = Date.parse('2026-11-25T09:30:00Z');
    const now = attemptClock(() => lastEvent - 86_400_000, () => 0, lastEvent);
    expect(now()).toBe(lastEvent);
  });

  it('shows no more time left than when the attempt was closed, with the system clock a day back', () => {
    // Started 30 minutes "ago" by the machine's clock at that time, then the clock went back a day.
    const startedAt = Date.now() + 86_400_000 - 30 * 60_000;
    const state = replay(bank, { deadline: deadlineFor(bank, startedAt), form, startedAt, extraTime: 1 } as JournalHeader, [
      { type: 'answer', at: startedAt + 20 * 60_000, itemId: 'q1', response: { type: 'single', choice: 'a' } },
      { type: 'tick', at: startedAt + 30 * 60_000 },
    ]);
    const driver = createTakeDriver(state, { append: async () => undefined }, { onError: () => undefined });
    expect(driver.view().testRemainingMs).toBeLessThanOrEqual(30 * 60_000);
    expect(driver.view().testRemainingMs).toBeGreaterThan(29 * 60_000);
  });
});

describe('a journal write that fails (issue 17.6)', () => {
  const bank = makeBank({ items: [single('q1', 'listen'), single('q2', 'listen'), single('q3', 'listen')] });
  const form = bank.items.map((i) => ({ itemId: i.id }));

  it('stops the session: reported once, nothing logged or shown after it', async () => {
    const written: string[] = [];
    const errors: Error[] = [];
    const log = {
      append: async (event: Event) => {
        if (written.length === 1) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        written.push(JSON.stringify(event));
      },
    };
    const state = startSession({ bank, form, startedAt: Date.now() });
    const driver = createTakeDriver(state, log, { onError: (e) => errors.push(e) });
    for (const id of ['q1', 'q2', 'q3']) driver.answer(id, () => ({ type: 'single', choice: 'a' }));
    await driver.settled();
    driver.answer('q3', () => ({ type: 'single', choice: 'b' }));
    driver.tick();
    await driver.settled();
    expect(errors.map((e) => e.message)).toEqual(['ENOSPC: no space left on device, write']);
    expect(written).toHaveLength(1);
    expect(driver.view().answers.map((a) => a.response !== null)).toEqual([true, false, false]);
  });
});

describe('a written reply typed in take (issue 21: "journaled as it is written")', () => {
  const written = {
    id: 'w1',
    type: 'written',
    competency: 'listen',
    stem: 'Write to Sam.',
    channel: 'chat',
    rubric: [{ id: 'ack', criterion: 'Acknowledges', competency: 'listen', levels: [{ points: 0, descriptor: 'No' }, { points: 1, descriptor: 'Yes' }] }],
  } as Item;
  const bank = makeBank({ items: [written, single('q2', 'listen')], policy: { timeLimitMinutes: 60 } });
  const form = bank.items.map((i) => ({ itemId: i.id }));

  function harness() {
    const events: Event[] = [];
    let t = Date.parse('2026-12-06T03:00:00Z');
    const state = startSession({ bank, form, startedAt: t });
    const driver = createTakeDriver(state, { append: async (e) => void events.push(e) }, { now: () => t, onError: (e) => { throw e; } });
    const answers = () => events.filter((e) => e.type === 'answer').map((e) => (e.type === 'answer' && e.response.type === 'written' ? e.response.text : '?'));
    return { driver, events, answers, pass: (ms: number) => (t += ms) };
  }

  it('shows each keystroke at once but journals the draft only once per DRAFT_LOG_MS of typing', async () => {
    const { driver, answers, pass } = harness();
    let text = '';
    for (const char of 'Hello Sam, sorry for the wait.') {
      text += char;
      driver.write('w1', text);
      pass(100);
      driver.tick();
    }
    await driver.settled();
    expect(driver.view().answers[0]!.response).toEqual({ type: 'written', text });
    // 30 keys over 3 s: a write each 1.5 s, not one per key.
    expect(answers().length).toBeGreaterThanOrEqual(1);
    expect(answers().length).toBeLessThanOrEqual(3);
    expect(DRAFT_LOG_MS).toBeLessThanOrEqual(2_000);
    driver.flush();
    await driver.settled();
    expect(answers().at(-1)).toBe(text);
  });

  it('journals a pending draft before the event that follows it: next, flag, submit', async () => {
    const { driver, events } = harness();
    driver.write('w1', 'Dear Sam');
    expect(events).toEqual([]);
    driver.goTo(1);
    await driver.settled();
    expect(events.map((e) => e.type)).toEqual(['answer', 'go']);
    expect(driver.state().entries[0]!.response).toEqual({ type: 'written', text: 'Dear Sam' });
  });

  it('a draft emptied again clears the answer: it counts as unanswered', async () => {
    const { driver } = harness();
    driver.write('w1', 'x');
    driver.flush();
    await driver.settled();
    expect(driver.view().status[0]).toBe('answered');
    driver.write('w1', '  \n');
    expect(driver.view().status[0]).toBe('unanswered');
    driver.flush();
    await driver.settled();
    expect(driver.view().status[0]).toBe('unanswered');
    expect(driver.view().answeredCount).toBe(0);
  });

  it('a draft typed before the deadline is journaled before the tick that ends the attempt', async () => {
    const { driver, events, pass } = harness();
    driver.write('w1', 'Last words');
    pass(60 * 60_000);
    driver.tick();
    await driver.settled();
    expect(events.map((e) => e.type)).toEqual(['answer', 'tick']);
    expect(driver.state().ended).toBe('time-expired');
    expect(driver.state().entries[0]!.response).toEqual({ type: 'written', text: 'Last words' });
  });

  it('keeps no draft for an item not on screen, and none once flushed text is unchanged', async () => {
    const { driver, events } = harness();
    driver.write('q2', 'not here');
    driver.write('w1', 'Hi');
    driver.flush();
    driver.write('w1', 'Hi');
    driver.flush();
    await driver.settled();
    expect(events.filter((e) => e.type === 'answer')).toHaveLength(1);
  });
});
