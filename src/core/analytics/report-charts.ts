import type { ItemReport, Report } from './build-report.js';

/**
 * Okabe & Ito's palette, chosen to stay apart under the common colour-vision
 * deficiencies. Colour never carries meaning alone: every mark that differs
 * by colour is also labelled in text.
 */
export const PALETTE = { blue: '#0072B2', orange: '#E69F00', vermillion: '#D55E00', green: '#009E73', sky: '#56B4E9', grey: '#595959' } as const;

/** A chart to draw: a Vega-Lite specification, and the sentence that says what it shows (its text alternative). */
export interface ChartSpec {
  id: string;
  /** One or two sentences with the chart's message and figures: read by screen readers, shown as the caption. */
  summary: string;
  spec: Record<string, unknown>;
}

const VEGA_LITE = 'https://vega.github.io/schema/vega-lite/v6.json';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Fonts, sizes and no interactivity: the SVG is drawn once, at report time. */
const CONFIG = {
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#222', titleColor: '#222', gridColor: '#e4e4e4' },
  legend: { labelFontSize: 12, titleFontSize: 12 },
  text: { fontSize: 12 },
};

const WIDTH = 560;

function spec(description: string, body: Record<string, unknown>): Record<string, unknown> {
  return { $schema: VEGA_LITE, description, background: 'white', config: CONFIG, ...body };
}

const one = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '–');
const share = (x: number): string => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : '–');

export function scoreChart(report: Report): ChartSpec {
  const t = report.test;
  const values = t.distribution.map((n, i) => ({ from: i * 10, to: i * 10 + 10, n, label: `${i * 10}–${i * 10 + 10}` }));
  const top = values.reduce((a, b) => (b.n > a.n ? b : a), values[0]!);
  const summary =
    `Attempts per tenth of the percent scale; ${share(t.passRate)} passed. ` +
    `Most attempts (${top.n}) scored ${top.label}%; mean ${one(t.mean)}%` +
    (Number.isFinite(t.passMark) ? `, pass mark ${one(t.passMark)}%.` : '.');
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: 'bar', color: PALETTE.blue, stroke: 'white', strokeWidth: 1 },
      encoding: {
        x: { field: 'from', type: 'quantitative', bin: 'binned', scale: { domain: [0, 100] }, title: 'overall percent', axis: { values: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100] } },
        x2: { field: 'to' },
        y: { field: 'n', type: 'quantitative', title: 'attempts' },
      },
    },
  ];
  layers.push({
    transform: [{ calculate: '(datum.from + datum.to) / 2', as: 'middle' }],
    mark: { type: 'text', dy: -7, fontSize: 11, color: '#222' },
    encoding: { x: { field: 'middle', type: 'quantitative' }, y: { field: 'n', type: 'quantitative' }, text: { field: 'n', type: 'quantitative', format: ',' } },
  });
  if (Number.isFinite(t.passMark)) {
    layers.push(
      { data: { values: [{ mark: t.passMark }] }, mark: { type: 'rule', color: PALETTE.vermillion, strokeWidth: 2, strokeDash: [6, 3] }, encoding: { x: { field: 'mark', type: 'quantitative' } } },
      {
        data: { values: [{ mark: t.passMark, label: `pass mark ${one(t.passMark)}%` }] },
        // Above the plot, where no bar's count label can be.
        mark: { type: 'text', align: 'center', dy: -14, baseline: 'bottom', color: PALETTE.vermillion, fontWeight: 'bold' },
        encoding: { x: { field: 'mark', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
      },
    );
  }
  return { id: 'scores', summary, spec: spec(summary, { width: WIDTH, height: 200, data: { values }, layer: layers }) };
}

interface CompetencyBar {
  order: number;
  competency: string;
  group: string;
  mean: number;
  floor: number;
  status: string;
}

export function competencyChart(report: Report): ChartSpec {
  const rows: CompetencyBar[] = [];
  for (const [order, c] of report.competencies.entries()) {
    const status = (mean: number): string => (c.floor > 0 && mean < c.floor ? `${one(mean)} ▼ below floor` : one(mean));
    rows.push({ order, competency: c.title, group: report.by ? 'all' : 'mean', mean: c.mean, floor: c.floor, status: status(c.mean) });
    for (const g of c.groups) rows.push({ order, competency: c.title, group: g.group, mean: g.mean, floor: c.floor, status: status(g.mean) });
  }
  const below = report.competencies.filter((c) => c.floor > 0 && c.mean < c.floor).map((c) => c.title);
  const summary =
    `Mean percent per competency${report.by ? ` and ${report.by}` : ''}, with each competency's floor marked. ` +
    (below.length ? `Mean below the floor: ${below.join(', ')}.` : 'Every competency mean is at or above its floor.');
  const plotWidth = WIDTH - 200;
  // Without groups, one bar per competency with its name on the axis; with them, a row per competency (below).
  const grouped = report.by !== undefined;
  const y = grouped
    ? { field: 'group', type: 'nominal', sort: null, title: null, axis: { labelLimit: 160 } }
    : { field: 'competency', type: 'nominal', sort: { field: 'order' }, title: null, axis: { labelLimit: 0 } };
  const layers = competencyLayers(y, plotWidth);
  if (!grouped) return { id: 'competencies', summary, spec: spec(summary, { data: { values: rows }, width: plotWidth, height: { step: 26 }, layer: layers }) };
  return {
    id: 'competencies',
    summary,
    spec: spec(summary, {
      data: { values: rows },
      // One row per competency, its name as the row's header: long names are never cut to fit an axis.
      facet: { row: { field: 'competency', type: 'nominal', sort: { field: 'order' }, title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontSize: 13, labelFontWeight: 'bold', labelLimit: 0 } } },
      resolve: { scale: { y: 'independent' } },
      spacing: 14,
      spec: {
        width: plotWidth,
        height: { step: 22 },
        layer: layers,
      },
    }),
  };
}

/** Bars of the mean, the floor as a black tick, and the mean in words beside the plot. */
function competencyLayers(y: Record<string, unknown>, plotWidth: number): Record<string, unknown>[] {
  return [
    {
      mark: { type: 'bar', height: 15 },
      encoding: {
        y,
        x: { field: 'mean', type: 'quantitative', scale: { domain: [0, 100] }, title: 'mean percent (black tick = floor)' },
        color: {
          condition: { test: 'datum.floor > 0 && datum.mean < datum.floor', value: PALETTE.vermillion },
          value: PALETTE.blue,
        },
      },
    },
    {
      mark: { type: 'tick', color: 'black', thickness: 3, size: 20 },
      encoding: { y, x: { field: 'floor', type: 'quantitative' }, opacity: { condition: { test: 'datum.floor > 0', value: 1 }, value: 0 } },
    },
    {
      mark: { type: 'text', align: 'left', dx: 6, color: '#222' },
      encoding: { y, x: { value: plotWidth }, text: { field: 'status' } },
    },
  ];
}

const DISTRACTOR_FLAGS = new Set(['dead-distractor', 'distractor-draws-top', 'negative-discrimination']);

/** Items whose options the report singles out: the ones with a distractor chart. */
export function itemsWithDistractorCharts(report: Report): ItemReport[] {
  return report.items.filter((i) => i.options.length > 0 && i.flags.some((f) => DISTRACTOR_FLAGS.has(f.kind)));
}

export function distractorChart(item: ItemReport, index: number): ChartSpec {
  const groups = [
    ['all', 'share', PALETTE.grey],
    ['top 27%', 'upperShare', PALETTE.blue],
    ['bottom 27%', 'lowerShare', PALETTE.orange],
  ] as const;
  const values = item.options.flatMap((o) =>
    groups.map(([group, key]) => ({ option: o.key ? `${o.id} (key)` : o.id, group, share: Number.isFinite(o[key]) ? o[key] : 0, label: `${group} ${share(o[key])}` })),
  );
  const key = item.options.filter((o) => o.key).map((o) => o.id);
  const summary =
    `Share of attempts choosing each option of item ${item.id}, overall, in the top 27% and in the bottom 27%. ` +
    `Key: ${key.join(', ') || 'unknown'}. ` +
    item.options.map((o) => `${o.id}: ${share(o.share)} (top ${share(o.upperShare)}, bottom ${share(o.lowerShare)})`).join('; ') +
    '.';
  return {
    id: `distractors-${index}`,
    summary,
    spec: spec(summary, {
      width: WIDTH - 160,
      data: { values },
      height: { step: 16 },
      encoding: {
        y: { field: 'option', type: 'nominal', sort: null, title: 'option' },
        yOffset: { field: 'group', type: 'nominal', sort: groups.map(([g]) => g) },
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            x: { field: 'share', type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%' }, title: 'share choosing the option' },
            color: { field: 'group', type: 'nominal', sort: groups.map(([g]) => g), scale: { range: groups.map(([, , c]) => c) }, legend: { orient: 'bottom', title: null } },
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: '#222' },
          encoding: { x: { field: 'share', type: 'quantitative' }, text: { field: 'label' } },
        },
      ],
    }),
  };
}

export function prePostChart(report: Report): ChartSpec | undefined {
  const p = report.prePost;
  if (!p) return undefined;
  const rows = [{ label: 'overall', ...p.overall }, ...p.competencies.map((c) => ({ label: c.title, ...c }))]
    .filter((c) => Number.isFinite(c.meanDifference))
    .map((c) => ({
      label: c.label,
      change: c.meanDifference,
      low: Number.isFinite(c.ci[0]) ? c.ci[0] : c.meanDifference,
      high: Number.isFinite(c.ci[1]) ? c.ci[1] : c.meanDifference,
      text: `${c.meanDifference > 0 ? '+' : ''}${one(c.meanDifference)} [${one(c.ci[0])}, ${one(c.ci[1])}]`,
    }));
  const pct = Math.round(p.overall.confidence * 100);
  const summary =
    `Mean change after minus before, in percent points, with ${pct}% confidence intervals, for ${p.overall.n} paired agents. ` +
    rows.map((r) => `${r.label}: ${r.text}`).join('; ') +
    '.';
  const limit = Math.max(5, ...rows.flatMap((r) => [Math.abs(r.low), Math.abs(r.high)]));
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 220 } };
  const x = { type: 'quantitative', scale: { domain: [-limit, limit], nice: true }, title: `change in percent points (${pct}% CI)` };
  return {
    id: 'prepost',
    summary,
    spec: spec(summary, {
      width: WIDTH - 220,
      height: Math.max(60, rows.length * 28),
      data: { values: rows },
      layer: [
        { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: PALETTE.grey, strokeDash: [4, 3] }, encoding: { x: { field: 'zero', ...x } } },
        { mark: { type: 'rule', color: PALETTE.blue, strokeWidth: 2 }, encoding: { y, x: { field: 'low', ...x }, x2: { field: 'high' } } },
        { mark: { type: 'point', filled: true, size: 70, color: PALETTE.blue, shape: 'diamond' }, encoding: { y, x: { field: 'change', ...x } } },
        { mark: { type: 'text', align: 'left', dx: 6, color: '#222' }, encoding: { y, x: { value: WIDTH - 220 }, text: { field: 'text' } } },
      ],
    }),
  };
}

/** Every chart of the report, in page order. */
export function reportCharts(report: Report): ChartSpec[] {
  const pp = prePostChart(report);
  return [scoreChart(report), competencyChart(report), ...itemsWithDistractorCharts(report).map(distractorChart), ...(pp ? [pp] : [])];
}
