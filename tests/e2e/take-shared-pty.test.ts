import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnFrontline, tempHome, type PtySession } from './pty-harness.js';

const STARTER = 'question-banks/starter.yaml';
const homes: Array<{ remove: () => void }> = [];
const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
  for (const h of homes.splice(0)) h.remove();
});

function take(args: string[], home: string): PtySession {
  const s = spawnFrontline(['take', ...args], { home });
  sessions.push(s);
  return s;
}

const openJournals = (home: string): string[] => readdirSync(join(home, 'journals')).filter((n) => !n.endsWith('.done.jsonl'));

/** Starts as this person, answers the first question, quits with Ctrl-C, y; returns what was printed. */
async function startAndSetAside(home: string, name: string, employeeId: string): Promise<string> {
  const s = take([STARTER, '--seed', 's1', '--name', name, '--employee-id', employeeId], home);
  await s.waitForText('Employee id:');
  s.press('\r');
  const screen = await s.waitForText(/Question 1 of 8|unfinished attempt/);
  expect(screen).not.toContain('unfinished attempt');
  s.press('1');
  await s.waitForText('1/8 answered');
  s.press('\u0003');
  await s.waitForText('Quit for now?');
  s.press('y');
  await s.exited;
  return s.screenText();
}

describe('a shared machine: two people, one data directory (real terminal, CI unset)', () => {
  it('offers each person only their own unfinished attempt, says whose it is, and never prefills the last person', async () => {
    const { dir, remove } = tempHome();
    homes.push({ remove });
    const rita = await startAndSetAside(dir, 'Rita Review', 'E9009');
    expect(rita.replace(/\n/g, '')).toContain('frontline take --resume --employee-id E9009');
    // Sid is not offered Rita's attempt: his own test starts.
    const sid = await startAndSetAside(dir, 'Sid Small', 'E9010');
    expect(sid.replace(/\n/g, '')).toContain('frontline take --resume --employee-id E9010');
    expect(openJournals(dir)).toHaveLength(2);

    // Nobody's name or id waits on the start screen for the next person.
    const next = take([STARTER], dir);
    const blank = await next.waitForText('Employee id:');
    expect(blank).not.toMatch(/Rita|Sid|E9009|E9010/);
    next.kill();

    // Rita is offered hers, named.
    const back = take([STARTER, '--name', 'Rita Review', '--employee-id', 'E9009'], dir);
    await back.waitForText('Employee id:');
    back.press('\r');
    const offer = (await back.waitForText('unfinished attempt is waiting')).replace(/\s+/g, ' ');
    expect(offer).toMatch(/Rita Review \(employee id E9009\) started it \d{4}-\d\d-\d\d \d\d:\d\d UTC; 1 of 8 questions answered/);
    expect(offer).not.toContain('Sid');
    back.kill();

    // --resume without an id does not guess between two people.
    const guess = take(['--resume'], dir);
    await guess.waitForText('unfinished attempts of 2 people');
    await guess.exited;

    // Sid's resume continues Sid's attempt, and his record is his.
    const resumed = take(['--resume', '--employee-id', 'E9010'], dir);
    await resumed.waitForText(/Question \d+ of 8/);
    resumed.press('r');
    await resumed.waitForText('Review before submitting');
    resumed.press('s');
    await resumed.waitForText('Submit your answers?');
    resumed.press('y');
    await resumed.waitForText(/PASS|NOT YET PASSED/);
    resumed.press('\r');
    await resumed.exited;
    const attempts = readdirSync(join(dir, 'attempts'));
    expect(attempts).toHaveLength(1);
    const record = JSON.parse(readFileSync(join(dir, 'attempts', attempts[0] as string), 'utf8')) as { candidate: { employeeId: string; name: string } };
    expect(record.candidate).toEqual({ name: 'Sid Small', employeeId: 'E9010' });
    // Rita's set-aside attempt is still there, and still hers.
    const left = openJournals(dir);
    expect(left).toHaveLength(1);
    const header = JSON.parse(readFileSync(join(dir, 'journals', left[0] as string), 'utf8').split('\n')[0] as string) as { candidate: unknown };
    expect(header.candidate).toEqual({ name: 'Rita Review', employeeId: 'E9009' });
  }, 60_000);
});
