import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { loadBankOrThrow } from '../../src/app/load-bank.js';

const small = fileURLToPath(new URL('../fixtures/banks/small.yaml', import.meta.url));
const badBanks = fileURLToPath(new URL('../fixtures/bad-banks/', import.meta.url));

async function caught(path: string): Promise<UserError> {
  try {
    await loadBankOrThrow(path);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error(`loaded ${path} without an error`);
}

describe('loadBankOrThrow', () => {
  it('returns the bank, its hash and the path as given', async () => {
    const loaded = await loadBankOrThrow(small);
    expect(loaded.file).toBe(small);
    expect(loaded.bank.id).toBe('fixture-bank');
    expect(loaded.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('throws exit 3 with file:line:col for an invalid bank, and points to validate', async () => {
    const error = await caught(`${badBanks}answer-not-option.yaml`);
    expect(error.exitCode).toBe(ExitCode.invalidInput);
    expect(error.message).toBe(`${badBanks}answer-not-option.yaml: not a valid question bank (1 error):`);
    // One finding a line, as validate prints it.
    expect(error.details).toHaveLength(1);
    expect(error.details[0]).toMatch(new RegExp(`^${badBanks}answer-not-option\\.yaml:31:13: error: item "q1": answer "e" is not one of its options \\(a-d\\) \\[[a-z-]+\\]$`));
    expect(error.hint).toContain('frontline validate');
  });

  it('shows the first five errors and counts the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-load-'));
    const file = join(dir, 'many.yaml');
    const text = await readFile(small, 'utf8');
    await writeFile(file, text.replace(/competency: (listening|ownership)/g, 'competency: nobody'));
    const error = await caught(file);
    const lines = error.details;
    expect(lines).toHaveLength(6);
    expect(lines.slice(0, 5).every((l) => l.startsWith(`${file}:`))).toBe(true);
    expect(lines[5]).toMatch(/^… and \d+ more errors$/);
  });

  it('throws exit 3 for a file that is not UTF-8 text', async () => {
    const error = await caught(`${badBanks}utf16-bom.yaml`);
    expect(error.exitCode).toBe(ExitCode.invalidInput);
    expect(error.message).toContain('utf16-bom.yaml:1:1: the file is UTF-16');
  });

  it('throws exit 4 for a file that cannot be read', async () => {
    const error = await caught('/nonexistent/bank.yaml');
    expect(error.exitCode).toBe(ExitCode.io);
    expect(error.message).toBe('/nonexistent/bank.yaml: cannot read: no such file or directory');
  });

  it('leaves process.env as it found it', async () => {
    const before = process.env;
    await loadBankOrThrow(small);
    expect(process.env).toBe(before);
  });
});
