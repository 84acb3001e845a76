import type { CompetencyId, ScenarioItem } from './types.js';

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
  const walk = (stepId: string | undefined, moves: ScenarioPath['moves'], points: Record<CompetencyId, number>, redFlag: boolean): void => {
    if (paths.length >= limit) {
      truncated = true;
      return;
    }
    const step = stepId === undefined ? undefined : steps.get(stepId);
    if (!step?.choices?.length || moves.length > item.steps.length) {
      if (moves.length > 0) paths.push({ moves, points, redFlag });
      return;
    }
    for (const choice of step.choices) {
      const next = { ...points };
      for (const [c, p] of Object.entries(choice.points ?? {})) next[c] = (next[c] ?? 0) + p;
      walk(choice.next, [...moves, { step: step.id, choice: choice.id }], next, redFlag || choice.redFlag !== undefined);
    }
  };
  walk(item.start, [], {}, false);
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
  const maxima: Record<CompetencyId, number> = {};
  for (const c of competencies) maxima[c] = Math.max(0, ...paths.map((p) => p.points[c] ?? 0));
  return maxima;
}
