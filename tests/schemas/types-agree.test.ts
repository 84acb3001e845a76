import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const planted = `${root}tests/schemas/planted-drift.ts`;

/**
 * Type-checks a file (held in memory, beside types-agree.ts) with the
 * project's compiler options; gives its errors' text, one string per error.
 */
function typeErrors(source: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => file === planted || fileExists.call(host, file);
  host.readFile = (file) => (file === planted ? source : readFile.call(host, file));
  host.getSourceFile = (file, language, ...rest) =>
    file === planted ? ts.createSourceFile(file, source, language) : getSourceFile.call(host, file, language, ...rest);
  const program = ts.createProgram({ rootNames: [planted], options: config.options, host });
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(planted)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const header = `
import type { AttemptRecord } from '../../src/core/attempt/types.js';
import type { Bank } from '../../src/core/bank/types.js';
import type { Certificate } from '../../src/core/credential/certificate-types.js';
import type { FrontlineCertificate } from '../../src/generated/certificate.schema-types.js';
import type { FrontlineAttemptRecord } from '../../src/generated/attempt.schema-types.js';
import type { FrontlineQuestionBank } from '../../src/generated/question-bank.schema-types.js';
import type { Drift } from './drift.js';
type Agree<T extends never> = T;
`;

describe('our types and the schemas cannot drift (tests/schemas/types-agree.ts, run by tsc)', () => {
  it('agree today', () => {
    expect(typeErrors(`${header}export type A = Agree<Drift<AttemptRecord, FrontlineAttemptRecord>>;\nexport type B = Agree<Drift<Bank, FrontlineQuestionBank>>;\nexport type C = Agree<Drift<Certificate, FrontlineCertificate>>;\n`)).toEqual([]);
  }, 120_000);

  it.each([
    ['an optional field added to our attempt type only', 'Drift<AttemptRecord & { planted?: string }, FrontlineAttemptRecord>', '.planted only in ours'],
    ['an optional field added to the attempt schema only', 'Drift<AttemptRecord, FrontlineAttemptRecord & { planted?: string }>', '.planted only in the schema'],
    [
      'a field added to one answer type of the attempt schema only',
      "Drift<AttemptRecord, Omit<FrontlineAttemptRecord, 'answers'> & { answers: Array<FrontlineAttemptRecord['answers'][number] & { planted?: boolean }> }>",
      '.answers[].planted only in the schema',
    ],
    [
      'a field added to one item type of the bank schema only',
      "Drift<Bank, Omit<FrontlineQuestionBank, 'items'> & { items: Array<Exclude<FrontlineQuestionBank['items'][number], { type: 'rating' }> | (Extract<FrontlineQuestionBank['items'][number], { type: 'rating' }> & { planted?: number })> }>",
      '.items[].planted only in the schema',
    ],
  ])('fail on %s', (_, drift, message) => {
    const errors = typeErrors(`${header}export type Planted = Agree<${drift}>;\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  }, 120_000);
});
