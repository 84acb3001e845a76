import type { Bank, Item, Option } from './types.js';
import { collector, type DataPath, type Diagnostic, type Locate, type Report } from './diagnostic.js';
import { describePath, quote } from './describe.js';

/** Warnings shown per rule; the rest of the same rule are counted in one note. */
const MAX_PER_RULE = 50;

/**
 * Item-writing and policy smells: never errors, each with a code a trainer can
 * look up in docs/bank-format.md. Tuned to stay quiet on a well-written bank.
 */
export function lintBank(bank: Bank, file: string, locate: Locate): Diagnostic[] {
  const { report: raw, finish } = collector(file, locate, { maxPerCode: MAX_PER_RULE });
  const warn: Report = (path, code, message, options = {}) => raw(path, code, message, { ...options, severity: 'warning' });
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
    }
  });

  lintKeyLength(bank, warn);
  lintPositionBias(bank, warn);
  lintDraws(bank, warn);

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
  return finish();
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
