import { describe, expect, it } from 'vitest';
import { AttemptCollector, selectAttempts } from '../../../src/core/analytics/attempt-table.js';
import { buildReport, type Report } from '../../../src/core/analytics/build-report.js';
import { renderCsv } from '../../../src/core/analytics/render-csv.js';
import { renderText } from '../../../src/core/analytics/render-text.js';
import { roundFigure, roundingReplacer } from '../../../src/core/analytics/round-figures.js';
import type { AttemptRecord } from '../../../src/core/attempt/types.js';
import { fixtureBank, simulate, type FixtureBank } from '../../fixtures/attempts.js';

const LONG = 'Investigation, ownership and follow-through';

function reportOf(fixture: FixtureBank, records: AttemptRecord[], options: { withBank?: boolean; by?: string } = {}): Report {
  const collector = new AttemptCollector(options.withBank ? { bank: fixture.bank, hash: fixture.hash } : undefined);
  for (const r of records) collector.add(r, `${r.id}.json`);
  const { table, skipped } = collector.finish();
  return buildReport({
    table: table!,
    rows: selectAttempts(table!.rows, false),
    read: records.length,
    skipped,
    allAttempts: false,
    bankGiven: options.withBank === true,
    ...(options.by ? { by: options.by } : {}),
  });
}

const twoCompetencies = fixtureBank({
  competencies: [
    { id: 'empathy', title: 'Empathy', floor: 60, modules: [{ id: 'EMP-101', title: 'Acknowledging feelings' }] },
    { id: 'policy', title: LONG, floor: 50, modules: [{ id: 'POL-110', title: 'Refunds and exceptions' }] },
  ],
});

describe('report model (issue 18, items 11-13)', () => {
  it('lists under WEAKEST only competencies someone fell short in', () => {
    // Easy policy items (difficulty -6): everyone meets that floor; hard empathy items: many fall short.
    const difficulty = [3, -6, 3, -6, 3, -6, 3, -6];
    const records = simulate(twoCompetencies, { n: 40, seed: 5, difficulty });
    const report = reportOf(twoCompetencies, records, { withBank: true });
    const policy = report.competencies.find((c) => c.id === 'policy')!;
    expect(policy.belowFloor).toBe(0);
    expect(report.weakest.map((c) => c.id)).toEqual(['empathy']);
  });

  it('says none is weak when every attempt met every floor', () => {
    const records = simulate(twoCompetencies, { n: 30, seed: 2, difficulty: new Array(8).fill(-8) });
    const text = renderText(reportOf(twoCompetencies, records, { withBank: true }));
    expect(text).toContain('  none: every attempt met every competency floor');
  });

  it('without --bank: says the modules are missing from the records, not from the bank, and notes it', () => {
    const records = simulate(twoCompetencies, { n: 30, seed: 3, difficulty: [3, 3, 3, 3, 3, 3, 3, 3] });
    // Strip the gaps' modules, as a record made on a bank without modules for that competency has none.
    for (const r of records) for (const g of r.result!.gaps) g.modules = [];
    const without = reportOf(twoCompetencies, records);
    expect(without.bankGiven).toBe(false);
    expect(without.notes.map((n) => n.kind)).toContain('no-bank');
    const text = renderText(without);
    expect(text).toContain("no module in the records (give --bank for the bank's modules)");
    expect(text).not.toContain('no module named in the bank');
    expect(renderText(reportOf(twoCompetencies, records, { withBank: true }))).toContain('→ EMP-101 Acknowledging feelings');
  });

  it('notes that alpha and SEM mean nothing from a handful of attempts', () => {
    const two = reportOf(twoCompetencies, simulate(twoCompetencies, { n: 2, seed: 1 }), { withBank: true });
    expect(two.notes.find((n) => n.kind === 'few-attempts')?.message).toMatch(/^2 attempts: alpha, SEM.*20 or more/);
    expect(renderText(two)).toMatch(/note: 2 attempts: alpha, SEM/);
    const many = reportOf(twoCompetencies, simulate(twoCompetencies, { n: 20, seed: 1 }), { withBank: true });
    expect(many.notes.map((n) => n.kind)).not.toContain('few-attempts');
  });

  it('never cuts a competency name: long ones wrap above their bar', () => {
    const text = renderText(reportOf(twoCompetencies, simulate(twoCompetencies, { n: 30, seed: 4 }), { withBank: true }));
    const block = text.slice(text.indexOf('COMPETENCIES'), text.indexOf('WEAKEST'));
    expect(block.replace(/\s+/g, ' ')).toContain(LONG);
    expect(block).not.toContain('…');
    expect(text.split('\n').filter((l) => [...l].length > 80)).toEqual([]);
  });

  it('with the bank, shows flagged items with their stem and distractors with their text', () => {
    // Item q4 (policy) is mis-keyed in effect: strong agents miss it.
    const records = simulate(twoCompetencies, { n: 120, seed: 8, difficulty: [-2, -1, 0, 9, 1, 0, 0.5, 0] });
    const text = renderText(reportOf(twoCompetencies, records, { withBank: true }));
    expect(text).toMatch(/q\d asks: Stem of q\d/);
    expect(text).toMatch(/ a\* {1,2}Option a/);
    const plain = renderText(reportOf(twoCompetencies, records));
    expect(plain).not.toContain('asks:');
  });

  it('notes attempts without the --by tag', () => {
    const records = simulate(twoCompetencies, { n: 30, seed: 6, tags: (i): Record<string, string> => (i < 10 ? {} : { team: i % 2 ? 'north' : 'south' }) });
    const report = reportOf(twoCompetencies, records, { withBank: true, by: 'team' });
    expect(report.notes.find((n) => n.kind === 'untagged')?.message).toBe('(none) = 10 attempts without a team tag');
  });

  it('counts simulated attempts and says so', () => {
    const records = simulate(twoCompetencies, { n: 25, seed: 9 });
    for (const r of records.slice(0, 5)) r.simulated = { by: 'frontline simulate', seed: '1' };
    const report = reportOf(twoCompetencies, records, { withBank: true });
    expect(report.attempts.simulated).toBe(5);
    expect(renderText(report)).toContain('note: 5 of 25 attempts simulated by frontline simulate');
  });
});

describe('rounding of --json and --csv figures (issue 18, item 12)', () => {
  it.each([
    [73.19999999999999, 73.2],
    [0.8333333370586237, 0.8333],
    [-0.00001, 0],
    [2.5e-5, 0],
    [12, 12],
    [100000, 100000],
    [Number.NaN, Number.NaN],
  ])('roundFigure(%d) = %d', (value, expected) => {
    expect(roundFigure(value)).toBe(expected);
  });

  it('leaves no figure with more than 4 decimals in JSON or CSV', () => {
    const report = reportOf(twoCompetencies, simulate(twoCompetencies, { n: 60, seed: 12 }), { withBank: true });
    const json = JSON.stringify(report, roundingReplacer);
    expect(json.match(/\d\.\d{5,}/g)).toBeNull();
    expect(JSON.stringify(report).match(/\d\.\d{5,}/g)).not.toBeNull();
    expect(renderCsv(report).match(/\d\.\d{5,}/g)).toBeNull();
  });
});
