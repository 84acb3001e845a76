import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBank } from '../../../src/core/bank/parse-bank.js';

const cues = readFileSync(fileURLToPath(new URL('../../fixtures/cue-banks/cues.yaml', import.meta.url)), 'utf8');

function warnings(text: string) {
  const result = parseBank(text, 'cues.yaml');
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n'));
  return result.warnings.map((w) => ({ at: `${w.line}:${w.col}`, code: w.code, message: w.message }));
}

describe('cue lints', () => {
  const found = warnings(cues);

  it.each([
    ['rating-key-longest', '14:1', 'keyed top of the scale is the longest in 4 of 4 rating items'],
    ['rating-key-longest', '21:24', 'item "r1": the response keyed 5 is much longer than every other (114 vs at most 24 characters)'],
    ['rating-key-position', '14:1', 'the first response is keyed top of the scale in 4 of 4 rating items'],
    ['same-wrong-count', '14:1', '4 of 4 multiple-response items have exactly 2 wrong options'],
    ['true-false-balance', '14:1', '5 of 6 true/false items are keyed false'],
    ['absolute-in-false', '59:62', 'item "t1": a false statement with "must"'],
    ['absolute-in-false', '60:62', 'item "t2": a false statement with "every"'],
    ['key-only-concrete-time', '73:13', 'item "s1": the answer "b" is the only option with a concrete time or date'],
    ['scenario-tied-maximum', '79:12', 'item "sc1": 2 paths reach the most ownership points (2): s1a (ownership 2/2); s1b (ownership 2/2)'],
    ['form-over-time', '12:21', 'a form can take about 6 minutes to read and answer'],
  ])('%s fires at %s', (code, at, fragment) => {
    expect(found).toContainEqual({ code, at, message: expect.stringContaining(fragment) });
  });

  it('fires nothing else', () => {
    expect(found).toHaveLength(10);
  });

  it.each([
    ['rating items varied in length and position', (t: string) => t.replace("I'm sorry about the delay. I've checked with the courier and your parcel arrives tomorrow; I'll text you the slot.", 'Sorry: it comes tomorrow.').replace('"Let me check that now.", key: 5', '"Let me check that now.", key: 2').replace('"That is not my team.", key: 1', '"That is not my team.", key: 5').replace('"I\'ll sort it out today.", key: 5', '"I\'ll sort it out today.", key: 3').replace('"Maybe.", key: 3', '"Maybe.", key: 5'), ['rating-key-longest', 'rating-key-position']],
    ['varied wrong-option counts', (t: string) => t.replace('answer: [c, d]', 'answer: [d]').replace('answer: [a], explanation', 'answer: [a, b], explanation'), ['same-wrong-count']],
    ['balanced true/false without absolute cues', (t: string) => t.replace('needs a time.", answer: false', 'needs a time.", answer: true').replace('be factual.", answer: false', 'be factual.", answer: true').replace('You must always apologise first', 'Apologising first fixes it'), ['true-false-balance', 'absolute-in-false']],
    ['a wrong option with a time too', (t: string) => t.replace('"A call back soon"', '"A call back within 48 hours"'), ['key-only-concrete-time']],
    ['one best path', (t: string) => t.replace('"I\'ll refund it now.", points: { ownership: 2 }', '"I\'ll refund it now.", points: { ownership: 1 }'), ['scenario-tied-maximum']],
    ['a longer time limit', (t: string) => t.replace('timeLimitMinutes: 3', 'timeLimitMinutes: 8'), ['form-over-time']],
  ])('is silent once fixed: %s', (_name, fix, codes) => {
    const fixed = fix(cues);
    expect(fixed).not.toBe(cues);
    const left = warnings(fixed).map((w) => w.code);
    for (const code of codes) expect(left).not.toContain(code);
  });
});

describe('lintAccept', () => {
  it('hides an accepted warning on its item and only there', () => {
    const text = cues.replace('  - id: sc1\n    type: scenario\n', '  - id: sc1\n    type: scenario\n    lintAccept: { scenario-tied-maximum: Both openings are equally good. }\n');
    const codes = warnings(text).map((w) => w.code);
    expect(codes).not.toContain('scenario-tied-maximum');
    expect(codes).toContain('key-only-concrete-time');
  });

  it('hides a bank-wide warning accepted on the bank', () => {
    const text = cues.replace('title: Cue fixture\n', 'title: Cue fixture\nlintAccept: { same-wrong-count: Drafts only. }\n');
    expect(warnings(text).map((w) => w.code)).not.toContain('same-wrong-count');
  });

  it('warns when an accepted code no longer fires', () => {
    const text = cues.replace('  - id: s1\n    type: single\n', '  - id: s1\n    type: single\n    lintAccept: { all-of-the-above: Old reason. }\n');
    expect(warnings(text)).toContainEqual({ code: 'lint-accept-unused', at: '67:19', message: 'item "s1": lintAccept names "all-of-the-above", which this item does not trigger; remove it' });
  });

  it('is refused without a reason', () => {
    const text = cues.replace('title: Cue fixture\n', 'title: Cue fixture\nlintAccept: { same-wrong-count: "" }\n');
    const result = parseBank(text, 'cues.yaml');
    expect(result.ok).toBe(false);
  });
});
