import { describe, expect, it } from 'vitest';
import { formatRemaining, runningRow, summarizeFinished } from '../../../src/core/host/host-status.js';

describe('summarizeFinished: what ended since a moment, per bank', () => {
  const since = Date.parse('2026-12-01T00:00:00Z');
  let n = 0;
  const record = (bank: string, endedAt: string, passed: boolean, status?: 'awaiting-marking') => ({ id: `a${(n += 1)}`, bank: { id: bank }, endedAt, result: { passed, ...(status ? { status } : {}) } });
  it.each([
    [[], { total: 0, passed: 0, awaitingMarking: 0, byBank: [] }],
    [[record('chat', '2026-11-30T23:59:59Z', true)], { total: 0, passed: 0, awaitingMarking: 0, byBank: [] }],
    [[record('chat', '2026-12-01T00:00:00Z', true)], { total: 1, passed: 1, awaitingMarking: 0, byBank: [{ bank: 'chat', total: 1, passed: 1, awaitingMarking: 0 }] }],
    [
      [record('returns', '2026-12-01T10:00:00Z', false), record('chat', '2026-12-01T09:00:00Z', true), record('returns', '2026-12-01T11:00:00Z', true), record('chat', 'not a date', true)],
      { total: 3, passed: 2, awaitingMarking: 0, byBank: [{ bank: 'chat', total: 1, passed: 1, awaitingMarking: 0 }, { bank: 'returns', total: 2, passed: 1, awaitingMarking: 0 }] },
    ],
    [[record('chat', '2026-12-01T10:00:00Z', false, 'awaiting-marking')], { total: 1, passed: 0, awaitingMarking: 1, byBank: [{ bank: 'chat', total: 1, passed: 0, awaitingMarking: 1 }] }],
  ])('%j', (records, expected) => {
    expect(summarizeFinished(records, since)).toEqual(expected);
  });

  it('counts an attempt certified after marking (host issue) as passed, not as awaiting', () => {
    const waiting = record('chat', '2026-12-01T10:00:00Z', false, 'awaiting-marking');
    const other = record('chat', '2026-12-01T11:00:00Z', false, 'awaiting-marking');
    expect(summarizeFinished([waiting, other], since, new Set([waiting.id]))).toEqual({ total: 2, passed: 1, awaitingMarking: 1, byBank: [{ bank: 'chat', total: 2, passed: 1, awaitingMarking: 1 }] });
  });
});

describe('formatRemaining', () => {
  it.each([
    [0, '0:00'],
    [59_999, '0:59'],
    [12 * 60_000 + 30_000, '12:30'],
    [3_600_000 + 5 * 60_000 + 9_000, '1:05:09'],
    [-42_000, '-0:42'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatRemaining(ms)).toBe(text);
  });
});

describe('runningRow', () => {
  it('moves the deadline by the verified extension and counts time left from now', () => {
    const header = { attemptId: 'a', candidate: { employeeId: 'E1', name: 'Dana' }, bank: { id: 'chat', version: '1', title: 'Chat' }, startedAt: 0, deadline: 1_800_000, form: [1, 2, 3] };
    expect(runningRow(header, { extensionMs: 600_000, answered: 2, now: 1_000_000 })).toMatchObject({ deadline: 2_400_000, extensionMinutes: 10, remainingMs: 1_400_000, answered: 2, total: 3 });
  });
});
