import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeBankBytes } from '../../../src/core/bank/decode-text.js';
import type { Diagnostic } from '../../../src/core/bank/diagnostic.js';
import { parseBank } from '../../../src/core/bank/parse-bank.js';

const dir = fileURLToPath(new URL('../../fixtures/bad-banks/', import.meta.url));

interface Expected {
  line: number;
  col: number;
  code: string;
  message: string;
}

const expected = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8')) as Record<string, Expected>;
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

/** The first error for a bank file's bytes, the way `validate` gets it (decode, then parse). */
function firstError(name: string): Diagnostic | undefined {
  const decoded = decodeBankBytes(readFileSync(`${dir}${name}`), name);
  if (!decoded.ok) return decoded.error;
  const result = parseBank(decoded.text, name);
  return result.ok ? undefined : result.errors[0];
}

describe('malformed banks', () => {
  it('has an expectation for every fixture and a fixture for every expectation', () => {
    expect(Object.keys(expected).sort()).toEqual(fixtures);
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
  });

  it.each(fixtures)('%s is refused at the right place with the right message', (name) => {
    const want = expected[name]!;
    const error = firstError(name);
    expect(error).toBeDefined();
    expect(error).toMatchObject({ file: name, severity: 'error', line: want.line, col: want.col, code: want.code });
    expect(error!.message).toContain(want.message);
  });
});
