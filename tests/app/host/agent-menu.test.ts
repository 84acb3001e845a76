import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assign } from '../../../src/app/assign.js';
import { agentMenu } from '../../../src/app/host/agent-menu.js';
import { initHost } from '../../../src/app/host/init-host.js';
import { loadBankOrThrow, type LoadedBank } from '../../../src/app/load-bank.js';
import { readAssignmentRegistry, writeAssignmentRegistry } from '../../../src/store/assignments.js';

const HOUR = 3_600_000;
const now = new Date('2026-12-06T10:00:00Z');

describe("the agent's menu on the exam host", () => {
  const root = mkdtempSync(join(tmpdir(), 'frontline-agent-menu-'));
  const hostDir = join(root, 'host');
  let loaded: LoadedBank;
  const assignTo = async (employeeId: string, opens = now, closes = new Date(now.getTime() + 24 * HOUR)) => {
    const [made] = await assign({
      dataDir: hostDir,
      bank: loaded.bank,
      bankHash: loaded.hash,
      keyPath: join(hostDir, 'keys', 'issuer-key.pem'),
      people: [{ employeeId, attempts: 3, out: join(hostDir, 'assignments', `${employeeId}-${Math.random()}.json`) }],
      opens,
      closes,
      now,
    });
    return made as NonNullable<typeof made>;
  };

  beforeAll(async () => {
    await initHost({ dir: hostDir, org: 'Acme', node: '/usr/bin/node', frontline: '/opt/frontline/bin/frontline.js' });
    mkdirSync(join(hostDir, 'assignments'));
    // The fixture bank with a day's wait after a failed attempt.
    const text = readFileSync('tests/fixtures/banks/host-two.yaml', 'utf8').replace('  feedback: competency', '  feedback: competency\n  attempts: { max: 3, cooldownHours: 24 }');
    writeFileSync(join(hostDir, 'banks', 'host-two.yaml'), text);
    // Not a bank: left out, and nothing else breaks.
    writeFileSync(join(hostDir, 'banks', 'notes.yaml'), 'hello: [');
    loaded = await loadBankOrThrow(join(hostDir, 'banks', 'host-two.yaml'));
  });

  it('offers an open assignment with its title, window and attempt, and what it needs to run', async () => {
    const { assignment } = await assignTo('E1');
    const menu = await agentMenu(hostDir, 'E1', now);
    expect(menu.entries).toEqual([
      expect.objectContaining({ assignmentId: assignment.id, title: 'Exam host check', bankVersion: '1.0.0', attempt: { number: 1, of: 3 }, attemptsLeftAfter: 2, state: { kind: 'ready' } }),
    ]);
    const takeable = menu.takeable.get(assignment.id);
    expect(takeable?.assignment.seed).toBe(assignment.seed);
    expect(takeable?.loaded.hash).toBe(loaded.hash);
  });

  it('shows another agent nothing of it, and hides it once closed', async () => {
    expect((await agentMenu(hostDir, 'E999', now)).entries).toEqual([]);
    expect((await agentMenu(hostDir, 'E1', new Date(now.getTime() + 48 * HOUR))).entries).toEqual([]);
  });

  it.each([
    ['not open yet', async () => assignTo('E2', new Date(now.getTime() + 2 * HOUR)), { kind: 'not-yet', opens: '2026-12-06T12:00:00Z' }],
    [
      'its file altered after signing',
      async () => {
        const made = await assignTo('E3');
        const doc = JSON.parse(readFileSync(made.file, 'utf8')) as { accommodations: { extraTime: number } };
        doc.accommodations.extraTime = 4;
        writeFileSync(made.file, JSON.stringify(doc));
        return made;
      },
      { kind: 'unavailable', why: expect.stringMatching(/missing or altered/) as unknown },
    ],
    [
      'its file gone',
      async () => {
        const made = await assignTo('E4');
        rmSync(made.file);
        return made;
      },
      { kind: 'unavailable', why: expect.stringMatching(/missing or altered/) as unknown },
    ],
    [
      'within the wait after a failed attempt',
      async () => {
        const made = await assignTo('E5');
        const registry = await readAssignmentRegistry(hostDir);
        registry.failures.push({ attempt: 'a-1', assignment: 'urn:uuid:earlier', employeeId: 'E5', bank: loaded.bank.id, endedAt: new Date(now.getTime() - HOUR).toISOString(), at: now.toISOString() });
        await writeAssignmentRegistry(hostDir, registry);
        return made;
      },
      { kind: 'cooldown', until: new Date(now.getTime() + 23 * HOUR).toISOString() },
    ],
  ])('says when one cannot start: %s', async (_, make, state) => {
    const made = await make();
    const menu = await agentMenu(hostDir, made.assignment.candidate.employeeId, now);
    expect(menu.entries.find((e) => e.assignmentId === made.assignment.id)?.state).toEqual(state);
    expect(menu.takeable.has(made.assignment.id)).toBe(false);
  });

  it('leaves out an assignment already used (a recorded failure under it)', async () => {
    const made = await assignTo('E6');
    const registry = await readAssignmentRegistry(hostDir);
    registry.failures.push({ attempt: 'a-2', assignment: made.assignment.id, employeeId: 'E6', bank: 'another-bank', endedAt: now.toISOString(), at: now.toISOString() });
    await writeAssignmentRegistry(hostDir, registry);
    expect((await agentMenu(hostDir, 'E6', now)).entries).toEqual([]);
  });

  it('says so when the host has no copy of the bank', async () => {
    const made = await assignTo('E7');
    const text = readFileSync(loaded.file, 'utf8');
    rmSync(loaded.file);
    try {
      const menu = await agentMenu(hostDir, 'E7', now);
      expect(menu.entries[0]?.title).toBe('host-two');
      expect(menu.entries[0]?.state).toEqual({ kind: 'unavailable', why: expect.stringMatching(/no copy of its bank/) as unknown });
      expect(menu.takeable.has(made.assignment.id)).toBe(false);
    } finally {
      writeFileSync(loaded.file, text);
    }
  });
});
