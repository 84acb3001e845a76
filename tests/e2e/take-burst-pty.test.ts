import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../../src/core/attempt/types.js';
import type { Bank } from '../../src/core/bank/types.js';
import { parse } from 'yaml';
import { spawnFrontline, tempHome, type PtySession } from './pty-harness.js';

/**
 * Keys that reach the program in one read (a multiplexer's send-keys, a paste,
 * fast typing over ssh) each act on the screen the key before left: "nnn"
 * goes three questions on, "2n3" answers two questions. Each event is written
 * to the journal before the screen shows it, so the next key must wait for that.
 */
const STARTER = 'question-banks/starter.yaml';
const bank = parse(readFileSync(STARTER, 'utf8')) as Bank;
const homes: Array<{ remove: () => void }> = [];
const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
  for (const h of homes.splice(0)) h.remove();
});

function start(seed: string, extra: string[] = []): { s: PtySession; dir: string } {
  const h = tempHome();
  homes.push(h);
  // Tall enough that the screen reader's running text keeps the question's title on screen.
  const s = spawnFrontline(['take', STARTER, '--seed', seed, '--name', 'Bo Burst', '--employee-id', 'E-9', ...extra], { home: h.dir, rows: 60 });
  sessions.push(s);
  return { s, dir: h.dir };
}

async function submitAndRead(s: PtySession, dir: string): Promise<AttemptRecord> {
  s.press('r');
  await s.waitForText('Review before submitting');
  s.press('s');
  await s.waitForText('Submit your answers?');
  s.press('y');
  await s.waitForText('Enter or q: close');
  s.press('\r');
  await s.exited;
  const files = readdirSync(join(dir, 'attempts'));
  return JSON.parse(readFileSync(join(dir, 'attempts', files[0] as string), 'utf8')) as AttemptRecord;
}

/** The question shown last: a screen reader's earlier text stays above it. */
const showing = (n: number): RegExp => new RegExp(`Question ${n} of 8(?![\\s\\S]*Question \\d+ of 8)`);

const typeAt = (record: AttemptRecord, index: number): string | undefined =>
  bank.items.find((it) => it.id === record.form[index]?.itemId)?.type;

describe.each([
  ['full screen', []],
  ['screen reader', ['--screen-reader']],
])('take: a burst of keys in one write, %s', (_mode, extra) => {
  it('"nnn" in one write goes from question 1 to question 4', async () => {
    const { s } = start('burst-1', extra);
    await s.waitForText('Employee id:');
    s.press('\r');
    await s.waitForText(/Question 1 of 8/);
    s.press('nnn');
    await s.waitForText(showing(4), 3000);
    // And back: "pp" in one write lands on question 2.
    s.press('pp');
    await s.waitForText(showing(2), 3000);
  });

  it('"1n1n1" in one write answers three questions, each its own', async () => {
    const { s, dir } = start('burst-2', extra);
    await s.waitForText('Employee id:');
    s.press('\r');
    await s.waitForText(/Question 1 of 8/);
    s.press('1n1n1');
    await s.waitForText(showing(3), 3000);
    const record = await submitAndRead(s, dir);
    // The seed puts first three questions a digit answers (not an ordering or a conversation).
    expect([0, 1, 2].map((i) => typeAt(record, i))).toEqual(['true-false', 'single', 'single']);
    const answered = record.form.map((f) => record.answers.find((a) => a.itemId === f.itemId)?.response !== null);
    expect(answered.slice(0, 3)).toEqual([true, true, true]);
    expect(answered.slice(3).every((a) => !a)).toBe(true);
  });

  it('a burst from the start screen to the results: Enter 1n1 starts and answers; "rsy" Enter submits and closes', async () => {
    const { s, dir } = start('burst-2', extra);
    await s.waitForText('Employee id:');
    // The start waits for the attempt's journal; the keys after Enter wait with it.
    s.press('\r1n1');
    await s.waitForText(showing(2), 3000);
    // Review, submit, yes, and Enter on the results once they are saved: all in one write.
    s.press('rsy\r');
    const { exitCode } = await s.exited;
    const record = JSON.parse(readFileSync(join(dir, 'attempts', readdirSync(join(dir, 'attempts'))[0] as string), 'utf8')) as AttemptRecord;
    expect(exitCode).toBe(1);
    expect(record.ended).toBe('submitted');
    const answered = record.form.map((f) => record.answers.find((a) => a.itemId === f.itemId)?.response !== null);
    expect(answered).toEqual([true, true, false, false, false, false, false, false]);
  });
});
