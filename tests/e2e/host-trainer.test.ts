import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sshpk from 'sshpk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionFor } from '../../src/app/host/extend.js';
import { checkAssignment, type Assignment } from '../../src/core/assignment/assignment.js';
import { assemble } from '../../src/core/attempt/assemble.js';
import type { JournalHeader } from '../../src/core/attempt/journal-entry.js';
import { deadlineFor } from '../../src/core/attempt/session.js';
import { parseBank } from '../../src/core/bank/parse-bank.js';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { writeAttemptRecord } from '../../src/store/attempts.js';
import { Journal } from '../../src/store/journal.js';
import { finishedAttempt } from '../fixtures/attempt-builder.js';
import { repoRoot, runCli, runCliAsync } from './run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'frontline-host-trainer-'));
const hostDir = join(root, 'host');
const bankFile = (name: string) => join(repoRoot, 'question-banks', `${name}.yaml`);
const host = (...args: string[]) => runCli(['--data-dir', hostDir, 'host', ...args]);
const registry = () => readFileSync(join(hostDir, 'assignment-registry.json'), 'utf8');
const entries = () => (JSON.parse(registry()) as { assignments: Array<{ employeeId: string; bank: { id: string } }> }).assignments;
let did: string;

/** An OpenSSH public key line, as an agent's .pub file holds it. */
function publicKeyFile(name: string): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const path = join(root, `${name}.pub`);
  writeFileSync(path, `${sshpk.parseKey(publicKey.export({ type: 'spki', format: 'pem' }) as string, 'pem').toString('ssh')} ${name}\n`);
  return path;
}

beforeAll(() => {
  const init = runCli(['host', 'init', hostDir, '--org', 'Acme Support', '--json']);
  expect(init.status, init.stderr).toBe(0);
  did = (JSON.parse(init.stdout) as { did: string }).did;
  for (const [id, name, group] of [['E1', 'Dana Li', 'team-a'], ['E2', 'Eli Park', 'team-a'], ['E3', 'Femi Ade', 'team-b'], ['E4', 'Ruth Roe', undefined]] as const) {
    const add = host('agent', 'add', '--employee', id, '--name', name, '--key', publicKeyFile(id), ...(group ? ['--group', group] : []));
    expect(add.status, add.stderr).toBe(0);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface AssignJson {
  bankFile: string;
  assigned: Array<{ id: string; employeeId: string; extraTime: number; of: number | null; file: string }>;
  skipped: Array<{ employeeId: string; assignment: string }>;
}

describe('host assign', () => {
  it('signs one assignment per agent the --to values name, with the host key, and registers the bank by hash', () => {
    const r = host('assign', bankFile('complaint-handling'), '--to', 'group:team-a', '--to', 'E3', '--to', 'E1', '--extra-time', '1.5', '--attempts', '2', '--json');
    expect(r.status, r.stderr).toBe(0);
    const made = JSON.parse(r.stdout) as AssignJson;
    expect(made.assigned.map((a) => a.employeeId)).toEqual(['E1', 'E2', 'E3']);
    const parsed = parseBank(readFileSync(bankFile('complaint-handling'), 'utf8'), 'complaint-handling.yaml');
    if (!parsed.ok) throw new Error('bank');
    expect(made.bankFile).toBe(join(hostDir, 'banks', `${parsed.hash.slice('sha256:'.length)}.yaml`));
    expect(readFileSync(made.bankFile, 'utf8')).toBe(readFileSync(bankFile('complaint-handling'), 'utf8'));
    for (const a of made.assigned) {
      const checked = checkAssignment(JSON.parse(readFileSync(a.file, 'utf8')), { issuer: did, bankHash: parsed.hash });
      expect(checked, a.file).toMatchObject({ ok: true, assignment: { candidate: { employeeId: a.employeeId }, accommodations: { extraTime: 1.5, attempts: 2 } } });
      expect(a.file.startsWith(join(hostDir, 'assignments', a.employeeId))).toBe(true);
    }
    expect(made.skipped).toEqual([]);
  });

  it('refuses an agent who already has an open assignment for the bank (exit 27), writing nothing', () => {
    const before = registry();
    const r = host('assign', bankFile('complaint-handling'), '--to', 'E4', '--to', 'E2');
    expect(r.status).toBe(ExitCode.alreadyAssigned);
    expect(r.stderr).toMatch(/E2 already has an open assignment for complaint-handling .*; nothing was assigned/);
    expect(r.stderr).toMatch(/--skip-existing/);
    expect(registry()).toBe(before);
  });

  it('with --skip-existing assigns the others and says whom it left out', () => {
    const r = host('assign', bankFile('complaint-handling'), '--to', 'group:team-a', '--to', 'E4', '--skip-existing', '--json');
    expect(r.status, r.stderr).toBe(0);
    const made = JSON.parse(r.stdout) as AssignJson;
    expect(made.assigned.map((a) => a.employeeId)).toEqual(['E4']);
    expect(made.skipped.map((s) => s.employeeId)).toEqual(['E1', 'E2']);
    expect(entries().filter((e) => e.bank.id === 'complaint-handling')).toHaveLength(4);
  });

  it.each([
    [['--to', 'E4', '--to', 'E9'], /--to E9: no agent with that employee id on this host's roster/],
    [['--to', 'group:team-z'], /--to group:team-z: no agent on this host's roster is in that group/],
  ])('refuses %j whole: one line, exit 24, nothing written (not even the bank)', (to, message) => {
    const before = registry();
    const banks = readdirSync(join(hostDir, 'banks'));
    const r = host('assign', bankFile('live-chat'), ...to);
    expect(r.status).toBe(ExitCode.notFound);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(registry()).toBe(before);
    expect(readdirSync(join(hostDir, 'banks'))).toEqual(banks);
  });

  it('two at once lose nothing: both batches are in the registry, and one agent never gets two open forms', async () => {
    const [a, b] = await Promise.all([
      runCliAsync(['--data-dir', hostDir, 'host', 'assign', bankFile('cs-fundamentals'), '--to', 'group:team-a', '--json']),
      runCliAsync(['--data-dir', hostDir, 'host', 'assign', bankFile('cs-fundamentals'), '--to', 'group:team-b', '--to', 'E4', '--json']),
    ]);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    expect(entries().filter((e) => e.bank.id === 'cs-fundamentals').map((e) => e.employeeId).sort()).toEqual(['E1', 'E2', 'E3', 'E4']);
    const same = await Promise.all([1, 2, 3].map(() => runCliAsync(['--data-dir', hostDir, 'host', 'assign', bankFile('live-chat'), '--to', 'E1'])));
    expect(same.map((r) => r.status).sort()).toEqual([0, ExitCode.alreadyAssigned, ExitCode.alreadyAssigned]);
    expect(entries().filter((e) => e.bank.id === 'live-chat')).toHaveLength(1);
  });

  it('prints one line per agent, within 80 columns, sanitised', () => {
    const r = host('assign', bankFile('starter'), '--to', 'E4');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Assigned starter to E4 \(Ruth Roe\), attempt 1/);
    expect(r.stdout).not.toContain('\u001b');
  });
});

describe('host status and host extend', () => {
  let attemptId: string;
  let deadline: number;
  let endedToday: boolean;

  beforeAll(async () => {
    // A running attempt as a session leaves it: a journal on the host, under E1's assignment, one answer given.
    const file = (JSON.parse(registry()) as { assignments: Array<{ employeeId: string; bank: { id: string }; file: string }> }).assignments.find((e) => e.employeeId === 'E1' && e.bank.id === 'complaint-handling')!.file;
    const assignment = JSON.parse(readFileSync(file, 'utf8')) as Assignment;
    const parsed = parseBank(readFileSync(bankFile('complaint-handling'), 'utf8'), 'bank.yaml');
    if (!parsed.ok) throw new Error('bank');
    const form = assemble(parsed.bank, assignment.seed);
    const startedAt = Date.now() - 60_000;
    deadline = deadlineFor(parsed.bank, startedAt, assignment.accommodations.extraTime);
    attemptId = 'host-attempt-1';
    const header: JournalHeader = {
      kind: 'header',
      format: 'frontline.journal/1',
      attemptId,
      candidate: { employeeId: 'E1', name: 'Dana \u001b[2JLi' },
      bank: { id: parsed.bank.id, version: parsed.bank.version, title: parsed.bank.title, hash: parsed.hash },
      delivery: 'hosted',
      assignment,
      seed: assignment.seed,
      extraTime: assignment.accommodations.extraTime,
      form,
      startedAt,
      deadline,
    };
    const journal = await Journal.create(hostDir, header);
    // The seed is the assignment's (random): answer the first single-choice question wherever it falls on the form.
    const onForm = new Set(form.map((e) => e.itemId));
    const single = parsed.bank.items.find((i) => onForm.has(i.id) && i.type === 'single');
    if (single?.type !== 'single') throw new Error('the test expects a single-choice item on the form');
    await journal.append({ type: 'go', at: startedAt + 5_000, index: form.findIndex((e) => e.itemId === single.id) });
    await journal.append({ type: 'answer', at: startedAt + 10_000, itemId: single.id, response: { type: 'single', choice: single.options[0]!.id } });
    await journal.close();
    // One attempt finished a few minutes ago: today, unless the test runs just after midnight.
    const record = finishedAttempt({ id: 'done-recently', start: Date.now() - 600_000 }).record;
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    endedToday = Date.parse(record.endedAt) >= midnight.getTime();
    await writeAttemptRecord(hostDir, record);
  });

  interface StatusJson {
    running: Array<{ attemptId: string; employeeId: string; deadline: string; extensionMinutes: number; remainingMs: number; answered: number; total: number }>;
    finishedToday: { total: number; passed: number };
    problems: string[];
  }
  const status = () => {
    const r = host('status', '--json');
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as StatusJson;
  };

  it('shows who is taking what, the time left and answers so far, and what finished today', () => {
    const s = status();
    expect(s.running).toHaveLength(1);
    expect(s.running[0]).toMatchObject({ attemptId, employeeId: 'E1', deadline: new Date(deadline).toISOString(), extensionMinutes: 0, answered: 1 });
    expect(s.running[0]!.total).toBeGreaterThan(1);
    expect(s.running[0]!.remainingMs).toBeGreaterThan(0);
    expect(s.finishedToday).toEqual(endedToday ? { total: 1, passed: 1, awaitingMarking: 0, byBank: [{ bank: 'starter', total: 1, passed: 1, awaitingMarking: 0 }] } : { total: 0, passed: 0, awaitingMarking: 0, byBank: [] });
    const text = host('status');
    expect(text.stdout).toMatch(/^Taking a test now: 1/);
    expect(text.stdout).toMatch(/E1 +Dana \[?.*Li +complaint-handl/);
    expect(text.stdout).not.toContain('\u001b');
    for (const line of text.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('extends the one running attempt of an agent: signed, logged, and the session sees it (extensionFor)', async () => {
    const r = host('extend', '--employee', 'E1', '--minutes', '10', '--reason', 'network outage at 10:05', '--by', 'Sam (trainer)', '--json');
    expect(r.status, r.stderr).toBe(0);
    const granted = JSON.parse(r.stdout) as { totalMinutes: number; deadline: string; extension: { issuer: string; by: string; reason: string } };
    expect(granted).toMatchObject({ totalMinutes: 10, deadline: new Date(deadline + 600_000).toISOString(), extension: { issuer: did, by: 'Sam (trainer)', reason: 'network outage at 10:05' } });
    expect(readFileSync(join(hostDir, 'extensions.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect((await extensionFor(hostDir, attemptId)).ms).toBe(600_000);
    expect(status().running[0]).toMatchObject({ deadline: new Date(deadline + 600_000).toISOString(), extensionMinutes: 10 });
  });

  it('ignores and names a line altered in the log; the signed total stands', async () => {
    const log = join(hostDir, 'extensions.jsonl');
    const line = JSON.parse(readFileSync(log, 'utf8').trim()) as { minutes: number; id: string };
    appendFileSync(log, `${JSON.stringify({ ...line, id: 'urn:uuid:00000000-0000-4000-8000-000000000001', minutes: 50 })}\n`);
    const tally = await extensionFor(hostDir, attemptId);
    expect(tally.ms).toBe(600_000);
    expect(tally.problems).toEqual([expect.stringMatching(/^extensions\.jsonl:2: .*altered after signing/)]);
    expect(status().problems).toContainEqual(expect.stringMatching(/extensions\.jsonl:2/));
  });

  it('two trainers extending at once cannot pass the cap together: one is granted, one refused (exit 28)', async () => {
    const both = await Promise.all([1, 2].map(() => runCliAsync(['--data-dir', hostDir, 'host', 'extend', '--attempt', attemptId, '--minutes', '30', '--reason', 'outage'])));
    expect(both.map((r) => r.status).sort()).toEqual([0, ExitCode.extensionRefused]);
    expect((await extensionFor(hostDir, attemptId)).ms).toBe(40 * 60_000);
  });

  it.each([
    [['--employee', 'E1', '--minutes', '21', '--reason', 'x'], ExitCode.extensionRefused, /already has 40 extra minutes; 21 more would pass the cap of 60/],
    [['--attempt', 'nope', '--minutes', '5', '--reason', 'x'], ExitCode.notFound, /no running attempt nope on this host/],
    [['--employee', 'E2', '--minutes', '5', '--reason', 'x'], ExitCode.notFound, /E2 has no running attempt/],
    [['--employee', 'E1', '--minutes', '1.5', '--reason', 'x'], ExitCode.usage, /--minutes: expected a whole number/],
    [['--employee', 'E1', '--attempt', 'x', '--minutes', '5', '--reason', 'x'], ExitCode.usage, /give --attempt <id> or --employee <id> \(one of them\)/],
  ])('refuses %j (exit %i), the log unchanged', (args, code, message) => {
    const log = readFileSync(join(hostDir, 'extensions.jsonl'), 'utf8');
    const r = host('extend', ...args);
    expect(r.status).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(readFileSync(join(hostDir, 'extensions.jsonl'), 'utf8')).toBe(log);
  });
});
