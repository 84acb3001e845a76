import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { binPath, repoRoot, runCli } from './run-cli.js';

const pkg = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as { version: string };

describe('frontline (built binary)', () => {
  it('prints the package version', () => {
    const result = runCli(['--version']);
    expect(result).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('lists every command in --help', () => {
    const result = runCli(['--help']);
    expect(result.status).toBe(0);
    for (const command of ['take', 'history', 'init', 'validate', 'preview', 'report', 'import', 'keys', 'issue', 'verify', 'revoke', 'export', 'sync', 'config']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it('exits with the usage code for an unknown command, without a stack', () => {
    const result = runCli(['frobnicate']);
    expect(result.status).toBe(ExitCode.usage);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits with the usage code for a missing argument', () => {
    const result = runCli(['validate']);
    expect(result.status).toBe(ExitCode.usage);
    expect(result.stderr).toContain("missing required argument 'files'");
  });

  it('does not load Ink, React, yaml or ajv for --version', () => {
    // The main chunk is what --version loads; heavy libraries must live in lazily imported chunks.
    const main = readFileSync(`${repoRoot}dist/cli/main.cjs`, 'utf8');
    for (const marker of ['react.production', 'yoga', 'parseDocument', 'ajv']) {
      expect(main).not.toContain(marker);
    }
  });

  it('keeps Ink and React out of every command file but take and preview', () => {
    // take and preview are ES modules in dist/esm/; the rest of the CLI is one CommonJS file per command.
    const files = readdirSync(`${repoRoot}dist/cli/run`).filter((f) => f.endsWith('.cjs'));
    expect(files).toEqual(expect.arrayContaining(['validate.cjs', 'verify.cjs', 'issue.cjs', 'export.cjs', 'report.cjs']));
    expect(files).not.toContain('take.cjs');
    for (const file of files) {
      const code = readFileSync(`${repoRoot}dist/cli/run/${file}`, 'utf8');
      for (const marker of ['react.production', 'yoga-layout', 'react-reconciler']) expect(code, `${file} holds ${marker}`).not.toContain(marker);
    }
  });

  /** Runs the binary with stdout a pipe whose read end is already closed, so that every write fails with EPIPE. */
  async function intoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env['CI'];
    const child = spawn(process.execPath, [binPath, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const [code] = (await once(child, 'close')) as [number | null];
    return { code, stderr };
  }

  it('stops quietly when the reader closes the pipe early (`| head`)', async () => {
    // preview draws through process.stdout (Ink's renderer).
    const { code, stderr } = await intoClosedPipe(['preview', 'question-banks/cs-fundamentals.yaml', '--answers']);
    expect(stderr).not.toMatch(/internal error|EPIPE|\n\s+at /);
    expect(code).toBe(ExitCode.ok);
  });

  it('drops the rest of the output quietly on a closed pipe when writing with write(2), and still exits with the result', async () => {
    // validate writes through output.ts (not process.stdout); one bank is invalid, so the status is 3, not 0.
    const bad = join(mkdtempSync(join(tmpdir(), 'frontline-epipe-')), 'bad.yaml');
    writeFileSync(bad, 'id: x\n');
    const { code, stderr } = await intoClosedPipe(['validate', bad, 'question-banks/cs-fundamentals.yaml']);
    expect(stderr).not.toMatch(/internal error|EPIPE|\n\s+at /);
    expect(code).toBe(ExitCode.invalidInput);
  });
});
