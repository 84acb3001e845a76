import { shortHash } from './attempt-table.js';
import type { GroupSummary, ItemReport, PrePost, Report } from './build-report.js';
import { FLAG_TITLE } from './item-flags.js';
import { itemsWithDistractorCharts, PALETTE, type ChartSpec } from './report-charts.js';
import { roundFigure } from './round-figures.js';
import type { CriterionAgreementFigures, WrittenSection } from './written-report.js';

/**
 * The report as one self-contained HTML page: inline CSS, charts as inline SVG
 * drawn beforehand (`svgs`, by chart id), no script, no font, no request of
 * any kind. Every figure shown carries `data-key` (its path in `report --json`)
 * and `data-value` (the JSON's rounded number), so the page can be checked
 * against the JSON it was made from.
 */
export function renderHtml(report: Report, charts: readonly ChartSpec[], svgs: ReadonlyMap<string, string>): string {
  const chart = (id: string): string => {
    const spec = charts.find((c) => c.id === id);
    const svg = svgs.get(id);
    return spec && svg ? figure(spec, svg) : '';
  };
  const body = [
    header(report),
    testSection(report, chart('scores')),
    groupSection(report),
    competencySection(report, chart('competencies')),
    trainingSection(report),
    itemSection(report, (i) => chart(`distractors-${i}`)),
    report.written ? writtenSection(report.written) : '',
    report.prePost ? prePostSection(report.prePost, chart('prepost')) : '',
    skippedSection(report),
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(`Report: ${report.bank.title}`)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

const CSS = `
:root { --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --blue: ${PALETTE.blue}; --warn: ${PALETTE.vermillion}; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 0.25rem; line-height: 1.25; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; padding-top: 0.5rem; border-top: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.25rem; }
p, li { max-width: 46rem; }
.meta { color: var(--muted); margin: 0; }
.notes { border-left: 4px solid var(--warn); background: #fff6f0; padding: 0.5rem 1rem; margin: 1rem 0; }
.notes p { margin: 0.25rem 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: 0.5rem; margin: 0.75rem 0; padding: 0; }
.figures div { border: 1px solid var(--rule); border-radius: 6px; padding: 0.4rem 0.6rem; }
.figures dt { font-size: 0.8rem; color: var(--muted); }
.figures dd { margin: 0; font-size: 1.2rem; font-weight: 600; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; color: var(--muted); margin: 0.25rem 0 0.5rem; max-width: 46rem; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-size: 0.9rem; margin: 0.5rem 0; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.n, th.n { text-align: right; white-space: nowrap; }
tbody th { background: none; font-weight: 600; }
tr.sub th { padding-left: 1.5rem; font-weight: 400; }
th .stem { font-weight: 400; }
.below { color: var(--warn); font-weight: 600; }
.flag { display: inline-block; border: 1px solid var(--ink); border-radius: 3px; padding: 0 0.3rem; margin: 0 0.2rem 0.2rem 0; font-size: 0.8rem; white-space: nowrap; }
.item { break-inside: avoid; page-break-inside: avoid; border-top: 1px solid var(--rule); margin-top: 1rem; }
.stem { font-style: italic; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  main { padding: 0.5rem 0.75rem 2rem; }
  h1 { font-size: 1.35rem; }
  th, td { padding: 0.2rem 0.4rem; }
  /* Cells keep their line and the table scrolls sideways in its box, rather than squeezing a column to a letter a line. */
  th, td { white-space: nowrap; }
  th .stem { display: block; white-space: normal; min-width: 14rem; }
  caption { position: sticky; left: 0; max-width: calc(100vw - 1.5rem); }
}
@media print {
  @page { margin: 14mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  figure, table, .figures, .item, .notes { break-inside: avoid; page-break-inside: avoid; }
  .scroll { overflow: visible; }
  .notes { background: none; }
}
`;

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const dash = '–';
const one = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : dash);
const two = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : dash);
const whole = (x: number): string => (Number.isFinite(x) ? x.toFixed(0) : dash);
const percentOf = (x: number): string => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : dash);
const twoSigned = (x: number): string => (Number.isFinite(x) ? `${x > 0 ? '+' : ''}${x.toFixed(2)}` : dash);
const signed = (x: number): string => (Number.isFinite(x) ? `${x > 0 ? '+' : ''}${x.toFixed(1)}` : dash);
const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const seconds = (ms: number): string => (Number.isFinite(ms) ? `${Math.round(ms / 1000)} s` : dash);

/**
 * A figure with its JSON path and value, so a check can compare the page with `report --json`.
 * The value is the JSON's (rounded as --json rounds); figures JSON has as null show a dash.
 */
function fig(key: string, value: number, shown: (x: number) => string, tag = 'span', attrs = ''): string {
  const data = Number.isFinite(value) ? String(roundFigure(value)) : 'null';
  return `<${tag}${attrs} data-key="${esc(key)}" data-value="${data}">${esc(shown(value))}</${tag}>`;
}

const cell = (key: string, value: number, shown: (x: number) => string, cls = 'n'): string => fig(key, value, shown, 'td', ` class="${cls}"`);

/** A chart, its caption (the text alternative, also its accessible name) and the SVG. */
function figure(chart: ChartSpec, svg: string): string {
  const titleId = `${chart.id}-title`;
  const accessible = svg.replace(/^<svg\b/, `<svg role="img" aria-labelledby="${titleId}"`).replace(/^(<svg[^>]*>)/, `$1<title id="${titleId}">${esc(chart.summary)}</title>`);
  return `<figure class="chart" id="chart-${esc(chart.id)}">
${accessible}
<figcaption>${esc(chart.summary)} The table below gives the same figures.</figcaption>
</figure>`;
}

function header(report: Report): string {
  const { bank, attempts } = report;
  const notes = report.notes.length ? `<div class="notes" role="note"><p><strong>Read with care:</strong></p>${report.notes.map((n) => `<p>${esc(n.message)}</p>`).join('')}</div>` : '';
  return `<header>
<p class="meta">frontline report</p>
<h1>${esc(bank.title)}</h1>
<p class="meta">Bank ${esc(bank.id)} ${esc(bank.version)} (${esc(shortHash(bank.hash))}) ·
${fig('attempts.used', attempts.used, count)} attempts by ${fig('attempts.agents', attempts.agents, count)} agents (${attempts.allAttempts ? 'every attempt' : 'first attempt each'}) ·
${fig('attempts.read', attempts.read, count)} records read, ${report.skipped.length} skipped</p>
${notes}
</header>`;
}

function testSection(report: Report, chart: string): string {
  const t = report.test;
  const kind = t.alphaKind === 'KR-20' ? 'KR-20' : "Cronbach's alpha";
  const item = (label: string, value: string): string => `<div><dt>${esc(label)}</dt><dd>${value}</dd></div>`;
  const bins = t.distribution
    .map((n, i) => `<tr><td>${i * 10}–${i * 10 + 10}%</td>${cell(`test.distribution.${i}`, n, count)}</tr>`)
    .join('');
  return `<section aria-labelledby="test">
<h2 id="test">Test summary</h2>
<dl class="figures">
${item('attempts', fig('test.n', t.n, count))}
${item('mean', `${fig('test.mean', t.mean, one)}%`)}
${item('median', `${fig('test.median', t.median, one)}%`)}
${item('SD', fig('test.sd', t.sd, one))}
${item('range', `${fig('test.min', t.min, one)}–${fig('test.max', t.max, one)}`)}
${item('pass mark', `${fig('test.passMark', t.passMark, one)}%`)}
${item('pass rate', fig('test.passRate', t.passRate, percentOf))}
${t.awaitingMarking > 0 ? item('awaiting marking', fig('test.awaitingMarking', t.awaitingMarking, count)) : ''}
${item(`${kind} (${t.alphaItems} items)`, fig('test.alpha', t.alpha, two))}
${item('SEM, points', fig('test.sem', t.sem, one))}
${item('error ratio', fig('test.errorRatio', t.errorRatio, (x) => (Number.isFinite(x) ? `${x.toFixed(1)}%` : dash)))}
${item('skewness (G1)', fig('test.skewness', t.skewness, two))}
${item('kurtosis (G2)', fig('test.kurtosis', t.kurtosis, two))}
</dl>
<h3>Score distribution</h3>
${chart}
<div class="scroll"><table>
<caption>Attempts per tenth of the percent scale</caption>
<thead><tr><th scope="col">overall percent</th><th scope="col" class="n">attempts</th></tr></thead>
<tbody>${bins}</tbody>
</table></div>
</section>`;
}

const replies = (n: number): string => (n === 1 ? 'reply' : 'replies');

function kappaCells(key: string, a: CriterionAgreementFigures): string {
  const q = a.quadratic;
  if (a.pairs === 0) return `<td class="n">${dash}</td><td>no reply has a first and a second mark</td>`;
  if (q === null) return `<td class="n">${dash}</td><td>one level used throughout: no kappa</td>`;
  const kappa = cell(`${key}.quadratic.kappa`, q.kappa, two);
  if (q.low === null || q.high === null) return `${kappa}<td>n too small for a confidence interval (needs ${a.minPairs} pairs)</td>`;
  return `${kappa}<td>${fig(`${key}.quadratic.low`, q.low, two)} to ${fig(`${key}.quadratic.high`, q.high, two)}</td>`;
}

function writtenSection(w: WrittenSection): string {
  const criteria = w.items
    .map((item, i) => {
      const head = `<tr><th scope="row">${esc(item.id)} <span class="stem">${esc(item.stem)}</span></th>${cell(`written.items.${i}.replies`, item.replies, count)}${cell(`written.items.${i}.marked`, item.marked, count)}${cell(`written.items.${i}.waiting.first`, item.waiting.first, count)}${cell(`written.items.${i}.waiting.second`, item.waiting.second, count)}${cell(`written.items.${i}.waiting.third`, item.waiting.third, count)}<td></td><td></td></tr>`;
      const rows = item.criteria.map(
        (c, j) => `<tr class="sub"><th scope="row">${esc(c.id)}: ${esc(c.criterion)}</th><td></td><td></td><td></td><td></td><td></td>${cell(`written.items.${i}.criteria.${j}.mean`, c.mean, two)}${cell(`written.items.${i}.criteria.${j}.max`, c.max, whole)}</tr>`,
      );
      return [head, ...rows].join('');
    })
    .join('');
  const agreement = w.items
    .flatMap((item, i) =>
      item.criteria.map((c, j) => {
        const key = `written.items.${i}.criteria.${j}.agreement`;
        return `<tr><th scope="row">${esc(item.id)} ${esc(c.id)}</th>${cell(`${key}.pairs`, c.agreement.pairs, count)}${kappaCells(key, c.agreement)}</tr>`;
      }),
    )
    .join('');
  const markers = w.markers.length
    ? `<div class="scroll"><table>
<caption>Each marker's total rubric points minus the other markers' on the same replies: below 0 harsher, above 0 more lenient. Severe or lenient only when the 95% interval excludes 0, on ${w.minSeverityReplies} or more replies.</caption>
<thead><tr><th scope="col">marker</th><th scope="col" class="n">replies</th><th scope="col" class="n">mean difference</th><th scope="col" class="n">95% interval</th><th scope="col">verdict</th></tr></thead>
<tbody>${w.markers
        .map(
          (m, k) =>
            `<tr><th scope="row">${esc(m.marker)}</th>${cell(`written.markers.${k}.responses`, m.responses, count)}${cell(`written.markers.${k}.meanDeviation`, m.meanDeviation, twoSigned)}<td class="n">${fig(`written.markers.${k}.low`, m.low, twoSigned)} to ${fig(`written.markers.${k}.high`, m.high, twoSigned)}</td><td${m.verdict === 'severe' || m.verdict === 'lenient' ? ' class="below"' : ''}>${esc(m.verdict === 'too few' ? 'too few replies to say' : m.verdict)}</td></tr>`,
        )
        .join('')}</tbody>
</table></div>`
    : '<p>No reply has marks from two markers yet.</p>';
  const warnings = w.warnings.length
    ? `<div class="notes" role="note"><p><strong>${w.warnings.length} marks ${w.warnings.length === 1 ? 'line' : 'lines'} left out:</strong></p>${w.warnings.map((x) => `<p>${esc(x)}</p>`).join('')}</div>`
    : '';
  return `<section aria-labelledby="written">
<h2 id="written">Written replies</h2>
<p>Marks from ${esc(w.marksFile)}. ${fig('written.replies', w.replies, count)} ${replies(w.replies)} with text: ${fig('written.marked', w.marked, count)} marked; waiting for a first mark ${fig('written.waiting.first', w.waiting.first, count)}, a second ${fig('written.waiting.second', w.waiting.second, count)}, a third ${fig('written.waiting.third', w.waiting.third, count)}. First and second marks within ${esc(String(w.rule.tolerance))} ${w.rule.tolerance === 1 ? 'point' : 'points'} of each other on every criterion are averaged; further apart, a third marker decides.</p>
${warnings}
<div class="scroll"><table>
<caption>Per item: replies and what they wait for; per criterion: the mean points that stand, of the criterion's top</caption>
<thead><tr><th scope="col">item / criterion</th><th scope="col" class="n">replies</th><th scope="col" class="n">marked</th><th scope="col" class="n">wait 1st</th><th scope="col" class="n">wait 2nd</th><th scope="col" class="n">wait 3rd</th><th scope="col" class="n">mean</th><th scope="col" class="n">max</th></tr></thead>
<tbody>${criteria}</tbody>
</table></div>
<h3>Agreement between first and second markers</h3>
<div class="scroll"><table>
<caption>Quadratic-weighted Cohen's kappa per criterion, with its 95% interval (Fleiss, Cohen &amp; Everitt 1969), given from 2k² pairs for a criterion of k levels</caption>
<thead><tr><th scope="col">criterion</th><th scope="col" class="n">pairs</th><th scope="col" class="n">kappa</th><th scope="col">95% interval</th></tr></thead>
<tbody>${agreement}</tbody>
</table></div>
<h3>Marker severity</h3>
${markers}
</section>`;
}

function groupSection(report: Report): string {
  if (report.by === undefined || report.groups.length === 0) return '';
  const rows = report.groups
    .map((g, i) => `<tr><th scope="row">${esc(g.group)}</th>${cell(`groups.${i}.n`, g.n, count)}${cell(`groups.${i}.mean`, g.mean, one)}${cell(`groups.${i}.sd`, g.sd, one)}${cell(`groups.${i}.below`, g.below, percentOf)}</tr>`)
    .join('');
  return `<section aria-labelledby="groups">
<h2 id="groups">Overall score by ${esc(report.by)}</h2>
<div class="scroll"><table>
<thead><tr><th scope="col">${esc(report.by)}</th><th scope="col" class="n">n</th><th scope="col" class="n">mean %</th><th scope="col" class="n">SD</th><th scope="col" class="n">failed</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
</section>`;
}

function competencySection(report: Report, chart: string): string {
  const row = (key: string, name: string, s: Pick<GroupSummary, 'n' | 'mean' | 'sd'>, below: number, floor: number, sub: boolean, note = ''): string => {
    const under = floor > 0 && s.mean < floor;
    const status = floor <= 0 ? 'no floor' : under ? 'mean below floor' : 'mean at or above floor';
    return `<tr${sub ? ' class="sub"' : ''}><th scope="row">${esc(name)}${note}</th>${cell(`${key}.n`, s.n, count)}${cell(`${key}.mean`, s.mean, one)}${cell(`${key}.sd`, s.sd, one)}${
      floor > 0 ? cell(`${key}.${sub ? 'below' : 'belowFloor'}`, below, percentOf) : `<td class="n">${dash}</td>`
    }<td class="${under ? 'below' : ''}">${under ? '▼ ' : ''}${status}</td></tr>`;
  };
  const rows = report.competencies
    .map((c, i) => [
      row(`competencies.${i}`, c.title, c, c.belowFloor, c.floor, false, c.floor > 0 ? ` <span class="meta">(floor ${fig(`competencies.${i}.floor`, c.floor, whole)}%)</span>` : ''),
      ...c.groups.map((g, j) => row(`competencies.${i}.groups.${j}`, g.group, g, g.below, c.floor, true)),
    ])
    .flat()
    .join('');
  return `<section aria-labelledby="competencies">
<h2 id="competencies">Competencies against their floors</h2>
${chart}
<div class="scroll"><table>
<caption>Mean percent per competency${report.by ? ` and ${esc(report.by)}` : ''}; "below" is the share of attempts under the floor</caption>
<thead><tr><th scope="col">competency</th><th scope="col" class="n">n</th><th scope="col" class="n">mean %</th><th scope="col" class="n">SD</th><th scope="col" class="n">below</th><th scope="col">against the floor</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
</section>`;
}

function trainingSection(report: Report): string {
  const index = (id: string): number => report.competencies.findIndex((c) => c.id === id);
  const list = report.weakest
    .map((c) => {
      const i = index(c.id);
      const modules = c.modules.length
        ? `<ul>${c.modules.map((m) => `<li><strong>${esc(m.id)}</strong> ${esc(m.title)}${m.durationMinutes !== undefined ? ` (${m.durationMinutes} min)` : ''}</li>`).join('')}</ul>`
        : `<p>${report.bankGiven ? 'No module is named in the bank for this competency.' : 'No module in the records; make the report with --bank to see the bank\'s modules.'}</p>`;
      return `<li><strong>${esc(c.title)}</strong>: mean ${fig(`competencies.${i}.mean`, c.mean, one)}%, floor ${c.floor}%, ${fig(`competencies.${i}.belowFloor`, c.belowFloor, percentOf)} of attempts below it.${modules}</li>`;
    })
    .join('');
  const none = report.competencies.some((c) => c.floor > 0) ? 'None: every attempt met every competency floor.' : 'None: the bank sets no competency floor.';
  return `<section aria-labelledby="training">
<h2 id="training">Training for the largest gaps</h2>
${list ? `<ol>${list}</ol>` : `<p>${none}</p>`}
</section>`;
}

function flagList(item: ItemReport): string {
  return [...new Set(item.flags.map((f) => FLAG_TITLE[f.kind]))].map((label) => `<span class="flag">⚑ ${esc(label)}</span>`).join('');
}

function itemSection(report: Report, chartFor: (index: number) => string): string {
  const at = new Map(report.items.map((item, i) => [item, i]));
  const rows = report.items
    .map((item, i) => {
      const k = `items.${i}`;
      // Cut in the table (the flagged items below show theirs in full); the whole stem is the cell's title.
      const cut = item.stem !== undefined && item.stem.length > 110 ? `${item.stem.slice(0, 109).trimEnd()}…` : item.stem;
      const stem = item.stem !== undefined ? `<br><span class="stem" title="${esc(item.stem)}">${esc(cut!)}</span>` : '';
      return `<tr><th scope="row">${esc(item.id)}${stem}</th>${cell(`${k}.n`, item.n, count)}${cell(`${k}.facility`, item.facility, two)}${cell(`${k}.itemRest`, item.itemRest, two)}${cell(`${k}.upperLower`, item.upperLower, two)}${cell(`${k}.efficiency`, item.efficiency, whole)}${cell(`${k}.meanTimeMs`, item.meanTimeMs, seconds)}<td>${flagList(item) || 'none'}</td></tr>`;
    })
    .join('');
  const flagged = itemsWithDistractorCharts(report)
    .map((item, c) => {
      const i = at.get(item)!;
      const texts = item.options.some((o) => o.text !== undefined);
      const options = item.options
        .map((o, j) => {
          const k = `items.${i}.options.${j}`;
          return `<tr><th scope="row">${esc(o.id)}${o.key ? ' ★ key' : ''}</th>${texts ? `<td>${o.text !== undefined ? esc(o.text) : ''}</td>` : ''}${cell(`${k}.share`, o.share, percentOf)}${cell(`${k}.upperShare`, o.upperShare, percentOf)}${cell(`${k}.lowerShare`, o.lowerShare, percentOf)}</tr>`;
        })
        .join('');
      const advice = item.flags.map((f) => `<li><strong>${esc(FLAG_TITLE[f.kind])}${f.option ? ` (option ${esc(f.option)})` : ''}:</strong> ${esc(f.suggestion)}</li>`).join('');
      return `<div class="item">
<h3>Item ${esc(item.id)} ${flagList(item)}</h3>
${item.stem !== undefined ? `<p class="stem">${esc(item.stem)}</p>` : ''}
<ul>${advice}</ul>
${chartFor(c)}
<div class="scroll"><table>
<caption>Options of ${esc(item.id)}: share choosing each, overall and in the top and bottom 27%</caption>
<thead><tr><th scope="col">option</th>${texts ? '<th scope="col">text</th>' : ''}<th scope="col" class="n">all</th><th scope="col" class="n">top 27%</th><th scope="col" class="n">bottom 27%</th></tr></thead>
<tbody>${options}</tbody>
</table></div>
</div>`;
    })
    .join('\n');
  return `<section aria-labelledby="items">
<h2 id="items">Items</h2>
<p>Most serious flags first. facility = share of the points earned; r<sub>ir</sub> = item–rest correlation; U–L = upper minus lower 27%; DE = discriminative efficiency. No item is flagged with fewer than 20 attempts.</p>
<div class="scroll"><table>
<thead><tr><th scope="col">item</th><th scope="col" class="n">n</th><th scope="col" class="n">facility</th><th scope="col" class="n">r<sub>ir</sub></th><th scope="col" class="n">U–L</th><th scope="col" class="n">DE %</th><th scope="col" class="n">mean time</th><th scope="col">flags</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
${flagged ? `<h3>Flagged items and their options</h3>\n${flagged}` : ''}
</section>`;
}

function prePostSection(p: PrePost, chart: string): string {
  const pct = Math.round(p.overall.confidence * 100);
  const row = (key: string, name: string, c: PrePost['overall']): string =>
    `<tr><th scope="row">${esc(name)}</th>${cell(`${key}.n`, c.n, count)}${cell(`${key}.meanBefore`, c.meanBefore, one)}${cell(`${key}.meanAfter`, c.meanAfter, one)}${cell(`${key}.meanDifference`, c.meanDifference, signed)}<td class="n">[${fig(`${key}.ci.0`, c.ci[0], signed)}, ${fig(`${key}.ci.1`, c.ci[1], signed)}]</td>${cell(`${key}.dz`, c.dz, two)}<td>${
      c.ci[0] > 0 ? '▲ improved' : c.ci[1] < 0 ? '▼ declined' : 'no clear change'
    }</td></tr>`;
  const rows = [row('prePost.overall', 'overall', p.overall), ...p.competencies.map((c, i) => row(`prePost.competencies.${i}`, c.title, c))].join('');
  return `<section aria-labelledby="prepost">
<h2 id="prepost">Before and after training</h2>
<p>Before: ${count(p.before.attempts)} attempts on ${esc(p.before.bank.id)} ${esc(p.before.bank.version)}; after: ${count(p.after.attempts)} attempts on ${esc(p.after.bank.id)} ${esc(p.after.bank.version)}.
${fig('prePost.overall.n', p.overall.n, count)} agents paired by employee id (${p.unpairedBefore} before only, ${p.unpairedAfter} after only).
If an interval does not include 0, the change is unlikely to be chance. A change shows that scores moved, not why.</p>
${chart}
<div class="scroll"><table>
<caption>Change = after − before, in percent points; d<sub>z</sub> = mean change / SD of changes</caption>
<thead><tr><th scope="col"></th><th scope="col" class="n">agents</th><th scope="col" class="n">before</th><th scope="col" class="n">after</th><th scope="col" class="n">change</th><th scope="col" class="n">${pct}% CI</th><th scope="col" class="n">d<sub>z</sub></th><th scope="col">reading</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
</section>`;
}

function skippedSection(report: Report): string {
  if (report.skipped.length === 0) return '';
  const shown = report.skipped.slice(0, 20).map((s) => `<li>${esc(s.message)}</li>`).join('');
  const more = report.skipped.length > 20 ? `<p>… and ${report.skipped.length - 20} more (all in report --json).</p>` : '';
  return `<section aria-labelledby="skipped">
<h2 id="skipped">Skipped records</h2>
<ul>${shown}</ul>${more}
</section>`;
}
