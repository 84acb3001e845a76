import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBank } from '../../../src/core/bank/parse-bank.js';
import { importedBankYaml } from '../../../src/core/gift/bank-yaml.js';
import { giftToBank } from '../../../src/core/gift/gift-to-bank.js';

const word = fc.constantFrom('refund', 'Card', 'chat', 'Ticket 42', 'é', '<b>bold</b>', '&amp;', '\\:', '\\=', 'x', '  ', '"quoted"', '- dash');
const text = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const weight = fc.constantFrom('', '%50%', '%100%', '%-100%', '%33.33333%', '%70%', '%0%');
const answer = fc.tuple(fc.constantFrom('=', '~'), weight, text, fc.option(text)).map(([mark, w, t, fb]) => `${mark}${w}${t}${fb === null ? '' : `#${fb}`}`);
const answers = fc.oneof(
  fc.array(answer, { minLength: 0, maxLength: 6 }).map((a) => `{${a.join(' ')}}`),
  fc.constantFrom('{T}', '{F}', '{TRUE#no#yes}', '{FALSE####general}', '{}', '{#3:1}', '{=a -> 1 =b -> 2 =c -> 3}', '{=one =two}'),
  fc.constant(''),
);
const question = fc
  .tuple(fc.option(text), text, answers, fc.option(text))
  .map(([title, stem, a, general]) => `${title === null ? '' : `::${title}::`}${stem}${a.replace(/}$/, general === null ? '}' : `####${general}}`)}`);
const block = fc.oneof({ weight: 6, arbitrary: question }, fc.constantFrom('$CATEGORY: $course$/top/Billing', '// a comment', '::Broken::{=a ~b', '{'));
const giftFile = fc.array(block, { minLength: 1, maxLength: 12 }).chain((blocks) =>
  fc.constantFrom('\n\n', '\r\n\r\n', '\n\n\n').map((sep) => blocks.join(sep)),
);

describe('giftToBank on generated GIFT', () => {
  it('never throws, places every finding on a line of the file, and writes only banks that validate', () => {
    fc.assert(
      fc.property(giftFile, (source) => {
        const result = giftToBank(source, { bankId: 'generated', title: 'Generated', competency: 'general' });
        const lines = source.split(/\r\n|\r|\n/).length;
        for (const finding of result.findings) {
          expect(finding.line).toBeGreaterThanOrEqual(1);
          expect(finding.line).toBeLessThanOrEqual(lines);
        }
        const skipped = result.findings.filter((f) => f.kind === 'skipped').length;
        expect((result.bank?.items.length ?? 0) + skipped).toBe(result.questions);
        if (result.bank) {
          const parsed = parseBank(importedBankYaml(result.bank, { schemaRef: 'x.json', source: 'g.gift', findings: result.findings }), 'g.yaml');
          expect(parsed.ok ? [] : parsed.errors).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
