import { itemTimeLimitSeconds, resolvePolicy } from '../bank/defaults.js';
import { assertNever, type Bank, type Item, type ScenarioChoice, type ScenarioItem } from '../bank/types.js';
import { assemble } from './assemble.js';
import { seededRandom, type Random } from './random.js';
import { scoreAttempt } from './scoring.js';
import { SIMULATED_SEED_PREFIX } from './simulated.js';
import type { AnswerRecord, AttemptRecord, Response, ScenarioMove } from './types.js';

export interface CohortOptions {
  bank: Bank;
  bankHash: string;
  /** Candidates to simulate. */
  count: number;
  /** The same seed, bank and count give the same records. */
  seed: string;
  /** When the first attempt starts (ms since the epoch); later ones follow minutes apart. */
  startAt: number;
  /** Tag values cycled over the candidates: `{ team: ['north', 'south'] }` tags candidate i with the (i mod 2)th team. */
  tags?: Record<string, readonly string[]>;
  /** Added to every ability (in SDs): -1 for a cohort before training, +0.5 after. @default 0 */
  shift?: number;
}

/** What the model knows of an item: how hard it is (b) and how well it tells ability apart (a), as in a 2PL IRT model. */
interface ItemModel {
  a: number;
  b: number;
  /** Wrong options in order of attraction: the first draws most wrong answers. */
  attraction: number[];
}

/** A standard normal from two uniforms (Box–Muller). */
function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function itemModels(bank: Bank, seed: string): Map<string, ItemModel> {
  const random = seededRandom(`${SIMULATED_SEED_PREFIX}${seed}:items`);
  return new Map(bank.items.map((item) => [item.id, { a: 0.7 + random() * 1.3, b: normal(random) * 0.9 - 0.6, attraction: [random(), random(), random(), random(), random(), random()] }]));
}

/** P(right) under the 2PL model. */
const chance = (ability: number, model: ItemModel): number => 1 / (1 + Math.exp(-model.a * (ability - model.b)));

/** A wrong option, chosen unevenly (real distractors differ in pull; one nobody picks is realistic too). */
function wrongOption(wrong: readonly string[], model: ItemModel, random: Random): string {
  const weights = wrong.map((_, i) => model.attraction[i % model.attraction.length]! ** 2 + 0.12);
  let pick = random() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < wrong.length; i += 1) {
    pick -= weights[i]!;
    if (pick <= 0) return wrong[i]!;
  }
  return wrong[wrong.length - 1]!;
}

function scenarioPath(item: ScenarioItem, p: number, random: Random, at: string): ScenarioMove[] {
  const steps = new Map(item.steps.map((s) => [s.id, s]));
  const path: ScenarioMove[] = [];
  let step = steps.get(item.start);
  // A scenario's steps form a graph the validator keeps acyclic in practice; the bound is for one that is not.
  const value = (c: ScenarioChoice): number => Object.values(c.points ?? {}).reduce((s, v) => s + v, 0) - (c.redFlag ? 10 : 0);
  while (step?.choices?.length && path.length < item.steps.length) {
    const choices = step.choices;
    const best = [...choices].sort((x, y) => value(y) - value(x))[0]!;
    const choice = random() < p ? best : choices[Math.floor(random() * choices.length)]!;
    path.push({ step: step.id, choice: choice.id, at });
    step = choice.next === undefined ? undefined : steps.get(choice.next);
  }
  return path;
}

function respond(item: Item, optionOrder: readonly string[] | undefined, p: number, model: ItemModel, random: Random, at: string): Response | null {
  const right = random() < p;
  switch (item.type) {
    case 'single': {
      const wrong = item.options.map((o) => o.id).filter((id) => id !== item.answer);
      return { type: 'single', choice: right ? item.answer : wrongOption(wrong, model, random) };
    }
    case 'multiple': {
      if (right) return { type: 'multiple', choices: [...item.answer] };
      const wrong = item.options.map((o) => o.id).filter((id) => !item.answer.includes(id));
      const kept = item.answer.filter(() => random() < 0.6);
      return { type: 'multiple', choices: wrong.length && random() < 0.7 ? [...kept, wrongOption(wrong, model, random)] : kept.length ? kept : [item.answer[0]!] };
    }
    case 'true-false':
      return { type: 'true-false', value: right ? item.answer : !item.answer };
    case 'ordering': {
      if (right) return { type: 'ordering', order: [...item.answer] };
      const order = [...(optionOrder ?? item.answer)];
      // A near miss: two neighbours swapped, sometimes twice.
      for (let swaps = random() < 0.5 ? 1 : 2; swaps > 0 && order.length > 1; swaps -= 1) {
        const i = Math.floor(random() * (order.length - 1));
        [order[i], order[i + 1]] = [order[i + 1]!, order[i]!];
      }
      return { type: 'ordering', order };
    }
    case 'rating': {
      const { min, max } = item.scale;
      // Ratings stray from the expert key by more the less able the agent is.
      const spread = (1 - p) * (max - min) * 0.6;
      return {
        type: 'rating',
        ratings: Object.fromEntries(item.options.map((o) => [o.id, Math.min(max, Math.max(min, Math.round(o.key + normal(random) * spread)))])),
      };
    }
    case 'scenario':
      return { type: 'scenario', path: scenarioPath(item, p, random, at) };
    case 'written':
      // Simulated agents write nothing: prose would only wait for a marker, and report needs scored attempts.
      return null;
    default:
      return assertNever(item, 'item type');
  }
}

/** Seconds on screen: longer for a long stem and for a weaker agent, log-normally spread, within the item's limit. */
function secondsOn(item: Item, ability: number, random: Random, limit: number | undefined): number {
  const reading = 6 + item.stem.length / 18;
  const seconds = reading * Math.exp(0.35 * normal(random) - 0.15 * ability) + 4;
  return Math.min(seconds, limit ?? Number.POSITIVE_INFINITY);
}

/**
 * A cohort of simulated attempts on `bank`: abilities ~ N(shift, 1), each item
 * answered under a two-parameter logistic model with seeded difficulties,
 * wrong answers spread unevenly over the distractors, times from the stem's
 * length. Each record is a real attempt record (its form assembled from its
 * seed and scored as `take` scores it) marked `simulated`, with candidates
 * named "Simulated agent N" and ids SIM-N. One at a time: a
 * cohort of 100,000 need never be in memory at once.
 */
export function* simulateCohort(options: CohortOptions): Generator<AttemptRecord> {
  const { bank, count } = options;
  const policy = resolvePolicy(bank.policy);
  const models = itemModels(bank, options.seed);
  const items = new Map(bank.items.map((i) => [i.id, i]));
  const people = seededRandom(`${SIMULATED_SEED_PREFIX}${options.seed}:people`);
  const tagEntries = Object.entries(options.tags ?? {});
  for (let n = 1; n <= count; n += 1) {
    const number = candidateNumber(n, count);
    const seed = `${SIMULATED_SEED_PREFIX}${options.seed}:${n}`;
    const random = seededRandom(seed);
    const ability = (options.shift ?? 0) + normal(people);
    const form = assemble(bank, seed);
    const startedAt = options.startAt + (n - 1) * 7 * 60_000;
    let clock = startedAt;
    const answers: AnswerRecord[] = [];
    for (const entry of form) {
      const item = items.get(entry.itemId)!;
      const model = models.get(item.id)!;
      const seconds = secondsOn(item, ability, random, itemTimeLimitSeconds(item, bank.policy));
      clock += Math.round(seconds * 1000);
      const at = new Date(clock).toISOString();
      // A few weak agents leave an item unanswered.
      const omitted = random() < 0.04 / (1 + Math.exp(2 * ability));
      const response = omitted ? null : respond(item, entry.optionOrder, chance(ability, model), model, random, at);
      answers.push({
        itemId: item.id,
        response,
        ...(response === null ? {} : { answeredAt: at }),
        timeSpentMs: Math.round(seconds * 1000),
        flagged: random() < 0.03,
      });
    }
    const deadline = startedAt + policy.timeLimitMinutes * 60_000;
    const endedAt = Math.min(clock + 20_000, deadline);
    const tags = Object.fromEntries(tagEntries.map(([key, values]) => [key, values[(n - 1) % values.length]!]));
    yield {
      format: 'frontline.attempt/1',
      id: simulatedId(options.seed, n, count),
      candidate: { name: `Simulated agent ${number}`, employeeId: `SIM-${number}` },
      ...(tagEntries.length > 0 ? { tags } : {}),
      bank: { id: bank.id, version: bank.version, title: bank.title, hash: options.bankHash },
      seed,
      extraTime: 1,
      form,
      startedAt: new Date(startedAt).toISOString(),
      deadline: new Date(deadline).toISOString(),
      endedAt: new Date(endedAt).toISOString(),
      ended: clock > deadline ? 'time-expired' : 'submitted',
      answers,
      result: scoreAttempt(bank, form, answers),
      simulated: { by: 'frontline simulate', seed: options.seed },
    };
  }
}

/** Candidate n of `count`, zero-padded so that file names sort in order. */
function candidateNumber(n: number, count: number): string {
  return String(n).padStart(Math.max(3, String(count).length), '0');
}

/** The attempt id of candidate n: known before the record is made, so a caller can check for clashes first. */
export function simulatedId(seed: string, n: number, count: number): string {
  return `sim-${seed}-${candidateNumber(n, count)}`;
}
