import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attemptPermissionIn, refusalMessage } from '../../src/app/attempt-permission.js';
import type { Mark } from '../../src/core/attempt/marking.js';
import { attemptPermission, type AttemptPermission } from '../../src/core/attempt/policy.js';
import { writeAttemptRecord } from '../../src/store/attempts.js';
import { appendMark } from '../../src/store/marks.js';
import { writtenAttempt, writtenBank, writtenItem } from '../fixtures/written-attempts.js';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const HOUR = 3_600_000;
const withPolicy = (attempts: { max?: number; cooldownHours?: number }) => writtenBank([writtenItem('w1', { ack: [0, 1, 2] })], { attempts });
const mark = (ack: number, role: Mark['role'] = 'first'): Mark => ({ attempt: 'a1', item: 'w1', levels: { ack }, marker: 'QA', role, at: '2026-11-21T09:00:00.000Z' });

describe('attemptPermission with an attempt awaiting marking', () => {
  it.each<[string, { max?: number; cooldownHours?: number }, Mark[] | undefined, number, Partial<AttemptPermission>]>([
    ['waiting, the bank has a cooldown: no new attempt until it is marked', { cooldownHours: 24 }, [], 48, { allowed: false, reason: 'awaiting-marking', attemptId: 'a1', used: 1 }],
    ['waiting, no marks read at all: the same', { cooldownHours: 24 }, undefined, 48, { allowed: false, reason: 'awaiting-marking' }],
    ['waiting for a third marker is still waiting', { cooldownHours: 24 }, [mark(0), mark(2, 'second')], 48, { allowed: false, reason: 'awaiting-marking' }],
    ['waiting, no cooldown: nothing a new attempt would skip', {}, [], 1, { allowed: true, used: 1 }],
    ['waiting still counts toward the maximum', { max: 1, cooldownHours: 24 }, [], 1, { allowed: false, reason: 'used-up', used: 1, max: 1 }],
    ['marked since, and failed: the cooldown runs from its end', { cooldownHours: 24 }, [mark(0)], 23, { allowed: false, reason: 'cooldown' }],
    ['marked since, failed, the cooldown over', { cooldownHours: 24 }, [mark(0)], 25, { allowed: true, used: 1 }],
    ['marked since, and passed: no wait', { cooldownHours: 24 }, [mark(2)], 1, { allowed: true, used: 1 }],
    ['a mark with a level its criterion lacks settles nothing', { cooldownHours: 24 }, [mark(7)], 1, { allowed: false, reason: 'awaiting-marking' }],
  ])('%s', (_, policy, marks, hoursLater, expected) => {
    const loaded = withPolicy(policy);
    const record = writtenAttempt(loaded, { id: 'a1', employeeId: 'E1', start: T0 });
    expect(record.result?.status).toBe('awaiting-marking');
    const marking = marks === undefined ? undefined : { marks, bankHash: loaded.hash };
    expect(attemptPermission(loaded.bank, 'E1', [record], new Date(T0 + hoursLater * HOUR), [], marking)).toMatchObject(expected);
  });

  it('marks on another version of the bank do not score the attempt', () => {
    const loaded = withPolicy({ cooldownHours: 24 });
    const record = writtenAttempt(loaded, { id: 'a1', employeeId: 'E1', start: T0 });
    const permission = attemptPermission(loaded.bank, 'E1', [record], new Date(T0 + 48 * HOUR), [], { marks: [mark(2)], bankHash: `sha256:${'0'.repeat(64)}` });
    expect(permission).toMatchObject({ allowed: false, reason: 'awaiting-marking' });
  });

  it('reads the marks in the data dir: waiting, then allowed once marked as a pass', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-permission-'));
    const loaded = withPolicy({ cooldownHours: 24 });
    await writeAttemptRecord(dir, writtenAttempt(loaded, { id: 'a1', employeeId: 'E1', start: T0 }));
    const waiting = await attemptPermissionIn(dir, loaded.bank, 'E1', new Date(T0 + 48 * HOUR));
    expect(waiting).toMatchObject({ allowed: false, reason: 'awaiting-marking' });
    expect(refusalMessage(waiting as Extract<AttemptPermission, { allowed: false }>, 'E1')).toMatch(/^Your last attempt is awaiting marking/);
    await appendMark(dir, mark(2));
    expect(await attemptPermissionIn(dir, loaded.bank, 'E1', new Date(T0 + 2 * HOUR))).toMatchObject({ allowed: true, used: 1 });
  });
});
