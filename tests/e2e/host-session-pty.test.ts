import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { makeHost, type TestHost } from './host-fixture.js';
import { spawnFrontline, tempHome, type PtySession } from './pty-harness.js';
import { runCli } from './run-cli.js';

/** `host session` as sshd runs it, without SSH (host-ssh.test.ts runs it through a real sshd). */
describe('host session: the menu and the test on the exam host', () => {
  const root = mkdtempSync(join(tmpdir(), 'frontline-host-session-'));
  const home = tempHome();
  let host: TestHost;
  const session = (employeeId: string, ...extra: string[]): PtySession =>
    spawnFrontline(['--data-dir', host.dir, 'host', 'session', '--employee', employeeId, ...extra], { home: home.dir });

  beforeAll(() => {
    host = makeHost(root);
    host.addAgent('E123', 'Dana Li');
    host.addAgent('E200', 'Ola Berg');
    host.addAgent('E300', 'Sam Roe');
  });
  afterAll(() => home.remove());

  /** From the menu to the first question: Enter on the first test, Enter on the start screen. */
  const startFirstTest = async (s: PtySession): Promise<string> => {
    await s.waitForText('Your tests:');
    s.press('enter');
    await s.waitForText('Enter: start (the clock starts now)');
    s.press('enter');
    return s.waitForText('Question 1 of 2');
  };

  const journals = () => readdirSync(join(host.dir, 'journals')).filter((f) => f.endsWith('.jsonl'));
  const journalHeader = (file: string) => JSON.parse(readFileSync(join(host.dir, 'journals', file), 'utf8').split('\n')[0] as string) as { attemptId: string; deadline: number; delivery: string };

  it('takes an assigned test with no name to type and signs a hosted certificate that verify accepts', async () => {
    host.assign('E123');
    const s = session('E123');
    const menu = await s.waitForText('Your tests:');
    expect(menu).toContain('Exam host: Dana Li (E123)');
    expect(menu).toMatch(/> 1\. Exam host check \(version 1\.0\.0\)/);
    expect(menu).toMatch(/open until \d{4}-\d\d-\d\d \d\d:\d\d UTC; attempt 1/);
    s.press('enter');
    const start = await s.waitForText('Enter: start (the clock starts now)');
    expect(start).toMatch(/Name:\s+Dana Li/);
    expect(start).not.toContain('Tab: next field');
    // Typing changes nothing: who takes the test is the key's agent.
    s.press('x');
    s.press('enter');
    await s.waitForText('Question 1 of 2');
    s.press('1');
    s.press('enter');
    await s.waitForText('Question 2 of 2');
    s.press('1');
    s.press('enter');
    await s.waitForText('Submit your answers?');
    s.press('y');
    const results = await s.waitForText(/Certificate urn:uuid:\S+ issued/, 30_000);
    expect(results).toContain('PASS');
    expect(results).toContain('Saved: on the exam host');
    expect(results).not.toContain(host.dir);
    s.press('enter');
    expect((await s.exited).exitCode).toBe(ExitCode.ok);

    const certificates = readdirSync(join(host.dir, 'certificates')).filter((f) => f.endsWith('.json'));
    expect(certificates).toHaveLength(1);
    const file = join(host.dir, 'certificates', certificates[0] as string);
    const cert = JSON.parse(readFileSync(file, 'utf8')) as { credentialSubject: { name?: string } };
    expect(JSON.stringify(cert)).toContain('urn:frontline:delivery:hosted');
    const verified = runCli(['--data-dir', host.dir, 'verify', file, '--trust', host.trustFile(), '--require-delivery', 'hosted']);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);

    // The record says hosted; only the host's own session may sign that, never `issue` from the file.
    const attempt = readdirSync(join(host.dir, 'attempts')).find((f) => f.endsWith('.json')) as string;
    const issued = runCli(['--data-dir', host.dir, 'issue', join(host.dir, 'attempts', attempt), '--bank', join(host.dir, 'banks', 'host-two.yaml'), '--key', join(host.dir, 'keys', 'issuer-key.pem'), '--reissue']);
    expect(issued.status).toBe(ExitCode.deliveryRefused);
    expect(issued.stderr).toMatch(/hosted attempt is issued by its exam host, not from a file/);

    // Used: the assignment is no longer on the menu.
    const again = session('E123');
    expect((await again.exited).exitCode).toBe(ExitCode.ok);
    expect(again.screenText()).toMatch(/No tests are assigned to Dana Li \(E123\)/);
  }, 90_000);

  it('keeps the attempt when the connection drops (SIGHUP), and resumes it with its original deadline', async () => {
    host.assign('E200');
    const first = session('E200');
    await startFirstTest(first);
    first.press('1');
    first.press('enter');
    await first.waitForText('Question 2 of 2');
    const [journal] = journals();
    expect(journal).toBeDefined();
    const before = journalHeader(journal as string);
    expect(before.delivery).toBe('hosted');
    first.kill('SIGHUP');
    expect((await first.exited).exitCode).toBe(ExitCode.hangup);

    const second = session('E200');
    const menu = await second.waitForText('[resume]', 20_000);
    expect(menu).toMatch(/unfinished: \d+:\d\d left; attempt 1/);
    second.press('enter');
    // Straight back to where it was: no start screen, the first answer kept.
    const resumed = await second.waitForText('Question 2 of 2', 20_000);
    expect(resumed).toContain('1/2 answered');
    second.press('1');
    second.press('enter');
    await second.waitForText('Submit your answers?');
    second.press('y');
    await second.waitForText(/Certificate urn:uuid:\S+ issued/, 30_000);
    second.press('enter');
    expect((await second.exited).exitCode).toBe(ExitCode.ok);
    const record = readdirSync(join(host.dir, 'attempts'))
      .map((f) => JSON.parse(readFileSync(join(host.dir, 'attempts', f), 'utf8')) as { id: string; deadline: string })
      .find((r) => r.id === before.attemptId);
    expect(record?.deadline).toBe(new Date(before.deadline).toISOString());
  }, 120_000);

  it('a time extension from `host extend` reaches the running session: a later clock, and the record carries it for issue', async () => {
    host.addAgent('E700', 'Kim Ode');
    host.assign('E700');
    const s = session('E700');
    const question = await startFirstTest(s);
    const left = (screen: string) => {
      const m = /Test (\d+):(\d\d)/.exec(screen);
      expect(m, screen).not.toBeNull();
      return Number(m?.[1]) * 60 + Number(m?.[2]);
    };
    const before = left(question);
    const extended = runCli(['--data-dir', host.dir, 'host', 'extend', '--employee', 'E700', '--minutes', '7', '--reason', 'power cut at the desk']);
    expect(extended.status, extended.stderr).toBe(0);
    // The session looks every 2 s: the clock gains the 7 minutes (less the seconds gone by).
    let later = s.screenText();
    for (let waited = 0; left(later) <= before + 6 * 60 && waited < 20_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      later = s.screenText();
    }
    expect(left(later), later).toBeGreaterThan(before + 6 * 60);
    expect(left(later)).toBeLessThanOrEqual(before + 7 * 60);
    s.press('1');
    s.press('enter');
    await s.waitForText('Question 2 of 2');
    s.press('1');
    s.press('enter');
    await s.waitForText('Submit your answers?');
    s.press('y');
    await s.waitForText(/Certificate urn:uuid:\S+ issued/, 30_000);
    s.press('enter');
    expect((await s.exited).exitCode).toBe(ExitCode.ok);
    const record = readdirSync(join(host.dir, 'attempts'))
      .map((f) => JSON.parse(readFileSync(join(host.dir, 'attempts', f), 'utf8')) as { candidate: { employeeId: string }; extensions?: { minutes: number }[] })
      .find((r) => r.candidate.employeeId === 'E700');
    expect(record?.extensions?.map((e) => e.minutes)).toEqual([7]);
  }, 120_000);

  it('takes the attempt over from the same agent\'s old session, which closes it (a connection sshd has not yet seen drop)', async () => {
    host.addAgent('E500', 'Lee Park');
    host.assign('E500');
    const old = session('E500');
    await startFirstTest(old);
    old.press('1');
    old.press('enter');
    await old.waitForText('Question 2 of 2');
    const fresh = session('E500');
    await fresh.waitForText('[resume]', 20_000);
    fresh.press('enter');
    const resumed = await fresh.waitForText('Question 2 of 2', 20_000);
    expect(resumed).toContain('1/2 answered');
    expect((await old.exited).exitCode).toBe(ExitCode.hangup);
    fresh.press('ctrlC');
    await fresh.waitForText('Quit for now?');
    fresh.press('y');
    expect((await fresh.exited).exitCode).toBe(ExitCode.interrupted);
    expect(fresh.screenText()).toMatch(/Your answers are saved. Connect again \(ssh \S+@\S+\) to continue/);
  }, 120_000);

  it('a failed attempt shows results as the bank allows, gets no certificate, and uses its assignment', async () => {
    host.addAgent('E600', 'Jo Fail');
    host.assign('E600');
    const s = session('E600');
    await startFirstTest(s);
    s.press('2');
    s.press('enter');
    await s.waitForText('Question 2 of 2');
    s.press('2');
    s.press('enter');
    await s.waitForText('Submit your answers?');
    s.press('y');
    const results = await s.waitForText('NOT YET PASSED', 30_000);
    // feedback: competency, so a score per skill and no answers.
    expect(results).toMatch(/Listening/);
    expect(results).not.toContain('Acknowledging comes before any fix');
    expect(results).not.toMatch(/Certificate urn:uuid/);
    s.press('enter');
    expect((await s.exited).exitCode).toBe(ExitCode.failed);
    const registry = JSON.parse(readFileSync(join(host.dir, 'assignment-registry.json'), 'utf8')) as { failures: Array<{ employeeId: string }> };
    expect(registry.failures.map((f) => f.employeeId)).toContain('E600');
    const again = session('E600');
    expect((await again.exited).exitCode).toBe(ExitCode.ok);
    expect(again.screenText()).toMatch(/No tests are assigned/);
  }, 90_000);

  it('closes the menu after the idle time without a key (exit 25)', async () => {
    host.assign('E300');
    const s = session('E300', '--idle-minutes', '0.02');
    await s.waitForText('Your tests:');
    const ended = await s.exited;
    expect(ended.exitCode).toBe(ExitCode.idle);
    expect(s.screenText()).toMatch(/Closed after 1 s without a key/);
  }, 60_000);

  it('says so in one line when the agent has nothing assigned', async () => {
    host.addAgent('E400', 'Kim Red');
    const s = session('E400');
    expect((await s.exited).exitCode).toBe(ExitCode.ok);
    expect(s.screenText()).toMatch(/No tests are assigned to Kim Red \(E400\) on this host now/);
  }, 30_000);

  it('refuses to draw without a terminal (exit 5), and an agent not on the roster', () => {
    const piped = runCli(['--data-dir', host.dir, 'host', 'session', '--employee', 'E123']);
    expect(piped.status).toBe(ExitCode.noTerminal);
    expect(piped.stderr).toMatch(/the exam host needs a terminal/);
    const stranger = runCli(['--data-dir', host.dir, 'host', 'session', '--employee', 'E999']);
    expect(stranger.status).toBe(ExitCode.notAllowed);
  });
});
