import { describe, expect, it } from 'vitest';
import { parseBank } from '../../../src/core/bank/parse-bank.js';
import { MAX_YAML_ENTRIES } from '../../../src/core/bank/parse-yaml.js';
// @ts-expect-error: a plain .mjs bench helper without types
import { generateBank } from '../../../bench/generate-bank.mjs';

const head = 'id: huge\nversion: 1.0.0\ntitle: Huge\ncompetencies:\n  - { id: c, title: C }\npolicy: { timeLimitMinutes: 10, passMark: 70 }\nitems:\n  - id: q1\n    type: true-false\n    competency: c\n    stem: Yes?\n    answer: true\n';

describe('the YAML parse has a bounded amount of work (issue 17.14)', () => {
  it('refuses a 9.8 MB bank of 4.9 million flow-sequence entries at once, naming where', () => {
    const text = `${head}    tags: [${'a,'.repeat(4_900_000)}a]\n`;
    expect(text.length).toBeGreaterThan(9_800_000);
    const result = parseBank(text, 'huge.yaml');
    expect(result.ok).toBe(false);
    const error = result.ok ? undefined : result.errors[0];
    expect(error).toMatchObject({ file: 'huge.yaml', line: 13, code: 'too-many-entries' });
    expect(error!.message).toContain('more than 500,000 YAML entries');
  });

  it('refuses a block list of a million entries too', () => {
    const result = parseBank(`${head}    tags:\n${'      - a\n'.repeat(1_000_000)}`, 'long.yaml');
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(['too-many-entries']);
  });

  it('leaves room for the largest real banks: 10,000 items is about a third of the budget', () => {
    const text = generateBank(10_000) as string;
    let entries = 0;
    for (const ch of text) if (ch === ',' || ch === '\n') entries += 1;
    expect(entries).toBeLessThan(MAX_YAML_ENTRIES / 2.5);
  });
});
