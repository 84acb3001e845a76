import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { AttemptRecord } from '../../src/core/attempt/types.js';
import { spawnFrontline, tempHome, type PtySession } from './pty-harness.js';

const BANK = 'tests/fixtures/banks/take-written.yaml';
const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const done of cleanup.splice(0)) done();
});

it('take shows a written item, says it cannot be written in this version, and goes on to a saved attempt', async () => {
  const home = tempHome();
  cleanup.push(home.remove);
  const s: PtySession = spawnFrontline(['take', BANK, '--name', 'Pat Doe', '--employee-id', 'E-42'], { home: home.dir });
  cleanup.push(() => s.kill());
  await s.waitForText('Employee id:');
  s.press('\r');
  await s.waitForText('Question 1 of 2');
  s.press('\r');
  const written = await s.waitForText('Question 2 of 2');
  await s.waitForText('not available in this version of take');
  expect(written).toContain('Write your reply to the customer who has called three times.');
  s.press('x');
  s.press('\r');
  await s.waitForText('Review before submitting');
  s.press('s');
  await s.waitForText('Submit your answers?');
  s.press('y');
  await s.waitForText(/PASS|NOT YET PASSED/);
  s.press('\r');
  expect((await s.exited).exitCode).toBe(0);
  const files = readdirSync(join(home.dir, 'attempts')).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(1);
  const record = JSON.parse(readFileSync(join(home.dir, 'attempts', files[0]!), 'utf8')) as AttemptRecord;
  expect(record.answers.find((a) => a.itemId === 'w1')?.response).toBeNull();
  expect(record.result!.status).toBeUndefined();
  expect(record.result!.items.find((r) => r.itemId === 'w1')).toMatchObject({ answered: false, score: 0 });
  expect(record.result!.percent).toBe(50);
});
