import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveMark } from '../../src/app/mark-replies.js';
import { queueAttempt } from '../../src/app/queue-statements.js';
import type { Mark } from '../../src/core/attempt/marking.js';
import { registrationFor, statementId } from '../../src/core/xapi/attempt-to-statements.js';
import { findStored, sendStatements, type LrsSettings } from '../../src/store/lrs/client.js';
import { drainOutbox, outboxDir } from '../../src/store/outbox.js';
import { finishedAttempt, MARK_BANK } from '../fixtures/attempt-builder.js';
import { fetchStatement, fetchStatements, startLearningLocker, type LocalLrs } from './learning-locker.js';

const fast = { sleep: async () => {}, maxTries: 3, timeoutMs: 5_000 };
let lrs: LocalLrs;
beforeAll(async () => {
  lrs = await startLearningLocker();
});
afterAll(async () => {
  await lrs?.stop();
});

describe('the score statement follows marking', () => {
  it('take queues no outcome for an attempt awaiting marking; the mark that resolves its last reply queues it, scored with the marks, and the LRS stores it beside the earlier statements', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'frontline-mark-lrs-'));
    try {
      const config = { endpoint: lrs.endpoint, auth: 'test:test', homePage: 'https://hr.example.com', activityBase: 'https://lms.example.com/frontline', includeItems: true };
      const target: LrsSettings = { endpoint: lrs.endpoint, authorization: 'Basic dGVzdDp0ZXN0' };
      const drain = () => drainOutbox(dataDir, (batch) => sendStatements(target, batch, fast), { findStored: (s) => findStored(target, s, fast) });
      const { record, bank } = finishedAttempt({ id: 'att-marked-lrs', bankFile: MARK_BANK, texts: { w1: 'Sam, sorry for the three contacts; I will call by 3pm.', w2: 'Call promised by 3pm.' } });
      expect(record.result?.status).toBe('awaiting-marking');

      // What take queues at the end: the answered statements only, the written ones unscored.
      await queueAttempt(dataDir, record, bank, config);
      expect((await drain()).conflicts).toEqual([]);
      expect(await fetchStatement(lrs.endpoint, statementId(record.id, 'outcome'))).toBeUndefined();

      const mark = (item: string, levels: Record<string, number>): Mark => ({ attempt: record.id, item, levels, marker: 'Ann', at: new Date().toISOString(), role: 'first' });
      const first = await saveMark({ dataDir, bank, attempt: record, mark: mark('w1', { ack: 2, next: 1 }), lrs: { config, env: {} } });
      expect(first).toEqual({ attemptMarked: false, queued: 0 });
      expect(readdirSync(outboxDir(dataDir)).filter((f) => f.endsWith('.json'))).toEqual([]);

      const last = await saveMark({ dataDir, bank, attempt: record, mark: mark('w2', { clear: 2 }), lrs: { config, env: {} } });
      // passed/failed and one scored statement per competency.
      expect(last).toEqual({ attemptMarked: true, queued: 3 });
      expect(readdirSync(outboxDir(dataDir))).toEqual([`${registrationFor(record.id)}.marked.json`]);

      const report = await drain();
      expect(report).toMatchObject({ sent: 3, conflicts: [], rejected: [], left: 0 });
      const outcome = await fetchStatement(lrs.endpoint, statementId(record.id, 'outcome'));
      // listening: s1 1 + ack 2/2 → 100 %; writing: next 1/2 + clear 2/2 → 75 %; mean 87.5.
      expect(outcome).toMatchObject({ verb: { id: 'http://adlnet.gov/expapi/verbs/passed' }, result: { score: { raw: 87.5 }, success: true } });
      const stored = await fetchStatements(lrs.endpoint, { registration: registrationFor(record.id) });
      expect(stored.length).toBe(3 + 3);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
