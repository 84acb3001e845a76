import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { repoRoot, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'frontline-simulate-e2e-'));
const bank = join(repoRoot, 'question-banks', 'live-chat.yaml');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('frontline simulate (built binary)', () => {
  it('writes a marked cohort that report reads and names as simulated', () => {
    const out = join(dir, 'cohort');
    const made = runCli(['simulate', bank, '-n', '40', '-o', out, '--seed', 'e2e', '--tag', 'team=north,south', '--start', '2026-11-02T09:00:00Z']);
    expect(made.status).toBe(ExitCode.ok);
    expect(made.stdout).toContain(`wrote 40 simulated attempts on live-chat`);
    expect(made.stderr).toBe('');
    const files = readdirSync(out);
    expect(files).toHaveLength(40);
    const record = JSON.parse(readFileSync(join(out, files[0]!), 'utf8'));
    expect(record.simulated).toEqual({ by: 'frontline simulate', seed: 'e2e' });

    const text = runCli(['report', out, '--bank', bank, '--by', 'team']);
    expect(text.status).toBe(ExitCode.ok);
    expect(text.stdout).toContain('note: all 40 attempts simulated by frontline simulate');
    const json = JSON.parse(runCli(['report', out, '--json']).stdout);
    expect(json.attempts.simulated).toBe(40);
    expect(json.notes.map((n: { kind: string }) => n.kind)).toContain('simulated');
  });

  it('never overwrites: the same seed into the same folder stops with exit 4', () => {
    const out = join(dir, 'twice');
    expect(runCli(['simulate', bank, '-n', '3', '-o', out]).status).toBe(ExitCode.ok);
    const again = runCli(['simulate', bank, '-n', '3', '-o', out]);
    expect(again.status).toBe(ExitCode.io);
    expect(again.stderr).toContain('sim-1-001.json: already exists');
  });

  it.each([
    [['-n', '0'], '--count: expected a whole number from 1 to 100,000'],
    [['--tag', 'team'], '--tag: expected key=value[,value…], found "team"'],
    [['--shift', 'big'], '--shift: expected a number of SDs from -3 to 3'],
    [['--seed', 'a/b'], '--seed: expected up to 40 letters'],
  ])('refuses %j with a one-line usage error', (args, message) => {
    const result = runCli(['simulate', bank, '-o', join(dir, 'bad'), ...args]);
    expect(result.status).toBe(ExitCode.usage);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('--json prints one summary object', () => {
    const result = runCli(['simulate', bank, '-n', '2', '-o', join(dir, 'json'), '--json']);
    expect(result.status).toBe(ExitCode.ok);
    expect(JSON.parse(result.stdout)).toMatchObject({ attempts: 2, simulated: true, seed: '1' });
  });
});
