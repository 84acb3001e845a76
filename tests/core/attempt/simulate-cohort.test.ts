import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulateCohort } from '../../../src/core/attempt/simulate-cohort.js';
import { isSimulated } from '../../../src/core/attempt/simulated.js';
import { scoreAttempt } from '../../../src/core/attempt/scoring.js';
import { parseBank } from '../../../src/core/bank/parse-bank.js';
import type { Bank } from '../../../src/core/bank/types.js';
import { checkAttemptForIssue } from '../../../src/core/credential/check-attempt.js';
import { parseAttemptRecord } from '../../../src/core/attempt/parse-record.js';

const issueContext = {
  now: new Date('2100-01-01T00:00:00Z'),
  issuer: 'did:key:z6MkIssuer',
  registry: { certificates: [], assignments: new Set<string>(), failures: [], seals: new Set<string>() },
};
const banks = join(dirname(fileURLToPath(import.meta.url)), '../../../question-banks');

function load(name: string): { bank: Bank; hash: string } {
  const parsed = parseBank(readFileSync(join(banks, name), 'utf8'), name);
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  return { bank: parsed.bank, hash: parsed.hash };
}

const cohort = (name: string, count: number, extra: { seed?: string; shift?: number; tags?: Record<string, string[]> } = {}) => {
  const { bank, hash } = load(name);
  return { bank, hash, records: [...simulateCohort({ bank, bankHash: hash, count, seed: extra.seed ?? 's1', startAt: Date.UTC(2026, 10, 2, 9), ...extra })] };
};

describe('simulateCohort (issue 18.14)', () => {
  it.each(['starter.yaml', 'complaint-handling.yaml', 'service-metrics.yaml'])('%s: real attempt records, scored as take scores them, every one marked simulated', (name) => {
    const { bank, records } = cohort(name, 30);
    expect(records).toHaveLength(30);
    for (const r of records) {
      expect(parseAttemptRecord(JSON.stringify(r))).toMatchObject({ ok: true });
      expect(r.result).toEqual(scoreAttempt(bank, r.form, r.answers));
      expect(r.simulated).toEqual({ by: 'frontline simulate', seed: 's1' });
      expect(r.candidate.employeeId).toMatch(/^SIM-\d{3}$/);
      expect(r.candidate.name).toMatch(/^Simulated agent \d{3}$/);
      expect(Date.parse(r.endedAt)).toBeLessThanOrEqual(Date.parse(r.deadline));
    }
  });

  it('is the same for the same seed and differs for another', () => {
    expect(cohort('starter.yaml', 5).records).toEqual(cohort('starter.yaml', 5).records);
    expect(cohort('starter.yaml', 5, { seed: 's2' }).records.map((r) => r.result!.percent)).not.toEqual(cohort('starter.yaml', 5).records.map((r) => r.result!.percent));
  });

  it('spreads ability: scores vary, a shifted cohort scores higher, and tags cycle', () => {
    const base = cohort('cs-fundamentals.yaml', 120, { tags: { team: ['north', 'south', 'west'] } }).records;
    const mean = (rs: typeof base) => rs.reduce((s, r) => s + r.result!.percent, 0) / rs.length;
    const percents = base.map((r) => r.result!.percent);
    expect(Math.max(...percents) - Math.min(...percents)).toBeGreaterThan(30);
    expect(mean(cohort('cs-fundamentals.yaml', 120, { shift: 1 }).records)).toBeGreaterThan(mean(base) + 5);
    expect(base.slice(0, 4).map((r) => r.tags?.team)).toEqual(['north', 'south', 'west', 'north']);
    // Times are on the order of real reading: seconds to a minute or two per item.
    const times = base.flatMap((r) => r.answers.map((a) => a.timeSpentMs));
    expect(Math.min(...times)).toBeGreaterThan(3_000);
    expect(Math.max(...times)).toBeLessThan(300_000);
  });

  it('issue refuses a simulated attempt, even one whose mark was deleted', () => {
    const { bank, hash, records } = cohort('starter.yaml', 40, { shift: 2.5 });
    const passing = records.find((r) => r.result!.passed)!;
    expect(checkAttemptForIssue(bank, hash, passing, issueContext)).toMatchObject({ ok: false, reason: 'simulated' });
    const { simulated: _mark, ...unmarked } = passing;
    expect(isSimulated(unmarked)).toBe(true);
    expect(checkAttemptForIssue(bank, hash, unmarked, issueContext)).toMatchObject({ ok: false, reason: 'simulated' });
    // With the seed changed too, the form no longer matches: refused as altered.
    expect(checkAttemptForIssue(bank, hash, { ...unmarked, seed: 'x' }, issueContext)).toMatchObject({ ok: false, reason: 'altered' });
  });
});
