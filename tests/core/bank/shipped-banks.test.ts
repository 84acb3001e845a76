import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBank } from '../../../src/core/bank/parse-bank.js';
import type { Bank } from '../../../src/core/bank/types.js';

const dir = fileURLToPath(new URL('../../../question-banks/', import.meta.url));
const banks = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((file) => {
    const result = parseBank(readFileSync(`${dir}${file}`, 'utf8'), file);
    if (!result.ok) throw new Error(`${file} does not parse`);
    return { file, bank: result.bank, warnings: result.warnings };
  });
const certification = banks.filter(({ bank }) => bank.policy.draws !== undefined);

function pools(bank: Bank): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of bank.items) counts.set(item.competency, (counts.get(item.competency) ?? 0) + 1);
  return counts;
}

describe('shipped banks', () => {
  it('has the four certification banks and the starter', () => {
    expect(certification.map((b) => b.file).sort()).toEqual(['complaint-handling.yaml', 'cs-fundamentals.yaml', 'live-chat.yaml', 'service-metrics.yaml']);
  });

  it.each(certification.map((b) => [b.file, b.bank] as const))('%s: every pool is at least twice its draw', (_file, bank) => {
    const sizes = pools(bank);
    for (const [competency, draw] of Object.entries(bank.policy.draws ?? {})) {
      expect({ competency, pool: sizes.get(competency) ?? 0 }).toEqual({ competency, pool: expect.toSatisfy((n: number) => n >= 2 * draw) });
    }
  });

  it.each(banks.map((b) => [b.file, b.warnings] as const))('%s: no lint warning, so no cue lint fires and no acceptance is stale', (_file, warnings) => {
    expect(warnings).toEqual([]);
  });

  it('the starter issues a short practice record, and no bank certifies for more than 12 months', () => {
    const validity = Object.fromEntries(banks.map(({ bank }) => [bank.id, bank.policy.certificate?.validityMonths]));
    expect(validity.starter).toBeLessThan(12);
    for (const months of Object.values(validity)) expect(months).toBeLessThanOrEqual(12);
  });

  it('tells candidates the scope where items depend on UK rules', () => {
    for (const { bank } of certification.filter(({ bank }) => bank.id !== 'service-metrics')) {
      expect(bank.description).toMatch(/Set in the UK/);
    }
  });
});
