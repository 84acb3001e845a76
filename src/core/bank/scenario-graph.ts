import type { ScenarioChoice, ScenarioItem } from './types.js';

/** A choice whose `next` leads back to a step on the current path. */
export interface ScenarioLoop {
  step: number;
  choice: number;
}

export interface ScenarioWalk {
  /** Ids of the steps reachable from the start. */
  reached: Set<string>;
  loops: ScenarioLoop[];
  /** Reached step ids, each after every step it leads to: the order to compute best paths in. */
  postOrder: string[];
}

/**
 * Depth-first from the start, with an explicit stack: a linear scenario of
 * thousands of steps must not exhaust the call stack. Assumes every `next`
 * names a step (the bank checks say so first).
 */
export function walkScenario(item: ScenarioItem): ScenarioWalk {
  const index = new Map(item.steps.map((step, i) => [step.id, i]));
  // grey = on the current path (a back edge is a loop), black = done.
  const colour = new Map<string, 'grey' | 'black'>();
  const loops: ScenarioLoop[] = [];
  const postOrder: string[] = [];
  const stack: Array<{ id: string; step: number; next: number }> = [];
  const enter = (id: string) => {
    const step = index.get(id);
    if (step === undefined) return;
    colour.set(id, 'grey');
    stack.push({ id, step, next: 0 });
  };
  enter(item.start);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const choices = item.steps[top.step]!.choices ?? [];
    if (top.next >= choices.length) {
      colour.set(top.id, 'black');
      postOrder.push(top.id);
      stack.pop();
      continue;
    }
    const c = top.next;
    top.next += 1;
    const next = choices[c]!.next;
    if (next === undefined) continue;
    const state = colour.get(next);
    if (state === 'grey') loops.push({ step: top.step, choice: c });
    else if (state === undefined) enter(next);
  }
  return { reached: new Set(colour.keys()), loops, postOrder };
}

/**
 * The most `worth` any path from each reached step can earn, by step id.
 * Assumes no loops (see walkScenario); a step without choices earns 0.
 */
export function bestFromEachStep(item: ScenarioItem, worth: (choice: ScenarioChoice) => number, walk = walkScenario(item)): Map<string, number> {
  const steps = new Map(item.steps.map((step) => [step.id, step]));
  const best = new Map<string, number>();
  for (const id of walk.postOrder) {
    const choices = steps.get(id)?.choices ?? [];
    let value = choices.length === 0 ? 0 : -Infinity;
    for (const choice of choices) value = Math.max(value, worth(choice) + (choice.next === undefined ? 0 : (best.get(choice.next) ?? 0)));
    best.set(id, value);
  }
  return best;
}
