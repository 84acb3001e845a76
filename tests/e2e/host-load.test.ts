import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgent } from '../../src/app/host/agents.js';
import { assign } from '../../src/app/assign.js';
import { loadBankOrThrow } from '../../src/app/load-bank.js';
import { makeHost, sshPublicKey, type TestHost } from './host-fixture.js';
import { spawnFrontline, tempHome, type PtySession } from './pty-harness.js';

const AGENTS = 50;
/** Sessions brought to the submit prompt together; all 50 then submit at once. */
const BATCH = 10;

/**
 * The load test: 50 `host session` processes, each in its own
 * terminal, all at the submit prompt, submit at the same moment. Every shared
 * write (attempt records, the certificate registry and its status-list
 * indexes, the assignment registry) is done by separate processes at once.
 */
describe(`the exam host under ${AGENTS} sessions submitting at once`, () => {
  const root = mkdtempSync(join(tmpdir(), 'frontline-host-load-'));
  const home = tempHome();
  let host: TestHost;
  const ids = Array.from({ length: AGENTS }, (_, i) => `L${String(i + 1).padStart(3, '0')}`);
  const sessions: PtySession[] = [];

  beforeAll(async () => {
    host = makeHost(root);
    for (const id of ids) {
      const file = join(root, `${id}.pub`);
      writeFileSync(file, `${sshPublicKey(id)}\n`);
      await addAgent(host.dir, { employeeId: id, name: `Agent ${id}` }, file);
    }
    const loaded = await loadBankOrThrow(join(host.dir, 'banks', 'host-two.yaml'));
    await assign({
      dataDir: host.dir,
      bank: loaded.bank,
      bankHash: loaded.hash,
      keyPath: join(host.dir, 'keys', 'issuer-key.pem'),
      people: ids.map((employeeId) => ({ employeeId, attempts: 1, out: join(host.dir, 'assignments', `${employeeId}.json`) })),
    });
  }, 120_000);

  afterAll(() => {
    for (const s of sessions) s.kill();
    home.remove();
  });

  const toSubmitPrompt = async (id: string): Promise<PtySession> => {
    const s = spawnFrontline(['--data-dir', host.dir, 'host', 'session', '--employee', id], { home: home.dir });
    sessions.push(s);
    await s.waitForText('Your tests:', 90_000);
    s.press('enter');
    await s.waitForText('Enter: start (the clock starts now)', 60_000);
    s.press('enter');
    await s.waitForText('Question 1 of 2', 60_000);
    s.press('1');
    s.press('enter');
    await s.waitForText('Question 2 of 2', 60_000);
    s.press('1');
    s.press('enter');
    await s.waitForText('Submit your answers?', 60_000);
    return s;
  };

  it('records 50 attempts and signs 50 certificates with 50 distinct status indexes; each assignment is used exactly once', async () => {
    const ready: PtySession[] = [];
    for (let i = 0; i < ids.length; i += BATCH) ready.push(...(await Promise.all(ids.slice(i, i + BATCH).map(toSubmitPrompt))));
    // All at once: one burst of 'y' to every terminal.
    for (const s of ready) s.press('y');
    const screens = await Promise.all(ready.map((s) => s.waitForText(/Certificate urn:uuid:\S+ issued|warning:/, 180_000)));
    for (const screen of screens) expect(screen).toMatch(/PASS[\s\S]*Certificate urn:uuid:\S+ issued/);
    for (const s of ready) s.press('enter');
    const exits = await Promise.all(ready.map((s) => s.exited));
    expect(exits.map((e) => e.exitCode)).toEqual(ids.map(() => 0));

    const records = readdirSync(join(host.dir, 'attempts')).filter((f) => f.endsWith('.json'));
    expect(records).toHaveLength(AGENTS);
    const certificates = readdirSync(join(host.dir, 'certificates')).filter((f) => f.endsWith('.json'));
    expect(certificates).toHaveLength(AGENTS);
    const registry = JSON.parse(readFileSync(join(host.dir, 'certificate-registry.json'), 'utf8')) as {
      entries: Array<{ employeeId: string; statusListIndex: number; assignment?: string; attemptNumber?: number; delivery?: string; pending?: unknown }>;
    };
    expect(registry.entries).toHaveLength(AGENTS);
    expect(new Set(registry.entries.map((e) => e.statusListIndex)).size).toBe(AGENTS);
    expect(new Set(registry.entries.map((e) => e.employeeId))).toEqual(new Set(ids));
    expect(new Set(registry.entries.map((e) => e.assignment)).size).toBe(AGENTS);
    expect(registry.entries.every((e) => e.delivery === 'hosted' && e.attemptNumber === 1 && e.pending === undefined)).toBe(true);
    expect(readdirSync(join(host.dir, 'journals')).filter((f) => f.endsWith('.jsonl') && !f.endsWith('.done.jsonl'))).toEqual([]);

    // The cap is exact: one attempt each was allowed, and it is used.
    const again = spawnFrontline(['--data-dir', host.dir, 'host', 'session', '--employee', ids[0] as string], { home: home.dir });
    expect((await again.exited).exitCode).toBe(0);
    expect(again.screenText()).toMatch(/No tests are assigned/);
    const loaded = await loadBankOrThrow(join(host.dir, 'banks', 'host-two.yaml'));
    await expect(
      assign({
        dataDir: host.dir,
        bank: loaded.bank,
        bankHash: loaded.hash,
        keyPath: join(host.dir, 'keys', 'issuer-key.pem'),
        people: [{ employeeId: ids[0] as string, attempts: 1, out: join(root, 'again.json') }],
      }),
    ).rejects.toThrow(/has had 1 of 1 attempts/);
  }, 900_000);
});
