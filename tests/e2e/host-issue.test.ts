import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBankOrThrow, type LoadedBank } from '../../src/app/load-bank.js';
import { saveMark } from '../../src/app/mark-replies.js';
import type { AttemptRecord } from '../../src/core/attempt/types.js';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { makeHost, type TestHost } from './host-fixture.js';
import { spawnFrontline, tempHome } from './pty-harness.js';
import { runCli } from './run-cli.js';

/**
 * A hosted written test from its end to its certificate: the agent writes the
 * reply in `host session` (a real pty, the built binary), the session ends
 * awaiting marking, a trainer marks on the host (saveMark, as `mark` saves),
 * `host issue` signs it, `verify` accepts it, the agent gets it over
 * `certificates`.
 */
describe('host issue: a hosted written test marked and certified on the host', () => {
  const root = mkdtempSync(join(tmpdir(), 'frontline-host-issue-e2e-'));
  let host: TestHost;
  let loaded: LoadedBank;
  let record: AttemptRecord;
  const hostCli = (...args: string[]) => runCli(['--data-dir', host.dir, ...args]);
  const finishedToday = () => (JSON.parse(hostCli('host', 'status', '--json').stdout) as { finishedToday: unknown }).finishedToday;
  const agentHistory = () => JSON.parse(runCli(['--data-dir', host.dir, 'host', 'session', '--employee', 'E123'], { env: { SSH_ORIGINAL_COMMAND: 'history' } }).stdout) as unknown;

  const home = tempHome();
  afterAll(() => home.remove());

  beforeAll(async () => {
    host = makeHost(root);
    host.addAgent('E123', 'Dana Li');
    const bankFile = join(host.dir, 'banks', 'take-written.yaml');
    copyFileSync('tests/fixtures/banks/take-written.yaml', bankFile);
    const assigned = hostCli('host', 'assign', bankFile, '--to', 'E123');
    expect(assigned.status, assigned.stderr).toBe(0);
    loaded = await loadBankOrThrow(bankFile);

    const s = spawnFrontline(['--data-dir', host.dir, 'host', 'session', '--employee', 'E123'], { home: home.dir, env: { VISUAL: '', EDITOR: '' } });
    try {
      await s.waitForText('Your tests:');
      s.press('enter');
      await s.waitForText('Enter: start (the clock starts now)');
      s.press('enter');
      await s.waitForText('Question 1 of 2');
      s.press('enter');
      await s.waitForText('0 words (10-60 asked for)');
      s.press("Sam, I'm sorry you have called three times. I will call you by 3pm today.");
      await s.waitForText('15 words (10-60 asked for)');
      s.press('escape');
      await s.waitForText('Enter/w write');
      s.press('s');
      await s.waitForText('Submit your answers?');
      s.press('y');
      const results = await s.waitForText('No certificate yet', 30_000);
      expect(results).toContain('AWAITING MARKING');
      s.press('enter');
      expect((await s.exited).exitCode).toBe(ExitCode.ok);
    } finally {
      s.kill();
    }
    const files = readdirSync(join(host.dir, 'attempts')).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    record = JSON.parse(readFileSync(join(host.dir, 'attempts', files[0] as string), 'utf8')) as AttemptRecord;
    expect(record.result?.status).toBe('awaiting-marking');
    expect(record.delivery).toBe('hosted');
  }, 90_000);

  it('before marking: lists the attempt and what it waits for, issues nothing; --attempt exits 40', () => {
    const listed = hostCli('host', 'issue');
    expect(listed.status, listed.stderr).toBe(ExitCode.ok);
    expect(listed.stdout).toBe(`Waiting ${record.id} (E123, take-written@1.0.0):\n  "w1" waits for a first mark\n`);
    expect(hostCli('host', 'issue', '--attempt', record.id).status).toBe(ExitCode.awaitingMarking);
    expect(readdirSync(join(host.dir, 'certificates')).filter((f) => f.endsWith('.json'))).toEqual([]);
    expect(finishedToday()).toMatchObject({ total: 1, passed: 0, awaitingMarking: 1 });
    expect(agentHistory()).toMatchObject([{ attempt: record.id, passed: null, awaitingMarking: true, certificate: null }]);
  });

  it('after marking: issues it as the session would, verify exits 0, and the agent has it; a second run issues nothing', async () => {
    for (const item of loaded.bank.items) {
      if (item.type !== 'written') continue;
      const levels = Object.fromEntries(item.rubric.map((c) => [c.id, 2]));
      await saveMark({ dataDir: host.dir, bank: loaded.bank, attempt: record, mark: { attempt: record.id, item: item.id, levels, marker: 'Ann Lee', at: new Date().toISOString(), role: 'first' } });
    }
    const issued = hostCli('host', 'issue');
    expect(issued.status, issued.stderr).toBe(ExitCode.ok);
    const certificates = readdirSync(join(host.dir, 'certificates')).filter((f) => f.endsWith('.json'));
    expect(certificates).toHaveLength(1);
    const file = join(host.dir, 'certificates', certificates[0] as string);
    const id = (JSON.parse(readFileSync(file, 'utf8')) as { id: string }).id;
    const [heading, certLine, ...written] = issued.stdout.trimEnd().split('\n');
    expect(heading).toBe(`Issued ${record.id} (E123, take-written@1.0.0): 100%`);
    expect(certLine).toBe(`  ${id}`);
    expect(written.map((l) => l.trim()).join(' ')).toBe(`written to ${file}`);
    // Wrapped to 80 columns; only a path longer than that stands alone on its line.
    for (const line of issued.stdout.split('\n')) expect(line.length <= 80 || line.trim() === file, line).toBe(true);
    const outcome = { file, certificate: id };

    const verified = hostCli('verify', outcome.file, '--trust', host.trustFile(), '--require-delivery', 'hosted');
    expect(verified.status, verified.stdout + verified.stderr).toBe(ExitCode.ok);

    // What the agent fetches with `ssh exam@host certificates > mine.json`.
    const mine = runCli(['--data-dir', host.dir, 'host', 'session', '--employee', 'E123'], { env: { SSH_ORIGINAL_COMMAND: 'certificates' } });
    expect(mine.status, mine.stderr).toBe(0);
    expect((JSON.parse(mine.stdout) as Array<{ id: string }>).map((c) => c.id)).toEqual([outcome.certificate]);
    // The record still says what was known when the test ended; status and history read the registry too.
    expect(finishedToday()).toMatchObject({ total: 1, passed: 1, awaitingMarking: 0 });
    expect(agentHistory()).toMatchObject([{ attempt: record.id, passed: true, awaitingMarking: false, certificate: id }]);

    const again = hostCli('host', 'issue');
    expect(again.status, again.stderr).toBe(ExitCode.ok);
    expect(again.stdout).toBe('Nothing on this host waits to be issued after marking.\nSettled before: 1 issued, 0 not passed (see one again: --attempt <id>).\n');
    const json = hostCli('host', 'issue', '--json');
    expect(JSON.parse(json.stdout)).toEqual({ outcomes: [{ kind: 'already-issued', attempt: record.id, employeeId: 'E123', bank: 'take-written@1.0.0', certificate: id }], problems: [] });
    const one = hostCli('host', 'issue', '--attempt', record.id);
    expect(one.status).toBe(ExitCode.alreadyIssued);
    expect(readdirSync(join(host.dir, 'certificates')).filter((f) => f.endsWith('.json'))).toHaveLength(1);

    // A file is still not how a hosted attempt is issued.
    const attempt = readdirSync(join(host.dir, 'attempts')).find((f) => f.endsWith('.json')) as string;
    const fromFile = hostCli('issue', join(host.dir, 'attempts', attempt), '--bank', join(host.dir, 'banks', 'take-written.yaml'), '--key', join(host.dir, 'keys', 'issuer-key.pem'), '--reissue');
    expect(fromFile.status).toBe(ExitCode.deliveryRefused);
  });

  it('--attempt naming no such attempt: one line, exit 24', () => {
    const r = hostCli('host', 'issue', '--attempt', 'nope');
    expect(r.status).toBe(ExitCode.notFound);
    expect(r.stderr).toMatch(/^frontline: no hosted attempt nope awaiting marking on this host/);
  });
});
