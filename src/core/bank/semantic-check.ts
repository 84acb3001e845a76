import type { Bank, Item, Option, ScenarioChoice, ScenarioItem, WrittenItem } from './types.js';
import { countWords } from '../text/count-words.js';
import { bestFromEachStep, walkScenario } from './scenario-graph.js';
import { assertNever } from './types.js';
import { collector, MAX_ERRORS, type DataPath, type Diagnostic, type Locate, type Report } from './diagnostic.js';
import { describePath, didYouMean, listIds, quote } from './describe.js';
import { hasLoneSurrogate } from '../text/lone-surrogate.js';

/**
 * Rules JSON Schema cannot express: ids unique and references resolved, answers
 * drawn from the item's own options, draws satisfiable, scenarios that start,
 * end and never loop. Runs only on data that passed the schema, so shapes hold.
 */
export function checkSemantics(bank: Bank, file: string, locate: Locate): Diagnostic[] {
  const { report, finish } = collector(file, locate, { max: MAX_ERRORS });
  const name = (path: DataPath): string => describePath(bank, path);

  checkWellFormedText(bank, [], (path, message) => report(path, 'bad-text', `${name(path)}: ${message}`));

  const competencyIds = uniqueIds(bank.competencies, ['competencies'], 'competency', report);
  bank.competencies.forEach((competency, index) => {
    uniqueIds(competency.modules ?? [], ['competencies', index, 'modules'], 'module', report);
  });
  const caseIds = uniqueIds(bank.cases ?? [], ['cases'], 'case', report);
  (bank.cases ?? []).forEach((study, index) => {
    if (study.text === undefined && study.transcript === undefined) {
      report(['cases', index], 'case-without-text', `${name(['cases', index])}: needs text or a transcript (or both)`);
    }
  });
  uniqueIds(bank.items, ['items'], 'item', report);

  const pool = new Map<string, number>();
  bank.items.forEach((item, index) => {
    const at: DataPath = ['items', index];
    if (competencyIds.has(item.competency)) {
      pool.set(item.competency, (pool.get(item.competency) ?? 0) + 1);
    } else {
      report([...at, 'competency'], 'unknown-competency', `${name(at)}: competency ${quote(item.competency)} is not defined${suggest(item.competency, competencyIds)}`);
    }
    if (item.case !== undefined && !caseIds.has(item.case)) {
      const known = caseIds.size > 0 ? suggest(item.case, caseIds) : ' (the bank has no cases)';
      report([...at, 'case'], 'unknown-case', `${name(at)}: case ${quote(item.case)} is not defined${known}`);
    }
    checkItem(bank, item, at, competencyIds, report);
  });

  bank.competencies.forEach((competency, index) => {
    if (!pool.has(competency.id)) {
      report(['competencies', index, 'id'], 'empty-competency', `competency ${quote(competency.id)} has no items, so it cannot be scored`);
    }
  });

  for (const [competency, draw] of Object.entries(bank.policy.draws ?? {})) {
    const at: DataPath = ['policy', 'draws', competency];
    if (!competencyIds.has(competency)) {
      report(at, 'unknown-competency', `policy.draws: competency ${quote(competency)} is not defined${suggest(competency, competencyIds)}`, { target: 'key' });
      continue;
    }
    const available = pool.get(competency) ?? 0;
    if (draw > available) {
      report(at, 'draw-exceeds-pool', `policy.draws: draws ${draw} items for competency ${quote(competency)}, but only ${available} ${available === 1 ? 'item counts' : 'items count'} toward it`);
    }
  }
  return finish();
}

function suggest(id: string, known: ReadonlySet<string>): string {
  const near = didYouMean(id, known);
  if (near) return near;
  return known.size > 0 && known.size <= 8 ? ` (defined: ${[...known].join(', ')})` : '';
}

/** Reports repeated ids in a list and returns the set of ids. */
function uniqueIds(list: ReadonlyArray<{ id: string }>, at: DataPath, what: string, report: Report): Set<string> {
  const first = new Map<string, number>();
  list.forEach((entry, index) => {
    const earlier = first.get(entry.id);
    if (earlier === undefined) {
      first.set(entry.id, index);
    } else {
      report([...at, index, 'id'], 'duplicate-id', `${what} id ${quote(entry.id)} is used twice (also ${what} #${earlier + 1}); ids must be unique`);
    }
  });
  return new Set(first.keys());
}

function checkItem(bank: Bank, item: Item, at: DataPath, competencies: ReadonlySet<string>, report: Report): void {
  const label = describePath(bank, at);
  switch (item.type) {
    case 'single': {
      const ids = uniqueIds(item.options, [...at, 'options'], 'option', report);
      if (!ids.has(item.answer)) {
        report([...at, 'answer'], 'unknown-option', `${label}: answer ${quote(item.answer)} is not one of its options (${listIds(item.options.map((o) => o.id))})`);
      }
      flagRedFlagAnswers(item.options, [item.answer], at, label, report);
      return;
    }
    case 'multiple': {
      const ids = uniqueIds(item.options, [...at, 'options'], 'option', report);
      checkAnswerList(item.answer, ids, item.options, at, label, report);
      flagRedFlagAnswers(item.options, item.answer, at, label, report);
      return;
    }
    case 'ordering': {
      const ids = uniqueIds(item.options, [...at, 'options'], 'option', report);
      checkAnswerList(item.answer, ids, item.options, at, label, report);
      const listed = new Set(item.answer);
      const left = item.options.filter((o) => !listed.has(o.id)).map((o) => o.id);
      if (left.length > 0) {
        report([...at, 'answer'], 'incomplete-order', `${label}: answer leaves out ${left.length === 1 ? 'option' : 'options'} ${left.map((id) => quote(id)).join(', ')}; an ordering answer lists every option once`);
      }
      return;
    }
    case 'true-false':
      return;
    case 'rating': {
      uniqueIds(item.options, [...at, 'options'], 'option', report);
      const { min, max, labels } = item.scale;
      if (min >= max) {
        report([...at, 'scale', 'max'], 'bad-scale', `${label}: scale.max (${max}) must be greater than scale.min (${min})`);
        return;
      }
      item.options.forEach((option, index) => {
        if (option.key < min || option.key > max) {
          report([...at, 'options', index, 'key'], 'key-off-scale', `${describePath(bank, [...at, 'options', index])}: key ${option.key} is outside the scale ${min}-${max}`);
        }
      });
      for (const point of Object.keys(labels ?? {})) {
        const value = Number(point);
        if (value < min || value > max) {
          report([...at, 'scale', 'labels', point], 'label-off-scale', `${label}: scale label for ${point} is outside the scale ${min}-${max}`, { target: 'key' });
        }
      }
      return;
    }
    case 'scenario':
      checkScenario(bank, item, at, label, competencies, report);
      return;
    case 'written':
      checkWritten(item, at, label, competencies, report);
      return;
    default:
      assertNever(item, 'item type');
  }
}

function checkWritten(item: WrittenItem, at: DataPath, label: string, competencies: ReadonlySet<string>, report: Report): void {
  uniqueIds(item.rubric, [...at, 'rubric'], 'criterion', report);
  item.rubric.forEach((criterion, c) => {
    const criterionAt: DataPath = [...at, 'rubric', c];
    const name = `${label}: criterion ${quote(criterion.id)}`;
    if (!competencies.has(criterion.competency)) {
      report([...criterionAt, 'competency'], 'unknown-competency', `${name}: competency ${quote(criterion.competency)} is not defined${suggest(criterion.competency, competencies)}`);
    }
    criterion.levels.forEach((level, l) => {
      if (l === 0) return;
      const before = criterion.levels[l - 1]!.points;
      if (level.points === before) {
        report([...criterionAt, 'levels', l, 'points'], 'duplicate-level', `${name}: levels ${l} and ${l + 1} both give ${level.points} points; each level needs its own points`);
      } else if (level.points < before) {
        report([...criterionAt, 'levels', l, 'points'], 'levels-out-of-order', `${name}: level ${l + 1} gives ${level.points} points after level ${l}'s ${before}; list levels from fewest points to most`);
      }
    });
  });
  const { min, max } = item.words ?? {};
  if (min !== undefined && max !== undefined && min > max) {
    report([...at, 'words', 'min'], 'bad-word-limits', `${label}: words.min (${min}) is more than words.max (${max})`);
    return;
  }
  if (item.modelAnswer !== undefined) {
    const count = countWords(item.modelAnswer);
    if ((min !== undefined && count < min) || (max !== undefined && count > max)) {
      const limits = min !== undefined && max !== undefined ? `${min}-${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
      report([...at, 'modelAnswer'], 'model-answer-length', `${label}: the model answer has ${count} ${count === 1 ? 'word' : 'words'}, outside the item's limits (${limits} words)`);
    }
  }
}

function checkAnswerList(answer: readonly string[], ids: ReadonlySet<string>, options: readonly Option[], at: DataPath, label: string, report: Report): void {
  const seen = new Set<string>();
  answer.forEach((id, index) => {
    if (!ids.has(id)) {
      report([...at, 'answer', index], 'unknown-option', `${label}: answer ${quote(id)} is not one of its options (${listIds(options.map((o) => o.id))})`);
    } else if (seen.has(id)) {
      report([...at, 'answer', index], 'duplicate-answer', `${label}: answer lists ${quote(id)} twice`);
    }
    seen.add(id);
  });
}

function flagRedFlagAnswers(options: readonly Option[], answer: readonly string[], at: DataPath, label: string, report: Report): void {
  const keys = new Set(answer);
  options.forEach((option, index) => {
    if (option.redFlag !== undefined && keys.has(option.id)) {
      report([...at, 'options', index, 'redFlag'], 'red-flag-answer', `${label}: option ${quote(option.id)} is part of the answer but is marked redFlag (choosing it would fail the attempt)`);
    }
  });
}

function checkScenario(bank: Bank, item: ScenarioItem, at: DataPath, label: string, competencies: ReadonlySet<string>, report: Report): void {
  const stepIds = uniqueIds(item.steps, [...at, 'steps'], 'step', report);
  let broken = false;
  if (!stepIds.has(item.start)) {
    report([...at, 'start'], 'unknown-step', `${label}: start ${quote(item.start)} is not one of its steps${suggest(item.start, stepIds)}`);
    broken = true;
  }
  item.steps.forEach((step, s) => {
    const stepAt: DataPath = [...at, 'steps', s];
    uniqueIds(step.choices ?? [], [...stepAt, 'choices'], 'choice', report);
    (step.choices ?? []).forEach((choice, c) => {
      const choiceAt: DataPath = [...stepAt, 'choices', c];
      if (choice.next !== undefined && !stepIds.has(choice.next)) {
        report([...choiceAt, 'next'], 'unknown-step', `${describePath(bank, choiceAt)}: next ${quote(choice.next)} is not one of the scenario's steps${suggest(choice.next, stepIds)}`);
        broken = true;
      }
      for (const competency of Object.keys(choice.points ?? {})) {
        if (!competencies.has(competency)) {
          report([...choiceAt, 'points', competency], 'unknown-competency', `${describePath(bank, choiceAt)}: points for competency ${quote(competency)}, which is not defined${suggest(competency, competencies)}`, { target: 'key' });
        }
      }
    });
  });
  if (broken) return;

  const walk = walkScenario(item);
  for (const { step: s, choice: c } of walk.loops) {
    const choiceAt: DataPath = [...at, 'steps', s, 'choices', c];
    const next = item.steps[s]!.choices![c]!.next!;
    report([...choiceAt, 'next'], 'scenario-loop', `${describePath(bank, choiceAt)}: next ${quote(next)} leads back to an earlier step, so the conversation could go round for ever`);
  }
  item.steps.forEach((step, s) => {
    if (!walk.reached.has(step.id)) {
      report([...at, 'steps', s, 'id'], 'unreachable-step', `${label}: step ${quote(step.id)} cannot be reached from start ${quote(item.start)}`);
    }
  });
  if (walk.loops.length > 0) return;

  if (bestPathPoints(item) <= 0) {
    report([...at, 'start'], 'scenario-without-points', `${label}: no path through the scenario earns any points, so it cannot be scored`);
  }
}

/** The most points any path from the start can earn (all competencies together). Assumes no loops. */
export function bestPathPoints(item: ScenarioItem, competency?: string): number {
  const worth = (choice: ScenarioChoice) =>
    Object.entries(choice.points ?? {})
      .filter(([c]) => competency === undefined || c === competency)
      .reduce((sum, [, p]) => sum + p, 0);
  return bestFromEachStep(item, worth).get(item.start) ?? 0;
}

/**
 * YAML escapes can produce lone UTF-16 surrogates, which are not text: they
 * cannot be shown, and RFC 8785 (the bank hash) rejects them. `path` is one
 * array pushed and popped on the way down, copied only for a finding.
 */
function checkWellFormedText(node: unknown, path: Array<string | number>, report: (path: DataPath, message: string) => void): void {
  if (typeof node === 'string') {
    if (hasLoneSurrogate(node)) report([...path], 'text contains a lone surrogate (a broken \\u escape)');
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const entries: Array<[string | number, unknown]> = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
  for (const [key, value] of entries) {
    if (typeof key === 'string' && hasLoneSurrogate(key)) {
      report([...path], 'a key contains a lone surrogate (a broken \\u escape)');
    }
    path.push(key);
    checkWellFormedText(value, path, report);
    path.pop();
  }
}
