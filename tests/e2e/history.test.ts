import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { assemble } from '../../src/core/attempt/assemble.js';
import { buildAttemptRecord } from '../../src/core/attempt/record.js';
import type { Bank } from '../../src/core/bank/types.js';
import { reduce, startSession } from '../../src/core/attempt/session.js';
import { writeAttemptRecord } from '../../src/store/attempts.js';
import { makeBank, single } from '../fixtures/bank-builder.js';
import { writtenAttempt, writtenBank, writtenItem } from '../fixtures/written-attempts.js';
import { runCli } from './run-cli.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const STACK = /\n\s+at /;

/** Saves a finished attempt the way `take` does; `right` items answered correctly, the rest wrongly. */
async function saveAttempt(dataDir: string, bank: Bank, o: { id: string; name: string; employeeId: string; startedAt: number; right: number; expire?: boolean }) {
  const form = assemble(bank, o.id);
  let state = startSession({ bank, form, startedAt: o.startedAt });
  form.forEach((entry, i) => {
    const at = o.startedAt + (i + 1) * 1_000;
    state = reduce(state, { type: 'go', at, index: i });
    state = reduce(state, { type: 'answer', at, itemId: entry.itemId, response: { type: 'single', choice: i < o.right ? 'b' : 'a' } });
  });
  state = reduce(state, o.expire ? { type: 'tick', at: o.startedAt + 3_600_000 } : { type: 'submit', at: o.startedAt + 120_000 });
  const record = buildAttemptRecord(state, {
    kind: 'header',
    format: 'frontline.journal/1',
    attemptId: o.id,
    candidate: { name: o.name, employeeId: o.employeeId },
    bank: { id: bank.id, version: bank.version, title: bank.title, hash: `sha256:${'0'.repeat(64)}` },
    seed: o.id,
    extraTime: 1,
    form,
    startedAt: o.startedAt,
    deadline: state.deadline,
  });
  return writeAttemptRecord(dataDir, record);
}

describe('frontline history (built binary)', () => {
  let dataDir: string;
  const bank = makeBank({ items: [single('l1', 'listen'), single('l2', 'listen'), single('t1', 'talk'), single('t2', 'talk')] });
  const other = { ...bank, id: 'other-bank', version: '2.1.0' };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'frontline-history-'));
    await saveAttempt(dataDir, bank, { id: 'a1', name: 'Ada Agent', employeeId: 'E1', startedAt: T0, right: 4 });
    await saveAttempt(dataDir, bank, { id: 'a2', name: 'Bo \u001b[31mRed\u001b[0m', employeeId: 'E2', startedAt: T0 + 3_600_000, right: 1, expire: true });
    await saveAttempt(dataDir, other, { id: 'a3', name: 'Ada Agent', employeeId: 'E1', startedAt: T0 + 7_200_000, right: 3 });
  });

  it('prints a table of past attempts, oldest first, with score, result and how each ended', () => {
    const result = runCli(['history', '--data-dir', dataDir]);
    expect(result.status).toBe(ExitCode.ok);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ended \(UTC\)\s+candidate\s+bank\s+score\s+result\s+finish$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^2026-03-02 09:02\s+Ada Age… \(E1\)\s+test-bank@1\.0\.0\s+100\.0%\s+passed\s+submitted$/),
      expect.stringMatching(/^2026-03-02 10:10\s+Bo Red \(E2\)\s+test-bank@1\.0\.0\s+25\.0%\s+not passed\s+time up$/),
      // 81 columns in full: the name column gives way by one character, never the bank, version or employee id.
      expect.stringMatching(/^2026-03-02 11:02\s+Ada Age… \(E1\)\s+other-bank@2\.1\.0\s+75\.0%\s+passed\s+submitted$/),
    ]);
    // The candidate's name is bank/candidate text: no escape sequences reach the terminal.
    expect(result.stdout).not.toContain('\u001b');
  });

  it('prints only JSON with --json, one entry per attempt', () => {
    const result = runCli(['history', '--data-dir', dataDir, '--json']);
    expect(result.status).toBe(ExitCode.ok);
    const parsed = JSON.parse(result.stdout) as { dataDir: string; attempts: Array<Record<string, unknown>> };
    expect(parsed.dataDir).toBe(dataDir);
    expect(parsed.attempts.map((a) => [a['id'], a['percent'], a['passed'], a['ended']])).toEqual([
      ['a1', 100, true, 'submitted'],
      ['a2', 25, false, 'time-expired'],
      ['a3', 75, true, 'submitted'],
    ]);
    expect(parsed.attempts[0]).toMatchObject({ candidate: { name: 'Ada Agent', employeeId: 'E1' }, bank: { id: 'test-bank', version: '1.0.0' } });
  });

  it.each([
    [['--bank', 'other-bank'], ['a3']],
    [['--employee', 'E1'], ['a1', 'a3']],
    [['--employee', 'E1', '--bank', 'test-bank'], ['a1']],
  ])('filters with %j', (filter, ids) => {
    const result = runCli(['history', '--data-dir', dataDir, '--json', ...filter]);
    expect((JSON.parse(result.stdout) as { attempts: Array<{ id: string }> }).attempts.map((a) => a.id)).toEqual(ids);
  });

  it('says so when there are no attempts yet (and --json gives an empty list)', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'frontline-history-empty-'));
    const plain = runCli(['history', '--data-dir', empty]);
    expect(plain).toMatchObject({ status: ExitCode.ok, stdout: `No attempts yet in ${empty}\n` });
    expect(JSON.parse(runCli(['history', '--data-dir', empty, '--json']).stdout)).toEqual({ dataDir: empty, attempts: [] });
  });

  it('sorts by the end time it shows, not the start; long names are clipped to fit 80 columns', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-history-order-'));
    // Started first, but ran out of time an hour later: it ended last.
    await saveAttempt(dir, bank, { id: 'slow', name: 'Ada Agent', employeeId: 'E1', startedAt: T0, right: 1, expire: true });
    await saveAttempt(dir, bank, { id: 'quick', name: 'Maximiliana Wolfeschlegelsteinhausen-Bergerdorff', employeeId: 'E1234567890', startedAt: T0 + 60_000, right: 4 });
    await saveAttempt(dir, { ...bank, id: 'complaint-handling-for-regulated-utilities', version: '12.3.4' }, { id: 'late', name: 'Bo', employeeId: 'E2', startedAt: T0 + 120_000, right: 4 });
    const result = runCli(['history', '--data-dir', dir]);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.slice(1).map((l) => l.slice(0, 16))).toEqual(['2026-03-02 09:03', '2026-03-02 09:04', '2026-03-02 09:10']);
    expect(lines[3]).toMatch(/Ada Agent \(E1\)/);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    // The name gives way; the employee id stays whole.
    expect(lines[1]).toMatch(/ Ma… \(E1234567890\) /);
    const json = JSON.parse(runCli(['history', '--data-dir', dir, '--json']).stdout) as { attempts: Array<{ id: string }> };
    expect(json.attempts.map((a) => a.id)).toEqual(['quick', 'late', 'slow']);
  });

  it('says that a filter matched nothing, rather than "no attempts yet"', () => {
    const result = runCli(['history', '--data-dir', dataDir, '--employee', 'E404']);
    expect(result).toMatchObject({ status: ExitCode.ok, stdout: `No attempts by employee E404 among the 3 in ${dataDir}\n` });
    const both = runCli(['history', '--data-dir', dataDir, '--employee', 'E1', '--bank', 'nope']);
    expect(both.stdout).toBe(`No attempts by employee E1 on bank nope among the 3 in ${dataDir}\n`);
  });

  it('shows an attempt whose written replies wait for a marker as awaiting marking, not as not passed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-history-awaiting-'));
    const loaded = writtenBank([writtenItem('w1', { ack: [0, 1, 2] })]);
    await writeAttemptRecord(dir, writtenAttempt(loaded, { id: 'waits', employeeId: 'E9', start: T0 }));
    const result = runCli(['history', '--data-dir', dir]);
    const line = result.stdout.trimEnd().split('\n')[1]!;
    expect(line).toMatch(/\(E9\)\s+written-\S+\s+\d+\.\d%\s+awaiting marking\s+submitted$/);
    expect(line.length).toBeLessThanOrEqual(80);
    const json = JSON.parse(runCli(['history', '--data-dir', dir, '--json']).stdout) as { attempts: Array<Record<string, unknown>> };
    expect(json.attempts[0]).toMatchObject({ id: 'waits', passed: false, status: 'awaiting-marking' });
  });

  it('skips a damaged record with a warning on stderr naming the file, and lists the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-history-damaged-'));
    await saveAttempt(dir, bank, { id: 'ok', name: 'Ada Agent', employeeId: 'E1', startedAt: T0, right: 4 });
    await writeFile(join(dir, 'attempts', 'zz-broken.json'), '{"format": "frontline.attempt/1"}');
    const result = runCli(['history', '--data-dir', dir, '--json']);
    expect(result.status).toBe(ExitCode.ok);
    expect((JSON.parse(result.stdout) as { attempts: unknown[] }).attempts).toHaveLength(1);
    expect(result.stderr).toMatch(/zz-broken\.json: invalid attempt record: must have required property '\w+'/);
    expect(result.stderr).not.toMatch(STACK);
  });
});
