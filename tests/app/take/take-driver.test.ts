import { describe, expect, it } from 'vitest';
import { attemptClock } from '../../../src/app/take/take-driver.js';

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
