import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attemptToStatements, registrationFor, statementId } from '../../src/core/xapi/attempt-to-statements.js';
import type { Statement } from '../../src/core/xapi/statement.js';
import { findStored, sendStatements, type LrsSettings } from '../../src/store/lrs/client.js';
import { queueAttempt } from '../../src/app/queue-statements.js';
import { drainOutbox, outboxDir, queueStatements, rejectedDir } from '../../src/store/outbox.js';
import { runCli } from '../e2e/run-cli.js';
import { finishedAttempt } from '../fixtures/attempt-builder.js';
import { fetchStatement, fetchStatements, freePort, startLearningLocker, type LocalLrs } from './learning-locker.js';

const xapi = { homePage: 'https://hr.example.com', activityBase: 'https://lms.example.com/frontline', includeItems: true };
// Retries without waiting: the schedule itself is tested in tests/core/xapi/backoff.test.ts.
const fast = { sleep: async () => {}, maxTries: 3, timeoutMs: 5_000 };

let lrs: LocalLrs;
let dataDir: string;

beforeAll(async () => {
  lrs = await startLearningLocker();
});
afterAll(async () => {
  await lrs?.stop();
});
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'frontline-sync-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function settings(): LrsSettings {
  return { endpoint: lrs.endpoint, authorization: 'Basic dGVzdDp0ZXN0' };
}

function drain(target: LrsSettings = settings(), batchSize = 50) {
  return drainOutbox(dataDir, (batch) => sendStatements(target, batch, fast), { batchSize, findStored: (s) => findStored(target, s, fast) });
}

function outboxFiles(): string[] {
  try {
    return readdirSync(outboxDir(dataDir)).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
}

describe('sync to the Learning Locker xAPI service', () => {
  it('stores every statement of a finished attempt, and empties the outbox', async () => {
    const { record, bank } = finishedAttempt({ id: 'att-accepted-1' });
    const { statements } = await queueAttempt(dataDir, record, bank, xapi);

    const report = await drain(settings(), 7);

    expect(report).toMatchObject({ sent: statements, alreadyStored: 0, conflicts: [], rejected: [], left: 0 });
    expect(report.unreachable).toBeUndefined();
    expect(outboxFiles()).toEqual([]);
    const stored = await fetchStatements(lrs.endpoint, { registration: registrationFor(record.id) });
    expect(stored).toHaveLength(statements);
    const outcome = await fetchStatement(lrs.endpoint, statementId(record.id, 'outcome'));
    expect(outcome).toMatchObject({
      verb: { id: 'http://adlnet.gov/expapi/verbs/passed' },
      actor: { account: { homePage: 'https://hr.example.com', name: 'E1042' } },
      result: { success: true, score: { raw: record.result!.percent, min: 0, max: 100 } },
      context: { registration: registrationFor(record.id) },
    });
  });

  it('does not duplicate anything when the same attempt is queued and sent again, and counts the resend as already stored', async () => {
    const { record, bank } = finishedAttempt({ id: 'att-resend-1', right: false });
    const { statements } = await queueAttempt(dataDir, record, bank, xapi);
    expect((await drain()).sent).toBe(statements);

    await queueAttempt(dataDir, record, bank, xapi, new Date(), { maybeSent: true });
    const again = await drain();

    expect(again.rejected).toEqual([]);
    expect(again).toMatchObject({ sent: 0, alreadyStored: statements, conflicts: [] });
    expect(again.left).toBe(0);
    const stored = await fetchStatements(lrs.endpoint, { registration: registrationFor(record.id) });
    expect(stored).toHaveLength(statements);
    expect(new Set(stored.map((s) => s['id'])).size).toBe(statements);
  });

  it('reports an id the LRS holds with other content (409) as a conflict with its id, and still delivers the rest of that batch', async () => {
    const first = finishedAttempt({ id: 'att-conflict-1' });
    await queueAttempt(dataDir, first.record, first.bank, xapi);
    await drain();
    const [outcome] = attemptToStatements(first.record, first.bank, xapi);
    const altered: Statement = { ...outcome!, result: { ...outcome!.result, response: 'edited by hand' } };
    const second = finishedAttempt({ id: 'att-conflict-2', right: false });
    const fresh = attemptToStatements(second.record, second.bank, xapi);
    await queueStatements(dataDir, 'mixed', [altered, ...fresh]);

    const report = await drain();

    expect(report).toMatchObject({ sent: fresh.length, alreadyStored: 0, rejected: [], left: 0 });
    expect(report.conflicts.map((c) => [c.statementId, c.reason])).toEqual([[outcome!.id, expect.stringMatching(/^409 .*: the LRS holds a different statement under this id$/)]]);
    expect(await fetchStatements(lrs.endpoint, { registration: registrationFor(second.record.id) })).toHaveLength(fresh.length);
    expect((await fetchStatement(lrs.endpoint, outcome!.id))?.['result']).not.toHaveProperty('response');
  });

  it('reports a statement the LRS refuses with its reason, keeps it aside, and delivers the others', async () => {
    const { record, bank } = finishedAttempt({ id: 'att-rejected-1' });
    const good = attemptToStatements(record, bank, xapi);
    const bad: Statement = { ...good[0]!, id: '5f0c7e0e-2d7b-5b8c-9d1e-3a4b5c6d7e8f', verb: { id: 'not a verb IRI', display: { 'en-US': 'x' } } };
    await queueStatements(dataDir, record.id, [bad, ...good.slice(1)]);

    const report = await drain();

    expect(report.sent).toBe(good.length - 1);
    expect(report.left).toBe(0);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({ statementId: bad.id, status: 400 });
    expect(report.rejected[0]!.reason).toMatch(/^400 Problem in 'statements\.0\.verb\.id'/);
    const kept = JSON.parse(readFileSync(join(rejectedDir(dataDir), `${bad.id}.json`), 'utf8')) as { statement: Statement; reason: string };
    expect(kept.statement).toEqual(bad);
    expect(await fetchStatement(lrs.endpoint, bad.id)).toBeUndefined();
  });

  it('leaves the outbox intact while the LRS is down, and a later sync drains it', async () => {
    const { record, bank } = finishedAttempt({ id: 'att-offline-1' });
    const { statements } = await queueAttempt(dataDir, record, bank, xapi);
    const [file] = outboxFiles();
    const before = readFileSync(join(outboxDir(dataDir), file!), 'utf8');
    const port = await freePort();
    const down: LrsSettings = { endpoint: `http://127.0.0.1:${port}/xAPI`, authorization: 'Basic dGVzdDp0ZXN0' };

    const offline = await drain(down);

    expect(offline.unreachable).toMatch(/ECONNREFUSED/);
    expect(offline).toMatchObject({ sent: 0, left: statements, rejected: [] });
    // The statements stay as they were; the file is marked as possibly sent, so the next sync asks first.
    expect(JSON.parse(readFileSync(join(outboxDir(dataDir), file!), 'utf8'))).toEqual({ ...(JSON.parse(before) as object), maybeSent: true });

    const later = await startLearningLocker(port);
    try {
      const back = await drain(down);
      expect(back).toMatchObject({ sent: statements, left: 0 });
      expect(back.unreachable).toBeUndefined();
      expect(outboxFiles()).toEqual([]);
      expect(await fetchStatements(later.endpoint, { registration: registrationFor(record.id) })).toHaveLength(statements);
    } finally {
      await later.stop();
    }
  });
});

describe('frontline sync (built binary)', () => {
  function attemptFile(id: string): { path: string; statements: number } {
    const { record, bank } = finishedAttempt({ id });
    const path = join(dataDir, `${id}.json`);
    writeFileSync(path, JSON.stringify(record));
    return { path, statements: attemptToStatements(record, bank, { ...xapi, includeItems: false }).length };
  }

  it('queues attempt records with --add and sends them', async () => {
    const { path, statements } = attemptFile('att-cli-1');
    const result = runCli(['--data-dir', dataDir, 'sync', '--add', path, '--lrs', lrs.endpoint, '--auth', 'test:test', '--json']);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { sent: number; left: number; queued: Array<{ statements: number }> };
    expect(report.queued[0]!.statements).toBe(statements);
    expect(report.sent).toBe(statements);
    expect(report.left).toBe(0);
  });

  it('a second --add of the same attempt reports already stored, not sent; a conflict exits 21 naming the id', async () => {
    const { path, statements } = attemptFile('att-cli-resend');
    const args = ['--data-dir', dataDir, 'sync', '--add', path, '--lrs', lrs.endpoint, '--auth', 'test:test', '--json'];
    expect(runCli(args).status).toBe(0);
    const again = runCli(args);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ sent: 0, alreadyStored: statements, conflicts: [] });

    const { record, bank } = finishedAttempt({ id: 'att-cli-resend' });
    const [first] = attemptToStatements(record, bank, { ...xapi, includeItems: false });
    await queueStatements(dataDir, 'edited', [{ ...first!, result: { ...first!.result, response: 'edited by hand' } }]);
    const conflict = runCli(['--data-dir', dataDir, 'sync', '--lrs', lrs.endpoint, '--auth', 'test:test']);
    expect(conflict.status).toBe(21);
    expect(conflict.stdout).toContain(`conflict ${first!.id} (attempt edited)`);
  });

  it('exits 20 (offline) and keeps the statements queued when the LRS cannot be reached', async () => {
    const { path, statements } = attemptFile('att-cli-2');
    const port = await freePort();
    const result = runCli(['--data-dir', dataDir, 'sync', '--add', path, '--retries', '0'], {
      env: { FRONTLINE_LRS_ENDPOINT: `http://127.0.0.1:${port}/xAPI`, FRONTLINE_LRS_AUTH: 'test:test' },
    });

    expect(result.status).toBe(20);
    expect(result.stdout).toContain(`${statements} statement(s) stay queued`);
    expect(outboxFiles()).toHaveLength(1);

    const retry = runCli(['--data-dir', dataDir, 'sync', '--lrs', lrs.endpoint, '--auth', 'test:test']);
    expect(retry.status).toBe(0);
    expect(retry.stdout).toContain(`sent ${statements} statement(s)`);
    expect(outboxFiles()).toEqual([]);
  });

  it('with no LRS configured, --add only queues', () => {
    const { path } = attemptFile('att-cli-3');
    const result = runCli(['--data-dir', dataDir, 'sync', '--add', path], { env: { FRONTLINE_LRS_ENDPOINT: '' } });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/no LRS configured/);
    expect(outboxFiles()).toHaveLength(1);
    const none = runCli(['--data-dir', dataDir, 'sync'], { env: { FRONTLINE_LRS_ENDPOINT: '' } });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no LRS endpoint configured/);
  });
});
