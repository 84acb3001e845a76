import { describe, expect, it } from 'vitest';
import { assemble } from '../../../src/core/attempt/assemble.js';
import { scoreAttempt } from '../../../src/core/attempt/scoring.js';
import type { Item } from '../../../src/core/bank/types.js';
import { attemptToStatements } from '../../../src/core/xapi/attempt-to-statements.js';
import validateAttempt from '../../../src/generated/attempt.validate.js';
import { BUILTIN_IDS, parsedBuiltinBank, perfectAttempt } from '../../fixtures/builtin-bank.js';

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
    expect(record.result!.percent).toBe(100);
    expect(record.result!.passed).toBe(true);
    expect(record.result!.competencies.map((c) => [c.id, c.percent])).toEqual(BUILTIN_IDS.map((id) => [id, 100]));
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
