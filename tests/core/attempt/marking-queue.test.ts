import { describe, expect, it } from 'vitest';
import { findBadMark, markingQueue, repliesToMark, replyStates, sameMarker } from '../../../src/core/attempt/marking-queue.js';
import { describePending, pendingMarking, type Mark } from '../../../src/core/attempt/marking.js';
import { checkAttemptForIssue } from '../../../src/core/credential/check-attempt.js';
import { finishedAttempt, loadStarterBank, MARK_BANK } from '../../fixtures/attempt-builder.js';

const { bank, hash } = loadStarterBank(MARK_BANK);
const attempt = (n: number, texts: Record<string, string> = { w1: `Reply ${n}, sorry for the three contacts.`, w2: `Note ${n}` }) =>
  finishedAttempt({ id: `att-${n}`, employeeId: `E${n}`, name: `Person ${n}`, bankFile: MARK_BANK, texts }).record;
const a1 = attempt(1);
const a2 = attempt(2, { w1: 'Sorry, Sam.', w2: '   ' });
const mark = (att: string, item: string, role: Mark['role'], marker: string, levels: Record<string, number>, at = '2026-12-06T09:00:00.000Z'): Mark => ({ attempt: att, item, levels, marker, at, role });

describe('repliesToMark', () => {
  it('lists every written reply with text, by item then attempt id; an empty reply needs no marker', () => {
    expect(repliesToMark(bank, [a2, a1]).map((r) => `${r.item.id}/${r.attemptId}`)).toEqual(['w1/att-1', 'w1/att-2', 'w2/att-1']);
  });
});

describe('markingQueue', () => {
  const marks = [
    mark('att-1', 'w1', 'first', 'Ann', { ack: 1, next: 2 }),
    mark('att-2', 'w1', 'first', 'Bob', { ack: 2, next: 2 }),
    mark('att-2', 'w1', 'second', 'Ann', { ack: 0, next: 2 }),
  ];
  const ids = (role: Mark['role'], marker: string) => {
    const q = markingQueue(bank, [a1, a2], marks, { role, marker });
    return { entries: q.entries.map((e) => `${e.item.id}/${e.attemptId}${e.own ? ' (own)' : ''}${e.disagreement ? ` apart ${e.disagreement.criteria.join(',')}` : ''}`), ownEarlier: q.ownEarlier, awaitingThird: q.awaitingThird };
  };
  it.each<[string, Mark['role'], string, ReturnType<typeof ids>]>([
    ['first: unmarked replies and the marker\'s own first marks, to change', 'first', 'Ann', { entries: ['w1/att-1 (own)', 'w2/att-1'], ownEarlier: 0, awaitingThird: 1 }],
    ['first, another marker: only what has no first mark', 'first', 'Cat', { entries: ['w2/att-1'], ownEarlier: 0, awaitingThird: 1 }],
    ['second: never the marker\'s own first; their own second, to change', 'second', 'ann', { entries: ['w1/att-2 (own)'], ownEarlier: 1, awaitingThird: 1 }],
    ['second by a third person: replies without a second', 'second', 'Cat', { entries: ['w1/att-1'], ownEarlier: 0, awaitingThird: 1 }],
    ['third: the disagreement, with both marks, not to either marker', 'third', 'Cat', { entries: ['w1/att-2 apart ack'], ownEarlier: 0, awaitingThird: 1 }],
    ['third: a marker who gave one of the two is left out', 'third', 'Bob', { entries: [], ownEarlier: 1, awaitingThird: 1 }],
  ])('%s', (_, role, marker, expected) => {
    expect(ids(role, marker)).toEqual(expected);
  });

  it('second marking is blind: an entry carries no first mark', () => {
    const q = markingQueue(bank, [a1, a2], marks, { role: 'second', marker: 'Cat' });
    expect(JSON.stringify(q.entries)).not.toContain('"Ann"');
    expect(q.entries[0]!.own).toBeUndefined();
    expect(q.entries[0]!.disagreement).toBeUndefined();
  });

  it('a settled disagreement leaves the third queue, except to change one\'s own third mark', () => {
    const settled = [...marks, mark('att-2', 'w1', 'third', 'Cat', { ack: 1, next: 2 })];
    expect(markingQueue(bank, [a1, a2], settled, { role: 'third', marker: 'Dee' }).entries).toEqual([]);
    expect(markingQueue(bank, [a1, a2], settled, { role: 'third', marker: 'Cat' }).entries.map((e) => e.own?.levels)).toEqual([{ ack: 1, next: 2 }]);
  });
});

describe('sameMarker', () => {
  it.each([
    ['Ann QA', ' ann  qa ', true],
    ['Ann', 'Anne', false],
    ['Ａｎｎ', 'ann', true],
  ])('%s / %s', (a, b, same) => {
    expect(sameMarker(a, b)).toBe(same);
  });
});

describe('replyStates and describePending', () => {
  it('says where each reply stands and what a pending one waits for', () => {
    const marks = [mark('att-1', 'w1', 'first', 'Ann', { ack: 2, next: 2 }), mark('att-1', 'w1', 'second', 'Bob', { ack: 0, next: 2 }), mark('att-1', 'w2', 'first', 'Ann', { clear: 1 })];
    expect(replyStates(bank, [a1], marks)).toEqual([
      { attempt: 'att-1', item: 'w1', state: 'awaiting-third', criteria: ['ack'], markers: { first: 'Ann', second: 'Bob' } },
      { attempt: 'att-1', item: 'w2', state: 'resolved', by: 'first', markers: { first: 'Ann' } },
    ]);
    expect(pendingMarking(bank, a1, marks).map(describePending)).toEqual(['"w1" waits for a third marker (first and second differ on ack)']);
    expect(pendingMarking(bank, a1, [], { tolerance: 1, secondRequired: true }).map(describePending)).toEqual(['"w1" waits for a first mark', '"w2" waits for a first mark']);
    expect(pendingMarking(bank, a1, marks.slice(2), { tolerance: 1, secondRequired: true }).map(describePending)).toEqual(['"w1" waits for a first mark', '"w2" waits for a second mark']);
  });
});

describe('findBadMark: a marks file edited by hand', () => {
  it.each<[string, Mark, string | undefined]>([
    ['a good mark', mark('att-1', 'w1', 'first', 'Ann', { ack: 1, next: 2 }), undefined],
    ['a level the rubric lacks', mark('att-1', 'w1', 'first', 'Ann', { ack: 5, next: 2 }), 'criterion "ack": 5 is not one of its levels (0, 1, 2)'],
    ['an item not on the form', mark('att-1', 'w9', 'first', 'Ann', { ack: 1 }), 'item "w9" is not on attempt att-1\'s form'],
    ['an item that is not written', mark('att-1', 's1', 'first', 'Ann', {}), 'item "s1" is not a written item: only written replies are marked'],
    ['a mark on an attempt of another bank is not judged here', mark('other', 'x', 'first', 'Ann', {}), undefined],
  ])('%s', (_, m, problem) => {
    const bad = findBadMark(bank, [a1], [mark('att-1', 'w2', 'first', 'Ann', { clear: 2 }), m], [1, 7]);
    expect(bad).toEqual(problem === undefined ? undefined : { line: 7, problem });
  });
});

describe('issue with marks', () => {
  const context = (markList: Mark[]) => ({ now: new Date('2026-12-06T12:00:00Z'), issuer: 'did:key:z6Mk', registry: { certificates: [], assignments: new Set<string>(), seals: new Set<string>(), failures: [] }, markList });
  it('refuses while a reply waits, saying for what', () => {
    const checked = checkAttemptForIssue(bank, hash, a1, context([mark('att-1', 'w2', 'first', 'Ann', { clear: 2 })]));
    expect(checked).toEqual({ ok: false, reason: 'awaiting-marking', message: '1 written reply waits for marking: "w1" waits for a first mark' });
  });

  it('scores with the resolved marks once every reply stands: the mean of agreeing marks, the third where they differ', () => {
    const marks = [
      mark('att-1', 'w1', 'first', 'Ann', { ack: 2, next: 2 }),
      mark('att-1', 'w1', 'second', 'Bob', { ack: 0, next: 1 }),
      mark('att-1', 'w1', 'third', 'Cat', { ack: 1, next: 2 }),
      mark('att-1', 'w2', 'first', 'Ann', { clear: 2 }),
      mark('att-1', 'w2', 'second', 'Bob', { clear: 1 }),
    ];
    const checked = checkAttemptForIssue(bank, hash, a1, context(marks));
    if (!checked.ok) throw new Error(checked.message);
    // listening: s1 1 + w1 ack 1/2 → 1.5 of 2 (75 %); writing: w1 next 2/2 + w2 (2+1)/2 of 2 = 0.75 → 1.75 of 2 (87.5 %); mean 81.25.
    expect(checked.result.competencies.map((c) => [c.id, c.percent])).toEqual([['listening', 75], ['writing', 87.5]]);
    expect(checked.result.percent).toBe(81.3);
    expect(checked.result.passed).toBe(true);
  });
});
