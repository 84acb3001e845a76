import { describe, expect, it } from 'vitest';
import { ANSWER_NULL, ANSWER_WRITTEN, FactsReader, FactsWriter, type AttemptFacts, type FactsBatch, type FactsVisitor } from '../../../src/core/analytics/attempt-facts.js';
import type { AttemptRecord } from '../../../src/core/attempt/types.js';
import { fixtureBank, random, simulate } from '../../fixtures/attempts.js';
import { writtenAttempt, writtenBank, writtenItem } from '../../fixtures/written-attempts.js';

const fixture = fixtureBank();

/** Simulated records whose forms vary the way real ones do: shuffled options, items in another order, a shorter form. */
function varied(n: number, seed: number): AttemptRecord[] {
  const next = random(seed);
  return simulate(fixture, { n, seed }).map((record, r) => {
    const form = record.form.map((entry) => {
      if (!entry.optionOrder || next() < 0.6) return entry;
      const order = [...entry.optionOrder];
      for (let i = order.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      return { ...entry, optionOrder: order };
    });
    if (r % 7 === 3) form.reverse();
    if (r % 11 === 5) form.pop();
    return { ...record, form };
  });
}

interface Seen {
  id: string;
  itemId: string[];
  score: number[];
  /** The items whose options came with this record, and those options. */
  form: Array<[string, string[]]>;
}

function seen(f: AttemptFacts): Seen {
  return {
    id: f.id,
    itemId: f.itemId.slice(0, f.items),
    score: f.score.slice(0, f.items),
    form: f.formItemId.slice(0, f.form).map((id, e) => [id, [...f.formOptions[e]!]]),
  };
}

const items = (record: AttemptRecord) => ({ id: record.id, itemId: record.result!.items.map((i) => i.itemId), score: record.result!.items.map((i) => i.score) });

/** Writes the records with a flush after each index in `flushAfter` (and at the end). */
function write(records: readonly AttemptRecord[], flushAfter: ReadonlySet<number>): FactsBatch[] {
  const writer = new FactsWriter();
  const batches: FactsBatch[] = [];
  records.forEach((record, i) => {
    writer.record(i, record);
    if (flushAfter.has(i)) batches.push(writer.flush());
  });
  batches.push(writer.flush());
  return batches;
}

function readAll(batches: readonly FactsBatch[], want: (b: number) => boolean = () => true): Seen[] {
  const reader = new FactsReader();
  const out: Seen[] = [];
  const keep: FactsVisitor = { record: (_, f) => out.push(seen(f)), problem: () => undefined };
  const ignore: FactsVisitor = { record: () => undefined, problem: () => undefined };
  batches.forEach((batch, b) => {
    reader.receive(batch);
    reader.read(batch, want(b) ? keep : ignore);
  });
  return out;
}

/** Item id to the set of options, over every form of the records. */
function optionsOf(forms: ReadonlyArray<ReadonlyArray<readonly [string, readonly string[]]>>): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const form of forms) for (const [id, options] of form) for (const o of options) (out.get(id) ?? out.set(id, new Set()).get(id)!).add(o);
  return new Map([...out].map(([id, set]) => [id, [...set].sort()]));
}

const formOf = (record: AttemptRecord) => record.form.filter((e) => (e.optionOrder?.length ?? 0) > 0).map((e) => [e.itemId, e.optionOrder!] as const);

describe('FactsWriter and FactsReader', () => {
  const records = varied(40, 11);

  it("give back each record's items, whatever came before it and wherever batches end", () => {
    for (const flushAfter of [new Set<number>(), new Set([0, 1, 2, 13, 14, 30]), new Set(records.map((_, i) => i))]) {
      expect(readAll(write(records, flushAfter)).map(({ form: _, ...rest }) => rest)).toEqual(records.map(items));
    }
  });

  it("send an item's options with the first record that shows them, in that form's order, and not again", () => {
    const got = readAll(write(records, new Set([9, 19])));
    expect(got[0]!.form).toEqual(formOf(records[0]!).map(([id, order]) => [id, [...order]]));
    expect(optionsOf(got.map((g) => g.form))).toEqual(optionsOf(records.map(formOf)));
    // Shuffled orders and reversed forms show nothing new after the first record of this bank.
    expect(got.slice(1).every((g) => g.form.length === 0)).toBe(true);
  });

  it('send them again when a form shows an option not sent before, and for each bank on its own', () => {
    const extra = structuredClone(records[5]!);
    const entry = extra.form.find((e) => e.optionOrder)!;
    entry.optionOrder = [...entry.optionOrder!, 'z'];
    const [other] = simulate(fixtureBank({ version: '2.0.0' }), { n: 1, seed: 4, idPrefix: 'other' });
    const got = readAll(write([records[0]!, extra, other!, records[1]!], new Set()));
    expect(got[1]!.form).toEqual([[entry.itemId, [...entry.optionOrder]]]);
    expect(optionsOf([got[2]!.form])).toEqual(optionsOf([formOf(other!)]));
    expect(got[3]!.form).toEqual([]);
  });

  it('read the records of a batch after batches read only to be skipped', () => {
    const batches = write(records, new Set([9, 19, 29]));
    const got = readAll(batches, (b) => b !== 1 && b !== 2);
    expect(got.map(({ form: _, ...rest }) => rest)).toEqual([...records.slice(0, 10), ...records.slice(30)].map(items));
  });
});

describe('facts of written replies', () => {
  const loaded = writtenBank([writtenItem('w1', { ack: [0, 1, 2] })]);
  it.each([
    ['a reply with text waiting for a marker', 'I am sorry, I have refunded it.', { awaiting: true, answer: ANSWER_WRITTEN, choices: 1, pending: true }],
    ['an empty reply (scored 0, no marker needed)', '', { awaiting: false, answer: ANSWER_NULL, choices: 0, pending: false }],
  ])('%s, followed by another record, reads back whole', (_, text, expected) => {
    const record = writtenAttempt(loaded, { id: 'w', text });
    const next = writtenAttempt(loaded, { id: 'after', text: '' });
    const writer = new FactsWriter();
    writer.record(0, record);
    writer.record(1, next);
    const batch = writer.flush();
    const reader = new FactsReader();
    reader.receive(batch);
    const seen: Array<{ id: string; awaiting: boolean; answer: number; choices: number; score: number }> = [];
    reader.read(batch, {
      record: (_at, f) => {
        const i = f.itemId.indexOf('w1');
        seen.push({ id: f.id, awaiting: f.awaiting, answer: f.answer[i]!, choices: f.choiceStart[i + 1]! - f.choiceStart[i]!, score: f.score[i]! });
      },
      problem: (_at, problem) => {
        throw new Error(problem);
      },
    });
    expect(seen.map((s) => s.id)).toEqual(['w', 'after']);
    expect(seen[0]).toMatchObject({ awaiting: expected.awaiting, answer: expected.answer, choices: expected.choices });
    expect(Number.isNaN(seen[0]!.score)).toBe(expected.pending);
    expect(seen[1]).toMatchObject({ awaiting: false, answer: ANSWER_NULL, score: 0 });
  });
});
