import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAttemptRecord } from '../../src/store/attempts.js';
import { appendMark } from '../../src/store/marks.js';
import { writtenAttempt, writtenBank, writtenItem } from '../fixtures/written-attempts.js';
import { spawnFrontline, tempHome, type PtySession } from './pty-harness.js';

const homes: Array<{ remove: () => void }> = [];
const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
  for (const h of homes.splice(0)) h.remove();
});

describe('take after an attempt awaiting marking (issue 21)', () => {
  it('refuses a new attempt while the last one waits on a bank with a cooldown, and allows it once marked as a pass', async () => {
    const h = tempHome();
    homes.push(h);
    const loaded = writtenBank([writtenItem('w1', { ack: [0, 1, 2] })], { attempts: { cooldownHours: 24 } });
    const bankFile = join(h.dir, 'bank.json');
    writeFileSync(bankFile, JSON.stringify(loaded.bank));
    // Taken an hour ago; a fail would still be in its 24-hour wait.
    await writeAttemptRecord(h.dir, writtenAttempt(loaded, { id: 'waits', employeeId: 'E-9', start: Date.now() - 3_600_000 }));
    const start = (): PtySession => {
      const s = spawnFrontline(['take', bankFile, '--name', 'Kim Lee', '--employee-id', 'E-9'], { home: h.dir });
      sessions.push(s);
      return s;
    };

    const first = start();
    await first.waitForText('Employee id:');
    first.press('\r');
    const refused = await first.waitForText('awaiting marking');
    expect(refused.replace(/\s+/g, ' ')).toContain('Your last attempt is awaiting marking');
    expect(refused).not.toMatch(/failed attempt/);
    first.kill();

    await appendMark(h.dir, { attempt: 'waits', item: 'w1', levels: { ack: 2 }, marker: 'QA lead', role: 'first', at: new Date().toISOString() });
    const second = start();
    await second.waitForText('Employee id:');
    second.press('\r');
    await second.waitForText(/Question 1 of 3/);
  }, 60_000);
});
