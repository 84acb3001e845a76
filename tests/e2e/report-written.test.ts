/// <reference lib="dom" />
// The written replies section of `report`, from marks.jsonl to --json, text
// and HTML, through the built binary. Its kappa figures are checked against
// published ones, each reproduced as first and second marks:
//
// 1. Fleiss, J. L., Cohen, J. & Everitt, B. S. (1969). Large sample standard
//    errors of kappa and weighted kappa. Psychological Bulletin 72(5),
//    323-327, Table 1: 200 subjects, three categories, proportions
//    .53 .05 .02 / .11 .14 .05 / .01 .06 .03; kappa = .429, variance .002885.
// 2. SAS PROC FREQ, TABLES / AGREE, on 0 4 1 / 0 8 0 / 0 1 5 (the printout
//    statsmodels' test suite reproduces): simple kappa 0.4842, ASE 0.1380,
//    95% limits 0.2137 to 0.7547.
// 3. Quadratic weights: R irr::kappa2(anxiety[, 2:3], "squared") gives
//    kappa 0.2520325 and z 1.437451 (irr prints no interval; 20 pairs on five
//    levels are fewer than 2k² = 50, so report gives none either).
//
// On a two-level criterion quadratic weights are the unweighted ones; on
// three or more the report's headline figure is the quadratic-weighted
// kappa, and it gives Cohen's unweighted kappa beside it, which (1) and (2)
// print. JSON figures carry 4 decimals: each is compared at the published
// precision or at 4 decimals, whichever is coarser.
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingMarking, resolvedPoints, type Mark } from '../../src/core/attempt/marking.js';
import { scoreAttempt } from '../../src/core/attempt/scoring.js';
import type { AttemptRecord } from '../../src/core/attempt/types.js';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { appendMark, marksPath } from '../../src/store/marks.js';
import { writtenAttempt, writtenBank, writtenItem } from '../fixtures/written-attempts.js';
import { runCli } from './run-cli.js';

const FCE_TABLE_1 = [
  [106, 10, 4],
  [22, 28, 10],
  [2, 12, 6],
];
const SAS_TABLE = [
  [0, 4, 1],
  [0, 8, 0],
  [0, 1, 5],
];
const IRR_RATER_2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
const IRR_RATER_3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];

const loaded = writtenBank([writtenItem('fce', { dx: [0, 1, 2] }), writtenItem('sas', { dx: [0, 1, 2] }), writtenItem('irr', { anx: [1, 2, 3, 4, 6] })]);

/** (first, second) level pairs, one per cell count, row by row. */
function pairsOf(table: number[][], levels: number[]): Array<[number, number]> {
  return table.flatMap((row, i) => row.flatMap((n, j) => Array.from({ length: n }, (): [number, number] => [levels[i]!, levels[j]!])));
}

let dir: string;
let dataDir: string;
let records: AttemptRecord[];
let marks: Mark[];
let json: {
  test: { passRate: number; awaitingMarking: number; n: number };
  written: {
    items: Array<{ id: string; replies: number; marked: number; waiting: Record<string, number>; criteria: Array<{ id: string; mean: number; agreement: Record<string, unknown> }> }>;
    markers: Array<{ marker: string; verdict: string }>;
    warnings: string[];
  };
};

type Figure = { kappa: number; se: number; z: number; low: number | null; high: number | null };
const agreement = (item: string): { pairs: number; minPairs: number; quadratic: Figure; unweighted: Figure } =>
  json.written.items.find((i) => i.id === item)!.criteria[0]!.agreement as never;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'frontline-report-written-'));
  dataDir = join(dir, 'data');
  mkdirSync(join(dir, 'attempts'), { recursive: true });
  mkdirSync(dataDir);
  writeFileSync(join(dir, 'bank.json'), JSON.stringify(loaded.bank));
  records = Array.from({ length: 200 }, (_, i) => writtenAttempt(loaded, { id: `att-${String(i).padStart(3, '0')}`, start: Date.parse('2026-11-20T09:00:00.000Z') + i * 60_000 }));
  for (const r of records) writeFileSync(join(dir, 'attempts', `${r.id}.json`), JSON.stringify(r));
  const at = (n: number): string => new Date(Date.parse('2026-12-01T09:00:00.000Z') + n * 1000).toISOString();
  marks = [];
  const add = (item: string, criterion: string, pairs: Array<[number, number]>): void => {
    pairs.forEach(([first, second], i) => {
      marks.push({ attempt: records[i]!.id, item, levels: { [criterion]: first }, marker: 'Ann Marker', role: 'first', at: at(marks.length) });
      marks.push({ attempt: records[i]!.id, item, levels: { [criterion]: second }, marker: 'Bob Marker', role: 'second', at: at(marks.length) });
    });
  };
  add('fce', 'dx', pairsOf(FCE_TABLE_1, [0, 1, 2]));
  add('sas', 'dx', pairsOf(SAS_TABLE, [0, 1, 2]));
  add('irr', 'anx', IRR_RATER_2.map((r, i) => [r, IRR_RATER_3[i]!]));
  for (const mark of marks) await appendMark(dataDir, mark);
  // A hand-edited line (a level the rubric lacks) and a torn one: warnings, not a crash.
  appendFileSync(marksPath(dataDir), `${JSON.stringify({ ...marks[0]!, attempt: records[199]!.id, item: 'sas', levels: { dx: 7 } })}\n{"attempt":"att-1`);
  const run = runCli(['report', join(dir, 'attempts'), '--bank', join(dir, 'bank.json'), '--json', '--data-dir', dataDir]);
  expect(run.status, run.stderr).toBe(ExitCode.ok);
  json = JSON.parse(run.stdout);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('report: written replies (issue 21)', () => {
  it('Fleiss, Cohen & Everitt (1969) Table 1 through marks.jsonl: kappa .429, variance .002885', () => {
    const a = agreement('fce');
    expect(a.pairs).toBe(200);
    expect(a.unweighted.kappa).toBeCloseTo(0.429, 3);
    expect(a.unweighted.se).toBeCloseTo(Math.sqrt(0.002885), 4);
    expect(a.unweighted.low).toBeCloseTo(0.429 - 1.96 * Math.sqrt(0.002885), 2);
    // The headline figure for three levels is the quadratic-weighted one, and its interval is given.
    expect(a.quadratic.low).not.toBeNull();
    expect(a.quadratic.low!).toBeLessThan(a.quadratic.kappa);
  });

  it('SAS PROC FREQ AGREE through marks.jsonl: kappa 0.4842, ASE 0.1380, 95% limits 0.2137 to 0.7547', () => {
    const a = agreement('sas');
    expect(a).toMatchObject({ pairs: 19, minPairs: 18 });
    expect(a.unweighted.kappa).toBeCloseTo(0.4842, 4);
    expect(a.unweighted.se).toBeCloseTo(0.138, 4);
    expect(a.unweighted.low).toBeCloseTo(0.2137, 4);
    expect(a.unweighted.high).toBeCloseTo(0.7547, 4);
  });

  it('irr::kappa2 "squared" through marks.jsonl: quadratic kappa 0.2520325, z 1.437451, and no interval on 20 pairs of five levels', () => {
    const a = agreement('irr');
    expect(a).toMatchObject({ pairs: 20, minPairs: 50 });
    expect(a.quadratic.kappa).toBeCloseTo(0.2520325, 4);
    expect(a.quadratic.z).toBeCloseTo(1.437451, 4);
    expect(a.quadratic.low).toBeNull();
    expect(a.quadratic.high).toBeNull();
  });

  it('counts replies marked and waiting, and attempts awaiting marking are neither passed nor failed', () => {
    const [fce, sas, irr] = json.written.items;
    // FCE cells (0,2) and (2,0) are 2 points apart, beyond the tolerance of 1: a third marker decides.
    expect(fce).toMatchObject({ replies: 200, marked: 194, waiting: { first: 0, second: 0, third: 6 } });
    expect(sas).toMatchObject({ replies: 200, marked: 18, waiting: { first: 181, second: 0, third: 1 } });
    expect(irr!.replies).toBe(200);
    expect(irr!.waiting.first).toBe(180);
    const good = marks;
    const awaiting = records.filter((r) => pendingMarking(loaded.bank, r, good).length > 0).length;
    expect(awaiting).toBeGreaterThan(180);
    expect(json.test.awaitingMarking).toBe(awaiting);
    const passed = records.filter((r) => scoreAttempt(loaded.bank, r.form, r.answers, resolvedPoints(loaded.bank, r, good)).passed).length;
    expect(passed).toBeGreaterThan(0);
    // Of the attempts decided, not of all 200.
    expect(json.test.passRate).toBeCloseTo(passed / (200 - awaiting), 4);
  });

  it('gives the same figures when reading threads score the attempts with the marks', () => {
    const run = runCli(['report', join(dir, 'attempts'), '--bank', join(dir, 'bank.json'), '--json', '--data-dir', dataDir], { env: { FRONTLINE_REPORT_THREADS: '2' } });
    expect(run.status, run.stderr).toBe(ExitCode.ok);
    expect(JSON.parse(run.stdout)).toEqual(json);
  });

  it('names each bad marks line as marks.jsonl:LINE and reads on', () => {
    const line = marks.length + 1;
    expect(json.written.warnings).toEqual([`marks.jsonl:${line}: criterion "dx": 7 is not one of its levels (0, 1, 2)`, `marks.jsonl:${line + 1}: not JSON (torn or edited)`]);
  });

  it('says in the text report what waits, the kappa, and when n is too small for a CI, within 80 columns', () => {
    const run = runCli(['report', join(dir, 'attempts'), '--bank', join(dir, 'bank.json'), '--data-dir', dataDir]);
    expect(run.status, run.stderr).toBe(ExitCode.ok);
    expect(run.stderr).toContain(`frontline: report: warning: marks.jsonl:${marks.length + 1}: criterion "dx": 7`);
    const text = run.stdout;
    expect(text).toContain('WRITTEN REPLIES');
    expect(text).toMatch(/irr anx\s+20\s+0\.25 n too small for a CI \(needs 50\)/);
    expect(text).toMatch(new RegExp(`${json.test.awaitingMarking} awaiting marking`));
    for (const l of text.split('\n')) expect([...l].length).toBeLessThanOrEqual(80);
  });

  it('reads another marks file with --marks, and refuses --marks without --bank', () => {
    const other = join(dir, 'elsewhere.jsonl');
    writeFileSync(other, '');
    const run = runCli(['report', join(dir, 'attempts'), '--bank', join(dir, 'bank.json'), '--json', '--marks', other, '--data-dir', dataDir]);
    expect(run.status, run.stderr).toBe(ExitCode.ok);
    expect(JSON.parse(run.stdout).written.marked).toBe(0);
    expect(runCli(['report', join(dir, 'attempts'), '--marks', other, '--data-dir', dataDir]).status).toBe(ExitCode.usage);
    const missing = runCli(['report', join(dir, 'attempts'), '--bank', join(dir, 'bank.json'), '--marks', join(dir, 'none.jsonl'), '--data-dir', dataDir]);
    expect(missing.status).toBe(ExitCode.io);
    expect(missing.stderr).toContain('none.jsonl');
  });
});

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('report --html: written replies in Chromium', () => {
  let context: BrowserContext;
  afterAll(async () => {
    await context?.close();
  });

  it('shows every written figure as report --json gives it, with no console error', async () => {
    const html = join(dir, 'report.html');
    const made = runCli(['report', join(dir, 'attempts'), '--bank', join(dir, 'bank.json'), '--html', html, '--data-dir', dataDir]);
    expect(made.status, made.stderr).toBe(ExitCode.ok);
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'frontline-chromium-')), { executablePath: CHROMIUM, headless: true, args: FLAGS });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(html).href);
    expect(errors).toEqual([]);
    const figures = await page.$$eval('[data-key^="written."]', (els) => els.map((el) => ({ key: el.getAttribute('data-key')!, value: el.getAttribute('data-value')! })));
    expect(figures.length).toBeGreaterThan(20);
    const at = (path: string): unknown => path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], json);
    for (const f of figures) expect(f.value === 'null' ? null : Number(f.value), f.key).toBe(at(f.key));
    const keys = new Set(figures.map((f) => f.key));
    for (const key of ['written.items.0.criteria.0.agreement.quadratic.kappa', 'written.items.0.criteria.0.agreement.quadratic.low', 'written.items.2.criteria.0.agreement.quadratic.kappa', 'written.waiting.third']) expect(keys).toContain(key);
    const section = await page.$eval('#written', (h) => h.closest('section')!.textContent!);
    expect(section).toContain('n too small for a confidence interval (needs 50 pairs)');
    expect(section).toContain('marks.jsonl');
    expect(await page.$eval('[data-key="test.awaitingMarking"]', (el) => el.textContent)).toBe(String(json.test.awaitingMarking));
  }, 120_000);
});
