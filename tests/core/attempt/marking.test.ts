import { describe, expect, it } from 'vitest';
import { checkMark, pendingMarking, resolveMarks, resolvedPoints, type Mark, type MarkingRule } from '../../../src/core/attempt/marking.js';
import { scoreAttempt } from '../../../src/core/attempt/scoring.js';
import { fitsItem, isAnswered } from '../../../src/core/attempt/session.js';
import type { AnswerRecord, Form } from '../../../src/core/attempt/types.js';
import { describeWrittenProblem, MAX_WRITTEN_CHARS, writtenForDisplay, writtenTextProblems } from '../../../src/core/attempt/written.js';
import type { WrittenItem } from '../../../src/core/bank/types.js';
import { makeBank, single } from '../../fixtures/bank-builder.js';

const written: WrittenItem = {
  id: 'w',
  type: 'written',
  competency: 'talk',
  stem: 'Reply to the customer.',
  channel: 'email',
  words: { min: 3, max: 8 },
  rubric: [
    { id: 'ack', criterion: 'Acknowledges', competency: 'listen', levels: [0, 1, 2, 3].map((points) => ({ points, descriptor: `ack ${points}` })) },
    { id: 'tone', criterion: 'Tone', competency: 'talk', levels: [0, 2, 4].map((points) => ({ points, descriptor: `tone ${points}` })) },
  ],
};
const bank = makeBank({ items: [single('l1', 'listen'), single('t1', 'talk'), written] });
const form: Form = [{ itemId: 'l1', optionOrder: ['a', 'b', 'c', 'd'] }, { itemId: 't1', optionOrder: ['a', 'b', 'c', 'd'] }, { itemId: 'w' }];
const answers = (text: string | null): AnswerRecord[] => [
  { itemId: 'l1', response: { type: 'single', choice: 'b' }, timeSpentMs: 1000, flagged: false },
  { itemId: 't1', response: { type: 'single', choice: 'b' }, timeSpentMs: 1000, flagged: false },
  { itemId: 'w', response: text === null ? null : { type: 'written', text }, timeSpentMs: 1000, flagged: false },
];

const mark = (role: Mark['role'], ack: number, tone: number, extra: Partial<Mark> = {}): Mark => ({
  attempt: 'att-1',
  item: 'w',
  levels: { ack, tone },
  marker: `${role}-marker`,
  at: '2026-12-01T10:00:00.000Z',
  role,
  ...extra,
});

describe('resolveMarks', () => {
  const strict: MarkingRule = { tolerance: 1, secondRequired: true };
  it.each<[string, Mark[], MarkingRule | undefined, unknown]>([
    ['no marks: unmarked', [], undefined, { state: 'unmarked' }],
    ['a first mark alone stands by default', [mark('first', 2, 4)], undefined, { state: 'resolved', points: { ack: 2, tone: 4 }, by: 'first' }],
    ['a first mark alone waits when a second is required', [mark('first', 2, 4)], strict, { state: 'awaiting-second' }],
    ['first and second within the tolerance: the mean of each criterion', [mark('first', 2, 4), mark('second', 3, 4)], undefined, { state: 'resolved', points: { ack: 2.5, tone: 4 }, by: 'agreed' }],
    ['apart by more than the tolerance: a third marker is needed', [mark('first', 0, 4), mark('second', 3, 2)], undefined, { state: 'awaiting-third', criteria: ['ack', 'tone'] }],
    ['apart, then the third marker\'s levels stand', [mark('first', 0, 4), mark('second', 3, 2), mark('third', 1, 2)], undefined, { state: 'resolved', points: { ack: 1, tone: 2 }, by: 'third' }],
    ['a wider tolerance makes them agree', [mark('first', 0, 4), mark('second', 3, 2)], { tolerance: 3, secondRequired: false }, { state: 'resolved', points: { ack: 1.5, tone: 3 }, by: 'agreed' }],
    ['a marker who marks again replaces their earlier mark', [mark('first', 0, 0, { at: '2026-12-01T09:00:00.000Z' }), mark('first', 3, 4), mark('second', 3, 4)], undefined, { state: 'resolved', points: { ack: 3, tone: 4 }, by: 'agreed' }],
    ['marks on another item do not count', [mark('first', 2, 4, { item: 'other' })], undefined, { state: 'unmarked' }],
  ])('%s', (_, marks, rule, expected) => {
    expect(resolveMarks(written, marks, rule)).toMatchObject(expected as object);
  });
});

describe('checkMark: a marking file can be edited by hand', () => {
  it.each<[string, Partial<Mark>, string | undefined]>([
    ['a complete mark', {}, undefined],
    ['a level the criterion does not have', { levels: { ack: 2, tone: 3 } }, 'criterion "tone": 3 is not one of its levels (0, 2, 4)'],
    ['a criterion left out', { levels: { ack: 2 } }, 'criterion "tone" has no level'],
    ['a criterion the rubric lacks', { levels: { ack: 2, tone: 4, speed: 1 } }, 'criterion "speed" is not in item "w"\'s rubric'],
    ['no marker', { marker: ' ' }, 'it names no marker'],
    ['a time that is not a date', { at: 'yesterday' }, 'its time "yesterday" is not a date'],
    ['an unknown role', { role: 'fourth' as Mark['role'] }, 'role "fourth" is not first, second or third'],
  ])('%s', (_, change, problem) => {
    expect(checkMark(written, { ...mark('first', 2, 4), ...change })).toBe(problem);
  });
});

describe('scoring written replies', () => {
  it('a reply with text and no marks leaves the attempt awaiting marking: not passed, no gaps, only what is scored counted', () => {
    const result = scoreAttempt(bank, form, answers('Dear Sam, sorry. Regards, Jo'));
    expect(result.status).toBe('awaiting-marking');
    expect(result.passed).toBe(false);
    expect(result.failReasons).toEqual([]);
    expect(result.gaps).toEqual([]);
    expect(result.items.find((r) => r.itemId === 'w')).toMatchObject({ pending: true, answered: true, earned: {}, available: {} });
    expect(result.percent).toBe(100);
  });

  it('scores from the marks: each rubric competency gets the item\'s points, scaled by the criteria\'s share of their top levels', () => {
    const marks = resolvedPoints(bank, { id: 'att-1', form }, [mark('first', 3, 2)]);
    const result = scoreAttempt(bank, form, answers('Dear Sam, sorry. Regards, Jo'), marks);
    expect(result.status).toBeUndefined();
    const w = result.items.find((r) => r.itemId === 'w')!;
    expect(w.pending).toBeUndefined();
    expect(w.earned).toEqual({ listen: 1, talk: 0.5 });
    expect(w.available).toEqual({ listen: 1, talk: 1 });
    expect(w.score).toBeCloseTo(5 / 7, 12);
    expect(result.competencies.map((c) => [c.id, c.percent])).toEqual([['listen', 100], ['talk', 75]]);
    expect(result.passed).toBe(true);
  });

  it.each([
    ['never answered', null],
    ['only white space', '  \n\t '],
  ])('a reply %s needs no marker and scores 0', (_, text) => {
    const result = scoreAttempt(bank, form, answers(text));
    expect(result.status).toBeUndefined();
    expect(result.items.find((r) => r.itemId === 'w')).toMatchObject({ answered: false, score: 0, earned: { listen: 0, talk: 0 }, available: { listen: 1, talk: 1 } });
    expect(pendingMarking(bank, { id: 'att-1', form, answers: answers(text) })).toEqual([]);
  });

  it('pendingMarking names each reply waiting and what for', () => {
    const attempt = { id: 'att-1', form, answers: answers('Dear Sam, sorry. Regards, Jo') };
    expect(pendingMarking(bank, attempt)).toEqual([{ itemId: 'w', state: 'unmarked' }]);
    expect(pendingMarking(bank, attempt, [mark('first', 0, 0), mark('second', 3, 4)])).toEqual([{ itemId: 'w', state: 'awaiting-third', criteria: ['ack', 'tone'] }]);
    expect(pendingMarking(bank, attempt, [mark('first', 0, 0), mark('second', 1, 0)])).toEqual([]);
    expect(pendingMarking(bank, attempt, [mark('first', 0, 0, { attempt: 'another' })])).toEqual([{ itemId: 'w', state: 'unmarked' }]);
  });
});

describe('written text', () => {
  it('is refused past MAX_WRITTEN_CHARS, whole, with a message that says why', () => {
    const long = 'a'.repeat(MAX_WRITTEN_CHARS + 1);
    expect(fitsItem(written, { type: 'written', text: 'a'.repeat(MAX_WRITTEN_CHARS) })).toBe(true);
    expect(fitsItem(written, { type: 'written', text: long })).toBe(false);
    expect(fitsItem(single('s', 'listen'), { type: 'written', text: 'hi' })).toBe(false);
    expect(writtenTextProblems(written, long).map(describeWrittenProblem)).toEqual(['the reply is 20,001 characters; at most 20,000 can be kept']);
  });

  it.each([
    ['Hi', ['the reply has 1 word; at least 3 expected']],
    ['one two three', []],
    ['one two three four five six seven eight nine', ['the reply has 9 words; at most 8 expected']],
  ])('word limits on "%s" inform, they do not refuse', (text, expected) => {
    expect(writtenTextProblems(written, text).map(describeWrittenProblem)).toEqual(expected);
    expect(fitsItem(written, { type: 'written', text })).toBe(true);
  });

  it('counts as answered only with more than white space', () => {
    const entry = (text: string) => ({ itemId: 'w', response: { type: 'written' as const, text }, answeredAt: 0, timeSpentMs: 0, flagged: false, locked: false, timedOut: false, late: false, scenarioStep: undefined });
    expect(isAnswered(entry(' \n '))).toBe(false);
    expect(isAnswered(entry('Thanks'))).toBe(true);
  });

  it('is drawn with escape sequences and bidi overrides removed, line breaks kept', () => {
    expect(writtenForDisplay('Hi\u001b[2J there\u202E\nBye\r\n')).toBe('Hi there\nBye\n');
  });
});
