// Statements checked against outside rules: Learning Locker's xAPI validator
// (xapi-validation, the one the xapi-statements LRS runs), and the response
// formats of xAPI 1.0.3 Data §2.4.4.1 ("Interaction Activities"), which that
// validator does not check: for `matching`, `source[.]target` pairs joined by
// `[,]`, each id from the `source` and `target` component lists.
import * as xapiValidation from 'xapi-validation';
import { describe, expect, it } from 'vitest';
import { attemptToStatements } from '../../../src/core/xapi/attempt-to-statements.js';
import { ADL_VERBS, type Statement } from '../../../src/core/xapi/statement.js';
import { finishedAttempt } from '../../fixtures/attempt-builder.js';
import { scoreAttempt } from '../../../src/core/attempt/scoring.js';
import { bankHash } from '../../../src/core/bank/hash.js';
import type { Bank, WrittenItem } from '../../../src/core/bank/types.js';
import { makeAttempt } from '../credential/attempt-fixture.js';
import { loadShippedBank } from '../credential/certificate-fixture.js';

const options = { homePage: 'https://hr.example.com', activityBase: 'https://lms.example.com/frontline', includeItems: true };
// A CommonJS module with an `exports.default`: how it arrives depends on the loader.
type Validate = (data: unknown) => unknown[];
const module_ = xapiValidation as unknown as { default: Validate | { default: Validate } };
const validate: Validate = typeof module_.default === 'function' ? module_.default : module_.default.default;

const pairs = (text: string) => text.split('[,]').map((pair) => pair.split('[.]'));

describe.each([
  ['passed', finishedAttempt({ right: true })],
  ['failed', finishedAttempt({ right: false })],
])('statements of a %s attempt', (_, { record, bank }) => {
  const statements = attemptToStatements(record, bank, options);

  it('pass the xAPI validator with no warnings', () => {
    for (const statement of statements) expect(validate(JSON.parse(JSON.stringify(statement))), statement.object.id).toEqual([]);
  });

  it('send rating items as matching interactions, response and correct pattern in its format', () => {
    const ratings = statements.filter((s) => s.verb.id === ADL_VERBS.answered && s.object.definition?.source !== undefined);
    expect(ratings.length).toBeGreaterThan(0);
    for (const s of ratings as Statement[]) {
      const definition = s.object.definition!;
      expect(definition.interactionType).toBe('matching');
      const sources = new Set(definition.source!.map((c) => c.id));
      const targets = new Set(definition.target!.map((c) => c.id));
      for (const pattern of [s.result!.response!, ...definition.correctResponsesPattern!]) {
        for (const pair of pairs(pattern)) {
          expect(pair).toHaveLength(2);
          expect(sources.has(pair[0]!), `${pair[0]} in source`).toBe(true);
          expect(targets.has(pair[1]!), `${pair[1]} in target`).toBe(true);
        }
      }
      const item = bank.items.find((i) => s.object.id.endsWith(`/items/${i.id}`));
      if (item?.type !== 'rating') throw new Error('not a rating item');
      expect(definition.correctResponsesPattern).toEqual([item.options.map((o) => `${o.id}[.]${o.key}`).join('[,]')]);
      expect(definition.target!.map((c) => Number(c.id))).toEqual(Array.from({ length: item.scale.max - item.scale.min + 1 }, (__, i) => item.scale.min + i));
    }
  });
});

it('a rating item without the bank is still a matching interaction (no "other")', () => {
  const { record } = finishedAttempt();
  const rated = attemptToStatements(record, undefined, options).filter((s) => s.result?.response?.includes('[.]') && s.object.definition?.interactionType !== 'other');
  expect(rated.length).toBeGreaterThan(0);
  expect(rated.every((s) => s.object.definition?.interactionType === 'matching')).toBe(true);
});

describe('a written reply', () => {
  const { bank: starter } = loadShippedBank();
  const reply: WrittenItem = {
    id: 'com-w1',
    type: 'written',
    competency: 'communicating',
    stem: 'Write your reply.',
    channel: 'chat',
    modelAnswer: 'I am sorry about the wait; your parcel arrives on Friday.',
    rubric: [{ id: 'tone', criterion: 'Tone', competency: 'communicating', levels: [{ points: 0, descriptor: 'Curt' }, { points: 2, descriptor: 'Warm' }] }],
  };
  const bank: Bank = { ...starter, items: [...starter.items, reply] };
  const awaiting = makeAttempt(bank, bankHash(bank));
  const marked = { ...awaiting, result: scoreAttempt(bank, awaiting.form, awaiting.answers, new Map([['com-w1', { tone: 2 }]])) };
  const answeredReply = (statements: Statement[]) => statements.find((s) => s.object.id.endsWith('/items/com-w1'));

  it('is a long-fill-in interaction whose response is the text, with no correct pattern', () => {
    const statement = answeredReply(attemptToStatements(awaiting, bank, options))!;
    expect(statement.object.definition?.interactionType).toBe('long-fill-in');
    expect(Object.values(statement.object.definition?.description ?? {})).toEqual(['Write your reply.']);
    expect(statement.object.definition?.correctResponsesPattern).toBeUndefined();
    expect(statement.result?.response).toBe('I am sorry about the wait; your parcel arrives on Friday.');
  });

  it('while awaiting marking: only answered statements, the reply unscored; all pass the validator', () => {
    expect(awaiting.result!.status).toBe('awaiting-marking');
    const statements = attemptToStatements(awaiting, bank, options);
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((s) => s.verb.id === ADL_VERBS.answered)).toBe(true);
    expect(answeredReply(statements)?.result?.score).toBeUndefined();
    for (const statement of statements) expect(validate(JSON.parse(JSON.stringify(statement))), statement.object.id).toEqual([]);
  });

  it('once marked: the outcome and scored statements follow, and the reply carries its score', () => {
    const statements = attemptToStatements(marked, bank, options);
    expect(statements.some((s) => s.verb.id === ADL_VERBS.passed)).toBe(true);
    expect(statements.some((s) => s.verb.id === ADL_VERBS.scored)).toBe(true);
    expect(answeredReply(statements)?.result?.score).toEqual({ scaled: 1 });
    for (const statement of statements) expect(validate(JSON.parse(JSON.stringify(statement))), statement.object.id).toEqual([]);
  });
});
