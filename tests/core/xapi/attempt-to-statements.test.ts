import { describe, expect, it } from 'vitest';
import { attemptToStatements, registrationFor, responseString, statementId } from '../../../src/core/xapi/attempt-to-statements.js';
import { ADL_VERBS, CMI5 } from '../../../src/core/xapi/statement.js';
import { isUuid } from '../../../src/core/xapi/uuid.js';
import { finishedAttempt } from '../../fixtures/attempt-builder.js';

const options = { homePage: 'https://hr.example.com', activityBase: 'https://lms.example.com/frontline/', includeItems: true };

describe('attemptToStatements', () => {
  const passed = finishedAttempt({ right: true });
  const failed = finishedAttempt({ right: false, id: 'att-2026-11-20-0001' });

  it('starts with passed or failed on the assessment, as the result says', () => {
    expect(passed.record.result!.passed).toBe(true);
    expect(failed.record.result!.passed).toBe(false);
    const [p] = attemptToStatements(passed.record, passed.bank, options);
    const [f] = attemptToStatements(failed.record, failed.bank, options);
    expect(p!.verb.id).toBe(ADL_VERBS.passed);
    expect(f!.verb.id).toBe(ADL_VERBS.failed);
    expect(p!.object.id).toBe(`https://lms.example.com/frontline/banks/${passed.record.bank.id}`);
    expect(p!.result?.success).toBe(true);
    expect(f!.result?.success).toBe(false);
    expect(f!.result?.extensions?.['https://lms.example.com/frontline/extensions/fail-reasons']).toEqual(failed.record.result!.failReasons);
  });

  it('scores the assessment as scaled, raw, min and max, with the attempt duration', () => {
    const [outcome] = attemptToStatements(failed.record, failed.bank, options);
    const percent = failed.record.result!.percent;
    expect(outcome!.result?.score).toEqual({ scaled: Math.round(percent * 100) / 10_000, raw: percent, min: 0, max: 100 });
    const seconds = (Date.parse(failed.record.endedAt) - Date.parse(failed.record.startedAt)) / 1000;
    expect(outcome!.result?.duration).toBe(`PT${Math.floor(seconds / 60)}M${seconds % 60 === 0 ? '' : `${seconds % 60}S`}`);
  });

  it('names the candidate by employee id on the configured home page', () => {
    for (const s of attemptToStatements(passed.record, passed.bank, options)) {
      expect(s.actor).toEqual({ objectType: 'Agent', name: 'Priya Shah', account: { homePage: 'https://hr.example.com', name: 'E1042' } });
    }
  });

  it('uses the attempt id as registration when it is a UUID, and a derived UUID otherwise', () => {
    const a = attemptToStatements(passed.record, passed.bank, options);
    expect(new Set(a.map((s) => s.context.registration))).toEqual(new Set([passed.record.id]));
    const b = attemptToStatements(failed.record, failed.bank, options);
    const registration = b[0]!.context.registration;
    expect(isUuid(registration)).toBe(true);
    expect(registration).toBe(registrationFor('att-2026-11-20-0001'));
    expect(registration).not.toBe(registrationFor('att-2026-11-20-0002'));
    expect(b.every((s) => s.context.registration === registration)).toBe(true);
  });

  it('gives the outcome statement the cmi5 categories, session id and mastery score', () => {
    const [outcome] = attemptToStatements(passed.record, passed.bank, options);
    expect(outcome!.context.contextActivities?.category?.map((a) => a.id)).toEqual([CMI5.category, CMI5.moveOn]);
    expect(outcome!.context.extensions?.[CMI5.sessionId]).toBe(passed.record.id);
    expect(outcome!.context.extensions?.[CMI5.masteryScore]).toBe(passed.record.result!.passMark / 100);
  });

  it('carries the bank hash and version on every statement', () => {
    for (const s of attemptToStatements(passed.record, passed.bank, options)) {
      expect(s.context.extensions?.['https://lms.example.com/frontline/extensions/bank-hash']).toBe(passed.record.bank.hash);
      expect(s.context.extensions?.['https://lms.example.com/frontline/extensions/bank-version']).toBe(passed.record.bank.version);
      expect(s.context.extensions?.['https://lms.example.com/frontline/extensions/tags']).toEqual({ site: 'Leeds' });
    }
  });

  it('adds one scored statement per competency, under the assessment', () => {
    const scored = attemptToStatements(failed.record, failed.bank, options).filter((s) => s.verb.id === ADL_VERBS.scored);
    expect(scored.map((s) => s.object.id.split('/').pop())).toEqual(failed.record.result!.competencies.map((c) => c.id));
    failed.record.result!.competencies.forEach((c, i) => {
      expect(scored[i]!.result?.score?.raw).toBe(c.percent);
      expect(scored[i]!.result?.success).toBe(c.met);
      expect(scored[i]!.context.contextActivities?.parent?.[0]?.id).toBe(`https://lms.example.com/frontline/banks/${failed.record.bank.id}`);
    });
  });

  it('adds answered statements only when asked, one per answered item', () => {
    const record = structuredClone(failed.record);
    const skippedItem = record.answers[0]!;
    skippedItem.response = null;
    const answered = record.answers.filter((a) => a.response !== null);
    expect(answered.length).toBe(record.answers.length - 1);
    const withItems = attemptToStatements(record, failed.bank, options).filter((s) => s.verb.id === ADL_VERBS.answered);
    expect(withItems.map((s) => s.result?.response)).toEqual(answered.map((a) => responseString(a.response!)));
    expect(withItems.some((s) => s.object.id.endsWith(`/items/${skippedItem.itemId}`))).toBe(false);
    expect(attemptToStatements(record, failed.bank, { ...options, includeItems: false }).some((s) => s.verb.id === ADL_VERBS.answered)).toBe(false);
  });

  it('sends a scenario path as step[.]choice pairs, as an "other" interaction', () => {
    const scenario = passed.record.answers.find((a) => a.response?.type === 'scenario');
    expect(scenario).toBeDefined();
    const statement = attemptToStatements(passed.record, passed.bank, options).find((s) => s.object.id.endsWith(`/items/${scenario!.itemId}`));
    expect(statement?.object.definition?.interactionType).toBe('other');
    expect(statement?.result?.response).toMatch(/^[^[]+\[\.\][^[]+(\[,\][^[]+\[\.\][^[]+)*$/);
  });

  it('describes items from the bank: wording, choices and the correct response', () => {
    const statements = attemptToStatements(passed.record, passed.bank, options);
    for (const s of statements.filter((x) => x.verb.id === ADL_VERBS.answered)) {
      const item = passed.bank.items.find((i) => s.object.id.endsWith(`/items/${i.id}`))!;
      expect(s.object.definition?.description?.[passed.bank.locale ?? 'en']).toBe(item.stem);
      if (item.type === 'single') {
        expect(s.object.definition?.interactionType).toBe('choice');
        expect(s.object.definition?.correctResponsesPattern).toEqual([item.answer]);
        expect(s.result?.response).toBe(item.answer);
        expect(s.result?.success).toBe(true);
      }
      if (item.type === 'true-false') expect(s.object.definition?.correctResponsesPattern).toEqual([String(item.answer)]);
    }
  });

  it('without the bank, still sends items with their interaction type but no wording', () => {
    const statements = attemptToStatements(passed.record, undefined, options).filter((s) => s.verb.id === ADL_VERBS.answered);
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      expect(s.object.definition?.interactionType).toBeDefined();
      expect(s.object.definition?.description).toBeUndefined();
    }
  });

  it('is deterministic, so a resend is byte-identical, and every id is distinct', () => {
    const first = attemptToStatements(failed.record, failed.bank, options);
    const again = attemptToStatements(structuredClone(failed.record), failed.bank, options);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(new Set(first.map((s) => s.id)).size).toBe(first.length);
    expect(first[0]!.id).toBe(statementId(failed.record.id, 'outcome'));
  });

  it('gives another attempt of the same candidate different statement ids', () => {
    const other = finishedAttempt({ right: false, id: 'att-2026-11-20-0002' });
    const a = new Set(attemptToStatements(failed.record, failed.bank, options).map((s) => s.id));
    expect(attemptToStatements(other.record, other.bank, options).some((s) => a.has(s.id))).toBe(false);
  });
});

describe('responseString', () => {
  it.each([
    [{ type: 'single', choice: 'b' }, 'b'],
    [{ type: 'multiple', choices: ['a', 'c'] }, 'a[,]c'],
    [{ type: 'true-false', value: false }, 'false'],
    [{ type: 'ordering', order: ['c', 'a', 'b'] }, 'c[,]a[,]b'],
    [{ type: 'rating', ratings: { a: 4, b: 1 } }, 'a[.]4[,]b[.]1'],
    [{ type: 'scenario', path: [{ step: 's1', choice: 'x', at: '2026-01-01T00:00:00Z' }, { step: 's2', choice: 'y', at: '2026-01-01T00:00:01Z' }] }, 's1[.]x[,]s2[.]y'],
  ] as const)('%j is %s', (response, expected) => {
    expect(responseString(response as never)).toBe(expected);
  });
});
