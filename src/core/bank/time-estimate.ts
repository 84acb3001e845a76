import { assertNever, type Bank, type Item } from './types.js';
import { scenarioPaths } from './scenario-paths.js';

/** Careful reading of test material; silent reading of prose runs at ~240 words a minute (Brysbaert 2019), tests slower. */
export const WORDS_PER_MINUTE = 180;
/** Deciding, per option weighed (or per true/false statement, per scenario step). */
export const SECONDS_PER_DECISION = 8;

/** Composing a reply to a customer, planning and revising included. */
export const WRITING_WORDS_PER_MINUTE = 20;
/** Reply length assumed when a written item sets no word limits. */
const DEFAULT_REPLY_WORDS = 100;

const words = (text: string | undefined): number => (text ? text.split(/\s+/).filter(Boolean).length : 0);
const reading = (count: number): number => (count / WORDS_PER_MINUTE) * 60;

/**
 * Expected seconds a careful candidate spends on an item, without its case
 * study (a case is read once per form: see `caseSeconds`). Reading at
 * WORDS_PER_MINUTE plus SECONDS_PER_DECISION per option; a scenario counts
 * its longest path. Capped by the item's time limit, where one applies.
 */
export function itemSeconds(bank: Bank, item: Item): number {
  const limit = item.timeLimitSeconds ?? bank.policy.itemTimeLimitSeconds;
  const estimate = rawSeconds(item);
  return limit === undefined ? estimate : Math.min(limit, estimate);
}

function rawSeconds(item: Item): number {
  switch (item.type) {
    case 'true-false':
      return reading(words(item.stem)) + SECONDS_PER_DECISION;
    case 'single':
    case 'multiple':
    case 'ordering':
    case 'rating': {
      const optionWords = item.options.reduce((sum, o) => sum + words(o.text), 0);
      return reading(words(item.stem) + optionWords) + SECONDS_PER_DECISION * item.options.length;
    }
    case 'scenario': {
      const steps = new Map(item.steps.map((s) => [s.id, s]));
      const { paths } = scenarioPaths(item, 200);
      let worst = 0;
      for (const path of paths) {
        let seconds = reading(words(item.stem));
        const visited = [...path.moves.map((m) => m.step)];
        const last = path.moves[path.moves.length - 1];
        const end = last ? steps.get(last.step)?.choices?.find((c) => c.id === last.choice)?.next : undefined;
        if (end !== undefined) visited.push(end);
        for (const id of visited) {
          const step = steps.get(id);
          if (!step) continue;
          const choices = step.choices ?? [];
          seconds += reading(words(step.customer) + choices.reduce((sum, c) => sum + words(c.text), 0)) + SECONDS_PER_DECISION * choices.length;
        }
        worst = Math.max(worst, seconds);
      }
      return worst;
    }
    case 'written': {
      // Composing, not typing, sets the pace: planning and revising a reply runs
      // at roughly a tenth of reading speed.
      const target = item.words?.max ?? item.words?.min ?? DEFAULT_REPLY_WORDS;
      return reading(words(item.stem)) + (target / WRITING_WORDS_PER_MINUTE) * 60;
    }
    default:
      return assertNever(item, 'item type');
  }
}

/** Seconds to read each case study once. */
export function caseSeconds(bank: Bank): Map<string, number> {
  const seconds = new Map<string, number>();
  for (const study of bank.cases ?? []) {
    const transcript = (study.transcript ?? []).reduce((sum, line) => sum + words(line.text), 0);
    const meta = Object.entries(study.meta ?? {}).reduce((sum, [k, v]) => sum + words(k) + words(v), 0);
    seconds.set(study.id, reading(words(study.title) + words(study.text) + transcript + meta));
  }
  return seconds;
}

/** Expected seconds for a whole form: its items, plus each case it shows read once. */
export function formSeconds(bank: Bank, items: readonly Item[], cases = caseSeconds(bank)): number {
  const shown = new Set<string>();
  let total = 0;
  for (const item of items) {
    total += itemSeconds(bank, item);
    if (item.case !== undefined && !shown.has(item.case)) {
      shown.add(item.case);
      total += cases.get(item.case) ?? 0;
    }
  }
  return total;
}

/**
 * A slow form that can really be drawn: per competency, the draw's slowest
 * items with their case read in full. Not always the slowest possible (a
 * case shared by two drawn items is read once), but a form that exists, so
 * a warning built on it is never a false alarm.
 */
export function slowFormSeconds(bank: Bank): number {
  const cases = caseSeconds(bank);
  const picked: Item[] = [];
  for (const competency of bank.competencies) {
    const pool = bank.items
      .filter((item) => item.competency === competency.id)
      .map((item) => ({ item, cost: itemSeconds(bank, item) + (item.case === undefined ? 0 : (cases.get(item.case) ?? 0)) }))
      .sort((a, b) => b.cost - a.cost);
    const draw = bank.policy.draws?.[competency.id] ?? pool.length;
    picked.push(...pool.slice(0, draw).map((p) => p.item));
  }
  return formSeconds(bank, picked, cases);
}
