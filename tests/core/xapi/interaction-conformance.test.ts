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
