import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { HOST_BANK } from './host-fixture.js';
import { spawnInPty, tempHome, type PtySession } from './pty-harness.js';
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
    copyFileSync(HOST_BANK, join(hostDir, 'banks', 'host-two.yaml'));
    mkdirSync(join(hostDir, 'assignments'));
  });

  afterAll(async () => {
    await sshd?.stop();
    home.remove();
  });

  const home = tempHome();
  let assigned = 0;
  const assign = (employeeId: string) => {
    assigned += 1;
    const made = runCli(['--data-dir', hostDir, 'assign', join(hostDir, 'banks', 'host-two.yaml'), '--key', join(hostDir, 'keys', 'issuer-key.pem'), '--employee', employeeId, '--out', join(hostDir, 'assignments', `${assigned}.json`)]);
    expect(made.status, made.stderr).toBe(0);
  };
  /** `ssh -tt exam@host` in a terminal: what an agent types. */
  const connect = (identity: string): PtySession => spawnInPty('ssh', ['-tt', ...sshd.sshArgs(identity)], { home: home.dir });
  const startTest = async (s: PtySession) => {
    await s.waitForText('Your tests:', 20_000);
    s.press('enter');
    await s.waitForText('Enter: start (the clock starts now)');
    s.press('enter');
    await s.waitForText('Question 1 of 2');
  };
  const answerAndSubmit = async (s: PtySession, from: 1 | 2) => {
    if (from === 1) {
      s.press('1');
      s.press('enter');
      await s.waitForText('Question 2 of 2');
    }
    s.press('1');
    s.press('enter');
    await s.waitForText('Submit your answers?');
    s.press('y');
    const results = await s.waitForText(/Certificate urn:uuid:\S+ issued/, 30_000);
    s.press('enter');
    return results;
  };
  const certificatesOf = (identity: string) => {
    const result = ssh(identity, 'certificates');
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Array<{ id: string; issuer: { id: string } }>;
  };

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

  it('a registered key reaches the menu, takes the test, and gets a certificate that verify accepts as hosted', async () => {
    assign('E123');
    const s = connect(dana);
    await startTest(s);
    const results = await answerAndSubmit(s, 1);
    expect(results).toContain('PASS');
    expect((await s.exited).exitCode).toBe(0);
    const [certificate, ...more] = certificatesOf(dana);
    expect(more).toHaveLength(0);
    const file = join(root, 'mine.json');
    writeFileSync(file, JSON.stringify(certificate));
    const trust = join(root, 'trust.json');
    writeFileSync(trust, JSON.stringify({ issuers: [{ id: certificate?.issuer.id }] }));
    const verified = runCli(['--data-dir', hostDir, 'verify', file, '--trust', trust, '--require-delivery', 'hosted']);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
  }, 120_000);

  it('killing the ssh client mid-test keeps the attempt; reconnecting resumes it with the same deadline', async () => {
    assign('E123');
    const first = connect(dana);
    await startTest(first);
    first.press('1');
    first.press('enter');
    await first.waitForText('Question 2 of 2');
    const journal = readdirSync(join(hostDir, 'journals')).find((f) => f.endsWith('.jsonl')) as string;
    const header = JSON.parse(readFileSync(join(hostDir, 'journals', journal), 'utf8').split('\n')[0] as string) as { attemptId: string; deadline: number };
    first.kill('SIGKILL');
    await first.exited;
    const second = connect(dana);
    await second.waitForText('[resume]', 20_000);
    second.press('enter');
    const resumed = await second.waitForText('Question 2 of 2', 30_000);
    expect(resumed).toContain('1/2 answered');
    await answerAndSubmit(second, 2);
    expect((await second.exited).exitCode).toBe(0);
    const record = JSON.parse(readFileSync(join(hostDir, 'attempts', readdirSync(join(hostDir, 'attempts')).find((f) => f.includes(header.attemptId)) as string), 'utf8')) as { deadline: string };
    expect(record.deadline).toBe(new Date(header.deadline).toISOString());
  }, 120_000);

  it('serves two agents at once, each their own test and certificate', async () => {
    const ola = keyPair(root, 'ola');
    expect(runCli(['--data-dir', hostDir, 'host', 'agent', 'add', '--employee', 'E300', '--name', 'Ola Berg', '--key', `${ola}.pub`]).status).toBe(0);
    assign('E123');
    assign('E300');
    const before = certificatesOf(dana).length;
    const a = connect(dana);
    const b = connect(ola);
    await Promise.all([startTest(a), startTest(b)]);
    expect(a.screenText()).not.toBe('');
    const [ra, rb] = await Promise.all([answerAndSubmit(a, 1), answerAndSubmit(b, 1)]);
    expect(ra).toContain('PASS');
    expect(rb).toContain('PASS');
    expect((await a.exited).exitCode).toBe(0);
    expect((await b.exited).exitCode).toBe(0);
    expect(certificatesOf(dana)).toHaveLength(before + 1);
    expect(certificatesOf(ola)).toHaveLength(1);
  }, 120_000);

  it('without a command and without a terminal, says how to connect (exit 5)', () => {
    const result = ssh(dana);
    expect(result.status).toBe(ExitCode.noTerminal);
    expect(result.stderr).toMatch(/the exam host needs a terminal/);
  });
});
