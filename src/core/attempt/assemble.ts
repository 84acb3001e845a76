import { resolvePolicy } from '../bank/defaults.js';
import { assertNever, type Bank, type Item, type Option } from '../bank/types.js';
import type { Form, FormEntry } from './types.js';
import { seededRandom, shuffle, type Random } from './random.js';
import { own } from '../own.js';

/**
 * The questions one candidate gets, in order: a pure function of the bank and
 * the seed, so an attempt record can be re-assembled and re-scored anywhere.
 *
 * Draws `policy.draws[c]` items per competency (all of a competency not
 * named). Items that share a case study stay together, in bank order, so the
 * case is read once; groups are shuffled when the policy says so.
 */
export function assemble(bank: Bank, seed: string): Form {
  const policy = resolvePolicy(bank.policy);
  const random = seededRandom(seed);

  const drawn = new Set<Item>();
  for (const competency of bank.competencies) {
    const pool = bank.items.filter((item) => item.competency === competency.id);
    const count = Math.min(own(policy.draws, competency.id) ?? pool.length, pool.length);
    const picked = count === pool.length ? pool : shuffle(pool, random).slice(0, count);
    for (const item of picked) drawn.add(item);
  }

  const groups = new Map<string, Item[]>();
  for (const item of bank.items) {
    if (!drawn.has(item)) continue;
    const key = item.case === undefined ? `item:${item.id}` : `case:${item.case}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const ordered = policy.shuffleItems ? shuffle([...groups.values()], random) : [...groups.values()];

  return ordered.flat().map((item) => formEntry(item, policy.shuffleOptions, random));
}

function formEntry(item: Item, shuffleOptions: boolean, random: Random): FormEntry {
  switch (item.type) {
    case 'true-false':
    case 'scenario':
    case 'written':
      return { itemId: item.id };
    case 'single':
    case 'multiple':
    case 'rating':
      return { itemId: item.id, optionOrder: shuffleOptions ? shuffleUnpinned(item.options, random) : item.options.map((o) => o.id) };
    case 'ordering':
      // A sealed bank's delivery part has no answer (src/core/bank/sealed-bank.ts): its `take` cannot
      // avoid a start in the right order, and `issue` assembles its form from that same part.
      return { itemId: item.id, optionOrder: scrambled(item.options.map((o) => o.id), item.answer as readonly string[] | undefined, random) };
    default:
      return assertNever(item, 'item type');
  }
}

/** Pinned options ("None of these") keep their index; the rest are shuffled around them. */
function shuffleUnpinned(options: readonly Option[], random: Random): string[] {
  const free = shuffle(options.filter((o) => !o.pinned), random);
  let next = 0;
  return options.map((option) => (option.pinned ? option.id : (free[next++] as Option).id));
}

/** An ordering item must not start already in the right order, whatever the shuffle policy. */
function scrambled(ids: readonly string[], answer: readonly string[] | undefined, random: Random): string[] {
  if (ids.length < 2) return [...ids];
  const order = shuffle(ids, random);
  if (answer && order.every((id, i) => id === answer[i])) order.push(order.shift() as string);
  return order;
}
