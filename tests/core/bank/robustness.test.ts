import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBankBytes } from '../../../src/core/bank/decode-text.js';
import { parseBank } from '../../../src/core/bank/parse-bank.js';

const base = readFileSync(fileURLToPath(new URL('../../fixtures/banks/small.yaml', import.meta.url)), 'utf8');
const lines = base.split('\n');

/** Decode then parse, as `validate` does; every outcome must be a value with placed findings. */
function check(bytes: Uint8Array): void {
  const decoded = decodeBankBytes(bytes, 'f.yaml');
  if (!decoded.ok) {
    expect(decoded.error.line).toBeGreaterThanOrEqual(1);
    return;
  }
  const result = parseBank(decoded.text, 'f.yaml');
  const totalLines = decoded.text.split('\n').length;
  for (const finding of result.ok ? result.warnings : result.errors) {
    expect(finding.line).toBeGreaterThanOrEqual(1);
    expect(finding.line).toBeLessThanOrEqual(totalLines);
    expect(finding.col).toBeGreaterThanOrEqual(1);
    expect(finding.message).not.toMatch(/undefined|\[object Object\]|\bNaN\b|Infinity/);
  }
}

const lineEdit = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.string({ maxLength: 30 }) }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('value' as const), at: fc.nat(), value: fc.constantFrom('', '~', '0', '-1', '1.5', 'true', '[]', '{}', '"x"', '[a, b]', '&a x', '*a', '!!binary x', '|', '>-', 'null', '1e400', '.nan') }),
);

type LineEdit = typeof lineEdit extends fc.Arbitrary<infer T> ? T : never;

function applyEdits(edits: LineEdit[]): string {
  const out = [...lines];
  for (const edit of edits) {
    const i = edit.at % out.length;
    const line = out[i]!;
    switch (edit.kind) {
      case 'delete':
        out.splice(i, 1);
        break;
      case 'duplicate':
        out.splice(i, 0, line);
        break;
      case 'replace':
        out[i] = edit.text;
        break;
      case 'indent':
        out[i] = edit.by >= 0 ? `${' '.repeat(edit.by)}${line}` : line.slice(Math.min(-edit.by, line.length - line.trimStart().length));
        break;
      case 'value':
        out[i] = line.includes(': ') ? `${line.slice(0, line.indexOf(': ') + 2)}${edit.value}` : line;
        break;
    }
  }
  return out.join('\n');
}

describe('parseBank on damaged input', () => {
  it('never throws on edited banks, and places every finding inside the file', () => {
    fc.assert(
      fc.property(fc.array(lineEdit, { minLength: 1, maxLength: 4 }), (edits) => {
        check(Buffer.from(applyEdits(edits), 'utf8'));
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        check(bytes);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary text spliced into a bank', () => {
    fc.assert(
      fc.property(fc.nat(base.length), fc.string({ unit: 'grapheme', maxLength: 40 }), (at, text) => {
        check(Buffer.from(base.slice(0, at) + text + base.slice(at), 'utf8'));
      }),
      { numRuns: 400 },
    );
  });
});
