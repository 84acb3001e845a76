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

describe('the expert review (issue 24): same act, same treatment', () => {
  const byId = new Map(banks.map(({ bank }) => [bank.id, bank]));
  const option = (bankId: string, itemId: string, optionId: string) => {
    const item = byId.get(bankId)?.items.find((i) => i.id === itemId);
    if (!item || !('options' in item)) throw new Error(`${bankId} ${itemId}`);
    return item.options.find((o) => o.id === optionId);
  };
  const choice = (bankId: string, itemId: string, stepId: string, choiceId: string) => {
    const item = byId.get(bankId)?.items.find((i) => i.id === itemId);
    if (item?.type !== 'scenario') throw new Error(`${bankId} ${itemId}`);
    return item.steps.find((s) => s.id === stepId)?.choices?.find((c) => c.id === choiceId);
  };

  it.each([
    ['disclosing account data to an unauthorised caller', () => [option('cs-fundamentals', 'pro-001', 'a'), option('cs-fundamentals', 'pro-002', 'a'), option('cs-fundamentals', 'pro-002', 'c'), option('cs-fundamentals', 'pro-002', 'd')]],
    ['disclosing account data to an unauthorised relative', () => [option('complaint-handling', 'pol-005', 'a'), option('complaint-handling', 'pol-006', 'b')]],
    ['changing contact details without an approved check', () => [option('live-chat', 'sec-001', 'a'), choice('live-chat', 'sec-009', 's2', 'a'), choice('cs-fundamentals', 'pro-009', 's2', 'b')]],
    ['leaving a household without gas', () => [choice('complaint-handling', 'pol-009', 's1', 'a'), choice('complaint-handling', 'pol-009', 's4', 'a'), choice('complaint-handling', 'pol-009', 's5', 'c')]],
    ['leaving a vulnerable customer without heating', () => [choice('cs-fundamentals', 'und-009', 's2', 'b'), choice('cs-fundamentals', 'und-009', 's3', 'b')]],
  ])('%s is a red flag everywhere', (_act, picks) => {
    for (const pick of picks()) expect(pick?.redFlag).toEqual(expect.any(String));
  });

  it('no scenario asks the customer to type a one-time code into chat', () => {
    const chat = byId.get('live-chat')!;
    const text = JSON.stringify(chat.items.filter((i) => i.type === 'scenario'));
    expect(text).not.toMatch(/the code is \d/i);
  });
});
