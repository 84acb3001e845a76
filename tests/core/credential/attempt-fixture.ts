import { assemble } from '../../../src/core/attempt/assemble.js';
import type { AnswerRecord, AttemptRecord, Response, ScenarioMove } from '../../../src/core/attempt/types.js';
import type { Bank, Item, ScenarioItem } from '../../../src/core/bank/types.js';
import { scoreAttempt } from '../../../src/core/attempt/scoring.js';
import { deadlineFor } from '../../../src/core/attempt/session.js';

/** The best response to an item, as an expert would give it. */
export function bestResponse(item: Item, at: string): Response {
  switch (item.type) {
    case 'single':
      return { type: 'single', choice: item.answer };
    case 'multiple':
      return { type: 'multiple', choices: [...item.answer] };
    case 'true-false':
      return { type: 'true-false', value: item.answer };
    case 'ordering':
      return { type: 'ordering', order: [...item.answer] };
    case 'rating':
      return { type: 'rating', ratings: Object.fromEntries(item.options.map((o) => [o.id, o.key])) };
    case 'scenario':
      return { type: 'scenario', path: bestPath(item, at) };
    case 'written':
      return { type: 'written', text: item.modelAnswer ?? 'A reply.' };
  }
}

function bestPath(item: ScenarioItem, at: string): ScenarioMove[] {
  const steps = new Map(item.steps.map((s) => [s.id, s]));
  const path: ScenarioMove[] = [];
  let step = steps.get(item.start);
  while (step?.choices && step.choices.length > 0) {
    const total = (c: { points?: Record<string, number> }) => Object.values(c.points ?? {}).reduce((a, b) => a + b, 0);
    const choice = [...step.choices].filter((c) => !c.redFlag).sort((a, b) => total(b) - total(a))[0]!;
    path.push({ step: step.id, choice: choice.id, at });
    step = choice.next ? steps.get(choice.next) : undefined;
  }
  return path;
}

/** A finished attempt record on `bank`, answered perfectly (or not at all), scored like `take` would. */
export function makeAttempt(bank: Bank, hash: string, options: { seed?: string; pass?: boolean; id?: string; email?: string } = {}): AttemptRecord {
  // Each attempt id its own form: the same form and answers under two ids is a replay, which `issue` refuses.
  const seed = options.seed ?? (options.id === undefined ? 'seed-1' : `seed-${options.id}`);
  const form = assemble(bank, seed);
  const startedAt = '2026-11-20T09:00:00.000Z';
  const at = '2026-11-20T09:05:00.000Z';
  const items = new Map(bank.items.map((i) => [i.id, i]));
  const answers: AnswerRecord[] = form.map((entry) => ({
    itemId: entry.itemId,
    response: options.pass === false ? null : bestResponse(items.get(entry.itemId)!, at),
    ...(options.pass === false ? {} : { answeredAt: at }),
    timeSpentMs: 20_000,
    flagged: false,
  }));
  return {
    format: 'frontline.attempt/1',
    id: options.id ?? 'attempt-0001',
    candidate: { name: 'Amara Osei', employeeId: 'E1042', ...(options.email ? { email: options.email } : {}) },
    bank: { id: bank.id, version: bank.version, title: bank.title, hash },
    seed,
    extraTime: 1,
    form,
    startedAt,
    deadline: new Date(deadlineFor(bank, Date.parse(startedAt))).toISOString(),
    endedAt: '2026-11-20T09:08:00.000Z',
    ended: 'submitted',
    answers,
    result: scoreAttempt(bank, form, answers),
  };
}
