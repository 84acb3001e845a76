import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli.js';

const corpus = join(repoRoot, 'tests/fixtures/gift/corpus.gift');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontline-import-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function lineOf(marker: string): number {
  return readFileSync(corpus, 'utf8').split('\n').findIndex((l) => l.includes(marker)) + 1;
}

describe('frontline import gift', () => {
  it('writes a bank that frontline validate accepts, and lists what it did not convert', () => {
    const out = join(dir, 'billing.yaml');
    const result = runCli(['import', 'gift', corpus, '-o', out, '--title', 'Billing from Moodle']);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${corpus}:${lineOf('::Matching::')}: not converted: matching`);
    expect(result.stdout).toMatch(/wrote .*billing\.yaml: 10 of 21 question\(s\) converted, 11 not converted/);

    const written = readFileSync(out, 'utf8');
    expect(written.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schemas\/question-bank\.schema\.json$/);
    expect(written).toContain(`#   line ${lineOf('::Essay::')}: essay`);

    const validate = runCli(['validate', out, '--json']);
    expect(validate.status).toBe(0);
    const report = JSON.parse(validate.stdout) as { files: Array<{ ok: boolean; items: number; errors: unknown[] }> };
    expect(report.files[0]).toMatchObject({ ok: true, items: 10, errors: [] });
  });

  it('--json prints only the report', () => {
    const out = join(dir, 'b.yaml');
    const result = runCli(['import', 'gift', corpus, '-o', out, '--id', 'billing-2026', '--competency', 'basics', '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { converted: number; skipped: Array<{ line: number; message: string }>; changed: unknown[] };
    expect(report.converted).toBe(10);
    expect(report.skipped.map((s) => s.line)).toContain(lineOf('::Broken::'));
    expect(readFileSync(out, 'utf8')).toMatch(/^id: billing-2026$/m);
    expect(readFileSync(out, 'utf8')).toMatch(/^ {2}- id: basics$/m);
  });

  it('refuses to overwrite without --force, and a file with nothing convertible', () => {
    const out = join(dir, 'exists.yaml');
    writeFileSync(out, 'keep me');
    const refused = runCli(['import', 'gift', corpus, '-o', out]);
    expect(refused.status).toBe(4);
    expect(refused.stderr).toMatch(/already exists/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');

    const essays = join(dir, 'essays.gift');
    writeFileSync(essays, '::E::Describe your day.{}\n');
    const none = runCli(['import', 'gift', essays, '-o', join(dir, 'none.yaml')]);
    expect(none.status).toBe(3);
    expect(none.stdout).toMatch(/essays\.gift:1: not converted: essay/);
    expect(none.stderr).toMatch(/no question could be converted/);
    expect(none.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a file that is not UTF-8, naming where', () => {
    const latin1 = join(dir, 'latin1.gift');
    writeFileSync(latin1, Buffer.from('::Caf\u00e9::Un caf\u00e9?{=oui ~non}\n', 'latin1'));
    const result = runCli(['import', 'gift', latin1, '-o', join(dir, 'x.yaml')]);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/latin1\.gift:1:\d+: .*UTF-8/);
  });

  it('names a missing input file and an unknown format', () => {
    expect(runCli(['import', 'gift', join(dir, 'missing.gift'), '-o', join(dir, 'x.yaml')])).toMatchObject({ status: 4 });
    const unknown = runCli(['import', 'qti', corpus, '-o', join(dir, 'x.yaml')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown format "qti"/);
    // The format is what is wrong, not the missing -o.
    const bare = runCli(['import', 'qti', 'x']);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toMatch(/unknown format "qti"/);
    expect(bare.stderr).not.toMatch(/--out/);
    expect(runCli(['import', 'gift', corpus]).stderr).toMatch(/required option '-o, --out <file>'/);
  });

  it('--json prints a JSON object on stdout for input errors too; an ELF binary is called binary, not UTF-16', () => {
    const elf = join(dir, 'a.out.gift');
    writeFileSync(elf, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56), Buffer.from('text')]));
    const result = runCli(['import', 'gift', elf, '-o', join(dir, 'x.yaml'), '--json']);
    expect(result.status).toBe(3);
    const doc = JSON.parse(result.stdout) as { error: { message: string; code: string } };
    expect(doc.error.code).toBe('invalidInput');
    expect(doc.error.message).toMatch(/binary \(an ELF executable\)/);
    expect(doc.error.message).not.toMatch(/UTF-16/);
    const missing = runCli(['import', 'gift', join(dir, 'missing.gift'), '-o', join(dir, 'x.yaml'), '--json']);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'io', exitCode: 4 } });
  });
});
