import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'frontline-init-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('frontline init --json', () => {
  it('prints only one JSON document naming the file and the modeline path', () => {
    const file = join(dir, 'banks', 'returns.yaml');
    const result = runCli(['init', file, '--json']);
    expect(result.status, result.stderr).toBe(ExitCode.ok);
    const printed = JSON.parse(result.stdout) as { file: string; schema: string };
    expect(printed.file).toBe(file);
    expect(readFileSync(file, 'utf8')).toContain(`# yaml-language-server: $schema=${printed.schema}`);
    expect(JSON.parse(readFileSync(join(dir, 'banks', printed.schema), 'utf8'))).toHaveProperty('title');
  });
});
