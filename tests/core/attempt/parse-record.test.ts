import { describe, expect, it } from 'vitest';
import { parseAttemptRecord } from '../../../src/core/attempt/parse-record.js';
import type { AttemptRecord } from '../../../src/core/attempt/types.js';
import { fixtureBank, simulate } from '../../fixtures/attempts.js';

const [record] = simulate(fixtureBank(), { n: 1, seed: 3 }) as [AttemptRecord];

/** The record with its first answer's response replaced. */
function withResponse(response: unknown): unknown {
  const copy = structuredClone(record) as unknown as { answers: Array<{ response: unknown }> };
  copy.answers[0]!.response = response;
  return copy;
}

function problem(text: string): string | undefined {
  const parsed = parseAttemptRecord(text);
  return parsed.ok ? undefined : parsed.problem;
}
const message = (data: unknown): string | undefined => problem(JSON.stringify(data));

// Every reader of attempt records (history, issue, sync, report) says these words, after the file (and line).
describe('parseAttemptRecord: one wording per problem', () => {
  const good = JSON.stringify(record);
  it.each([
    ['cut short', good.slice(0, good.length / 2), /^truncated JSON \(.+\)$/],
    ['cut short at a field name', '{"format":', /^truncated JSON \(.+\)$/],
    ['not JSON', 'format: frontline.attempt/1', /^not valid JSON \(.+\)$/],
    ['an array', '[1, 2]', /^not an attempt record \(not a JSON object\)$/],
    ['a string', '"frontline"', /^not an attempt record \(not a JSON object\)$/],
    ['another format', JSON.stringify({ ...record, format: 'frontline.attempt/9' }), /^not a frontline\.attempt\/1 record \(its format is "frontline\.attempt\/9"\)$/],
    ['no format', JSON.stringify({ ...record, format: undefined }), /^not a frontline\.attempt\/1 record \(it has no format field\)$/],
    ['a field missing', JSON.stringify({ ...record, seed: undefined }), /^invalid attempt record: must have required property 'seed'$/],
    ['a field of the wrong type', JSON.stringify({ ...record, ended: 'crashed' }), /^invalid attempt record at \/ended: /],
  ])('%s', (_, text, wording) => {
    expect(problem(text)).toMatch(wording);
  });

  it('gives back the record it read', () => {
    expect(parseAttemptRecord(JSON.stringify(record))).toEqual({ ok: true, record: JSON.parse(JSON.stringify(record)) });
  });
});

// The schema picks a response's branch by its `type` (a discriminator), so each type is held to its own fields.
describe('parseAttemptRecord: answers by response type', () => {
  it.each([
    ['single', { type: 'single', choice: 'a' }],
    ['multiple', { type: 'multiple', choices: ['a', 'b'] }],
    ['multiple, none chosen', { type: 'multiple', choices: [] }],
    ['true-false', { type: 'true-false', value: false }],
    ['ordering', { type: 'ordering', order: ['b', 'a'] }],
    ['rating', { type: 'rating', ratings: { a: 1, b: 4 } }],
    ['scenario', { type: 'scenario', path: [{ step: 'open', choice: 'greet', at: '2026-11-01T00:00:05.000Z' }] }],
    ['never answered', null],
  ])('accepts a %s response', (_, response) => {
    expect(message(withResponse(response))).toBeUndefined();
  });

  it.each([
    ['single without its choice', { type: 'single', choices: ['a'] }, "/answers/0/response: must have required property 'choice'"],
    ['true-false with a string value', { type: 'true-false', value: 'yes' }, '/answers/0/response/value: must be boolean'],
    ['multiple with one choice as a string', { type: 'multiple', choices: 'a' }, '/answers/0/response/choices: must be array'],
    ['scenario step without a time', { type: 'scenario', path: [{ step: 'open', choice: 'greet' }] }, "/answers/0/response/path/0: must have required property 'at'"],
    ['an unknown type', { type: 'essay', text: 'hi' }, '/answers/0/response/type: must be equal to one of the allowed values'],
    ['no type', { choice: 'a' }, "/answers/0/response: must have required property 'type'"],
    ['a bare string', 'a', '/answers/0/response: must be object'],
  ])('rejects %s, naming where', (_, response, where) => {
    const text = message(withResponse(response));
    expect(text).toMatch(/^invalid attempt record at /);
    expect(text).toContain(where);
  });
});
