import { afterEach, describe, expect, it } from 'vitest';
import { spawnFrontline, tempHome, type PtySession } from './pty-harness.js';

const STARTER = 'question-banks/starter.yaml';
const homes: Array<{ remove: () => void }> = [];
const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
  for (const h of homes.splice(0)) h.remove();
});

function start(args: string[]): PtySession {
  const home = tempHome();
  homes.push(home);
  const s = spawnFrontline(['take', STARTER, '--seed', 'idle-1', '--name', 'Kim Lee', '--employee-id', 'E-11', ...args], { home: home.dir });
  sessions.push(s);
  return s;
}

const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sequences that move the cursor or erase: CSI A-H (moves), J/K (erase), S/T (scroll), and the save/restore pair. */
// eslint-disable-next-line no-control-regex -- terminal escape sequences are what this test looks for
const MOVES_OR_ERASES = /\u001B\[[\d;]*[A-HJKSTf]|\u001B[78]/;

/**
 * The bound on what one idle clock tick may write in normal mode: the clock's
 * row (80 columns and its colour codes) and the cursor moves to reach it and
 * back. A whole frame at 80x24 is well over a kilobyte.
 */
const IDLE_TICK_BYTES = 300;

describe('what take writes while nobody types (real terminal, CI unset)', () => {
  it('in normal mode rewrites only the clock row on an idle tick', async () => {
    const s = start([]);
    await s.waitForText('Employee id:');
    s.press('\r');
    await s.waitForText(/Question 1 of 8/);
    await idle(300);
    const before = s.raw().length;
    await idle(4_000);
    const written = s.raw().slice(before);
    const ticks = (written.match(/Test \d\d:\d\d/g) ?? []).length;
    expect(ticks).toBeGreaterThanOrEqual(2);
    const perTick = Math.round(written.length / ticks);
    console.log(`normal mode: ${written.length} bytes over ${ticks} idle ticks, ${perTick} bytes per tick`);
    expect(perTick).toBeLessThan(IDLE_TICK_BYTES);
  }, 20_000);

  it('in screen-reader mode only appends: no erase or cursor movement, before or after 5 s idle', async () => {
    const s = start(['--screen-reader']);
    await s.waitForText('Employee id:');
    s.press('\r');
    await s.waitForText(/Question 1 of 8/);
    const firstFrame = s.raw().length;
    await idle(5_200);
    const idleOutput = s.raw().slice(firstFrame);
    console.log(`screen-reader mode: ${idleOutput.length} bytes over 5.2 s idle`);
    expect(idleOutput).not.toMatch(MOVES_OR_ERASES);
    // Nothing is redrawn either: all an idle second writes is Ink's empty synchronized-update pair.
    // eslint-disable-next-line no-control-regex -- the synchronized-update pair is an escape sequence
    expect(idleOutput.replace(/\u001B\[\?2026[hl]/g, '')).toBe('');
    // A key still works, and what it changes is appended.
    s.press('\u001B[B');
    await idle(300);
    expect(s.raw()).not.toMatch(MOVES_OR_ERASES);
  }, 20_000);
});
