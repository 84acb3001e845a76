import { describe, expect, it } from 'vitest';
import { assemble } from '../../../src/core/attempt/assemble.js';
import { buildAttemptRecord } from '../../../src/core/attempt/record.js';
import { scoreAttempt } from '../../../src/core/attempt/scoring.js';
import { reduce, startSession, type State } from '../../../src/core/attempt/session.js';
import type { AttemptRecord, Response } from '../../../src/core/attempt/types.js';
import { parseBank } from '../../../src/core/bank/parse-bank.js';
import type { Bank, Item } from '../../../src/core/bank/types.js';
import { attemptToStatements } from '../../../src/core/xapi/attempt-to-statements.js';
import validateAttempt from '../../../src/generated/attempt.validate.js';

/**
 * Names every plain object inherits: as ids they must behave like any other id
 * (issue 17.8). `__proto__` cannot be a bank id (an id starts with a letter or
 * digit); it still arrives as a tag name, which is tested too.
 */
export const BUILTIN_IDS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'] as const;

/** A bank in which every id (competency, module, item, option, step, choice, case) is a built-in name. */
export function builtinBank(): Record<string, unknown> {
  const [c1, c2, c3, c4, c5] = BUILTIN_IDS;
  const options = BUILTIN_IDS.slice(0, 4).map((id, i) => ({ id, text: `Option ${i}` }));
  return {
    id: 'builtin-ids',
    version: '1.0.0',
    title: 'Built-in ids',
    competencies: BUILTIN_IDS.map((id) => ({ id, title: `Competency ${id}`, floor: 50, modules: [{ id, title: `Module ${id}` }] })),
    policy: { timeLimitMinutes: 30, passMark: 70, draws: { [c1]: 1 }, feedback: 'full' },
    cases: [{ id: c3, title: 'A case', channel: 'chat', text: 'Hello.' }],
    items: [
      { id: c1, type: 'single', competency: c1, case: c3, stem: 'Single?', options, answer: c2 },
      { id: c2, type: 'multiple', competency: c2, stem: 'Multiple?', options, answer: [c1, c3] },
      { id: c3, type: 'ordering', competency: c3, stem: 'Order?', options, answer: [c4, c3, c2, c1] },
      { id: c4, type: 'rating', competency: c4, stem: 'Rate?', scale: { min: 1, max: 5 }, options: options.map((o, i) => ({ ...o, key: i + 1 })) },
      {
        id: c5,
        type: 'scenario',
        competency: c5,
        stem: 'A call.',
        start: c1,
        steps: [
          { id: c1, customer: 'Hi', choices: [{ id: c2, text: 'Hello', points: { [c5]: 2, [c1]: 1 }, next: c4 }, { id: c3, text: 'Bye', points: { [c5]: 0 } }] },
          { id: c4, customer: 'Thanks', outcome: 'Done' },
        ],
      },
    ],
  };
}

function rightResponse(item: Exclude<Item, { type: 'scenario' }>): Response {
  switch (item.type) {
    case 'single':
      return { type: 'single', choice: item.answer };
    case 'multiple':
      return { type: 'multiple', choices: item.answer };
    case 'true-false':
      return { type: 'true-false', value: item.answer };
    case 'ordering':
      return { type: 'ordering', order: item.answer };
    case 'rating':
      return { type: 'rating', ratings: Object.fromEntries(item.options.map((o) => [o.id, o.key])) };
  }
}

/** Every item answered rightly, through the real session reducer. */
export function perfectAttempt(bank: Bank, hash: string): AttemptRecord {
  const form = assemble(bank, 'seed-1');
  const start = Date.parse('2026-11-20T09:00:00.000Z');
  let state: State = startSession({ bank, form, startedAt: start });
  let at = start;
  form.forEach((entry, index) => {
    const item = bank.items.find((i) => i.id === entry.itemId)!;
    state = reduce(state, { type: 'go', at: (at += 1000), index });
    if (item.type !== 'scenario') {
      state = reduce(state, { type: 'answer', at: (at += 1000), itemId: item.id, response: rightResponse(item) });
      return;
    }
    state = reduce(state, { type: 'scenario-choose', at: (at += 1000), itemId: item.id, choice: item.steps[0]!.choices![0]!.id });
  });
  state = reduce(state, { type: 'submit', at: at + 1000 });
  return buildAttemptRecord(state, {
    kind: 'header',
    format: 'frontline.journal/1',
    attemptId: '0b6f4f1e-8f5c-4c1a-9a57-5d0a3c2f7e11',
    candidate: { name: 'Priya Shah', employeeId: 'E1042' },
    tags: { constructor: 'x', ['__proto__']: 'y' } as Record<string, string>,
    bank: { id: bank.id, version: bank.version, title: bank.title, hash },
    seed: 'seed-1',
    extraTime: 1,
    form,
    startedAt: start,
    deadline: state.deadline,
  });
}

export function parsedBuiltinBank(): { bank: Bank; hash: string } {
  const parsed = parseBank(JSON.stringify(builtinBank()), 'builtin.yaml');
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  return { bank: parsed.bank, hash: parsed.hash };
}

describe('ids named like JavaScript built-ins (issue 17.8)', () => {
  it('validate accepts the bank, and the parsed bank keeps every id as given', () => {
    const { bank } = parsedBuiltinBank();
    expect(bank.competencies.map((c) => c.id)).toEqual([...BUILTIN_IDS]);
    const scenario = bank.items[4] as Extract<Item, { type: 'scenario' }>;
    expect(Object.keys(scenario.steps[0]!.choices![0]!.points!)).toEqual(['isPrototypeOf', 'constructor']);
  });

  it('assemble draws every item: the draw for "constructor" is 1, the rest take all', () => {
    const { bank } = parsedBuiltinBank();
    expect(assemble(bank, 'seed-1').map((e) => e.itemId).sort()).toEqual([...BUILTIN_IDS].sort());
  });

  it('a perfect attempt scores 100 in every competency, and its record passes its own schema', () => {
    const { bank, hash } = parsedBuiltinBank();
    const record = perfectAttempt(bank, hash);
    expect(validateAttempt(record), JSON.stringify((validateAttempt as { errors?: unknown }).errors)).toBe(true);
    expect(record.result.percent).toBe(100);
    expect(record.result.passed).toBe(true);
    expect(record.result.competencies.map((c) => [c.id, c.percent])).toEqual(BUILTIN_IDS.map((id) => [id, 100]));
    const again = scoreAttempt(bank, record.form, record.answers);
    expect(again).toEqual(record.result);
    expect(JSON.stringify(record)).not.toMatch(/function|NaN|\[native code\]/);
  });

  it('xAPI statements carry every competency, none as a function', () => {
    const { bank, hash } = parsedBuiltinBank();
    const statements = attemptToStatements(perfectAttempt(bank, hash), bank, { homePage: 'https://hr.example', activityBase: 'https://lms.example/frontline', includeItems: true });
    const text = JSON.stringify(statements);
    expect(text).not.toMatch(/function|NaN|\[native code\]/);
    for (const id of BUILTIN_IDS) expect(text).toContain(encodeURIComponent(id));
  });
});
