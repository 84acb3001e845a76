import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { fixtureBank, simulate } from '../fixtures/attempts.js';
import { runCli } from './run-cli.js';
import { BUILTIN_IDS, builtinBank, parsedBuiltinBank, perfectAttempt } from '../fixtures/builtin-bank.js';

const home = mkdtempSync(join(tmpdir(), 'frontline-hostile-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { FRONTLINE_HOME: join(home, 'data') };
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

describe('dates are strict ISO 8601 (issue 17.22)', () => {
  it.each(['verify', 'export'])('%s --at 1 is a usage error, not the year 2001', (command) => {
    const trust = join(home, 'trust.json');
    writeFileSync(trust, JSON.stringify({ issuers: [] }));
    const r = runCli([command, home, '--at', '1', '--trust', trust, ...(command === 'export' ? ['--format', 'csv'] : [])], { env });
    expect(r.status).toBe(ExitCode.usage);
    expect(r.stderr).toMatch(/--at: expected an ISO 8601 \(RFC 3339\) date or date-time .* found "1"/);
    noStack(r.stderr);
  });

  it('a trust file with validFrom "1" is refused, naming the field', () => {
    const trust = join(home, 'trust-1.json');
    writeFileSync(trust, JSON.stringify({ issuers: [{ id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', validFrom: '1' }] }));
    const r = runCli(['verify', home, '--trust', trust], { env });
    expect(r.status).toBe(ExitCode.invalidInput);
    expect(r.stderr).toContain('issuers[0].validFrom: expected an ISO 8601 (RFC 3339) date-time');
  });
});

describe.skipIf(process.platform === 'win32')('special files never hang a command (issue 17.13)', () => {
  const fifo = join(home, 'bank.yaml');
  execFileSync('mkfifo', [fifo]);

  it.each([['validate'], ['preview']])('%s refuses a FIFO given as the bank', (command) => {
    const r = runCli([command, fifo], { env });
    expect(r.status).toBe(ExitCode.invalidInput);
    expect(r.stderr + r.stdout).toContain('a named pipe (FIFO), not a bank file');
    noStack(r.stderr);
  });

  it('report skips a FIFO, a link to /dev/zero and a folder named x.json, and reads the rest', () => {
    const dir = join(home, 'attempts');
    mkdirSync(dir);
    const fixture = fixtureBank();
    for (const r of simulate(fixture, { n: 12, seed: 5 })) writeFileSync(join(dir, `${r.id}.json`), JSON.stringify(r));
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    mkdirSync(join(dir, 'folder.json'));
    const r = runCli(['report', dir, '--json'], { env });
    const report = JSON.parse(r.stdout) as { attempts: { used: number }; skipped: Array<{ source: string; message: string }> };
    expect(report.attempts.used).toBe(12);
    expect(report.skipped.map((s) => [s.source.slice(dir.length + 1), s.message])).toEqual(
      expect.arrayContaining([
        ['pipe.json', expect.stringContaining('a named pipe (FIFO), not a file')],
        ['zero.json', expect.stringContaining('a device, not a file')],
      ]),
    );
  });
});

describe('report with --bank scores again; ids named like built-ins (issue 17.9, 17.8)', () => {
  it('re-scores each record from its answers rather than trusting the stored result', () => {
    const dir = join(home, 'rescore');
    mkdirSync(dir);
    const { bank, hash } = parsedBuiltinBank();
    const bankFile = join(dir, 'bank.json');
    writeFileSync(bankFile, JSON.stringify(builtinBank()));
    const honest = perfectAttempt(bank, hash);
    // The same stored result (100 %, passed) with every answer removed: only its answers say what it earned.
    const forged = { ...honest, id: '1c7e2b3a-4d5e-4f60-8a1b-2c3d4e5f6a7b', candidate: { name: 'Sam Lee', employeeId: 'E2000' }, answers: [] };
    writeFileSync(join(dir, 'honest.json'), JSON.stringify(honest));
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
    const r = runCli(['report', dir, '--bank', bankFile, '--json'], { env });
    expect(r.stderr).not.toMatch(/internal error/);
    const report = JSON.parse(r.stdout) as { test: { n: number; mean: number; passRate: number }; competencies: Array<{ id: string; mean: number }> };
    expect(report.test.n).toBe(2);
    expect(report.test.mean).toBe(50);
    expect(report.test.passRate).toBe(0.5);
    expect(report.competencies.map((c) => [c.id, c.mean])).toEqual(BUILTIN_IDS.map((id) => [id, 50]));
  });
});

describe('import gift has bounds (issue 17.18)', () => {
  const question = (i: number) => `::Q${i}:: Is a refund due after ${i} days? {TRUE}\n\n`;

  it('refuses more questions than a bank holds, before converting any, and writes nothing', () => {
    const file = join(home, 'many.gift');
    writeFileSync(file, Array.from({ length: 10_001 }, (_, i) => question(i)).join(''));
    const out = join(home, 'many.yaml');
    const r = runCli(['import', 'gift', file, '-o', out], { env });
    expect(r.status).toBe(ExitCode.invalidInput);
    expect(r.stderr).toContain('10,001 questions, more than the 10,000 one bank may hold');
    expect(() => readFileSync(out)).toThrow();
    noStack(r.stderr);
  });

  it('refuses a file over 8 MB without reading it as GIFT', () => {
    const file = join(home, 'huge.gift');
    writeFileSync(file, question(1).repeat(Math.ceil((8 * 1024 * 1024) / question(1).length) + 1));
    const r = runCli(['import', 'gift', file, '-o', join(home, 'huge.yaml')], { env });
    expect(r.status).toBe(ExitCode.invalidInput);
    expect(r.stderr).toContain('cannot import: larger than 8 MB');
  });

  it('calls a binary file binary, not "not YAML text"', () => {
    const file = join(home, 'binary.gift');
    writeFileSync(file, Buffer.from([0x3a, 0x3a, 0x51, 0x00, 0x01, 0x02]));
    const r = runCli(['import', 'gift', file, '-o', join(home, 'binary.yaml')], { env });
    expect(r.status).toBe(ExitCode.invalidInput);
    expect(r.stderr).toContain('binary, not GIFT text');
    expect(r.stderr).not.toContain('YAML');
  });
});
