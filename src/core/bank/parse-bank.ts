import type { Bank } from './types.js';
import { compareDiagnostics, type Diagnostic } from './diagnostic.js';
import { parseYaml } from './parse-yaml.js';
import { checkSchema } from './schema-check.js';
import { checkSemantics } from './semantic-check.js';
import { lintBank } from './lint.js';
import { bankHash } from './hash.js';

export type BankParseResult =
  | { ok: true; bank: Bank; hash: string; warnings: Diagnostic[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

/**
 * YAML text to a checked Bank, in stages: YAML syntax, JSON Schema, cross-references
 * and scenario graphs, then lint. Each stage runs only when the one before passed,
 * because its checks assume the shape the previous stage guaranteed.
 */
export function parseBank(text: string, file: string): BankParseResult {
  if (text.trim() === '') {
    return fail([{ file, line: 1, col: 1, severity: 'error', code: 'empty-file', message: 'the file is empty; a bank needs at least id, version, title, competencies, policy and items (run `frontline init` for a starter)' }], []);
  }
  const yaml = parseYaml(text, file);
  if (!yaml.ok) return fail(yaml.errors, yaml.warnings);
  if (yaml.data === null || yaml.data === undefined) {
    return fail([{ file, line: 1, col: 1, severity: 'error', code: 'empty-file', message: 'the file holds only comments; a bank needs at least id, version, title, competencies, policy and items' }], yaml.warnings);
  }
  const schemaErrors = checkSchema(yaml.data, file, yaml.locate);
  if (schemaErrors.length > 0) return fail(schemaErrors, yaml.warnings);
  const bank = yaml.data as Bank;
  const semanticErrors = checkSemantics(bank, file, yaml.locate);
  if (semanticErrors.length > 0) return fail(semanticErrors, yaml.warnings);
  const warnings = [...yaml.warnings, ...lintBank(bank, file, yaml.locate)].sort(compareDiagnostics);
  return { ok: true, bank, hash: bankHash(bank), warnings };
}

function fail(errors: Diagnostic[], warnings: Diagnostic[]): BankParseResult {
  return { ok: false, errors: [...errors].sort(compareDiagnostics), warnings };
}
