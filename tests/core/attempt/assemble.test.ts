import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../src/core/attempt/assemble.js';
import { resolvePolicy } from '../../../src/core/bank/defaults.js';
import { parseBank } from '../../../src/core/bank/parse-bank.js';
import type { Bank, Item } from '../../../src/core/bank/types.js';
import type { Form } from '../../../src/core/attempt/types.js';
import { makeBank, single } from '../../fixtures/bank-builder.js';

const SEEDS = Array.from({ length: 40 }, (_, i) => `seed-${i}`);

const ordering = (id: string, n: number): Item =>
  ({
    id,
    type: 'ordering',
    competency: 'listen',
    stem: 'Put these in order',
    options: Array.from({ length: n }, (_, i) => ({ id: `o${i}`, text: `Step ${i}` })),
    answer: Array.from({ length: n }, (_, i) => `o${i}`),
  }) as Item;

const withCase = (id: string, competency: string, caseId: string): Item => single(id, competency, { case: caseId });

/** Twelve items per competency, two case studies of three items each. */
const bigBank = (policy: Partial<Bank['policy']> = {}): Bank =>
  makeBank({
    policy,
    cases: [
      { id: 'call', title: 'Call', channel: 'phone', text: 'A call.' },
      { id: 'mail', title: 'Mail', channel: 'email', text: 'An email.' },
    ],
    items: [
      ...Array.from({ length: 9 }, (_, i) => single(`l${i}`, 'listen')),
      withCase('c1', 'listen', 'call'),
      withCase('c2', 'listen', 'call'),
      withCase('c3', 'talk', 'call'),
      ...Array.from({ length: 9 }, (_, i) => single(`t${i}`, 'talk')),
      withCase('m1', 'talk', 'mail'),
      withCase('m2', 'talk', 'mail'),
      withCase('m3', 'listen', 'mail'),
    ],
  });

const ids = (form: Form) => form.map((e) => e.itemId);

/** Each case's items on the form stand next to each other and in bank order. */
function expectCasesTogether(bank: Bank, form: Form): void {
  const items = new Map(bank.items.map((i) => [i.id, i]));
  const bankOrder = new Map(bank.items.map((item, i) => [item.id, i]));
  for (const caseId of new Set(bank.items.map((i) => i.case).filter((c) => c !== undefined))) {
    const positions = form.flatMap((e, i) => (items.get(e.itemId)?.case === caseId ? [i] : []));
    if (positions.length === 0) continue;
    expect(positions.at(-1)! - positions[0]!, `case ${caseId} split on the form`).toBe(positions.length - 1);
    const order = positions.map((p) => bankOrder.get(form[p]!.itemId)!);
    expect(order, `case ${caseId} out of bank order`).toEqual([...order].sort((a, b) => a - b));
  }
}

describe('assemble', () => {
  it('gives the same form for the same seed, and different forms for different seeds', () => {
    const bank = bigBank();
    expect(assemble(bank, 'x')).toEqual(assemble(bank, 'x'));
    const forms = new Set(SEEDS.map((seed) => JSON.stringify(assemble(bank, seed))));
    expect(forms.size).toBe(SEEDS.length);
  });

  it('draws the policy count per competency and all items of a competency not named', () => {
    const bank = bigBank({ draws: { listen: 4 } });
    for (const seed of SEEDS) {
      const form = assemble(bank, seed);
      const competency = (id: string) => bank.items.find((i) => i.id === id)?.competency;
      expect(form.filter((e) => competency(e.itemId) === 'listen')).toHaveLength(4);
      expect(form.filter((e) => competency(e.itemId) === 'talk')).toHaveLength(12);
      expect(new Set(ids(form)).size).toBe(form.length);
    }
  });

  it('draws different items across seeds (every item gets drawn sometimes)', () => {
    const bank = bigBank({ draws: { listen: 3, talk: 3 } });
    const seen = new Set(SEEDS.flatMap((seed) => ids(assemble(bank, seed))));
    expect(seen.size).toBe(bank.items.length);
  });

  it('takes every item when a draw asks for more than the competency has', () => {
    expect(assemble(bigBank({ draws: { listen: 50 } }), 's')).toHaveLength(24);
  });

  it('keeps the items of a case study together and in bank order, whatever the shuffle', () => {
    for (const policy of [{}, { draws: { listen: 5, talk: 5 } }]) {
      const bank = bigBank(policy);
      for (const seed of SEEDS) expectCasesTogether(bank, assemble(bank, seed));
    }
  });

  it('keeps bank order and option order when the policy turns shuffling off', () => {
    const bank = bigBank({ shuffle: { items: false, options: false } });
    const form = assemble(bank, 'any');
    // Case items join their case's first item, so bank order is kept group by group.
    expect(ids(form)).toEqual(['l0', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8', 'c1', 'c2', 'c3', 't0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 'm1', 'm2', 'm3']);
    expect(form.every((e) => e.optionOrder?.join('') === 'abcd')).toBe(true);
  });

  it('shuffles item order and option order when the policy allows', () => {
    const bank = bigBank();
    const forms = SEEDS.map((seed) => assemble(bank, seed));
    expect(new Set(forms.map((f) => f[0]?.itemId)).size).toBeGreaterThan(5);
    expect(new Set(forms.map((f) => f.find((e) => e.itemId === 'l0')?.optionOrder?.join(''))).size).toBeGreaterThan(5);
  });

  it('keeps pinned options at their index and shuffles the rest around them', () => {
    const pinned = single('p', 'listen', {
      options: [
        { id: 'a', text: 'A' },
        { id: 'b', text: 'B' },
        { id: 'c', text: 'C' },
        { id: 'none', text: 'None of these', pinned: true },
      ],
    });
    const first = single('f', 'listen', { options: [{ id: 'all', text: 'All of these', pinned: true }, { id: 'x', text: 'X' }, { id: 'y', text: 'Y' }, { id: 'z', text: 'Z' }], answer: 'x' });
    const bank = makeBank({ items: [pinned, first, single('t1', 'talk')] });
    const orders = SEEDS.map((seed) => assemble(bank, seed));
    for (const form of orders) {
      expect(form.find((e) => e.itemId === 'p')?.optionOrder?.[3]).toBe('none');
      expect(form.find((e) => e.itemId === 'f')?.optionOrder?.[0]).toBe('all');
    }
    expect(new Set(orders.map((f) => f.find((e) => e.itemId === 'p')?.optionOrder?.join(','))).size).toBe(6);
  });

  it.each([2, 3, 5])('never starts an ordering item of %i steps in the right order, even with option shuffling off', (n) => {
    for (const options of [true, false]) {
      const bank = makeBank({ items: [ordering('o', n), single('t1', 'talk')], policy: { shuffle: { options } } });
      for (const seed of SEEDS) {
        const order = assemble(bank, seed).find((e) => e.itemId === 'o')?.optionOrder;
        expect(order).toHaveLength(n);
        expect(order?.join(',')).not.toBe(Array.from({ length: n }, (_, i) => `o${i}`).join(','));
      }
    }
  });

  it('gives true-false and scenario items no option order', () => {
    const bank = makeBank({ items: [{ id: 'tf', type: 'true-false', competency: 'listen', stem: '?', answer: true } as Item, single('t1', 'talk')] });
    expect(assemble(bank, 's').find((e) => e.itemId === 'tf')).toEqual({ itemId: 'tf' });
  });
});

describe('assemble on the banks that ship', () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../../question-banks');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

  it('finds the shipped banks', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s: forms follow the draws, keep cases together and pinned options in place', (file) => {
    const parsed = parseBank(readFileSync(join(dir, file), 'utf8'), file);
    if (!parsed.ok) throw new Error(`${file} does not parse: ${parsed.errors[0]?.message}`);
    const { bank } = parsed;
    const policy = resolvePolicy(bank.policy);
    const items = new Map(bank.items.map((i) => [i.id, i]));
    for (const seed of SEEDS.slice(0, 10)) {
      const form = assemble(bank, seed);
      for (const c of bank.competencies) {
        const pool = bank.items.filter((i) => i.competency === c.id).length;
        expect(form.filter((e) => items.get(e.itemId)?.competency === c.id)).toHaveLength(Math.min(policy.draws[c.id] ?? pool, pool));
      }
      expectCasesTogether(bank, form);
      for (const entry of form) {
        const item = items.get(entry.itemId)!;
        if (!('options' in item)) continue;
        expect([...(entry.optionOrder ?? [])].sort()).toEqual(item.options.map((o) => o.id).sort());
        item.options.forEach((o, i) => {
          if (o.pinned) expect(entry.optionOrder?.[i]).toBe(o.id);
        });
      }
    }
  });
});
