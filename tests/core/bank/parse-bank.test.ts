import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { ITEM_TYPES } from '../../../src/core/bank/schema-check.js';
import { parseBank } from '../../../src/core/bank/parse-bank.js';
import { bankTemplate } from '../../../src/core/bank/template.js';
import type { Bank } from '../../../src/core/bank/types.js';

const banksDir = fileURLToPath(new URL('../../../question-banks/', import.meta.url));
const base = readFileSync(fileURLToPath(new URL('../../fixtures/banks/small.yaml', import.meta.url)), 'utf8');

function parseOk(text: string, file = 'bank.yaml') {
  const result = parseBank(text, file);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n'));
  return result;
}

describe('parseBank', () => {
  it('returns the bank exactly as written, without filling in defaults', () => {
    const { bank } = parseOk(base);
    expect(bank.id).toBe('fixture-bank');
    expect(bank.items.map((i) => i.type)).toEqual(['single', 'multiple', 'true-false', 'ordering', 'rating', 'scenario']);
    expect(bank.policy.shuffle).toBeUndefined();
    expect(bank.competencies[0]!.weight).toBeUndefined();
  });

  it.each(readdirSync(banksDir).filter((f) => f.endsWith('.yaml')))('accepts the shipped bank %s with no errors', (name) => {
    const result = parseBank(readFileSync(`${banksDir}${name}`, 'utf8'), name);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('accepts the init template with no errors and no warnings', () => {
    const result = parseOk(bankTemplate('../schemas/question-bank.schema.json'));
    expect(result.warnings).toEqual([]);
    expect(new Set(result.bank.items.map((i) => i.type))).toEqual(new Set(ITEM_TYPES));
    expect(result.bank.cases).toHaveLength(1);
  });

  it('reports every schema error of a file, each placed, not only the first', () => {
    const text = base.replace('  passMark: 70\n', '  passMark: 170\n').replace('    answer: false\n', '    answer: nope\n');
    const result = parseBank(text, 'b.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.col, e.code])).toEqual([
      [12, 13, 'out-of-range'],
      [47, 13, 'schema'],
    ]);
  });

  it('gives one clear error for an item with an unknown type, not one per item type', () => {
    const result = parseBank(base.replace('    type: ordering\n', '    type: order\n'), 'b.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toBe('item "q4": type "order" is not an item type; expected one of single, multiple, true-false, ordering, rating, scenario, written (did you mean "ordering"?)');
  });

  it('suggests written for a misspelt written item type', () => {
    const result = parseBank(base.replace('    type: ordering\n', '    type: writen\n'), 'b.yaml');
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([expect.stringMatching(/type "writen" is not an item type; .*\(did you mean "written"\?\)$/)]);
  });

  it('points at the key of a field with no value', () => {
    const result = parseBank(base.replace('    answer: b\n', '    answer:\n'), 'b.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ line: 31, col: 5, message: 'item "q1": answer: expected text, found nothing' });
  });

  it('caps a flood of errors and says how many were left out', () => {
    const items = Array.from({ length: 300 }, (_, i) => `  - { id: x${i}, type: single, competency: ${i % 2 ? "listening" : "ownership"}, stem: S, options: [{ id: a, text: A }, { id: b, text: B }], answer: z }`);
    const text = base.replace(/^items:\n[\s\S]*$/m, `items:\n${items.join('\n')}\n`);
    const result = parseBank(text, 'b.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(201);
    expect(result.errors[200]!.message).toBe('100 more errors not shown; fix these first');
  });
});

describe('bank hash', () => {
  it('is sha256 over the canonical form: layout, comments and key order do not change it', () => {
    const { bank, hash } = parseOk(base);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Same data, written block-style with keys reversed and no comments.
    const reversed = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reversed)
      : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]))
      : value;
    const rewritten = stringify(reversed(bank), { collectionStyle: 'block', indentSeq: false });
    expect(rewritten).not.toBe(base);
    expect(parseOk(rewritten).hash).toBe(hash);
  });

  it('changes when any content changes, even one character of an explanation', () => {
    const { hash } = parseOk(base);
    expect(parseOk(base.replace('A date answers the worry.', 'A date answers the worry!')).hash).not.toBe(hash);
  });

  it('is the SHA-256 of the RFC 8785 form of what the YAML says', async () => {
    const { createHash } = await import('node:crypto');
    const { default: canonicalize } = await import('canonicalize');
    const data = parseDocument(base).toJS() as Bank;
    const expected = `sha256:${createHash('sha256').update(canonicalize(data)!).digest('hex')}`;
    expect(parseOk(base).hash).toBe(expected);
  });
});
