import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBank } from '../../../src/core/bank/parse-bank.js';

const base = readFileSync(fileURLToPath(new URL('../../fixtures/banks/small.yaml', import.meta.url)), 'utf8');

function warnings(text: string) {
  const result = parseBank(text, 'b.yaml');
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n'));
  return result.warnings.map((w) => ({ at: `${w.line}:${w.col}`, code: w.code, message: w.message }));
}

/** Twelve single-choice items whose answer sits at `position` (0-based) unless `spread`. */
function singles(count: number, answerAt: (i: number) => number, texts?: (i: number) => string[]): string {
  return Array.from({ length: count }, (_, i) => {
    const optionTexts = texts?.(i) ?? ['Alpha', 'Bravo', 'Charlie', 'Delta'];
    const options = optionTexts.map((t, o) => `{ id: ${'abcd'[o]}, text: "${t} ${i}" }`).join(', ');
    return `  - { id: s${i}, type: single, competency: listening, stem: "Q${i}?", options: [${options}], answer: ${'abcd'[answerAt(i)]}, explanation: E. }`;
  }).join('\n');
}

describe('lint', () => {
  it('is silent on a clean bank', () => {
    expect(warnings(base)).toEqual([]);
  });

  it.each([
    ['missing-explanation', base.replace('    explanation: Never promise what you cannot confirm.\n', ''), '43:9', 'item "q3": no explanation'],
    ['all-of-the-above', base.replace('{ id: d, text: Nothing }', '{ id: d, text: All of the above }'), '30:24', 'option "d" says "All of the above"'],
    ['draw-leaves-no-choice', base.replace('    listening: 1\n', '    listening: 2\n'), '14:16', 'draws all 2 of its items'],
    ['scenario-without-outcome', base.replace('        outcome: Escalated\n', ''), '82:13', 'end step "s3" has no outcome'],
    ['unused-case', base.replace('    case: parcel\n', ''), '16:9', 'case "parcel" is not used'],
    ['grace-ignored', base.replace('  passMark: 70\n', '  passMark: 70\n  graceSeconds: 30\n'), '13:17', 'no effect unless policy.onExpiry is "grace"'],
    ['grace-without-seconds', base.replace('  passMark: 70\n', '  passMark: 70\n  onExpiry: grace\n'), '13:13', 'there is no grace period'],
    ['item-limit-exceeds-test', base.replace('    stem: Rate each reply.\n', '    stem: Rate each reply.\n    timeLimitSeconds: 900\n'), '63:23', 'longer than the whole test'],
    ['duplicate-option-text', base.replace('{ id: c, text: A discount }', '{ id: c, text: a refund }'), '29:24', 'options "a" and "c" have the same text'],
    ['all-options-correct', base.replace('    answer: [a, b]\n', '    answer: [a, b, c]\n'), '41:13', 'every option is in the answer'],
    ['longest-option-is-key', base.replace('{ id: b, text: A delivery date }', '{ id: b, text: "A firm delivery date, checked with the courier and confirmed in writing" }'), '31:13', 'much longer than every other option'],
  ])('%s', (code, text, at, fragment) => {
    const found = warnings(text);
    expect(found).toEqual([expect.objectContaining({ code, at })]);
    expect(found[0]!.message).toContain(fragment);
  });

  it('flags answer-position bias only when options are not shuffled', () => {
    const items = singles(12, (i) => (i % 6 === 0 ? 2 : 1));
    const text = base.replace(/^items:\n/m, `items:\n${items}\n`).replace('    listening: 1\n', '    listening: 4\n');
    expect(warnings(text).map((w) => w.code)).toEqual([]);
    const fixed = text.replace('  passMark: 70\n', '  passMark: 70\n  shuffle: { options: false }\n');
    const found = warnings(fixed);
    expect(found.map((w) => w.code)).toEqual(['answer-position-bias']);
    expect(found[0]!.message).toBe('options are not shuffled and the answer is option 2 in 11 of 13 single-choice items; candidates can guess from position');
  });

  it('flags a bank where the answer is usually the longest option', () => {
    const items = singles(8, (i) => i % 4, (i) => ['Option one', 'Option two', 'Option six', 'Option ten'].map((t, o) => (o === i % 4 ? 'Option three' : t)));
    const text = base.replace(/^items:\n/m, `items:\n${items}\n`).replace('    listening: 1\n', '    listening: 4\n');
    const found = warnings(text).filter((w) => w.code === 'longest-option-is-key');
    expect(found.map((w) => w.message)).toEqual(['the answer is the longest option in 9 of 9 single-choice items; candidates can score by picking the longest']);
  });

  it('warns when a draw takes nearly the whole pool', () => {
    const items = singles(3, () => 0);
    const text = base.replace(/^items:\n/m, `items:\n${items}\n`).replace('    listening: 1\n', '    listening: 4\n');
    expect(warnings(text)).toEqual([expect.objectContaining({ code: 'thin-pool', message: 'policy.draws: competency "listening" draws 4 of only 5 items, so forms overlap heavily; aim for at least 6' })]);
  });
});

describe('lint limits', () => {
  it('shows at most 50 warnings of one rule and counts the rest in one note', () => {
    const items = Array.from({ length: 60 }, (_, i) => `  - { id: t${i}, type: true-false, competency: ownership, stem: "S${i}?", answer: true }`).join('\n');
    const found = warnings(base.replace(/^items:\n/m, `items:\n${items}\n`));
    const missing = found.filter((w) => w.code === 'missing-explanation');
    expect(missing).toHaveLength(51);
    expect(missing[50]!.message).toBe('10 more "missing-explanation" warnings like this not shown');
  });
});
