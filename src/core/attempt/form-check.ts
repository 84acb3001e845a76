import { itemPoints } from '../bank/defaults.js';
import type { Bank, CompetencyId, Item } from '../bank/types.js';
import { pathMaxima, scenarioCompetencies, scenarioPaths } from '../bank/scenario-paths.js';
import { caseSeconds, itemSeconds } from '../bank/time-estimate.js';
import { assemble } from './assemble.js';

export interface Spread {
  min: number;
  median: number;
  p95: number;
  max: number;
  mean: number;
}

export interface FormCheck {
  forms: number;
  limitMinutes: number;
  /** Expected minutes to read and answer a form (see time-estimate.ts). */
  minutes: Spread;
  /** Share of forms (0..1) whose expected time exceeds the limit. */
  overLimit: number;
  competencies: Array<{
    id: CompetencyId;
    /** Items on a form that count toward it (a scenario counts in every competency it scores). */
    items: Spread;
    /** The largest share of the competency one item on a form carries (0..1): how far one answer moves it. */
    heaviestItem: number;
  }>;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { min: sorted[0] ?? 0, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? 0, mean: sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length) };
}

/**
 * Draws `count` forms with seeds `form-0`, `form-1`, … exactly as `take`
 * would, and reports how long they take and how many items each competency
 * gets. Pure: the same bank and count give the same figures.
 */
export function checkForms(bank: Bank, count = 10_000): FormCheck {
  const items = new Map(bank.items.map((i) => [i.id, i]));
  const cases = caseSeconds(bank);
  const counts = new Map<Item, CompetencyId[]>();
  const seconds = new Map<Item, number>(bank.items.map((item) => [item, itemSeconds(bank, item)]));
  for (const item of bank.items) {
    if (item.type !== 'scenario') counts.set(item, [item.competency]);
    else {
      const maxima = pathMaxima(scenarioPaths(item).paths, scenarioCompetencies(item));
      counts.set(item, Object.keys(maxima).filter((c) => (maxima[c] ?? 0) > 0));
    }
  }
  const minutes: number[] = [];
  const perCompetency = new Map<CompetencyId, number[]>(bank.competencies.map((c) => [c.id, []]));
  const heaviest = new Map<CompetencyId, number>();
  for (let i = 0; i < count; i += 1) {
    const form = assemble(bank, `form-${i}`).map((entry) => items.get(entry.itemId) as Item);
    const shown = new Set<string>();
    let total = 0;
    for (const item of form) {
      total += seconds.get(item) ?? 0;
      if (item.case !== undefined && !shown.has(item.case)) {
        shown.add(item.case);
        total += cases.get(item.case) ?? 0;
      }
    }
    minutes.push(total / 60);
    const n = new Map<CompetencyId, number>();
    const weight = new Map<CompetencyId, { total: number; top: number }>();
    for (const item of form) {
      for (const c of counts.get(item) ?? []) {
        n.set(c, (n.get(c) ?? 0) + 1);
        const w = weight.get(c) ?? { total: 0, top: 0 };
        w.total += itemPoints(item);
        w.top = Math.max(w.top, itemPoints(item));
        weight.set(c, w);
      }
    }
    for (const [c, list] of perCompetency) list.push(n.get(c) ?? 0);
    for (const [c, w] of weight) heaviest.set(c, Math.max(heaviest.get(c) ?? 0, w.top / w.total));
  }
  const limitMinutes = bank.policy.timeLimitMinutes;
  return {
    forms: count,
    limitMinutes,
    minutes: spread(minutes),
    overLimit: minutes.filter((m) => m > limitMinutes).length / Math.max(1, count),
    competencies: bank.competencies.map((c) => ({ id: c.id, items: spread(perCompetency.get(c.id) ?? []), heaviestItem: heaviest.get(c.id) ?? 0 })),
  };
}
