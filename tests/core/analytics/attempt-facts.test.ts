import { describe, expect, it } from 'vitest';
import { FactsReader, FactsWriter, type AttemptFacts, type FactsBatch, type FactsVisitor } from '../../../src/core/analytics/attempt-facts.js';
import type { AttemptRecord } from '../../../src/core/attempt-types.js';
import { fixtureBank, random, simulate } from '../../fixtures/attempts.js';

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
  form: Array<[string, string[]]>;
  /** The arrays the reader handed out, to compare by identity. */
  arrays: Array<readonly string[]>;
}

function seen(f: AttemptFacts): Seen {
  return {
    id: f.id,
    itemId: f.itemId.slice(0, f.items),
    score: f.score.slice(0, f.items),
    form: f.formItemId.slice(0, f.form).map((id, e) => [id, [...f.formOptions[e]!]]),
    arrays: f.formOptions.slice(0, f.form),
  };
}

function expected(record: AttemptRecord): Omit<Seen, 'arrays'> {
  return {
    id: record.id,
    itemId: record.result.items.map((i) => i.itemId),
    score: record.result.items.map((i) => i.score),
    form: record.form.map((entry) => [entry.itemId, entry.optionOrder ?? []]),
  };
}

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

describe('FactsWriter and FactsReader', () => {
  const records = varied(40, 11);

  it('give back each record\'s items and form, whatever came before it and wherever batches end', () => {
    for (const flushAfter of [new Set<number>(), new Set([0, 1, 2, 13, 14, 30]), new Set(records.map((_, i) => i))]) {
      const got = readAll(write(records, flushAfter));
      expect(got.map(({ arrays: _, ...rest }) => rest)).toEqual(records.map(expected));
    }
  });

  it('hand out the same options array for an entry the previous record had unchanged, and a new one otherwise', () => {
    const got = readAll(write(records, new Set([9, 19])));
    let same = 0;
    let changed = 0;
    for (let r = 1; r < records.length; r += 1) {
      records[r]!.form.forEach((entry, e) => {
        const before = records[r - 1]!.form[e];
        const unchanged = before !== undefined && before.itemId === entry.itemId && JSON.stringify(before.optionOrder ?? []) === JSON.stringify(entry.optionOrder ?? []);
        expect(got[r]!.arrays[e] === got[r - 1]!.arrays[e], `record ${r}, entry ${e}`).toBe(unchanged);
        if (unchanged) same += 1;
        else changed += 1;
      });
    }
    // The simulation has both kinds, or this test would prove nothing.
    expect(same).toBeGreaterThan(50);
    expect(changed).toBeGreaterThan(50);
  });

  it('read a batch after one read only to be skipped as if all were read', () => {
    const batches = write(records, new Set([9, 19, 29]));
    const got = readAll(batches, (b) => b !== 1 && b !== 2);
    expect(got.map(({ arrays: _, ...rest }) => rest)).toEqual([...records.slice(0, 10), ...records.slice(30)].map(expected));
  });
});
