import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../src/core/attempt/assemble.js';
import { parseBank } from '../../../src/core/bank/parse-bank.js';
import type { Item } from '../../../src/core/bank/types.js';
import type { AnswerRecord, Response } from '../../../src/core/attempt/types.js';
import { scenarioMaxima, scoreAttempt, scoreItem, scoreScenario } from '../../../src/core/attempt/scoring.js';
import { makeBank, rating as ratingItem, scenario, single } from '../../fixtures/bank-builder.js';

const opts = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String.fromCharCode(97 + i), text: `Option ${i}` }));

const multiple = (scoring?: { mode?: 'partial' | 'all-or-nothing'; negative?: boolean }) =>
  ({ id: 'm', type: 'multiple', competency: 'listen', stem: '?', options: opts(5), answer: ['a', 'b'], ...(scoring ? { scoring } : {}) }) as Item & { type: 'multiple' };

const ordering = (mode?: 'partial' | 'all-or-nothing') =>
  ({ id: 'o', type: 'ordering', competency: 'listen', stem: '?', options: opts(4), answer: ['a', 'b', 'c', 'd'], ...(mode ? { scoring: { mode } } : {}) }) as Item & { type: 'ordering' };

const rating = ratingItem('r', 'listen', [5, 1]);

describe('scoreItem', () => {
  it.each<[string, Item, Response | null, number]>([
    ['single: right', single('s', 'listen'), { type: 'single', choice: 'b' }, 1],
    ['single: wrong', single('s', 'listen'), { type: 'single', choice: 'a' }, 0],
    ['single: unanswered', single('s', 'listen'), null, 0],
    ['single: response of another type scores nothing', single('s', 'listen'), { type: 'true-false', value: true }, 0],
    ['true-false: right', { id: 't', type: 'true-false', competency: 'listen', stem: '?', answer: false } as Item, { type: 'true-false', value: false }, 1],
    ['true-false: wrong', { id: 't', type: 'true-false', competency: 'listen', stem: '?', answer: false } as Item, { type: 'true-false', value: true }, 0],
    // k = 2 keyed of n = 5: each hit +1/2, each false pick −1/3.
    ['multiple partial: exact set', multiple(), { type: 'multiple', choices: ['a', 'b'] }, 1],
    ['multiple partial: one of two', multiple(), { type: 'multiple', choices: ['a'] }, 0.5],
    ['multiple partial: one hit, one false pick', multiple(), { type: 'multiple', choices: ['a', 'c'] }, 0.5 - 1 / 3],
    ['multiple partial: picking everything earns nothing', multiple(), { type: 'multiple', choices: ['a', 'b', 'c', 'd', 'e'] }, 0],
    ['multiple partial: only false picks floor at 0', multiple(), { type: 'multiple', choices: ['c', 'd'] }, 0],
    ['multiple negative: only false picks go below 0', multiple({ negative: true }), { type: 'multiple', choices: ['c', 'd'] }, -2 / 3],
    ['multiple negative: floor at −1', multiple({ negative: true }), { type: 'multiple', choices: ['c', 'd', 'e'] }, -1],
    ['multiple all-or-nothing: exact', multiple({ mode: 'all-or-nothing' }), { type: 'multiple', choices: ['b', 'a'] }, 1],
    ['multiple all-or-nothing: partial set earns 0', multiple({ mode: 'all-or-nothing' }), { type: 'multiple', choices: ['a'] }, 0],
    ['ordering: exact', ordering(), { type: 'ordering', order: ['a', 'b', 'c', 'd'] }, 1],
    ['ordering: reversed', ordering(), { type: 'ordering', order: ['d', 'c', 'b', 'a'] }, 0],
    // One adjacent swap breaks 1 of 6 pairs.
    ['ordering: one adjacent swap', ordering(), { type: 'ordering', order: ['b', 'a', 'c', 'd'] }, 5 / 6],
    ['ordering all-or-nothing: one swap', ordering('all-or-nothing'), { type: 'ordering', order: ['b', 'a', 'c', 'd'] }, 0],
    ['rating: matches the key', rating, { type: 'rating', ratings: { a: 5, b: 1 } }, 1],
    ['rating: off by 2 on one of two', rating, { type: 'rating', ratings: { a: 3, b: 1 } }, (0.5 + 1) / 2],
    ['rating: one unrated', rating, { type: 'rating', ratings: { a: 5 } }, 0.5],
    ['rating: opposite', rating, { type: 'rating', ratings: { a: 1, b: 5 } }, 0],
    ['rating: off the scale (a hand-edited record) costs no more than the option', rating, { type: 'rating', ratings: { a: 5, b: 99 } }, 0.5],
  ])('%s', (_name, item, response, expected) => {
    expect(scoreItem(item as Exclude<Item, { type: 'scenario' | 'written' }>, response).score).toBeCloseTo(expected, 10);
  });

  it('reports a red-flag option that was chosen', () => {
    const item = single('s', 'listen', { options: [{ id: 'a', text: 'x', redFlag: 'Shared card data' }, { id: 'b', text: 'y' }] });
    expect(scoreItem(item as Exclude<Item, { type: 'scenario' | 'written' }>, { type: 'single', choice: 'a' }).redFlags).toEqual(['Shared card data']);
  });
});

describe('scenarios', () => {
  const item = scenario('sc') as Extract<Item, { type: 'scenario' }>;
  const path = (...moves: Array<[string, string]>): Response => ({ type: 'scenario', path: moves.map(([step, choice]) => ({ step, choice, at: '2026-01-01T00:00:00.000Z' })) });

  it('finds the best single path per competency', () => {
    expect(scenarioMaxima(item)).toEqual({ listen: 4, talk: 2 });
  });

  it.each<[string, Response | null, Record<string, number>, number]>([
    ['the best path earns everything', path(['s1', 'a'], ['s2', 'a']), { listen: 1, talk: 1 }, 1],
    ['a weak start then a good fix', path(['s1', 'b'], ['s2', 'a']), { listen: 0.5, talk: 0.5 }, 0.5],
    ['negative points count against', path(['s1', 'b'], ['s2', 'b']), { listen: -0.25, talk: 0 }, -0.25],
    ['not started', null, { listen: 0, talk: 0 }, 0],
    // A hand-edited record: only the walk the conversation allows counts.
    ['a step repeated counts once', path(['s1', 'a'], ['s1', 'a'], ['s1', 'a']), { listen: 0.5, talk: 0.5 }, 0.5],
    ['a jump to a step not reached counts nothing from there', path(['s2', 'a']), { listen: 0, talk: 0 }, 0],
    ['a move after the conversation ended counts nothing', path(['s1', 'b'], ['s2', 'b'], ['s2', 'a']), { listen: -0.25, talk: 0 }, -0.25],
  ])('%s', (_name, response, earned, score) => {
    const result = scoreScenario(item, response);
    expect(result.available).toEqual({ listen: 1, talk: 1 });
    for (const [c, value] of Object.entries(earned)) expect(result.earned[c]).toBeCloseTo(value, 10);
    expect(result.score).toBeCloseTo(score, 10);
  });

  it('a red-flag choice off the walk (not reachable from where the conversation stood) is not counted', () => {
    expect(scoreScenario(item, path(['s1', 'a'], ['s1', 'c'])).redFlags).toEqual([]);
  });

  it('the best walk is correct even when its points add up differently in floating point', () => {
    // Along the path (0.1 + 0.1) + 1.1 = 1.3; the best path from the end back, 0.1 + (0.1 + 1.1) = 1.3000000000000003.
    const fractional = {
      ...item,
      steps: [
        { id: 's1', customer: '?', choices: [{ id: 'a', text: 'a', points: { listen: 0.1 }, next: 's2' }] },
        { id: 's2', customer: '?', choices: [{ id: 'a', text: 'a', points: { listen: 0.1 }, next: 's3' }] },
        { id: 's3', customer: '?', choices: [{ id: 'a', text: 'a', points: { listen: 1.1 } }] },
      ],
    } as Extract<Item, { type: 'scenario' }>;
    const bankWith = makeBank({ items: [fractional] });
    const result = scoreAttempt(bankWith, [{ itemId: 'sc' }], [answered('sc', path(['s1', 'a'], ['s2', 'a'], ['s3', 'a']))]);
    expect(result.items[0]?.correct).toBe(true);
    expect(result.passed).toBe(true);
  });

  it('a red-flag choice on the path is reported', () => {
    expect(scoreScenario(item, path(['s1', 'c'])).redFlags).toEqual(['Asked for a full card number']);
  });
});

const answered = (itemId: string, response: Response | null): AnswerRecord => ({ itemId, response, timeSpentMs: 1000, flagged: false });
const right = (id: string) => answered(id, { type: 'single', choice: 'b' });
const wrong = (id: string) => answered(id, { type: 'single', choice: 'a' });

describe('scoreAttempt', () => {
  const bank = makeBank();
  const form = bank.items.map((i) => ({ itemId: i.id }));

  it('passes with everything right', () => {
    const result = scoreAttempt(bank, form, ['l1', 'l2', 't1', 't2'].map(right));
    expect(result).toMatchObject({ percent: 100, passed: true, failReasons: [], gaps: [] });
    expect(result.competencies.map((c) => [c.id, c.percent, c.met])).toEqual([
      ['listen', 100, true],
      ['talk', 100, true],
    ]);
  });

  it('fails on the pass mark and names the weakest competency as the gap', () => {
    // listen 100, talk 50 (floor 50 met) -> overall 75; with pass mark 80 it fails.
    const strict = makeBank({ policy: { passMark: 80 } });
    const result = scoreAttempt(strict, form, [right('l1'), right('l2'), right('t1'), wrong('t2')]);
    expect(result.percent).toBe(75);
    expect(result.passed).toBe(false);
    expect(result.failReasons).toEqual([{ kind: 'below-pass-mark', percent: 75, passMark: 80 }]);
    expect(result.gaps.map((g) => g.competency)).toEqual(['talk']);
    expect(result.gaps[0]?.modules).toEqual([{ id: 'CS-102', title: 'Plain language' }]);
  });

  it('fails on a competency floor even when the overall mark is met', () => {
    const floors = makeBank({
      policy: { passMark: 50 },
      competencies: [
        { id: 'listen', title: 'Listen', floor: 60 },
        { id: 'talk', title: 'Talk', floor: 0 },
      ],
    });
    const result = scoreAttempt(floors, form, [right('l1'), wrong('l2'), right('t1'), right('t2')]);
    expect(result.percent).toBe(75);
    expect(result.passed).toBe(false);
    expect(result.failReasons).toEqual([{ kind: 'below-floor', competency: 'listen', percent: 50, floor: 60 }]);
    expect(result.gaps.map((g) => g.competency)).toEqual(['listen']);
  });

  it('passes exactly at the pass mark and exactly at a floor (ties pass)', () => {
    const tie = makeBank({ policy: { passMark: 75 }, competencies: [{ id: 'listen', title: 'L', floor: 50 }, { id: 'talk', title: 'T', floor: 100 }] });
    const result = scoreAttempt(tie, form, [right('l1'), wrong('l2'), right('t1'), right('t2')]);
    expect(result.percent).toBe(75);
    expect(result.passed).toBe(true);
  });

  // 57/100 is 56.99999999999999 in floating point; 0.1·60 + 0.2·75 over 0.3 is 69.99999999999999.
  it.each<[string, number, number, Array<{ id: string; title: string; weight?: number; floor?: number }>, Record<string, number>]>([
    ['57 of 100 at a pass mark of 57', 57, 0, [{ id: 'listen', title: 'L' }], { listen: 57 }],
    ['weights 0.1 and 0.2 meeting a pass mark of 70', 70, 0, [{ id: 'listen', title: 'L', weight: 0.1 }, { id: 'talk', title: 'T', weight: 0.2 }], { listen: 60, talk: 75 }],
    ['57 of 100 at a floor of 57', 0, 57, [{ id: 'listen', title: 'L', floor: 57 }], { listen: 57 }],
  ])('a tie in exact arithmetic passes despite floating point: %s', (_name, passMark, _floor, competencies, rightOf100) => {
    const items = competencies.flatMap((c) => Array.from({ length: 100 }, (_, i) => single(`${c.id}${i}`, c.id)));
    const tieBank = makeBank({ items, competencies, policy: { passMark } });
    const answers = items.map((item) => (Number(item.id.replace(/\D/g, '')) < (rightOf100[item.competency] ?? 0) ? right(item.id) : wrong(item.id)));
    const result = scoreAttempt(tieBank, items.map((i) => ({ itemId: i.id })), answers);
    expect(result).toMatchObject({ passed: true, failReasons: [], gaps: [] });
  });

  it('weights competencies in the overall score', () => {
    const weighted = makeBank({ competencies: [{ id: 'listen', title: 'L', weight: 3 }, { id: 'talk', title: 'T', weight: 1 }] });
    const result = scoreAttempt(weighted, form, [right('l1'), right('l2'), wrong('t1'), wrong('t2')]);
    expect(result.percent).toBe(75);
  });

  it('fails on a red flag however high the score', () => {
    const flagged = makeBank({ items: [single('l1', 'listen', { options: [{ id: 'a', text: 'x', redFlag: 'Read out card number' }, { id: 'b', text: 'y' }], answer: 'b' }), single('t1', 'talk')] });
    const result = scoreAttempt(flagged, [{ itemId: 'l1' }, { itemId: 't1' }], [answered('l1', { type: 'single', choice: 'a' }), right('t1')]);
    expect(result.passed).toBe(false);
    expect(result.failReasons).toContainEqual({ kind: 'red-flag', itemId: 'l1', reason: 'Read out card number' });
  });

  it('scores an empty attempt as 0 and fails, with every competency a gap', () => {
    const result = scoreAttempt(bank, form, []);
    expect(result.percent).toBe(0);
    expect(result.passed).toBe(false);
    expect(result.items.every((i) => !i.answered && i.score === 0)).toBe(true);
    expect(result.gaps.map((g) => g.competency).sort()).toEqual(['listen', 'talk']);
  });

  it('never shows a competency below 0 percent, even with negative marking', () => {
    const neg = makeBank({ items: [multiple({ negative: true }), single('t1', 'talk')] });
    const result = scoreAttempt(neg, [{ itemId: 'm' }, { itemId: 't1' }], [answered('m', { type: 'multiple', choices: ['c', 'd', 'e'] }), right('t1')]);
    expect(result.competencies.find((c) => c.id === 'listen')?.percent).toBe(0);
    expect(result.items[0]?.score).toBe(-1);
  });

  it('counts only competencies on the form', () => {
    const result = scoreAttempt(bank, [{ itemId: 'l1' }], [right('l1')]);
    expect(result.competencies.map((c) => c.id)).toEqual(['listen']);
    expect(result.percent).toBe(100);
  });

  it('refuses a form naming an item the bank does not have', () => {
    expect(() => scoreAttempt(bank, [{ itemId: 'nope' }], [])).toThrow(/nope/);
  });
});

describe('scoring the banks that ship', () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../../question-banks');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

  /** Every walk through a scenario, as paths of moves. */
  function walks(item: Extract<Item, { type: 'scenario' }>): Response[] {
    const out: Response[] = [];
    const steps = new Map(item.steps.map((s) => [s.id, s]));
    const go = (stepId: string | undefined, path: Array<{ step: string; choice: string; at: string }>) => {
      const step = stepId === undefined ? undefined : steps.get(stepId);
      if (!step?.choices?.length) {
        out.push({ type: 'scenario', path });
        return;
      }
      for (const c of step.choices) go(c.next, [...path, { step: step.id, choice: c.id, at: '2026-01-01T00:00:00.000Z' }]);
    };
    go(item.start, []);
    return out;
  }

  /** The keyed response to an item; for a scenario, the walk that earns the most overall. */
  function keyed(item: Item): Response {
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
      case 'scenario': {
        const total = (r: Response) => Object.values(scoreScenario(item, r).earned).reduce((a, b) => a + b, 0);
        return walks(item).reduce((best, r) => (total(r) > total(best) ? r : best));
      }
      case 'written':
        return { type: 'written', text: item.modelAnswer ?? 'A reply.' };
    }
  }

  it.each(files)('%s: the key scores 100 % and passes on every form; no answers score 0 and name every competency as a gap', (file) => {
    const parsed = parseBank(readFileSync(join(dir, file), 'utf8'), file);
    if (!parsed.ok) throw new Error(`${file} does not parse: ${parsed.errors[0]?.message}`);
    const { bank } = parsed;
    const items = new Map(bank.items.map((i) => [i.id, i]));
    for (const seed of ['a', 'b', 'c']) {
      const form = assemble(bank, seed);
      const best = scoreAttempt(bank, form, form.map((e) => answered(e.itemId, keyed(items.get(e.itemId)!))));
      expect(best.failReasons).toEqual([]);
      expect(best.percent).toBe(100);
      expect(best.competencies.every((c) => c.percent === 100)).toBe(true);

      const none = scoreAttempt(bank, form, []);
      expect(none.percent).toBe(0);
      expect(none.passed).toBe(false);
      expect(none.items.every((i) => !i.answered && i.score === 0)).toBe(true);
      const withFloor = bank.competencies.filter((c) => (c.floor ?? 0) > 0 && none.competencies.some((r) => r.id === c.id));
      const expectedGaps = withFloor.length > 0 ? withFloor : none.competencies;
      expect(none.gaps.map((g) => g.competency).sort()).toEqual(expectedGaps.map((c) => c.id).sort());
      for (const gap of none.gaps) expect(gap.modules).toEqual(bank.competencies.find((c) => c.id === gap.competency)?.modules ?? []);
    }
  });
});
