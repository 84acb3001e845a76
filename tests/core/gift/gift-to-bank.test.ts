import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBank } from '../../../src/core/bank/parse-bank.js';
import type { Item } from '../../../src/core/bank/types.js';
import { importedBankYaml } from '../../../src/core/gift/bank-yaml.js';
import { giftToBank } from '../../../src/core/gift/gift-to-bank.js';

const CORPUS = fileURLToPath(new URL('../../fixtures/gift/corpus.gift', import.meta.url));
const source = readFileSync(CORPUS, 'utf8');
const sourceLines = source.split('\n');
const imported = giftToBank(source, { bankId: 'billing-gift', title: 'Billing (from Moodle)', competency: 'general' });
const bank = imported.bank!;

/** The 1-based line of the first line that contains `marker`: expectations follow the corpus, not fixed numbers. */
function lineOf(marker: string): number {
  const index = sourceLines.findIndex((l) => l.includes(marker));
  if (index === -1) throw new Error(`corpus has no line with ${marker}`);
  return index + 1;
}

function item(id: string): Item {
  const found = bank.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}; items: ${bank.items.map((i) => i.id).join(', ')}`);
  return found;
}

describe('giftToBank on the corpus: what converts', () => {
  it('converts single-answer multiple choice with answer feedback and general feedback', () => {
    expect(item('bill-refund-window')).toEqual({
      id: 'bill-refund-window',
      type: 'single',
      competency: 'billing-disputes',
      stem: 'A customer asks for a refund 20 days after purchase. Our policy allows 30 days. What do you do?',
      options: [
        { id: 'a', text: 'Process the refund', feedback: 'Within the window, so yes.' },
        { id: 'b', text: 'Refuse, the purchase is too old', feedback: 'The window is 30 days.' },
        { id: 'c', text: 'Escalate to a manager', feedback: 'No need: the policy covers it.' },
      ],
      answer: 'a',
      explanation: 'The refund window is 30 days from purchase.',
      tags: ['refunds', 'policy'],
    });
  });

  it('names items by their Moodle id, else by their title', () => {
    expect(bank.items.map((i) => i.id)).toEqual([
      'greeting',
      'bill-refund-window',
      'duplicate-charge',
      'weighted-steps',
      'statement-descriptor',
      `q${lineOf('Chargebacks are handled')}`,
      'card-numbers',
      'verify-first',
      'html-stem',
      'escapes',
    ]);
  });

  it('turns weighted answers that share the credit into a multiple-response item with partial scoring', () => {
    const duplicate = item('duplicate-charge');
    expect(duplicate).toMatchObject({ type: 'multiple', answer: ['a', 'b'], scoring: { mode: 'partial' } });
    expect(duplicate.type === 'multiple' && duplicate.options[0]?.feedback).toBe('Seeing both charges first avoids refunding the wrong one.');
    expect(item('weighted-steps')).toMatchObject({ type: 'multiple', answer: ['a', 'b'] });
  });

  it('keeps a question with one 100% answer single even when others carry partial credit', () => {
    expect(item('statement-descriptor')).toMatchObject({ type: 'single', answer: 'a' });
  });

  it('converts missing-word multiple choice with the blank in the stem', () => {
    const missing = item(`q${lineOf('Chargebacks are handled')}`);
    expect(missing).toMatchObject({ type: 'single', stem: 'Chargebacks are handled by the _____ in our company.', answer: 'b' });
  });

  it('maps true/false feedback as Moodle does: first #feedback for a wrong answer, second for a right one', () => {
    expect(item('card-numbers')).toMatchObject({
      type: 'true-false',
      answer: false,
      feedback: { true: 'Reading it back exposes it on the recording.', false: 'Correct: never read card numbers back.' },
    });
    expect(item('verify-first')).toEqual({
      id: 'verify-first',
      type: 'true-false',
      competency: 'data-protection',
      stem: "You must verify a caller's identity before discussing their account.",
      answer: true,
      explanation: "Identity checks protect the customer's data.",
    });
  });

  it('strips HTML to plain text and unescapes GIFT special characters', () => {
    expect(item('html-stem')).toMatchObject({ stem: 'Which of these is personal data under GDPR?' });
    expect(item('html-stem').type === 'single' && item('html-stem')).toMatchObject({ options: [{ text: 'An email address such as priya@example.com' }, {}, {}] });
    expect(item('escapes')).toMatchObject({ stem: 'In our scripts, which symbol marks a hold: "~" or "="?', options: [{ text: '~ (tilde)' }, { text: '= (equals)' }] });
  });

  it('makes each $CATEGORY a competency, and puts earlier questions in the default one', () => {
    expect(bank.competencies).toEqual([
      { id: 'general', title: 'General' },
      { id: 'billing-disputes', title: 'Billing disputes' },
      { id: 'data-protection', title: 'Data protection' },
    ]);
    expect(item('greeting').competency).toBe('general');
  });
});

describe('giftToBank on the corpus: what is reported instead', () => {
  it.each([
    ['::Essay::', /^essay/],
    ['::Short answer::', /^short answer/],
    ['::Numerical::', /^numerical/],
    ['::Numerical range::', /^numerical/],
    ['::Matching::', /^matching/],
    ['::Description only::', /^description/],
    ['::Missing word typed::', /^missing word with typed answers/],
    ['::No right answer::', /no right answer/],
    ['::Two right answers::', /2 answers each fully right/],
    ['::Only partly right::', /partly right/],
    ['::Broken::', /^not valid GIFT: Expected "}"/],
  ])('%s is not converted, with its line', (marker, message) => {
    const line = lineOf(marker);
    const finding = imported.findings.find((f) => f.line === line);
    expect(finding).toMatchObject({ kind: 'skipped' });
    expect(finding?.message).toMatch(message);
  });

  it('reports every question it does not convert, and nothing else as skipped', () => {
    const skipped = imported.findings.filter((f) => f.kind === 'skipped');
    expect(skipped).toHaveLength(11);
    expect(imported.questions).toBe(bank.items.length + skipped.length);
  });

  it.each([
    ['::Duplicate charge::', 'duplicate-charge', /negative weights/],
    ['::Weighted steps::', 'weighted-steps', /unequal weights \(a 70%, b 30%\)/],
    ['::Statement descriptor::', 'statement-descriptor', /partial credit for b 50% dropped/],
    ['Chargebacks are handled', undefined, /missing word/],
    ['::HTML stem::', 'html-stem', /HTML formatting removed/],
  ])('says what changed in meaning for %s', (marker, itemId, message) => {
    const line = lineOf(marker);
    const finding = imported.findings.find((f) => f.line === line && f.kind === 'changed');
    expect(finding?.message).toMatch(message);
    if (itemId) expect(finding?.itemId).toBe(itemId);
  });
});

describe('the written bank', () => {
  const yaml = importedBankYaml(bank, { schemaRef: '../schemas/question-bank.schema.json', source: 'corpus.gift', findings: imported.findings });

  it('is a valid bank', () => {
    const parsed = parseBank(yaml, 'billing-gift.yaml');
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    expect(parsed.ok && parsed.bank).toEqual(bank);
  });

  it('starts with the schema modeline and lists what was not converted, with lines', () => {
    const lines = yaml.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=../schemas/question-bank.schema.json');
    expect(yaml).toContain('# Not converted (11):');
    expect(yaml).toContain(`#   line ${lineOf('::Matching::')}: matching: not supported`);
    expect(yaml).toContain(`#   line ${lineOf('::Weighted steps::')} (weighted-steps): unequal weights`);
  });
});

describe('giftToBank edge cases', () => {
  const options = { bankId: 'b', title: 'B', competency: 'general' };

  it('returns no bank when nothing converts, with the reasons', () => {
    const result = giftToBank('::E::Tell me about yourself.{}\n', options);
    expect(result.bank).toBeUndefined();
    expect(result.findings).toEqual([{ line: 1, kind: 'skipped', message: expect.stringMatching(/^essay/) }]);
  });

  it('points a syntax error at the line inside the question where the parser stopped', () => {
    const result = giftToBank('::Ok::Fine?{=a ~b}\n\n::M::Which?{\n  =right\n  ~wrong: unescaped\n}\n', options);
    expect(result.findings).toEqual([{ line: 5, kind: 'skipped', message: expect.stringMatching(/^not valid GIFT: Expected .* but ":" found/) }]);
  });

  it('keeps item ids unique when titles repeat, and lists the renamed one as converted with changes', () => {
    const result = giftToBank('::Same::One?{=a ~b}\n\n::Same::Two?{=a ~b}\n', options);
    expect(result.bank?.items.map((i) => i.id)).toEqual(['same', 'same-2']);
    expect(result.findings).toEqual([{ line: 3, itemId: 'same-2', kind: 'changed', message: 'another question already has the id "same": this one is "same-2"' }]);
  });

  it.each([
    ['=', '::Sum::Is 2=2 true?{=yes ~no}\n', 'write it as \\='],
    ['~', '::T::Roughly ~5 days?{=yes ~no}\n', 'write it as \\~'],
  ])('suggests escaping an unescaped %s in a parse error', (_, gift, hint) => {
    const [finding] = giftToBank(gift, options).findings;
    expect(finding).toMatchObject({ kind: 'skipped' });
    expect(finding!.message).toContain(hint);
  });

  it('lists text after a true/false answer as a change, not a silent one', () => {
    const result = giftToBank('::TF::The sky is blue {T} on a clear day.\n', options);
    expect(result.bank?.items[0]).toMatchObject({ type: 'true-false', answer: true });
    expect(result.findings).toEqual([
      { line: 1, itemId: 'tf', kind: 'changed', message: 'text after the {T}/{F} answer kept as part of the question, the answer shown as _____' },
    ]);
  });

  it('reports images and link targets that HTML stripping removed', () => {
    // As Moodle exports it: = and : escaped inside the HTML.
    const gift = '::Pic::[html]<p>Which form is shown below?</p><img src\\="@@PLUGINFILE@@/form.png" alt\\="form"> See <a href\\=\'https\\://kb.example/forms\'>the guide</a>.{=A ~B}\n';
    const result = giftToBank(gift, options);
    expect(result.bank?.items[0]?.stem).toBe('Which form is shown below?\nSee the guide.');
    const messages = result.findings.map((f) => f.message);
    expect(messages).toContain('image @@PLUGINFILE@@/form.png removed with the HTML: the item no longer shows it; put what it shows into the text');
    expect(messages).toContain('link https://kb.example/forms removed with the HTML: the item no longer shows it; put what it shows into the text');
  });

  it('reads CRLF files and a byte-order mark, with the same line numbers', () => {
    const result = giftToBank('\uFEFF// c\r\n::A::One?{=a ~b}\r\n\r\n::B::Essay{}\r\n', options);
    expect(result.bank?.items).toHaveLength(1);
    expect(result.findings).toEqual([{ line: 4, kind: 'skipped', message: expect.stringMatching(/^essay/) }]);
  });
});
