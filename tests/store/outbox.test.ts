import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attemptToStatements } from '../../src/core/xapi/attempt-to-statements.js';
import type { Statement } from '../../src/core/xapi/statement.js';
import type { SendResult, StatementOutcome } from '../../src/store/lrs/client.js';
import { queueAttempt } from '../../src/app/queue-statements.js';
import { conflictsDir, countQueued, drainOutbox, outboxDir, queueStatements, readOutbox, rejectedDir, type OutboxFile } from '../../src/store/outbox.js';
import { finishedAttempt } from '../fixtures/attempt-builder.js';

const xapi = { homePage: 'https://hr.example.com', activityBase: 'https://lms.example.com/frontline', includeItems: true };
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'frontline-outbox-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * An in-memory LRS with the xAPI id rules: same id and content is a no-op it
 * answers 200 to (so the client cannot tell a resend), same id and other
 * content is a conflict.
 */
function memoryLrs(rejectIds: Set<string> = new Set()) {
  const stored = new Map<string, string>();
  const batches: string[][] = [];
  const send = async (statements: Statement[]): Promise<SendResult> => {
    batches.push(statements.map((s) => s.id));
    const outcomes = new Map<string, StatementOutcome>();
    for (const s of statements) {
      const text = JSON.stringify(s);
      if (rejectIds.has(s.id)) outcomes.set(s.id, { kind: 'rejected', status: 400, reason: '400 invalid verb' });
      else if (stored.has(s.id) && stored.get(s.id) !== text) outcomes.set(s.id, { kind: 'conflict', reason: '409 conflict' });
      else {
        stored.set(s.id, text);
        outcomes.set(s.id, { kind: 'sent' });
      }
    }
    return { outcomes };
  };
  const findStored = async (statements: Statement[]): Promise<Map<string, StatementOutcome>> =>
    new Map(
      statements
        .filter((s) => stored.has(s.id))
        .map((s): [string, StatementOutcome] => [s.id, stored.get(s.id) === JSON.stringify(s) ? { kind: 'alreadyStored' } : { kind: 'conflict', reason: 'other content' }]),
    );
  return { stored, batches, send, findStored };
}

describe('queueAttempt', () => {
  it('writes the attempt statements to one file in the outbox', async () => {
    const { record, bank } = finishedAttempt();
    const { file, statements } = await queueAttempt(dataDir, record, bank, xapi, new Date('2026-11-20T10:00:00Z'));
    const content = JSON.parse(readFileSync(file, 'utf8')) as OutboxFile;
    expect(content).toEqual({
      format: 'frontline.outbox/1',
      attemptId: record.id,
      queuedAt: '2026-11-20T10:00:00.000Z',
      statements: attemptToStatements(record, bank, xapi),
    });
    expect(statements).toBe(content.statements.length);
  });

  it('queuing the same attempt twice keeps one copy', async () => {
    const { record, bank } = finishedAttempt();
    await queueAttempt(dataDir, record, bank, xapi);
    await queueAttempt(dataDir, record, bank, xapi);
    expect(readdirSync(outboxDir(dataDir))).toHaveLength(1);
    expect(await countQueued(dataDir)).toBe(attemptToStatements(record, bank, xapi).length);
  });

  it('an empty or missing outbox has nothing queued', async () => {
    expect(await readOutbox(dataDir)).toEqual({ entries: [], problems: [] });
  });
});

describe('drainOutbox', () => {
  it('sends in batches of the given size and removes the file when all are in', async () => {
    const { record, bank } = finishedAttempt();
    const { statements } = await queueAttempt(dataDir, record, bank, xapi);
    const lrs = memoryLrs();

    const report = await drainOutbox(dataDir, lrs.send, { batchSize: 4 });

    expect(report).toEqual({ sent: statements, alreadyStored: 0, conflicts: [], rejected: [], left: 0, problems: [] });
    expect(lrs.batches.map((b) => b.length)).toEqual([...Array(Math.ceil(statements / 4)).keys()].map((i) => Math.min(4, statements - i * 4)));
    expect(readdirSync(outboxDir(dataDir)).filter((n) => n.endsWith('.json'))).toEqual([]);
  });

  it('after a crash mid-sync, only the statements not yet accepted are sent again', async () => {
    const { record, bank } = finishedAttempt();
    const all = attemptToStatements(record, bank, xapi);
    await queueAttempt(dataDir, record, bank, xapi);
    const lrs = memoryLrs();
    let calls = 0;
    const crashing = async (batch: Statement[]): Promise<SendResult> => {
      if (++calls === 2) throw new Error('power cut');
      return lrs.send(batch);
    };

    await expect(drainOutbox(dataDir, crashing, { batchSize: 3 })).rejects.toThrow('power cut');
    const { entries } = await readOutbox(dataDir);
    expect(entries[0]!.content.statements.map((s) => s.id)).toEqual(all.slice(3).map((s) => s.id));

    const resumed = await drainOutbox(dataDir, lrs.send, { batchSize: 3 });
    expect(resumed.sent).toBe(all.length - 3);
    expect(lrs.stored.size).toBe(all.length);
  });

  it('when a batch reached the LRS but its reply was lost, the next sync counts it as already stored, not sent', async () => {
    const { record, bank } = finishedAttempt();
    const all = attemptToStatements(record, bank, xapi);
    await queueAttempt(dataDir, record, bank, xapi);
    const lrs = memoryLrs();
    const lostReply = async (batch: Statement[]): Promise<SendResult> => {
      await lrs.send(batch);
      throw new Error('connection reset after the LRS stored the batch');
    };
    await expect(drainOutbox(dataDir, lostReply, { batchSize: 3 })).rejects.toThrow('connection reset');
    expect((await readOutbox(dataDir)).entries[0]!.content.maybeSent).toBe(true);

    const resumed = await drainOutbox(dataDir, lrs.send, { batchSize: 3, findStored: lrs.findStored });
    expect(resumed).toMatchObject({ sent: all.length - 3, alreadyStored: 3, conflicts: [], left: 0 });
    expect(lrs.batches.slice(1).flat()).toEqual(all.slice(3).map((s) => s.id));
  });

  it('a statement the LRS holds with other content is a conflict: moved aside with its id, the rest delivered', async () => {
    const { record, bank } = finishedAttempt();
    const all = attemptToStatements(record, bank, xapi);
    const lrs = memoryLrs();
    lrs.stored.set(all[0]!.id, JSON.stringify({ ...all[0], result: { response: 'edited by hand' } }));
    await queueAttempt(dataDir, record, bank, xapi);

    const report = await drainOutbox(dataDir, lrs.send, { findStored: lrs.findStored });

    expect(report).toMatchObject({ sent: all.length - 1, alreadyStored: 0, left: 0 });
    expect(report.conflicts).toEqual([
      { attemptId: record.id, statementId: all[0]!.id, reason: '409 conflict', file: join(conflictsDir(dataDir), `${all[0]!.id}.json`) },
    ]);
    expect(JSON.parse(readFileSync(report.conflicts[0]!.file, 'utf8'))).toMatchObject({ statement: all[0] });
  });

  it('moves a rejected statement aside with the reason and keeps going', async () => {
    const { record, bank } = finishedAttempt();
    const all = attemptToStatements(record, bank, xapi);
    await queueAttempt(dataDir, record, bank, xapi);
    const bad = all[1]!.id;

    const report = await drainOutbox(dataDir, memoryLrs(new Set([bad])).send, { now: () => new Date('2026-11-21T08:00:00Z') });

    expect(report.sent).toBe(all.length - 1);
    expect(report.left).toBe(0);
    expect(report.rejected).toEqual([{ attemptId: record.id, statementId: bad, status: 400, reason: '400 invalid verb', file: join(rejectedDir(dataDir), `${bad}.json`) }]);
    expect(JSON.parse(readFileSync(report.rejected[0]!.file, 'utf8'))).toEqual({
      format: 'frontline.rejected/1',
      attemptId: record.id,
      status: 400,
      reason: '400 invalid verb',
      rejectedAt: '2026-11-21T08:00:00.000Z',
      statement: all[1],
    });
  });

  it('stops at an unreachable LRS and leaves every unsent statement queued, unchanged (the batch tried is marked maybeSent)', async () => {
    const first = finishedAttempt({ id: 'a-1' });
    const second = finishedAttempt({ id: 'a-2', start: Date.parse('2026-11-20T11:00:00Z') });
    await queueAttempt(dataDir, first.record, first.bank, xapi, new Date('2026-11-20T10:00:00Z'));
    await queueAttempt(dataDir, second.record, second.bank, xapi, new Date('2026-11-20T12:00:00Z'));
    const read = () => readdirSync(outboxDir(dataDir)).map((n) => JSON.parse(readFileSync(join(outboxDir(dataDir), n), 'utf8')) as OutboxFile);
    const before = read();
    let calls = 0;
    const down = async (): Promise<SendResult> => {
      calls++;
      return { outcomes: new Map(), unreachable: 'ECONNREFUSED' };
    };

    const report = await drainOutbox(dataDir, down);

    expect(calls).toBe(1);
    expect(report.unreachable).toBe('ECONNREFUSED');
    expect(report.left).toBe((await countQueued(dataDir)));
    expect(report.left).toBe(attemptToStatements(first.record, first.bank, xapi).length + attemptToStatements(second.record, second.bank, xapi).length);
    // A timeout is unreachable too, yet the POST may have been stored: the files it covered are marked.
    expect(read()).toEqual(before.map((file) => ({ ...file, maybeSent: true })));
  });

  it('sends the oldest attempt first', async () => {
    const late = finishedAttempt({ id: 'z-late' });
    const early = finishedAttempt({ id: 'y-early' });
    await queueAttempt(dataDir, late.record, late.bank, xapi, new Date('2026-11-20T12:00:00Z'));
    await queueAttempt(dataDir, early.record, early.bank, xapi, new Date('2026-11-20T09:00:00Z'));
    const lrs = memoryLrs();
    await drainOutbox(dataDir, lrs.send);
    expect(lrs.batches[0]![0]).toBe(attemptToStatements(early.record, early.bank, xapi)[0]!.id);
  });

  it('skips files that are not outbox files, names them, and ignores write-in-progress temp files', async () => {
    const { record, bank } = finishedAttempt();
    await queueAttempt(dataDir, record, bank, xapi);
    writeFileSync(join(outboxDir(dataDir), 'broken.json'), '{"format":');
    writeFileSync(join(outboxDir(dataDir), 'other.json'), '{"hello":1}');
    writeFileSync(join(outboxDir(dataDir), '.x.json.abc123.tmp'), 'partial');

    const report = await drainOutbox(dataDir, memoryLrs().send);

    expect(report.left).toBe(0);
    expect(report.problems.map((p) => [p.file, p.message.split(':')[0]])).toEqual([
      [join(outboxDir(dataDir), 'broken.json'), 'not JSON'],
      [join(outboxDir(dataDir), 'other.json'), 'not a frontline outbox file'],
    ]);
  });
});

describe('drainOutbox across attempts', () => {
  it('fills each batch from several attempts, and rewrites each file as its statements get in', async () => {
    const attempts = ['b-1', 'b-2', 'b-3', 'b-4', 'b-5'].map((id, i) => finishedAttempt({ id, start: Date.parse('2026-11-20T09:00:00Z') + i * 3_600_000 }));
    for (const [i, { record, bank }] of attempts.entries()) await queueAttempt(dataDir, record, bank, xapi, new Date(Date.parse('2026-11-20T12:00:00Z') + i));
    const total = attempts.reduce((sum, a) => sum + attemptToStatements(a.record, a.bank, xapi).length, 0);
    const lrs = memoryLrs();

    const report = await drainOutbox(dataDir, lrs.send, { batchSize: 50 });

    expect(report.sent).toBe(total);
    expect(lrs.batches).toHaveLength(Math.ceil(total / 50));
    expect(lrs.batches.slice(0, -1).every((b) => b.length === 50)).toBe(true);
    expect(readdirSync(outboxDir(dataDir)).filter((n) => n.endsWith('.json'))).toEqual([]);
  });

  it('sends a statement id queued twice only once', async () => {
    const { record, bank } = finishedAttempt();
    const statements = attemptToStatements(record, bank, xapi);
    await queueAttempt(dataDir, record, bank, xapi, new Date('2026-11-20T10:00:00Z'));
    await queueStatements(dataDir, 'copy', statements.slice(0, 2), new Date('2026-11-20T11:00:00Z'));
    const lrs = memoryLrs();

    const report = await drainOutbox(dataDir, lrs.send);

    expect(lrs.batches.flat()).toHaveLength(statements.length);
    expect(report).toMatchObject({ sent: statements.length, left: 0 });
    expect(readdirSync(outboxDir(dataDir)).filter((n) => n.endsWith('.json'))).toEqual([]);
  });
});
