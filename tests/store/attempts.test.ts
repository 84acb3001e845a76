import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/core/attempt/assemble.js';
import { attemptPermission } from '../../src/core/attempt/policy.js';
import { buildAttemptRecord } from '../../src/core/attempt/record.js';
import type { AttemptRecord } from '../../src/core/attempt/types.js';
import type { Bank } from '../../src/core/bank/types.js';
import type { JournalHeader } from '../../src/core/attempt/journal-entry.js';
import { reduce, startSession, type Event } from '../../src/core/attempt/session.js';
import { attemptPermissionIn } from '../../src/app/attempt-permission.js';
import { listAttempts, readAttemptFile, writeAttemptRecord } from '../../src/store/attempts.js';
import { Journal } from '../../src/store/journal.js';
import { makeBank, scenario, single } from '../fixtures/bank-builder.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const HOUR = 3_600_000;
const HASH = `sha256:${'ab'.repeat(32)}`;

const tempDir = () => mkdtemp(join(tmpdir(), 'frontline-attempts-'));

/** A finished attempt as `take` would save it: every item right (or wrong), submitted after a minute. */
function finishedAttempt(bank: Bank, options: { id: string; employeeId?: string; startedAt?: number; right?: boolean }): AttemptRecord {
  const startedAt = options.startedAt ?? T0;
  const form = assemble(bank, options.id);
  const header: JournalHeader = {
    kind: 'header',
    format: 'frontline.journal/1',
    attemptId: options.id,
    candidate: { name: 'Ada Agent', employeeId: options.employeeId ?? 'E1' },
    tags: { site: 'leeds' },
    bank: { id: bank.id, version: bank.version, title: bank.title, hash: HASH },
    seed: options.id,
    extraTime: 1,
    form,
    startedAt,
    deadline: startedAt + 600_000,
  };
  let state = startSession({ bank, form, startedAt });
  form.forEach((entry, index) => {
    const item = bank.items.find((i) => i.id === entry.itemId);
    const at = startedAt + (index + 1) * 1_000;
    if (item?.type === 'single') {
      const choice = options.right === false ? (item.answer === 'a' ? 'c' : 'a') : item.answer;
      state = reduce(state, { type: 'answer', at, itemId: item.id, response: { type: 'single', choice } });
    } else if (item?.type === 'scenario') {
      state = reduce(state, { type: 'scenario-choose', at, itemId: item.id, choice: 'a' });
    }
    state = reduce(state, { type: 'go', at, index: index + 1 } satisfies Event);
  });
  state = reduce(state, { type: 'submit', at: startedAt + 60_000 });
  return buildAttemptRecord(state, header);
}

const bank = makeBank({ items: [single('l1', 'listen'), scenario('sc'), single('t1', 'talk'), single('t2', 'talk')] });

describe('attempt records on disk', () => {
  it('writes a record that reads back equal and passes the schema', async () => {
    const dir = await tempDir();
    const record = finishedAttempt(bank, { id: 'a1' });
    const path = await writeAttemptRecord(dir, record);
    expect(path.startsWith(join(dir, 'attempts'))).toBe(true);
    expect(await readAttemptFile(path)).toEqual({ ok: true, record });
    expect(await readdir(join(dir, 'attempts'))).toHaveLength(1);
  });

  it('keeps a record inside the attempts folder whatever its id says', async () => {
    const dir = await tempDir();
    const record = { ...finishedAttempt(bank, { id: 'a1' }), id: '../../escaped' };
    const path = await writeAttemptRecord(dir, record);
    expect(dirname(path)).toBe(join(dir, 'attempts'));
    expect(await readdir(dir)).toEqual(['attempts']);
  });

  it('lists attempts oldest first and reports unreadable files without failing', async () => {
    const dir = await tempDir();
    await writeAttemptRecord(dir, finishedAttempt(bank, { id: 'late', startedAt: T0 + 2 * HOUR }));
    await writeAttemptRecord(dir, finishedAttempt(bank, { id: 'early', startedAt: T0 }));
    await writeFile(join(dir, 'attempts', 'broken.json'), '{"format":');
    const { attempts, problems } = await listAttempts(dir);
    expect(attempts.map((a) => a.record.id)).toEqual(['early', 'late']);
    expect(problems).toEqual([`${join(dir, 'attempts', 'broken.json')}: truncated JSON (Unexpected end of JSON input)`]);
  });

  it('lists nothing in a data dir without attempts', async () => {
    expect(await listAttempts(join(await tempDir(), 'none'))).toEqual({ attempts: [], problems: [] });
  });

  it.each<[string, (r: Record<string, unknown>) => unknown, RegExp]>([
    ['a wrong format marker', (r) => ({ ...r, format: 'frontline.attempt/9' }), /: not a frontline\.attempt\/1 record \(its format is "frontline\.attempt\/9"\)$/],
    ['a missing seed', ({ seed: _seed, ...r }) => r, /: invalid attempt record: must have required property 'seed'$/],
    ['a bank hash that is not sha256', (r) => ({ ...r, bank: { ...(r['bank'] as object), hash: 'md5:00' } }), /at \/bank\/hash/],
    ['an unknown end reason', (r) => ({ ...r, ended: 'crashed' }), /at \/ended/],
    ['a response of an unknown type', (r) => ({ ...r, answers: [{ itemId: 'x', response: { type: 'essay', text: 'hi' }, timeSpentMs: 0, flagged: false }] }), /at \/answers\/0\/response/],
  ])('refuses a record with %s, naming the file and place', async (_name, damage, message) => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'a.json');
    const record = JSON.parse(JSON.stringify(finishedAttempt(bank, { id: 'a1' }))) as Record<string, unknown>;
    await writeFile(path, JSON.stringify(damage(record)));
    const read = await readAttemptFile(path);
    expect(read).toMatchObject({ ok: false, kind: 'invalid' });
    if (!read.ok) {
      expect(read.message.startsWith(`${path}: `)).toBe(true);
      expect(read.message).toMatch(message);
    }
  });

  it('reports a missing file as an I/O problem, not a crash', async () => {
    const path = join(await tempDir(), 'missing.json');
    expect(await readAttemptFile(path)).toMatchObject({ ok: false, kind: 'io', message: expect.stringContaining(`${path}: cannot read`) });
  });

  it('writes JSON with one line per answer and per item result, ending in a newline (readable in a pager, diffable)', async () => {
    const record = finishedAttempt(bank, { id: 'a1' });
    const path = await writeAttemptRecord(await tempDir(), record);
    const text = await readFile(path, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "candidate": {');
    const entries = text.split('\n').map((line) => line.trim().replace(/,$/, ''));
    expect(record.answers.length).toBeGreaterThan(1);
    for (const answer of record.answers) expect(entries).toContain(JSON.stringify(answer));
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(record)));
  });
});

describe('attemptPermission', () => {
  const limited = (max?: number, cooldownHours?: number) =>
    makeBank({ items: bank.items, policy: { attempts: { ...(max === undefined ? {} : { max }), ...(cooldownHours === undefined ? {} : { cooldownHours }) } } });
  const at = (hours: number) => new Date(T0 + hours * HOUR);

  it.each<[string, Bank, Array<Parameters<typeof finishedAttempt>[1]>, number, ReturnType<typeof attemptPermission>]>([
    ['no earlier attempts', limited(2), [], 1, { allowed: true, used: 0, max: 2 }],
    ['unlimited attempts by default', limited(), [{ id: 'a' }, { id: 'b', startedAt: T0 + HOUR }], 5, { allowed: true, used: 2, max: undefined }],
    ['all attempts used', limited(2), [{ id: 'a', right: false }, { id: 'b', right: false, startedAt: T0 + HOUR }], 500, { allowed: false, reason: 'used-up', used: 2, max: 2 }],
    ['attempts by another employee do not count', limited(1), [{ id: 'a', employeeId: 'E2' }], 1, { allowed: true, used: 0, max: 1 }],
    ['in the cooldown after a fail', limited(3, 24), [{ id: 'a', right: false }], 23, { allowed: false, reason: 'cooldown', until: new Date(T0 + 60_000 + 24 * HOUR), used: 1 }],
    ['the cooldown is over', limited(3, 24), [{ id: 'a', right: false }], 25, { allowed: true, used: 1, max: 3 }],
    ['no cooldown after a pass', limited(3, 24), [{ id: 'a', right: true }], 1, { allowed: true, used: 1, max: 3 }],
  ])('%s', (_name, b, earlier, hoursLater, expected) => {
    const records = earlier.map((o) => finishedAttempt(b, o));
    expect(attemptPermission(b, 'E1', records, at(hoursLater))).toEqual(expected);
  });

  it('an attempt awaiting marking is no fail: no cooldown, but no new attempt while it waits (more in tests/app/attempt-permission.test.ts)', () => {
    const b = limited(3, 24);
    const record = finishedAttempt(b, { id: 'a', right: true });
    const awaiting = { ...record, result: { ...record.result!, passed: false, status: 'awaiting-marking' as const, failReasons: [] } };
    expect(attemptPermission(b, 'E1', [awaiting], at(48))).toEqual({ allowed: false, reason: 'awaiting-marking', attemptId: 'a', used: 1 });
  });

  const open = (attemptId: string, employeeId = 'E1', bankId = 'test-bank') => ({ attemptId, bank: { id: bankId }, candidate: { employeeId } });

  it.each<[string, Array<Parameters<typeof finishedAttempt>[1]>, ReturnType<typeof open>[], ReturnType<typeof attemptPermission>]>([
    ['an abandoned attempt counts toward the maximum', [{ id: 'a', right: true }], [open('b')], { allowed: false, reason: 'used-up', used: 2, max: 2 }],
    ['one whose record was written counts once', [{ id: 'a', right: true }], [open('a')], { allowed: true, used: 1, max: 2 }],
    ["another employee's or bank's open attempt does not count", [], [open('b', 'E2'), open('c', 'E1', 'other')], { allowed: true, used: 0, max: 2 }],
  ])('%s', (_name, earlier, unfinished, expected) => {
    const b = limited(2);
    expect(attemptPermission(b, 'E1', earlier.map((o) => finishedAttempt(b, o)), at(1), unfinished)).toEqual(expected);
  });

  it('counts finished and unfinished attempts found in the data dir', async () => {
    const dir = await tempDir();
    const b = limited(2);
    await writeAttemptRecord(dir, finishedAttempt(b, { id: 'done', right: true }));
    const started = finishedAttempt(b, { id: 'open' });
    const journal = await Journal.create(dir, {
      kind: 'header',
      format: 'frontline.journal/1',
      attemptId: 'open',
      candidate: started.candidate,
      bank: started.bank,
      seed: started.seed,
      extraTime: 1,
      form: started.form,
      startedAt: T0,
      deadline: T0 + 600_000,
    });
    await journal.close();
    expect(await attemptPermissionIn(dir, b, 'E1', at(1))).toEqual({ allowed: false, reason: 'used-up', used: 2, max: 2 });
    expect(await attemptPermissionIn(dir, b, 'E2', at(1))).toEqual({ allowed: true, used: 0, max: 2 });
  });

  it('counts only attempts on this bank id', () => {
    const other = { ...limited(1), id: 'other-bank' };
    expect(attemptPermission(limited(1), 'E1', [finishedAttempt(other, { id: 'a' })], at(1))).toMatchObject({ allowed: true, used: 0 });
  });
});

describe('a written reply in an attempt record', () => {
  const written = (text: string): AttemptRecord => {
    const bank = makeBank();
    const form = assemble(bank, 'seed-w');
    const record = buildAttemptRecord(
      reduce(startSession({ bank, form, startedAt: T0 }), { type: 'submit', at: T0 + 60_000 }),
      { attemptId: 'w-1', candidate: { name: 'Ada', employeeId: 'E1' }, bank: { id: bank.id, version: bank.version, title: bank.title, hash: HASH }, seed: 'seed-w', extraTime: 1, form, startedAt: T0, deadline: T0 + 600_000 } as JournalHeader,
    );
    return { ...record, answers: record.answers.map((a, i) => (i === 0 ? { ...a, response: { type: 'written', text } } : a)) };
  };

  it.each([
    ['at the 20,000-character cap is read', 20_000, undefined],
    ['over it is refused, naming the file and the field', 20_001, 'r.json: invalid attempt record at /answers/0/response/text: must NOT have more than 20000 characters'],
  ])('%s', async (_, length, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'fl-written-'));
    const path = join(dir, 'r.json');
    await writeFile(path, JSON.stringify(written('a'.repeat(length))));
    const read = await readAttemptFile(path);
    if (message === undefined) expect(read.ok).toBe(true);
    else expect(read).toMatchObject({ ok: false, kind: 'invalid', message: message.replace('r.json', path) });
  });
});
