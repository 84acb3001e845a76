import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { Report } from '../../core/analytics/build-report.js';
import { reportCharts } from '../../core/analytics/report-charts.js';
import { renderHtml } from '../../core/analytics/render-html.js';
import { writeFileAtomic } from '../../store/atomic-write.js';
import { ioError } from '../../errors/user-error.js';

/**
 * Draws the report's charts as SVG with Vega-Lite and Vega's headless
 * renderer (no DOM, no canvas: text is measured by estimate) and writes the
 * page. Loaded by `report` only for --html: Vega is large.
 */
export async function writeHtmlReport(report: Report, file: string): Promise<void> {
  const charts = reportCharts(report);
  const svgs = new Map<string, string>();
  for (const chart of charts) {
    // Warnings go nowhere: a chart's layout notes are not the user's business, and stderr stays for real errors.
    const compiled = compile(chart.spec as unknown as Parameters<typeof compile>[0], { logger: vega.logger(vega.None) }).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.None });
    svgs.set(chart.id, await view.toSVG());
    view.finalize();
  }
  try {
    await writeFileAtomic(file, renderHtml(report, charts, svgs));
  } catch (error) {
    throw ioError(file, error, 'write');
  }
}
