import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { fixtureBank, simulate } from '../fixtures/attempts.js';
import { spawnFrontline, tempHome } from './pty-harness.js';
import { runCli } from './run-cli.js';

// Progress shows after FRONTLINE_PROGRESS_AFTER_MS (500 by default); 0 here, so no test depends on how fast this machine is.
const now = { FRONTLINE_PROGRESS_AFTER_MS: '0', FRONTLINE_REPORT_THREADS: '0' };
let dir: string;
const home = tempHome();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontline-progress-'));
  mkdirSync(join(dir, 'attempts'));
  // 1,000 files: five units of 200, so the line is drawn before the last one.
  for (const r of simulate(fixtureBank(), { n: 1000, seed: 3 })) writeFileSync(join(dir, 'attempts', `${r.id}.json`), JSON.stringify(r));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  home.remove();
});

describe('progress on stderr (issue 23)', () => {
  it('a terminal sees the progress line, then it is cleared before the report', async () => {
    const session = spawnFrontline(['report', join(dir, 'attempts')], { home: home.dir, cols: 100, rows: 30, env: now });
    expect((await session.exited).exitCode).toBe(ExitCode.ok);
    const raw = session.raw();
    expect(raw).toMatch(/reading [░█]{20} [\d,]+\/1,000 records {2}[\d,–]+\/s {2}\S+ left/);
    // Cleared: the report starts on a line of its own, after the line was erased.
    const cleared = raw.lastIndexOf('\x1b[2K');
    expect(cleared).toBeGreaterThan(-1);
    expect(raw.indexOf('frontline report: Fixture bank')).toBeGreaterThan(cleared);
    expect(session.screenText()).not.toMatch(/[░]|records {2}/);
  });

  it.each([
    ['piped', ['report', 'ATTEMPTS']],
    ['--json', ['report', 'ATTEMPTS', '--json']],
  ])('%s: nothing on stderr, and stdout is what a run without progress prints', (_label, args) => {
    const argv = args.map((a) => (a === 'ATTEMPTS' ? join(dir, 'attempts') : a));
    const result = runCli(argv, { env: { ...process.env, ...now } });
    expect(result.status).toBe(ExitCode.ok);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(runCli(argv).stdout);
  });

  it('--quiet: no progress line even in a terminal', async () => {
    const session = spawnFrontline(['report', join(dir, 'attempts'), '--quiet'], { home: home.dir, cols: 100, rows: 30, env: now });
    expect((await session.exited).exitCode).toBe(ExitCode.ok);
    expect(session.raw()).not.toContain('records  ');
  });

  it('--json in a terminal: no progress line', async () => {
    const session = spawnFrontline(['report', join(dir, 'attempts'), '--json'], { home: home.dir, cols: 100, rows: 30, env: now });
    expect((await session.exited).exitCode).toBe(ExitCode.ok);
    expect(session.raw()).not.toContain('░');
  });
});

describe('progress for import gift (issue 23)', () => {
  const gift = join(tmpdir(), `frontline-progress-${process.pid}.gift`);
  beforeAll(() => {
    const questions = Array.from({ length: 3000 }, (_, i) => `::q${i}:: Which reply acknowledges the customer first, case ${i}? {=Acknowledge the delay ~Quote the policy ~Transfer the call}`);
    writeFileSync(gift, `${questions.join('\n\n')}\n`);
  });
  afterAll(() => rmSync(gift, { force: true }));

  it('a terminal sees questions converted, then the line is cleared before the summary', async () => {
    const out = join(dir, 'imported.yaml');
    const session = spawnFrontline(['import', 'gift', gift, '-o', out, '--force'], { home: home.dir, cols: 100, rows: 30, env: now });
    expect((await session.exited).exitCode).toBe(ExitCode.ok);
    const raw = session.raw();
    expect(raw).toMatch(/converting [░█]{20} [\d,]+\/3,000 questions/);
    expect(raw.indexOf('wrote ')).toBeGreaterThan(raw.lastIndexOf('\x1b[2K'));
  });

  it('piped: no progress on stderr', () => {
    const result = runCli(['import', 'gift', gift, '-o', join(dir, 'piped.yaml'), '--force'], { env: { ...process.env, ...now } });
    expect(result.status, result.stderr).toBe(ExitCode.ok);
    expect(result.stderr).not.toMatch(/converting|░/);
  });
});
