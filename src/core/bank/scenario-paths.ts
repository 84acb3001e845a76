import type { CompetencyId, ScenarioItem } from './types.js';
import { byId, own } from '../own.js';

/** One complete walk through a scenario: the choice ids taken and the raw points per competency. */
export interface ScenarioPath {
  /** `s1a → s2b`: step id and choice id of every move. */
  moves: Array<{ step: string; choice: string }>;
  points: Record<CompetencyId, number>;
  redFlag: boolean;
}

/** `s1a → s2c`, the way reviewers write a path. */
export function formatMoves(moves: ScenarioPath['moves']): string {
  return moves.map((m) => `${m.step}${m.choice}`).join(' → ');
}

/**
 * Every path from `start` to an end, at most `limit` of them (a scenario's
 * paths multiply with its steps). Assumes a checked bank: no loops, every
 * `next` names a step; the depth guard only keeps a bad graph from hanging.
 */
export function scenarioPaths(item: ScenarioItem, limit = 1000): { paths: ScenarioPath[]; truncated: boolean } {
  const steps = new Map(item.steps.map((s) => [s.id, s]));
  const paths: ScenarioPath[] = [];
  let truncated = false;
  // Depth-first with an explicit stack, in choice order: a linear scenario of thousands of steps must not exhaust the call stack.
  type Frame = { stepId: string | undefined; moves: ScenarioPath['moves']; points: Record<CompetencyId, number>; redFlag: boolean };
  const stack: Frame[] = [{ stepId: item.start, moves: [], points: byId<number>(), redFlag: false }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if (paths.length >= limit) {
      truncated = true;
      break;
    }
    const { stepId, moves, points, redFlag } = frame;
    const step = stepId === undefined ? undefined : steps.get(stepId);
    if (!step?.choices?.length || moves.length > item.steps.length) {
      if (moves.length > 0) paths.push({ moves, points, redFlag });
      continue;
    }
    for (let i = step.choices.length - 1; i >= 0; i -= 1) {
      const choice = step.choices[i]!;
      const next = Object.assign(byId<number>(), points);
      for (const [c, p] of Object.entries(choice.points ?? {})) next[c] = (own(next, c) ?? 0) + p;
      stack.push({ stepId: choice.next, moves: [...moves, { step: step.id, choice: choice.id }], points: next, redFlag: redFlag || choice.redFlag !== undefined });
    }
  }
  return { paths, truncated };
}

/** Competencies any choice of the scenario scores in, in first-seen order. */
export function scenarioCompetencies(item: ScenarioItem): CompetencyId[] {
  const seen = new Set<CompetencyId>();
  for (const step of item.steps) for (const choice of step.choices ?? []) for (const c of Object.keys(choice.points ?? {})) seen.add(c);
  return [...seen];
}

/** The highest raw total any path earns per competency (what scoring divides by). */
export function pathMaxima(paths: readonly ScenarioPath[], competencies: readonly CompetencyId[]): Record<CompetencyId, number> {
  const maxima = byId<number>();
  for (const c of competencies) maxima[c] = Math.max(0, ...paths.map((p) => own(p.points, c) ?? 0));
  return maxima;
}
