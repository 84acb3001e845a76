import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { sshdMissing, startSshd, type TestSshd } from './sshd.js';

const missing = sshdMissing();
if (missing) console.warn(`skipping the exam host's SSH tests: ${missing}`);

function keyPair(dir: string, name: string): string {
  const path = join(dir, name);
  spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path], { stdio: 'ignore' });
  return path;
}

describe.skipIf(missing !== undefined)('the exam host over a real OpenSSH server', () => {
  const root = mkdtempSync(join(tmpdir(), 'frontline-host-'));
  const hostDir = join(root, 'host');
  let sshd: TestSshd;
  let dana: string;
  let stranger: string;

  const ssh = (identity: string, ...command: string[]) =>
    spawnSync('ssh', [...sshd.sshArgs(identity), ...command], { encoding: 'utf8', timeout: 30_000 });

  beforeAll(async () => {
    const init = runCli(['host', 'init', hostDir, '--org', 'Acme Support', '--json']);
    expect(init.status, init.stderr).toBe(0);
    const { sshdConfig } = JSON.parse(init.stdout) as { sshdConfig: string };
    dana = keyPair(root, 'dana');
    stranger = keyPair(root, 'stranger');
    const add = runCli(['--data-dir', hostDir, 'host', 'agent', 'add', '--employee', 'E123', '--name', 'Dana Li', '--key', `${dana}.pub`]);
    expect(add.status, add.stderr).toBe(0);
    sshd = await startSshd(join(root, 'sshd'), join(hostDir, 'authorized_keys'), sshdConfig);
  });

  afterAll(async () => {
    await sshd?.stop();
  });

  it('answers a registered agent\'s `certificates` with their certificates as JSON', () => {
    const result = ssh(dana, 'certificates');
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  it('answers `history` with the agent\'s attempts', () => {
    const result = ssh(dana, 'history');
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  it.each([
    ['cat', join(hostDir, 'keys', 'issuer-key.pem')],
    ['sh', '-c', 'id'],
    ['certificates;', 'id'],
  ])('refuses anything else the client asks to run: %s', (...command) => {
    const result = ssh(dana, ...command);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/this exam host does not run .* it takes only certificates and history/);
    expect(result.stdout).toBe('');
  });

  it('refuses a key that is not on the roster', () => {
    const result = ssh(stranger, 'certificates');
    expect(result.status).toBe(255);
    expect(result.stderr).toMatch(/Permission denied/);
  });

  it('forwards nothing: a local port forward is refused', () => {
    const result = spawnSync('ssh', [...sshd.sshArgs(dana).slice(0, -1), '-o', 'ExitOnForwardFailure=yes', '-L', '127.0.0.1:0:127.0.0.1:22', sshd.sshArgs(dana).at(-1) as string, 'certificates'], { encoding: 'utf8', timeout: 30_000 });
    // restrict (no port-forwarding) makes sshd refuse the forward; with ExitOnForwardFailure the client gives up.
    expect(result.status).not.toBe(0);
  });

  it('stops answering a key once its agent is removed', () => {
    const other = keyPair(root, 'other');
    expect(runCli(['--data-dir', hostDir, 'host', 'agent', 'add', '--employee', 'E200', '--name', 'Ola', '--key', `${other}.pub`]).status).toBe(0);
    expect(ssh(other, 'history').status).toBe(0);
    expect(runCli(['--data-dir', hostDir, 'host', 'agent', 'remove', '--employee', 'E200']).status).toBe(0);
    expect(readFileSync(join(hostDir, 'authorized_keys'), 'utf8')).not.toContain('E200');
    expect(ssh(other, 'history').status).toBe(255);
  });
});
