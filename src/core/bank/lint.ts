import type { Bank, Item, Option, ScenarioItem, WrittenItem } from './types.js';
import { collector, type DataPath, type Diagnostic, type Locate, type Report } from './diagnostic.js';
import { describePath, quote } from './describe.js';
import { formatMoves, pathMaxima, scenarioCompetencies, scenarioPaths } from './scenario-paths.js';
import { slowFormSeconds, SECONDS_PER_DECISION, WORDS_PER_MINUTE } from './time-estimate.js';

/** Warnings shown per rule; the rest of the same rule are counted in one note. */
const MAX_PER_RULE = 50;

/**
 * Item-writing and policy smells: never errors, each with a code a trainer can
 * look up in docs/bank-format.md. Tuned to stay quiet on a well-written bank.
 */
export function lintBank(bank: Bank, file: string, locate: Locate): Diagnostic[] {
  const { report: raw, finish } = collector(file, locate, { maxPerCode: MAX_PER_RULE });
  const accepted = new Set<string>();
  const warn: Report = (path, code, message, options = {}) => {
    const index = path[0] === 'items' && typeof path[1] === 'number' ? path[1] : undefined;
    const accepts = index === undefined ? bank.lintAccept : bank.items[index]?.lintAccept;
    if (accepts !== undefined && Object.hasOwn(accepts, code)) {
      accepted.add(`${index ?? ''}:${code}`);
      return;
    }
    raw(path, code, message, { ...options, severity: 'warning' });
  };
  const usedCases = new Set<string>();

  bank.items.forEach((item, index) => {
    const at: DataPath = ['items', index];
    const label = describePath(bank, at);
    if (item.case !== undefined) usedCases.add(item.case);
    if (item.explanation === undefined) {
      warn([...at, 'id'], 'missing-explanation', `${label}: no explanation; candidates in practice mode and reviewers see why the answer is right only if you write one`);
    }
    const limit = item.timeLimitSeconds;
    if (limit !== undefined && limit > bank.policy.timeLimitMinutes * 60) {
      warn([...at, 'timeLimitSeconds'], 'item-limit-exceeds-test', `${label}: timeLimitSeconds (${limit}) is longer than the whole test (${bank.policy.timeLimitMinutes} min)`);
    }
    if ('options' in item) lintOptions(bank, item, at, label, warn);
    if (item.type === 'scenario') {
      item.steps.forEach((step, s) => {
        if (!step.choices?.length && step.outcome === undefined) {
          warn([...at, 'steps', s, 'id'], 'scenario-without-outcome', `${label}: end step ${quote(step.id)} has no outcome; say how the contact ended (e.g. "Resolved on first contact")`);
        }
      });
      lintScenarioTies(bank, item, at, label, warn);
    }
    if (item.type === 'written') lintRubric(item, at, label, warn);
  });

  lintKeyLength(bank, warn);
  lintPositionBias(bank, warn);
  lintDraws(bank, warn);
  lintRatingCues(bank, warn);
  lintWrongCounts(bank, warn);
  lintTrueFalse(bank, warn);
  lintConcreteTime(bank, warn);
  lintFormTime(bank, warn);

  (bank.cases ?? []).forEach((study, index) => {
    if (!usedCases.has(study.id)) {
      warn(['cases', index, 'id'], 'unused-case', `case ${quote(study.id)} is not used by any item`);
    }
  });

  const { onExpiry, graceSeconds } = bank.policy;
  if (graceSeconds !== undefined && onExpiry !== 'grace') {
    warn(['policy', 'graceSeconds'], 'grace-ignored', `policy.graceSeconds has no effect unless policy.onExpiry is "grace"`);
  }
  if (onExpiry === 'grace' && !graceSeconds) {
    warn(['policy', 'onExpiry'], 'grace-without-seconds', `policy.onExpiry is "grace" but graceSeconds is not set, so there is no grace period`);
  }
  lintUnusedAccepts(bank, accepted, warn);
  return finish();
}

/** An acceptance whose warning no longer fires hides the next real one: say so. */
function lintUnusedAccepts(bank: Bank, accepted: ReadonlySet<string>, warn: Report): void {
  const check = (accepts: Record<string, string> | undefined, index: number | undefined, at: DataPath, label: string) => {
    for (const code of Object.keys(accepts ?? {})) {
      if (!accepted.has(`${index ?? ''}:${code}`)) {
        warn([...at, 'lintAccept', code], 'lint-accept-unused', `${label}: lintAccept names "${code}", which this ${index === undefined ? 'bank' : 'item'} does not trigger; remove it`, { target: 'key' });
      }
    }
  };
  check(bank.lintAccept, undefined, [], 'bank');
  bank.items.forEach((item, index) => check(item.lintAccept, index, ['items', index], describePath(bank, ['items', index])));
}

/** Word sets this similar (Jaccard) read as the same descriptor to a marker. */
const NEAR_IDENTICAL = 0.8;

const descriptorWords = (text: string): Set<string> => new Set(text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []);

function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/**
 * A rubric markers cannot apply consistently: a criterion with one level
 * (nothing to choose), levels whose descriptors read the same (two markers
 * pick different ones for the same reply), and an item drawn for a
 * competency none of its criteria counts toward.
 */
function lintRubric(item: WrittenItem, at: DataPath, label: string, warn: Report): void {
  item.rubric.forEach((criterion, c) => {
    const criterionAt: DataPath = [...at, 'rubric', c];
    const name = `${label}: criterion ${quote(criterion.id)}`;
    if (criterion.levels.length === 1) {
      warn([...criterionAt, 'levels'], 'single-level-criterion', `${name} has one level, so every reply gets the same points; add the levels a marker chooses between`);
    }
    const words = criterion.levels.map((level) => descriptorWords(level.descriptor));
    for (let j = 1; j < words.length; j += 1) {
      const twin = words.findIndex((other, i) => i < j && similarity(other, words[j]!) >= NEAR_IDENTICAL);
      if (twin >= 0) {
        const same = criterion.levels[twin]!.descriptor.trim().toLowerCase() === criterion.levels[j]!.descriptor.trim().toLowerCase();
        warn([...criterionAt, 'levels', j, 'descriptor'], 'overlapping-descriptors', `${name}: the descriptors of levels ${twin + 1} and ${j + 1} are ${same ? 'the same' : 'nearly the same'}, so markers cannot tell them apart; say what differs`);
      }
    }
  });
  if (!item.rubric.some((criterion) => criterion.competency === item.competency)) {
    warn([...at, 'competency'], 'competency-without-criterion', `${label}: drawn for competency ${quote(item.competency)}, but no criterion of its rubric counts toward it, so it scores nothing there`);
  }
}

const ABOVE = /\b(all|none|both|neither) of (the )?(above|previous|these)\b/i;

function lintOptions(bank: Bank, item: Item & { options: Option[] }, at: DataPath, label: string, warn: Report): void {
  const shuffled = bank.policy.shuffle?.options ?? true;
  const texts = new Map<string, string>();
  item.options.forEach((option, o) => {
    const optionAt: DataPath = [...at, 'options', o];
    const match = ABOVE.exec(option.text);
    if (match && /\b(above|previous)\b/i.test(match[0])) {
      const why = shuffled && !option.pinned ? ' and is shuffled away from what it refers to; pin it (pinned: true) or rewrite it' : '; it lets candidates answer by elimination, so rewrite it as a real option';
      warn([...optionAt, 'text'], 'all-of-the-above', `${label}: option ${quote(option.id)} says "${match[0]}"${why}`);
    }
    const normal = option.text.trim().toLowerCase();
    const twin = texts.get(normal);
    if (twin !== undefined) {
      warn([...optionAt, 'text'], 'duplicate-option-text', `${label}: options ${quote(twin)} and ${quote(option.id)} have the same text`);
    } else {
      texts.set(normal, option.id);
    }
    if (option.redFlag !== undefined && (item.type === 'ordering' || item.type === 'rating')) {
      warn([...optionAt, 'redFlag'], 'red-flag-ignored', `${label}: redFlag on option ${quote(option.id)} has no effect in a ${item.type} item (nothing is chosen)`);
    }
  });
  if (item.type === 'multiple' && item.answer.length === item.options.length) {
    warn([...at, 'answer'], 'all-options-correct', `${label}: every option is in the answer, so picking everything scores full marks`);
  }
}

/**
 * Test-wise candidates pick the longest option: flag an item whose key is the
 * longest by a clear margin, and a bank where the key is usually the longest.
 */
function lintKeyLength(bank: Bank, warn: Report): void {
  let judged = 0;
  let keyLongest = 0;
  bank.items.forEach((item, index) => {
    if (item.type !== 'single' || item.options.length < 3) return;
    const key = item.options.find((o) => o.id === item.answer);
    if (!key) return;
    const others = item.options.filter((o) => o !== key).map((o) => o.text.length);
    const longestOther = Math.max(...others);
    judged += 1;
    if (key.text.length > longestOther) keyLongest += 1;
    if (key.text.length >= longestOther * 1.5 && key.text.length - longestOther >= 20) {
      warn(['items', index, 'answer'], 'longest-option-is-key', `${describePath(bank, ['items', index])}: the answer ${quote(key.id)} is much longer than every other option (${key.text.length} vs at most ${longestOther} characters), which gives it away`);
    }
  });
  if (judged >= 6 && keyLongest / judged >= 0.6) {
    warn(['items'], 'longest-option-is-key', `the answer is the longest option in ${keyLongest} of ${judged} single-choice items; candidates can score by picking the longest`, { target: 'key' });
  }
}

/** With options in a fixed order, keys bunched on one position can be guessed. */
function lintPositionBias(bank: Bank, warn: Report): void {
  if (bank.policy.shuffle?.options ?? true) return;
  const counts = new Map<number, number>();
  let judged = 0;
  let optionCount = 0;
  for (const item of bank.items) {
    if (item.type !== 'single') continue;
    const position = item.options.findIndex((o) => o.id === item.answer);
    if (position < 0) continue;
    counts.set(position, (counts.get(position) ?? 0) + 1);
    judged += 1;
    optionCount += item.options.length;
  }
  if (judged < 6) return;
  const [position, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const expected = judged / (optionCount / judged);
  if (count / judged >= 0.5 && count >= expected * 2) {
    warn(['policy', 'shuffle', 'options'], 'answer-position-bias', `options are not shuffled and the answer is option ${position + 1} in ${count} of ${judged} single-choice items; candidates can guess from position`);
  }
}

function lintDraws(bank: Bank, warn: Report): void {
  const pool = new Map<string, number>();
  for (const item of bank.items) pool.set(item.competency, (pool.get(item.competency) ?? 0) + 1);
  for (const [competency, draw] of Object.entries(bank.policy.draws ?? {})) {
    const available = pool.get(competency) ?? 0;
    if (draw === available && available > 0) {
      warn(['policy', 'draws', competency], 'draw-leaves-no-choice', `policy.draws: competency ${quote(competency)} draws all ${available} of its items, so every form gets the same ones; add items or draw fewer`);
    } else if (draw < available && available < draw * 1.5) {
      warn(['policy', 'draws', competency], 'thin-pool', `policy.draws: competency ${quote(competency)} draws ${draw} of only ${available} items, so forms overlap heavily; aim for at least ${Math.ceil(draw * 1.5)}`);
    }
  }
}

const share = (n: number, of: number): string => `${n} of ${of}`;

/**
 * Rating items: the response keyed at the top of the scale should not be the
 * longest, nor sit first in the file (exports, printouts and unshuffled forms
 * keep that order).
 */
function lintRatingCues(bank: Bank, warn: Report): void {
  let judged = 0;
  let topLongest = 0;
  let topFirst = 0;
  bank.items.forEach((item, index) => {
    if (item.type !== 'rating' || item.options.length < 3) return;
    const top = item.options.filter((o) => o.key === item.scale.max);
    if (top.length === 0) return;
    judged += 1;
    const longest = Math.max(...item.options.map((o) => o.text.length));
    const topLength = Math.max(...top.map((o) => o.text.length));
    if (topLength === longest) topLongest += 1;
    if (item.options[0]!.key === item.scale.max) topFirst += 1;
    const others = item.options.filter((o) => !top.includes(o)).map((o) => o.text.length);
    const longestOther = Math.max(0, ...others);
    if (top.length === 1 && topLength >= longestOther * 1.3 && topLength - longestOther >= 20) {
      warn(['items', index, 'options', item.options.indexOf(top[0]!), 'text'], 'rating-key-longest', `${describePath(bank, ['items', index])}: the response keyed ${item.scale.max} is much longer than every other (${topLength} vs at most ${longestOther} characters), which gives it away`);
    }
  });
  if (judged >= 4 && topLongest / judged >= 0.6) {
    warn(['items'], 'rating-key-longest', `the response keyed top of the scale is the longest in ${share(topLongest, judged)} rating items; candidates can rate by length`, { target: 'key' });
  }
  if (judged >= 4 && topFirst / judged >= 0.6) {
    warn(['items'], 'rating-key-position', `the first response is keyed top of the scale in ${share(topFirst, judged)} rating items; vary where the best response sits`, { target: 'key' });
  }
}

/** Multiple-response items that always leave the same number of wrong options teach candidates to stop ticking. */
function lintWrongCounts(bank: Bank, warn: Report): void {
  const counts = new Map<number, number>();
  let judged = 0;
  for (const item of bank.items) {
    if (item.type !== 'multiple') continue;
    const wrong = item.options.length - item.answer.length;
    counts.set(wrong, (counts.get(wrong) ?? 0) + 1);
    judged += 1;
  }
  if (judged < 4) return;
  const [wrong, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  if (count / judged >= 0.75) {
    warn(['items'], 'same-wrong-count', `${share(count, judged)} multiple-response items have exactly ${wrong} wrong option${wrong === 1 ? '' : 's'}; candidates can learn how many to leave unticked`, { target: 'key' });
  }
}

const ABSOLUTE = /\b(always|never|every|everyone|everything|all|none|nobody|no one|nothing|only|must|guaranteed?|completely|entirely|impossible)\b/i;

/**
 * True/false items: keys bunched on one side, and absolutes ("always",
 * "never") that mostly mark the false statements, are both learnable.
 */
function lintTrueFalse(bank: Bank, warn: Report): void {
  const items = bank.items.flatMap((item, index) => (item.type === 'true-false' ? [{ item, index, absolute: ABSOLUTE.exec(item.stem)?.[0] }] : []));
  if (items.length >= 6) {
    const falses = items.filter((t) => !t.item.answer).length;
    if (falses / items.length >= 2 / 3 || falses / items.length <= 1 / 3) {
      const side = falses * 2 > items.length ? 'false' : 'true';
      warn(['items'], 'true-false-balance', `${share(side === 'false' ? falses : items.length - falses, items.length)} true/false items are keyed ${side}; candidates who guess "${side}" gain; aim for about half each`, { target: 'key' });
    }
  }
  const falses = items.filter((t) => !t.item.answer);
  const trues = items.filter((t) => t.item.answer);
  const falseAbs = falses.filter((t) => t.absolute !== undefined);
  const trueRate = trues.length === 0 ? 0 : trues.filter((t) => t.absolute !== undefined).length / trues.length;
  if (falseAbs.length < 2 || falseAbs.length / falses.length <= trueRate) return;
  for (const { index, absolute } of falseAbs) {
    warn(['items', index, 'stem'], 'absolute-in-false', `${describePath(bank, ['items', index])}: a false statement with "${absolute?.toLowerCase()}", while absolutes appear in ${share(falseAbs.length, falses.length)} false and fewer true statements; candidates learn that "${absolute?.toLowerCase()}" means false`);
  }
}

const CONCRETE_TIME = new RegExp(
  [
    String.raw`\b\d{1,2}[:.]\d{2}\b`,
    String.raw`\b\d{1,2}\s?(am|pm)\b`,
    String.raw`\b(\d+|one|two|three|four|five|six|seven|eight|ten|twelve|fifteen|twenty|thirty|forty|sixty|ninety)[\s-]+(working\s+|business\s+|calendar\s+)?(seconds?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\b`,
    String.raw`\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight)\b`,
    String.raw`\b\d{1,2}(st|nd|rd|th)\b`,
  ].join('|'),
  'i',
);
const MONTH = /\b(January|February|March|April|June|July|August|September|October|November|December)\b/;

const hasConcreteTime = (text: string): boolean => CONCRETE_TIME.test(text) || MONTH.test(text);

/** A key that alone names a time or date ("by 5pm Friday") stands out from vaguer distractors. */
function lintConcreteTime(bank: Bank, warn: Report): void {
  bank.items.forEach((item, index) => {
    if (item.type !== 'single' || item.options.length < 3) return;
    const key = item.options.find((o) => o.id === item.answer);
    if (!key || !hasConcreteTime(key.text)) return;
    if (item.options.some((o) => o !== key && hasConcreteTime(o.text))) return;
    warn(['items', index, 'answer'], 'key-only-concrete-time', `${describePath(bank, ['items', index])}: the answer ${quote(key.id)} is the only option with a concrete time or date, which gives it away; give some wrong options one too`);
  });
}

/**
 * A scenario where a weaker path earns the same as the best one in the
 * competency it is drawn for cannot tell them apart. Prints the tied paths so
 * the author decides (and accepts it with `lintAccept` when both are right).
 */
function lintScenarioTies(bank: Bank, item: ScenarioItem, at: DataPath, label: string, warn: Report): void {
  const { paths, truncated } = scenarioPaths(item);
  if (truncated) return;
  const competencies = scenarioCompetencies(item);
  const maxima = pathMaxima(paths, competencies);
  const top = maxima[item.competency] ?? 0;
  if (top <= 0) return;
  const tied = paths.filter((p) => Math.abs((p.points[item.competency] ?? 0) - top) < 1e-9);
  if (tied.length < 2) return;
  const shown = tied.slice(0, 4).map((p) => `${formatMoves(p.moves)} (${competencies.map((c) => `${c} ${p.points[c] ?? 0}/${maxima[c]}`).join(', ')}${p.redFlag ? ', red flag' : ''})`);
  const more = tied.length > shown.length ? `; and ${tied.length - shown.length} more` : '';
  warn([...at, 'start'], 'scenario-tied-maximum', `${label}: ${tied.length} paths reach the most ${item.competency} points (${top}): ${shown.join('; ')}${more}`);
}

/** A form the bank can draw whose reading and answering time exceeds the whole test. */
function lintFormTime(bank: Bank, warn: Report): void {
  const seconds = slowFormSeconds(bank);
  const limit = bank.policy.timeLimitMinutes * 60;
  if (seconds > limit) {
    warn(['policy', 'timeLimitMinutes'], 'form-over-time', `a form can take about ${Math.round(seconds / 60)} minutes to read and answer (${WORDS_PER_MINUTE} words a minute, ${SECONDS_PER_DECISION} s per option) against the ${bank.policy.timeLimitMinutes}-minute limit; run \`validate --forms\` for the spread`);
  }
}
