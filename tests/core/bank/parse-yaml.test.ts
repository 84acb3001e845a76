import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DataPath } from '../../../src/core/bank/diagnostic.js';
import { parseYaml } from '../../../src/core/bank/parse-yaml.js';
import { parseBank } from '../../../src/core/bank/parse-bank.js';

/** A bank large enough (> 64 KB) for the per-item parse, with varied YAML styles. */
function bigBank(count: number, { indent = '  ', newline = '\n', policyLast = false } = {}): string {
  const lines = [
    '# a big bank',
    'id: big',
    'version: 1.0.0',
    'title: Big',
    'competencies:',
    '  - { id: c1, title: One }',
    ...(policyLast ? [] : ['policy: { timeLimitMinutes: 30, passMark: 70 }']),
    'items:',
  ];
  for (let i = 0; i < count; i += 1) {
    const p = `${indent}  `;
    lines.push(`${indent}- id: q${i}`, `${p}type: single`, `${p}competency: c1`);
    if (i % 3 === 0) lines.push(`${p}stem: |`, `${p}  Line one of ${i}`, `${p}  - not an item, text`);
    else lines.push(`${p}stem: "Question ${i}: what now?"`);
    lines.push(`${p}# a comment inside item ${i}`);
    lines.push(`${p}options:`, `${p}  - { id: a, text: "Answer ${i}" }`, `${p}  - id: b`, `${p}    text: 'Other ${i}'`);
    lines.push(`${p}answer: ${i % 2 ? 'a' : 'b'}`, `${p}explanation: Because ${i}.`, '');
  }
  lines.push('# trailing comment');
  // A key after the items: the per-item parse reads it without the items' lines and must still place it.
  if (policyLast) lines.push('policy:', '  timeLimitMinutes: 30', '  passMark: 70');
  lines.push('');
  return lines.join(newline);
}

/** Anything that could be an anchor makes the parser take the whole-document path. */
const forceWhole = (text: string): string => `${text}# &whole\n`;

function parsed(text: string) {
  const result = parseYaml(text, 'b.yaml');
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result;
}

describe('parseYaml', () => {
  it.each([
    ['two-space indent', bigBank(400)],
    ['sequence at column 0', bigBank(400, { indent: '' })],
    ['CRLF line ends', bigBank(400, { newline: '\r\n' })],
    ['a key after the items', bigBank(400, { policyLast: true })],
    ['a key after the items, CRLF', bigBank(400, { policyLast: true, newline: '\r\n' })],
  ])('reads a large bank item by item to the same data and positions as whole (%s)', (_name, text) => {
    expect(text.length).toBeGreaterThan(64 * 1024);
    const split = parsed(text);
    const whole = parsed(forceWhole(text));
    expect([split.strategy, whole.strategy]).toEqual(['per-item', 'whole']);
    expect(split.data).toEqual(whole.data);
    const paths: Array<[DataPath, 'value' | 'key']> = [
      [['items', 0], 'value'],
      [['items', 123, 'options', 1, 'text'], 'value'],
      [['items', 399, 'answer'], 'value'],
      [['items', 201, 'stem'], 'key'],
      [['items', 201, 'stem'], 'value'],
      [['items', 50, 'nonexistent'], 'value'],
      [['policy', 'passMark'], 'value'],
      [['policy', 'timeLimitMinutes'], 'key'],
      [['policy'], 'key'],
      [['items'], 'key'],
      [['title'], 'value'],
    ];
    for (const [path, target] of paths) {
      expect({ path, at: split.locate(path, target) }).toEqual({ path, at: whole.locate(path, target) });
    }
  });

  const banksDir = fileURLToPath(new URL('../../../question-banks/', import.meta.url));
  it.each(readdirSync(banksDir).filter((f) => f.endsWith('.yaml')))('reads the shipped bank %s to the same data either way', (name) => {
    const text = readFileSync(`${banksDir}${name}`, 'utf8');
    expect(parsed(text).data).toEqual(parsed(forceWhole(text)).data);
  });

  it('places an error deep in a large bank exactly', () => {
    const text = bigBank(400).replace('answer: a\n    explanation: Because 301.', 'answer: z\n    explanation: Because 301.');
    const result = parseBank(text, 'b.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const line = text.split('\n').findIndex((l) => l === '    answer: z') + 1;
    expect(result.errors).toEqual([expect.objectContaining({ line, col: 13, code: 'unknown-option', message: 'item "q301": answer "z" is not one of its options (a, b)' })]);
  });

  it('reports a syntax error in a large bank at its place in the file', () => {
    const text = bigBank(400).replace('    stem: "Question 250: what now?"', '    stem: "Question 250: what now?');
    const result = parseYaml(text, 'b.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]!.code).toBe('yaml-syntax');
    expect(result.errors[0]!.line).toBeGreaterThan(text.split('\n').findIndex((l) => l.includes('Question 250')));
  });

  it('finds a duplicate key inside one item of a large bank', () => {
    const text = bigBank(400).replace('    answer: b\n    explanation: Because 100.', '    answer: b\n    answer: a\n    explanation: Because 100.');
    const result = parseYaml(text, 'b.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const line = text.split('\n').findIndex((l) => l === '    explanation: Because 100.');
    expect(result.errors).toEqual([expect.objectContaining({ line, col: 5, code: 'duplicate-key' })]);
  });

  it('resolves merge keys and aliases in the whole-document path', () => {
    const result = parsed('base: &b { x: 1 }\nother:\n  <<: *b\n  y: 2\n');
    expect(result.data).toEqual({ base: { x: 1 }, other: { x: 1, y: 2 } });
    // A merged key has no place of its own: its mapping is the nearest place.
    expect(result.locate(['other', 'x'])).toEqual({ line: 3, col: 3 });
  });

  it('points at a key, at a value, and at the key when the value is empty', () => {
    const result = parsed('a:\n  b: 1\n  c:\n  d: [x, y]\n');
    expect(result.locate(['a', 'b'])).toEqual({ line: 2, col: 6 });
    expect(result.locate(['a', 'b'], 'key')).toEqual({ line: 2, col: 3 });
    expect(result.locate(['a', 'c'])).toEqual({ line: 3, col: 3 });
    expect(result.locate(['a', 'd', 1])).toEqual({ line: 4, col: 10 });
    expect(result.locate(['a', 'missing'])).toEqual({ line: 2, col: 3 });
  });
});
