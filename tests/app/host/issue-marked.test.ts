import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assign } from '../../../src/app/assign.js';
import { initHost } from '../../../src/app/host/init-host.js';
import { issueMarked, type MarkedOutcome } from '../../../src/app/host/issue-marked.js';
import { agentCertificates } from '../../../src/app/host/session-verbs.js';
import { loadBankOrThrow, type LoadedBank } from '../../../src/app/load-bank.js';
import { saveMark } from '../../../src/app/mark-replies.js';
import type { AttemptRecord } from '../../../src/core/attempt/types.js';
import { readAssignmentRegistry } from '../../../src/store/assignments.js';
import { readRegistry } from '../../../src/store/certificates.js';
import { ExitCode } from '../../../src/errors/exit-codes.js';
import { UserError } from '../../../src/errors/user-error.js';
import { takeOnHost } from '../../fixtures/hosted-session.js';

const BANK = 'tests/fixtures/banks/mark-written.yaml';
const right = { type: 'single', choice: 'a' } as const;
const written = (text: string) => ({ type: 'written', text }) as const;

describe('host issue: hosted attempts that ended awaiting marking', () => {
  const root = mkdtempSync(join(tmpdir(), 'frontline-host-issue-'));
  const hostDir = join(root, 'host');
  let loaded: LoadedBank;
  const take = async (employeeId: string, w1: string) => {
    await assign({
      dataDir: hostDir,
      bank: loaded.bank,
      bankHash: loaded.hash,
      keyPath: join(hostDir, 'keys', 'issuer-key.pem'),
      people: [{ employeeId, name: `Agent ${employeeId}`, out: join(hostDir, 'assignments', `${employeeId}.json`) }],
      opens: new Date(Date.now() - 60_000),
      closes: new Date(Date.now() + 86_400_000),
    });
    return takeOnHost(hostDir, employeeId, { s1: right, w1: written(w1), w2: written('Third contact; call promised by 3pm with the refund date.') });
  };
  /** Marks every written reply of the attempt with the same level on each criterion, as `mark` saves them. */
  const markAll = async (record: AttemptRecord, points: number, marker = 'Ann Lee', role: 'first' | 'second' = 'first') => {
    for (const item of loaded.bank.items) {
      if (item.type !== 'written') continue;
      const levels = Object.fromEntries(item.rubric.map((c) => [c.id, points]));
      await saveMark({ dataDir: hostDir, bank: loaded.bank, attempt: record, mark: { attempt: record.id, item: item.id, levels, marker, at: new Date().toISOString(), role } });
    }
  };
  const byAttempt = (outcomes: MarkedOutcome[], id: string) => outcomes.find((o) => o.attempt === id);

  let good: AttemptRecord;
  let poor: AttemptRecord;
  let unmarked: AttemptRecord;

  beforeAll(async () => {
    await initHost({ dir: hostDir, org: 'Acme Support', node: '/usr/bin/node', frontline: '/opt/frontline/bin/frontline.js' });
    mkdirSync(join(hostDir, 'assignments'));
    copyFileSync(BANK, join(hostDir, 'banks', 'mark-written.yaml'));
    loaded = await loadBankOrThrow(join(hostDir, 'banks', 'mark-written.yaml'));
    const sessions = [await take('E1', 'Sorry you have had to contact us three times, Sam.'), await take('E2', 'ok'), await take('E3', 'We will look into it today.')];
    for (const s of sessions) {
      // The session ends awaiting marking and signs nothing; the agent is told why.
      expect(s.record.result?.status).toBe('awaiting-marking');
      expect(s.record.delivery).toBe('hosted');
      expect(s.notes).toEqual(['No certificate yet: it can be issued once your written replies are marked.']);
    }
    [good, poor, unmarked] = sessions.map((s) => s.record) as [AttemptRecord, AttemptRecord, AttemptRecord];
    expect(await readRegistry(hostDir)).toEqual([]);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists each attempt with what its replies wait for, and issues nothing before the marks', async () => {
    const { outcomes } = await issueMarked({ hostDir });
    expect(outcomes.map((o) => o.kind)).toEqual(['waiting', 'waiting', 'waiting']);
    expect(byAttempt(outcomes, good.id)).toMatchObject({ employeeId: 'E1', bank: 'mark-written@1.0.0', waiting: ['"w1" waits for a first mark', '"w2" waits for a first mark'] });
    expect(await readRegistry(hostDir)).toEqual([]);
  });

  it('issues a marked pass with the host key as hosted, records a marked failure, and leaves the unmarked one waiting', async () => {
    await markAll(good, 2);
    await markAll(poor, 0);
    const { outcomes } = await issueMarked({ hostDir });
    const issued = byAttempt(outcomes, good.id);
    expect(issued).toMatchObject({ kind: 'issued', employeeId: 'E1', score: 100 });
    expect(byAttempt(outcomes, poor.id)).toMatchObject({ kind: 'not-passed' });
    expect(byAttempt(outcomes, unmarked.id)).toMatchObject({ kind: 'waiting' });

    const registry = await readRegistry(hostDir);
    expect(registry).toHaveLength(1);
    expect(registry[0]).toMatchObject({ attempt: good.id, delivery: 'hosted', employeeId: 'E1' });
    // The failure uses the attempt's number, as a failed session does.
    expect((await readAssignmentRegistry(hostDir)).failures.map((f) => f.attempt)).toEqual([poor.id]);
    // What `ssh exam@host certificates` gives the agent.
    const mine = (await agentCertificates(hostDir, 'E1')) as Array<{ id: string; credentialSubject: unknown }>;
    expect(mine.map((c) => c.id)).toEqual([issued?.kind === 'issued' ? issued.certificate : 'none']);
    expect(JSON.stringify(mine[0])).toContain('urn:frontline:delivery:hosted');
  });

  it('a second run issues nothing twice: the issued and the failed are settled, only the waiting one is looked at', async () => {
    const before = readdirSync(join(hostDir, 'certificates')).length;
    const { outcomes } = await issueMarked({ hostDir });
    expect(outcomes.map((o) => [o.attempt, o.kind])).toEqual([
      [good.id, 'already-issued'],
      [poor.id, 'not-passed-earlier'],
      [unmarked.id, 'waiting'],
    ]);
    expect(readdirSync(join(hostDir, 'certificates'))).toHaveLength(before);
    expect(await readRegistry(hostDir)).toHaveLength(1);
  });

  it('--attempt does one: an issued one says so, and a failure is looked at again after its marks changed', async () => {
    expect((await issueMarked({ hostDir, attemptId: good.id })).outcomes).toEqual([expect.objectContaining({ kind: 'already-issued' })]);
    expect((await issueMarked({ hostDir, attemptId: unmarked.id })).outcomes).toEqual([expect.objectContaining({ kind: 'waiting' })]);
    // A second marker agrees within the tolerance on nothing: a third is now needed, so it waits again.
    await markAll(poor, 2, 'Bo Chen', 'second');
    const again = await issueMarked({ hostDir, attemptId: poor.id });
    expect(again.outcomes).toEqual([expect.objectContaining({ kind: 'waiting', waiting: expect.arrayContaining([expect.stringMatching(/waits for a third marker/)]) })]);
  });

  it('two trainers at once: the registry lock lets one sign it, the other reports it issued', async () => {
    const late = (await take('E4', 'Sorry about the three contacts, Sam; I will call you by 3pm today.')).record;
    await markAll(late, 2);
    const runs = await Promise.all([issueMarked({ hostDir, attemptId: late.id }), issueMarked({ hostDir, attemptId: late.id })]);
    expect(runs.map((r) => r.outcomes[0]?.kind).sort()).toEqual(['already-issued', 'issued']);
    expect((await readRegistry(hostDir)).filter((c) => c.attempt === late.id)).toHaveLength(1);
  });

  it.each([
    ['an id no attempt has', 'no-such-attempt', /no hosted attempt no-such-attempt awaiting marking on this host$/],
  ])('--attempt with %s: notFound', async (_, id, message) => {
    const error = await issueMarked({ hostDir, attemptId: id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(ExitCode.notFound);
    expect((error as UserError).message).toMatch(message);
  });

  it('refuses a folder that is not an exam host', async () => {
    const error = await issueMarked({ hostDir: root }).catch((e: unknown) => e);
    expect((error as UserError).message).toMatch(/not an exam host folder/);
  });
});
