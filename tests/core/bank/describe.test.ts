import { describe, expect, it } from 'vitest';
import { describePath, describeValue, didYouMean, listIds } from '../../../src/core/bank/describe.js';

describe('describePath', () => {
  const bank = {
    policy: { draws: { a: 1 } },
    items: [
      { id: 'q1', options: [{ id: 'a', text: 'x' }, { text: 'no id' }] },
      { id: 'q2', steps: [{ id: 's1', choices: [{ id: 'c', next: 's9' }] }] },
    ],
    cases: [{ id: 'parcel', transcript: [{ text: 'hi' }] }],
  };
  it.each([
    [[], 'bank'],
    [['policy', 'draws', 'a'], 'policy.draws.a'],
    [['items', 0], 'item "q1"'],
    [['items', 0, 'options', 0, 'text'], 'item "q1", option "a": text'],
    [['items', 0, 'options', 1], 'item "q1", option #2'],
    [['items', 1, 'steps', 0, 'choices', 0, 'next'], 'item "q2", step "s1", choice "c": next'],
    [['cases', 0, 'transcript', 0, 'text'], 'case "parcel": transcript[0].text'],
  ] as const)('%j reads as %s', (path, expected) => {
    expect(describePath(bank, path)).toBe(expected);
  });
});

describe('describeValue', () => {
  it.each([
    [null, 'nothing'],
    ['', 'empty text'],
    ['abc', '"abc"'],
    [42, '42'],
    [Number.NaN, '.nan (not a number)'],
    [Number.NEGATIVE_INFINITY, '-.inf'],
    [false, 'false'],
    [[], 'an empty list'],
    [[1], 'a list'],
    [{}, 'a mapping'],
  ])('%j is %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });
});

describe('listIds', () => {
  it.each([
    [['a', 'b', 'c', 'd'], 'a-d'],
    [['a', 'b'], 'a, b'],
    [['a', 'c', 'd'], 'a, c, d'],
    [['listen', 'check'], 'listen, check'],
  ])('%j lists as %s', (ids, expected) => {
    expect(listIds(ids)).toBe(expected);
  });
});

describe('didYouMean', () => {
  it.each([
    ['anwser', ['answer', 'stem'], ' (did you mean "answer"?)'],
    ['order', ['single', 'ordering'], ' (did you mean "ordering"?)'],
    ['explanations', ['explanation'], ' (did you mean "explanation"?)'],
    ['zzz', ['answer'], ''],
    ['a', ['at'], ''],
  ])('%s among %j suggests %j', (word, candidates, expected) => {
    expect(didYouMean(word, candidates)).toBe(expected);
  });
});
