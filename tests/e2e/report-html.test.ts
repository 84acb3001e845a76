/// <reference lib="dom" />
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { fixtureBank, simulate } from '../fixtures/attempts.js';
import { runCli } from './run-cli.js';

// Debian's chromium, driven by playwright-core (which downloads no browser of its own).
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const available = existsSync(CHROMIUM);
if (!available && !process.env.CI) {
  console.warn(`report --html browser tests skipped: ${CHROMIUM} is missing. Run them with: apt-get install -y chromium && npx vitest run tests/e2e/report-html.test.ts`);
}

const fixture = fixtureBank({
  competencies: [
    { id: 'empathy', title: 'Empathy and acknowledging what the customer feels', floor: 60, modules: [{ id: 'EMP-101', title: 'Acknowledging feelings', durationMinutes: 30 }] },
    { id: 'policy', title: 'Refund policy', floor: 50, modules: [{ id: 'POL-110', title: 'Refunds and exceptions' }] },
  ],
});
// q4 is answered "right" by weak agents only (difficulty far above everyone): negative or weak discrimination, distractor flags.
const difficulty = [-2.5, -1, 0, 0.5, 1, 1.5, 2.5, 0];

let dir: string;
let html: string;
let json: Record<string, unknown>;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];

describe.skipIf(!available && !process.env.CI)('report --html in Chromium (issue 23)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'frontline-html-'));
    for (const d of ['attempts', 'before', 'after']) mkdirSync(join(dir, d));
    const teams = ['north', 'south', 'west'];
    for (const r of simulate(fixture, { n: 150, seed: 21, difficulty, tags: (i) => ({ team: teams[i % 3]! }) })) writeFileSync(join(dir, 'attempts', `${r.id}.json`), JSON.stringify(r));
    const employees = Array.from({ length: 40 }, (_, i) => `P${i}`);
    for (const r of simulate(fixture, { n: 40, seed: 11, difficulty, shift: -0.8, idPrefix: 'pre', employees })) writeFileSync(join(dir, 'before', `${r.id}.json`), JSON.stringify(r));
    for (const r of simulate(fixture, { n: 40, seed: 12, difficulty, shift: 0.6, idPrefix: 'post', employees })) writeFileSync(join(dir, 'after', `${r.id}.json`), JSON.stringify(r));
    writeFileSync(join(dir, 'bank.json'), JSON.stringify(fixture.bank));
    html = join(dir, 'report.html');
    const args = ['report', join(dir, 'attempts'), '--bank', join(dir, 'bank.json'), '--by', 'team', '--compare', join(dir, 'before'), join(dir, 'after')];
    const made = runCli([...args, '--html', html]);
    expect(made.status, made.stderr).toBe(ExitCode.ok);
    expect(made.stderr).toBe('');
    json = JSON.parse(runCli([...args, '--json']).stdout);

    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'frontline-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(html).href);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no console error and no request but the page itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(html).href]);
    const source = readFileSync(html, 'utf8');
    // Nothing that could fetch: no script, no link, no external url in src/href.
    expect(source).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(source).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  it('every chart is an svg with a text alternative and a table beside it', async () => {
    const charts = await page.$$eval('svg', (svgs) =>
      svgs.map((svg) => {
        const title = document.getElementById(svg.getAttribute('aria-labelledby') ?? '');
        const figure = svg.closest('figure');
        const next = figure?.nextElementSibling;
        return {
          role: svg.getAttribute('role'),
          title: title?.tagName.toLowerCase() === 'title' && title.parentElement === svg ? title.textContent : null,
          caption: figure?.querySelector('figcaption')?.textContent ?? null,
          table: Boolean(next?.querySelector('table')),
        };
      }),
    );
    // Scores, competencies, pre/post and at least one flagged item's distractors.
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const chart of charts) {
      expect(chart.role).toBe('img');
      expect(chart.title?.length).toBeGreaterThan(20);
      expect(chart.caption).toContain(chart.title!);
      expect(chart.table).toBe(true);
    }
  });

  it('every figure on the page is the one report --json gives', async () => {
    const figures = await page.$$eval('[data-key]', (els) => els.map((el) => ({ key: el.getAttribute('data-key')!, value: el.getAttribute('data-value')!, text: el.textContent! })));
    expect(figures.length).toBeGreaterThan(150);
    const at = (path: string): unknown => path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], json);
    const keys = new Set<string>();
    for (const f of figures) {
      const expected = at(f.key);
      expect(expected, f.key).not.toBeUndefined();
      expect(f.value === 'null' ? null : Number(f.value), f.key).toBe(expected);
      if (expected === null) expect(f.text).toBe('–');
      keys.add(f.key.split('.')[0]!);
    }
    expect([...keys].sort()).toEqual(['attempts', 'competencies', 'groups', 'items', 'prePost', 'test']);
    // Shown as the text report rounds them: the mean with one decimal.
    const mean = figures.find((f) => f.key === 'test.mean')!;
    expect(mean.text).toBe((json.test as { mean: number }).mean.toFixed(1));
  });

  it('names the training modules for the largest gaps and the flagged items', async () => {
    const text = await page.textContent('body');
    expect(text).toContain('EMP-101 Acknowledging feelings (30 min)');
    expect(text).toContain('Empathy and acknowledging what the customer feels');
    expect(await page.$$eval('.flag', (els) => els.length)).toBeGreaterThan(0);
    expect(text).toContain('Stem of q');
  });

  it('prints: a print stylesheet keeps every chart and table off a page break, and a PDF renders', async () => {
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.$$eval('figure, table', (els) => els.map((el) => getComputedStyle(el).breakInside));
    expect(new Set(breaks)).toEqual(new Set(['avoid']));
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });

  it('reads on a phone: nothing wider than the screen but the tables, which scroll inside their box', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    const svgs = await page.$$eval('svg', (els) => els.map((el) => el.getBoundingClientRect().width));
    for (const w of svgs) expect(w).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
