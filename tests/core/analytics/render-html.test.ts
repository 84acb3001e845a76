import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeHtmlReport } from '../../../src/cli/run/report-html.js';
import { AttemptCollector, selectAttempts } from '../../../src/core/analytics/attempt-table.js';
import { buildReport } from '../../../src/core/analytics/build-report.js';
import { reportCharts } from '../../../src/core/analytics/report-charts.js';
import { renderHtml } from '../../../src/core/analytics/render-html.js';
import { fixtureBank, simulate } from '../../fixtures/attempts.js';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';

function hostileReport() {
  const fixture = fixtureBank();
  fixture.bank.title = hostile;
  fixture.bank.competencies[0]!.title = hostile;
  const first = fixture.bank.items[0]!;
  if (first.type === 'single') {
    first.stem = hostile;
    first.options[1]!.text = hostile;
  }
  const records = simulate(fixture, { n: 60, seed: 4, difficulty: [-2, 9, 0, 0.5, 1, 0, 0, 0], tags: (i) => ({ team: `${hostile}${i % 2}` }) });
  for (const r of records) r.bank.title = hostile;
  const collector = new AttemptCollector({ bank: fixture.bank, hash: fixture.hash });
  for (const r of records) collector.add(r, `${r.id}.json`);
  const { table, skipped } = collector.finish();
  return buildReport({ table: table!, rows: selectAttempts(table!.rows, false), read: records.length, skipped, allAttempts: false, bankGiven: true, by: 'team' });
}

function page(): string {
  const report = hostileReport();
  const charts = reportCharts(report);
  // The charts' own SVG is Vega's; here a stand-in, to test the page around it.
  return renderHtml(report, charts, new Map(charts.map((c) => [c.id, '<svg viewBox="0 0 10 10"></svg>'])));
}

describe('renderHtml', () => {
  it('escapes every text from a bank, a record or a tag', () => {
    const html = page();
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });

  it('names every chart with a title inside its svg and a caption', () => {
    const html = page();
    const svgs = html.match(/<svg[^>]*>/g)!;
    expect(svgs.length).toBeGreaterThanOrEqual(3);
    for (const svg of svgs) expect(svg).toMatch(/role="img" aria-labelledby="[\w-]+-title"/);
    expect(html.match(/<title id="[\w-]+-title">/g)).toHaveLength(svgs.length);
    expect(html.match(/<figcaption>/g)).toHaveLength(svgs.length);
  });

  it('forbids every request with a Content-Security-Policy and has nothing that loads', () => {
    const html = page();
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<link|<script|@import|url\(/);
  });

  it('with the real charts too: Vega escapes the labels it draws', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontline-html-unit-'));
    try {
      await writeHtmlReport(hostileReport(), join(dir, 'page.html'));
      const html = readFileSync(join(dir, 'page.html'), 'utf8');
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<img');
      expect(html.match(/<svg/g)!.length).toBeGreaterThanOrEqual(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
