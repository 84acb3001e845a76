import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { makeAttempt } from '../core/credential/attempt-fixture.js';
import { loadShippedBank } from '../core/credential/certificate-fixture.js';
import { repoRoot, runCli } from './run-cli.js';

const home = mkdtempSync(join(tmpdir(), 'frontline-inputs-'));
const bankFile = `${repoRoot}question-banks/starter.yaml`;
afterAll(() => rmSync(home, { recursive: true, force: true }));
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |internal error/);

describe('config.json with a value of the wrong type (issue 17.17)', () => {
  it('sync: one line naming config.json and the key, exit invalidInput', () => {
    const dataDir = join(home, 'config');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'config.json'), '{"lrs":{"endpoint":5}}');
    const r = runCli(['--data-dir', dataDir, 'sync']);
    expect(r.status, r.stderr).toBe(ExitCode.invalidInput);
    expect(r.stderr).toBe(`frontline: ${join(dataDir, 'config.json')}: lrs.endpoint: expected text, found a number; fix it in the file\n`);
  });
});

/** A read-only file system (root only): a tmpfs mounted ro. */
function readOnlyDir(): { dir: string; unmount: () => void } | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'frontline-ro-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return { dir, unmount: () => (execFileSync('umount', [dir], { stdio: 'ignore' }), rmSync(dir, { recursive: true, force: true })) };
}

const ro = readOnlyDir();
afterAll(() => ro?.unmount());

describe.skipIf(!ro)('a read-only data dir (EROFS, issue 17.17)', () => {
  let keyFile = '';
  let attempt = '';
  beforeAll(() => {
    const keys = join(home, 'keys');
    expect(runCli(['keys', 'generate', '--org', 'Acme', '--out', keys]).status).toBe(0);
    keyFile = join(keys, 'issuer-key.pem');
    const { bank, hash } = loadShippedBank();
    attempt = join(home, 'a-ro.json');
    writeFileSync(attempt, JSON.stringify(makeAttempt(bank, hash, { id: 'a-ro' })));
  });

  it('issue: exit io, one line naming the path and "read-only file system"', () => {
    const r = runCli(['--data-dir', ro!.dir, 'issue', attempt, '--bank', bankFile, '--key', keyFile]);
    expect(r.status, r.stderr).toBe(ExitCode.io);
    expect(r.stderr).toMatch(new RegExp(`^frontline: ${ro!.dir}\\S*: cannot [\\w ]+: read-only file system\\n`));
    noStack(r.stderr);
  });

  it('sync --add: exit io naming the outbox', () => {
    const r = runCli(['--data-dir', ro!.dir, 'sync', '--add', attempt], { env: { FRONTLINE_LRS_ENDPOINT: '' } });
    expect(r.status, r.stderr).toBe(ExitCode.io);
    expect(r.stderr, r.stderr).toContain('read-only file system');
    noStack(r.stderr);
  });
});
