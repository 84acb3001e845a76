import { describe, expect, it } from 'vitest';
import { assemble } from '../../../src/core/attempt/assemble.js';
import { deadlineFor } from '../../../src/core/attempt/session.js';
import type { AttemptRecord } from '../../../src/core/attempt/types.js';
import { attemptFingerprint, checkAttemptForIssue, type IssueContext, type IssueRefusal } from '../../../src/core/credential/check-attempt.js';
import { scoreAttempt } from '../../../src/core/attempt/scoring.js';
import { makeAttempt, bestResponse } from './attempt-fixture.js';
import { certificationBank, makeAssignment, makeSigner, sealedAttempt } from './assignment-fixture.js';
import { loadShippedBank } from './certificate-fixture.js';
import { SEALED_HASH } from './assignment-fixture.js';
import { refusalExitCode } from '../../../src/app/admit-attempt.js';
import { resolvedPoints, type Mark } from '../../../src/core/attempt/marking.js';
import { bankHash } from '../../../src/core/bank/hash.js';
import type { Bank, WrittenItem } from '../../../src/core/bank/types.js';

const signer = makeSigner();
const { bank, hash } = certificationBank();
const assignment = makeAssignment(signer, bank, hash);
const now = new Date('2026-11-21T00:00:00Z');

function context(registry: Partial<IssueContext['registry']> = {}): IssueContext {
  return { now, issuer: signer.did, registry: { certificates: [], assignments: new Set([assignment.id]), failures: [], seals: new Set([SEALED_HASH]), ...registry } };
}

const base = sealedAttempt(bank, hash, assignment);
const rescored = (a: AttemptRecord): AttemptRecord => ({ ...a, result: scoreAttempt(bank, a.form, a.answers) });
const items = new Map(bank.items.map((i) => [i.id, i]));
const shifted = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const DAY = 86_400_000;

describe('checkAttemptForIssue: a sealed attempt under its assignment', () => {
  it('is accepted, delivered sealed, with its assignment and a fingerprint', () => {
    const check = checkAttemptForIssue(bank, hash, base, context());
    expect(check).toMatchObject({ ok: true, delivery: 'sealed', assignment: { id: assignment.id }, fingerprint: attemptFingerprint(base) });
  });
});

/** Each forgery a candidate could try on the record, refused for its own reason. */
const forgeries: Array<[string, () => { attempt: AttemptRecord; context?: IssueContext; bankOverride?: true }, IssueRefusal]> = [
  [
    'answers edited after submitting (a 0% attempt edited to the key, its result kept)',
    () => {
      const failing = makeAttempt(bank, hash, { seed: assignment.seed, pass: false, id: base.id });
      const answered = base.answers;
      return { attempt: { ...failing, bank: base.bank, delivery: 'sealed', assignment, answers: answered } };
    },
    'altered',
  ],
  ['a changed identity', () => ({ attempt: { ...base, candidate: { name: 'Someone Else', employeeId: 'E9999' } } }), 'assignment-mismatch'],
  ['a name typed over the assignment', () => ({ attempt: { ...base, candidate: { ...base.candidate, name: 'A. Osei' } } }), 'assignment-mismatch'],
  [
    'a chosen seed (with the form it draws)',
    () => {
      const form = assemble(bank, 'my-lucky-seed');
      const answers = form.map((e) => ({ itemId: e.itemId, response: bestResponse(items.get(e.itemId)!, '2026-11-20T09:05:00.000Z'), answeredAt: '2026-11-20T09:05:00.000Z', timeSpentMs: 20_000, flagged: false }));
      return { attempt: rescored({ ...base, seed: 'my-lucky-seed', form, answers }) };
    },
    'assignment-mismatch',
  ],
  [
    'self-granted extra time (deadline moved to match)',
    () => ({ attempt: { ...base, extraTime: 1.5, deadline: new Date(deadlineFor(bank, Date.parse(base.startedAt), 1.5)).toISOString() } }),
    'assignment-mismatch',
  ],
  [
    'an attempt number used twice',
    () => ({ attempt: { ...base, id: 'attempt-sealed-2' }, context: context({ certificates: [{ attempt: 'attempt-sealed-1', assignment: assignment.id, fingerprint: 'sha256:other' }] }) }),
    'attempt-used',
  ],
  [
    'an attempt number used by an attempt that failed',
    () => ({
      attempt: base,
      context: context({ failures: [{ attempt: 'attempt-sealed-0', assignment: assignment.id, employeeId: 'E1042', bank: bank.id, endedAt: '2026-11-19T09:00:00Z' }] }),
    }),
    'attempt-used',
  ],
  ['no assignment for a bank that requires one', () => ({ attempt: { ...base, assignment: undefined } as AttemptRecord }), 'assignment-required'],
  ['an open-mode attempt on a hosted/sealed bank', () => ({ attempt: { ...base, delivery: 'open' } }), 'delivery-refused'],
  ['a record that says hosted, from a file', () => ({ attempt: { ...base, delivery: 'hosted' } }), 'delivery-refused'],
  ['a record that says sealed without a sealed copy', () => ({ attempt: { ...base, bank: { ...base.bank, sealedHash: undefined } } }), 'delivery-refused'],
  ['a record that says sealed, naming a sealed copy the issuer never made', () => ({ attempt: base, context: context({ seals: new Set() }) }), 'delivery-refused'],
  [
    'answers a day after the deadline',
    () => ({ attempt: { ...base, answers: base.answers.map((a, i) => (i === 0 ? { ...a, answeredAt: shifted(base.deadline, DAY) } : a)) } }),
    'late-answers',
  ],
  ['an end 30 days after the start', () => ({ attempt: { ...base, endedAt: shifted(base.startedAt, 30 * DAY) } }), 'bad-times'],
  ['a start in 2099', () => ({ attempt: { ...base, startedAt: '2099-01-01T00:00:00.000Z' } }), 'bad-times'],
  ['extraTime 1e9', () => ({ attempt: { ...base, extraTime: 1e9 } }), 'bad-times'],
  ['timeSpentMs 1e15', () => ({ attempt: { ...base, answers: base.answers.map((a, i) => (i === 0 ? { ...a, timeSpentMs: 1e15 } : a)) } }), 'bad-times'],
  ['an answer before the start', () => ({ attempt: { ...base, answers: base.answers.map((a, i) => (i === 0 ? { ...a, answeredAt: shifted(base.startedAt, -DAY) } : a)) } }), 'bad-times'],
  ['a deadline moved later', () => ({ attempt: { ...base, deadline: shifted(base.deadline, DAY) } }), 'bad-times'],
  [
    'the same form and answers under a new attempt id (a replay)',
    () => ({ attempt: { ...base, id: 'attempt-copy' }, context: context({ certificates: [{ attempt: 'attempt-sealed-1', fingerprint: attemptFingerprint(base) }] }) }),
    'replay',
  ],
  ['an assignment edited after signing', () => ({ attempt: { ...base, assignment: { ...assignment, accommodations: { extraTime: 2 } } } }), 'bad-assignment'],
  ['an assignment signed by another key', () => ({ attempt: { ...base, assignment: makeAssignment(makeSigner(), bank, hash) } }), 'bad-assignment'],
  [
    'an assignment for another bank',
    () => ({ attempt: { ...base, assignment: makeAssignment(signer, bank, loadShippedBank().hash) } }),
    'bad-assignment',
  ],
  ['an assignment the issuer never recorded', () => ({ attempt: base, context: context({ assignments: new Set() }) }), 'bad-assignment'],
  [
    'an attempt after its assignment closed',
    () => ({ attempt: { ...base, assignment: makeAssignment(signer, bank, hash, { window: { opens: '2026-11-01T00:00:00Z', closes: '2026-11-10T00:00:00Z' } }) } }),
    'outside-window',
  ],
  [
    'an attempt within the cooldown after a failed one',
    () => ({
      attempt: base,
      context: context({ failures: [{ attempt: 'attempt-x', assignment: 'urn:uuid:earlier', employeeId: 'E1042', bank: bank.id, endedAt: '2026-11-20T08:00:00Z' }] }),
    }),
    'cooldown',
  ],
];

describe('checkAttemptForIssue refuses each forgery for its own reason', () => {
  it.each(forgeries)('%s', (_name, make, reason) => {
    const { attempt, context: ctx } = make();
    const check = checkAttemptForIssue(bank, hash, attempt, ctx ?? context());
    expect(check).toMatchObject({ ok: false, reason });
  });
});

describe('open delivery on a bank that accepts it', () => {
  const starter = loadShippedBank();
  it('is accepted without an assignment; a record without `delivery` is open', () => {
    const attempt = makeAttempt(starter.bank, starter.hash);
    expect(attempt.delivery).toBeUndefined();
    expect(checkAttemptForIssue(starter.bank, starter.hash, attempt, context())).toMatchObject({ ok: true, delivery: 'open' });
  });

  it('the fingerprint ignores the attempt id, the candidate and the times', () => {
    const a = makeAttempt(starter.bank, starter.hash);
    const copy = { ...a, id: 'other', candidate: { name: 'X', employeeId: 'E2' }, answers: a.answers.map((x) => ({ ...x, answeredAt: '2026-11-20T09:06:00.000Z' })) };
    expect(attemptFingerprint(copy)).toBe(attemptFingerprint(a));
    const changed = { ...a, answers: a.answers.map((x, i) => (i === 0 ? { ...x, response: null } : x)) };
    expect(attemptFingerprint(changed)).not.toBe(attemptFingerprint(a));
  });
});

describe('an attempt with a written reply', () => {
  const starter = loadShippedBank();
  const reply: WrittenItem = {
    id: 'com-w1',
    type: 'written',
    competency: 'communicating',
    stem: 'Write your reply.',
    channel: 'chat',
    modelAnswer: 'I am sorry about the wait; your parcel arrives on Friday.',
    rubric: [{ id: 'tone', criterion: 'Tone', competency: 'communicating', levels: [{ points: 0, descriptor: 'Curt' }, { points: 2, descriptor: 'Warm and clear' }] }],
  };
  const withReply: Bank = { ...starter.bank, items: [...starter.bank.items, reply] };
  const hashWithReply = bankHash(withReply);
  const attempt = makeAttempt(withReply, hashWithReply);
  const mark = (tone: number): Mark => ({ attempt: attempt.id, item: 'com-w1', levels: { tone }, marker: 'Trainer T', at: '2026-11-20T12:00:00.000Z', role: 'first' });

  it('is refused as awaiting-marking (exit 40) while the reply has no marks, naming the item', () => {
    expect(attempt.result!.status).toBe('awaiting-marking');
    const check = checkAttemptForIssue(withReply, hashWithReply, attempt, context());
    expect(check).toEqual({ ok: false, reason: 'awaiting-marking', message: '1 written reply waits for a marker ("com-w1"): issue it once it is marked' });
    expect(refusalExitCode('awaiting-marking')).toBe(40);
  });

  it('is scored with the marks that stand once marked: the bottom level scores less than the top', () => {
    const top = checkAttemptForIssue(withReply, hashWithReply, attempt, { ...context(), marks: resolvedPoints(withReply, attempt, [mark(2)]) });
    expect(top).toMatchObject({ ok: true, result: { passed: true } });
    const scored = top.ok ? top.result.items.find((r) => r.itemId === 'com-w1') : undefined;
    expect(scored?.score).toBe(1);
    expect(scored?.pending).toBeUndefined();
    const bottom = checkAttemptForIssue(withReply, hashWithReply, attempt, { ...context(), marks: resolvedPoints(withReply, attempt, [mark(0)]) });
    expect(bottom.ok && top.ok && bottom.result.percent < top.result.percent).toBe(true);
    if (bottom.ok) expect(bottom.result.items.find((r) => r.itemId === 'com-w1')?.score).toBe(0);
  });
});
