import type { Item, Option, OptionId, RatingItem, ScenarioItem, ScenarioStep } from '../../core/bank/types.js';
import type { FormEntry, Response, ScenarioMove } from '../../core/attempt/types.js';

/** The item's options in the order this candidate's form shows them. */
export function shownOptions<O extends Option>(options: readonly O[], entry: FormEntry): O[] {
  if (!entry.optionOrder) return [...options];
  const byId = new Map(options.map((o) => [o.id, o]));
  return entry.optionOrder.map((id) => byId.get(id)).filter((o): o is O => o !== undefined);
}

/** Where a branching conversation stands: the step after the last move, or the start. */
export function scenarioStep(item: ScenarioItem, path: readonly ScenarioMove[]): ScenarioStep | undefined {
  const last = path[path.length - 1];
  const id = last === undefined ? item.start : item.steps.find((s) => s.id === last.step)?.choices?.find((c) => c.id === last.choice)?.next;
  return id === undefined ? undefined : item.steps.find((s) => s.id === id);
}

/** The scenario has reached a step with no choices (or a choice with no next step). */
export function scenarioFinished(item: ScenarioItem, path: readonly ScenarioMove[]): boolean {
  const step = scenarioStep(item, path);
  return step === undefined || (step.choices ?? []).length === 0;
}

export const scenarioPath = (response: Response | null): ScenarioMove[] => (response?.type === 'scenario' ? response.path : []);

/** How many rows the cursor moves over on this item as it stands. */
export function choiceCount(item: Item, entry: FormEntry, response: Response | null): number {
  switch (item.type) {
    case 'single':
    case 'multiple':
    case 'ordering':
    case 'rating':
      return shownOptions(item.options, entry).length;
    case 'true-false':
      return 2;
    case 'scenario':
      return scenarioStep(item, scenarioPath(response))?.choices?.length ?? 0;
    case 'written':
      return 0;
  }
}

export function currentOrder(entry: FormEntry, item: { options: Option[] }, response: Response | null): OptionId[] {
  if (response?.type === 'ordering') return response.order;
  return shownOptions(item.options, entry).map((o) => o.id);
}

export function moveInOrder(order: readonly OptionId[], index: number, delta: number): OptionId[] {
  const to = index + delta;
  if (index < 0 || index >= order.length || to < 0 || to >= order.length) return [...order];
  const next = [...order];
  const [moved] = next.splice(index, 1);
  next.splice(to, 0, moved as OptionId);
  return next;
}

export function toggleChoice(chosen: readonly OptionId[], id: OptionId): OptionId[] {
  return chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id];
}

/** A rating one step up or down; an unrated option starts from the middle of the scale. */
export function stepRating(scale: RatingItem['scale'], current: number | undefined, delta: number): number {
  const start = current ?? Math.floor((scale.min + scale.max) / 2) - delta;
  return Math.max(scale.min, Math.min(scale.max, start + delta));
}
