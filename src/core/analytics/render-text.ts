import { sanitizeText } from '../text/sanitize.js';
import { shortHash } from './attempt-table.js';
import type { CompetencySummary, PrePost, Report } from './build-report.js';
import { FLAG_TITLE, type ItemFlagKind } from './item-flags.js';
import type { MarkerSeverity } from './agreement.js';
import type { CriterionAgreementFigures, WrittenSection } from './written-report.js';
import { bar, divergingBar, floorBar, padEnd, sparkline, table, truncate, width, wrap } from './render-chart.js';

/** The report as a terminal page of `columns` cells (80 by default). No colour: meaning is in the glyphs. */
export interface TextOptions {
  /** @default 80 */
  columns?: number;
  /** Agents listed in the pre/post block; the rest are in --json / --csv. @default 25 */
  maxAgents?: number;
  /** Skipped records listed one by one before "and N more". @default 5 */
  maxSkipped?: number;
}

const FLAG_LABEL: Record<ItemFlagKind, string> = {
  'negative-discrimination': 'negative',
  'distractor-draws-top': 'draws-top',
  'too-hard': 'hard',
  'weak-discrimination': 'weak',
  'dead-distractor': 'dead',
  'too-easy': 'easy',
};

const clean = (text: string): string => sanitizeText(text).replace(/\s+/g, ' ').trim();
const dash = '–';

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : dash;
}

export function signed(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${value > 0 ? '+' : ''}${value.toFixed(digits)}` : dash;
}

function pct(share: number, digits = 0): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(digits)}%` : dash;
}

/** 100000 → "100,000" (toLocaleString would load ICU data: a noticeable pause for one comma). */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 attempt", "2,000 attempts". */
function counted(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** The share under a competency's floor; a dash when it has none, as nobody can score under 0. */
function belowFloor(share: number, floor: number): string {
  return floor > 0 ? pct(share) : dash;
}

function seconds(ms: number): string {
  if (!Number.isFinite(ms)) return dash;
  return ms >= 100_000 ? `${Math.round(ms / 60_000)}m` : `${Math.round(ms / 1000)}s`;
}

function heading(title: string, note = ''): string {
  return note ? `${title}  ${note}` : title;
}

function header(report: Report, cols: number): string[] {
  const { bank, attempts } = report;
  const lines = [
    truncate(`frontline report: ${clean(bank.title)}`, cols),
    truncate(`bank ${clean(bank.id)} ${clean(bank.version)} ${shortHash(bank.hash)}`, cols),
    truncate(`${counted(attempts.used, 'attempt')} by ${counted(attempts.agents, 'agent')} (${attempts.allAttempts ? 'every attempt' : 'first attempt each'})`, cols),
    truncate(`${counted(attempts.read, 'record')} read, ${count(report.skipped.length)} skipped`, cols),
  ];
  for (const note of report.notes) lines.push(...wrap(`note: ${clean(note.message)}`, cols, '      '));
  return lines;
}

function skippedBlock(report: Report, cols: number, max: number): string[] {
  if (report.skipped.length === 0) return [];
  const byReason = new Map<string, number>();
  for (const s of report.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
  const lines = ['', heading('SKIPPED', [...byReason].map(([r, n]) => `${r} ${n}`).join(', '))];
  for (const s of report.skipped.slice(0, max)) lines.push(...wrap(clean(s.message), cols - 2, '    ').map((l) => `  ${l}`));
  if (report.skipped.length > max) lines.push(`  … and ${report.skipped.length - max} more (all in --json)`);
  return lines;
}

function testBlock(report: Report, cols: number): string[] {
  const t = report.test;
  const kind = t.alphaKind === 'KR-20' ? 'KR-20' : 'alpha';
  const lines = [
    '',
    'TEST',
    `  n ${count(t.n)}   mean ${fixed(t.mean)}%   median ${fixed(t.median)}%   SD ${fixed(t.sd)}   range ${fixed(t.min)}–${fixed(t.max)}`,
    `  skewness ${fixed(t.skewness, 2)} (G1)   kurtosis ${fixed(t.kurtosis, 2)} (G2, excess)`,
    `  ${kind} ${fixed(t.alpha, 2)} over ${t.alphaItems} items   error ratio ${Number.isFinite(t.errorRatio) ? `${fixed(t.errorRatio)}%` : dash}   SEM ${fixed(t.sem)} points`,
    `  pass rate ${padEnd(pct(t.passRate, 1), 6)} ${bar(t.passRate, 1, 30, '·')}${t.awaitingMarking > 0 ? `  ${count(t.awaitingMarking)} awaiting marking` : ''}`,
    `  scores   0 ${sparkline(t.distribution)} 100  (tenths of the percent scale)`,
  ];
  return lines.map((l) => truncate(l, cols));
}

function groupBlock(report: Report, cols: number): string[] {
  if (report.by === undefined || report.groups.length === 0) return [];
  const rows = report.groups.map((g) => [clean(g.group), count(g.n), fixed(g.mean), fixed(g.sd), pct(g.below), bar(g.mean, 100, 22, '·')]);
  const columns = [
    { header: `by ${clean(report.by)}`, width: 18 },
    { header: 'n', width: 7, align: 'right' as const },
    { header: 'mean', width: 5, align: 'right' as const },
    { header: 'SD', width: 5, align: 'right' as const },
    { header: 'fail', width: 5, align: 'right' as const },
    { header: 'mean (0–100)', width: Math.max(10, cols - 2 - 18 - 7 - 5 - 5 - 5 - 5) },
  ];
  return ['', 'GROUPS', ...table(columns, rows)];
}

/** Rows for a name that may not fit its column: the name wrapped over lines above the figures, never cut. */
function namedRows(name: string, size: number, cells: string[]): string[][] {
  const lines = wrap(name, size, '  ');
  return lines.map((line, i) => (i === lines.length - 1 ? [line, ...cells] : [line]));
}

function competencyBlock(report: Report, cols: number): string[] {
  // The name column grows from 20 cells with the longest title, up to 30; longer names wrap.
  const longest = Math.max(20, ...report.competencies.map((c) => width(clean(c.title))));
  const nameWidth = Math.min(longest, 30);
  const barWidth = Math.max(10, cols - 2 - nameWidth - 5 - 5 - 6 - 4);
  const columns = [
    { header: 'competency', width: nameWidth },
    { header: barWidth >= 23 ? 'mean, | = floor (0–100)' : 'mean, | = floor', width: barWidth },
    { header: 'mean', width: 5, align: 'right' as const },
    { header: 'SD', width: 5, align: 'right' as const },
    { header: 'below', width: 6, align: 'right' as const },
  ];
  const rows: string[][] = [];
  for (const c of report.competencies) {
    rows.push(...namedRows(clean(c.title), nameWidth, [floorBar(c.mean, c.floor, barWidth), fixed(c.mean), fixed(c.sd), belowFloor(c.belowFloor, c.floor)]));
    for (const g of c.groups) rows.push([`  ${clean(g.group)}`, floorBar(g.mean, c.floor, barWidth), fixed(g.mean), fixed(g.sd), belowFloor(g.below, c.floor)]);
  }
  return ['', heading('COMPETENCIES', '"below" = share of attempts under the floor'), ...table(columns, rows)];
}

function moduleLine(m: CompetencySummary['modules'][number]): string {
  const minutes = m.durationMinutes !== undefined ? ` (${m.durationMinutes} min)` : '';
  return `${clean(m.id)} ${clean(m.title)}${minutes}`;
}

function weakestBlock(report: Report, cols: number): string[] {
  const lines = ['', 'WEAKEST COMPETENCIES AND THEIR TRAINING'];
  if (report.weakest.length === 0) {
    const floors = report.competencies.some((c) => c.floor > 0);
    return [...lines, floors ? '  none: every attempt met every competency floor' : '  none: the bank sets no competency floor'];
  }
  const noModule = report.bankGiven ? 'no module named in the bank for this competency' : 'no module in the records (give --bank for the bank\'s modules)';
  report.weakest.forEach((c, i) => {
    lines.push(...wrap(`${i + 1}. ${clean(c.title)}: mean ${fixed(c.mean)}, floor ${c.floor}, ${pct(c.belowFloor)} below`, cols - 2, '   ').map((l) => `  ${l}`));
    if (c.modules.length === 0) lines.push(`     ${noModule}`);
    for (const m of c.modules) lines.push(truncate(`     → ${moduleLine(m)}`, cols));
  });
  return lines;
}

function itemBlock(report: Report, cols: number): string[] {
  const fixedWidth = 2 + 13 + 8 + 6 + 6 + 6 + 5 + 5 + 7;
  const columns = [
    { header: 'item', width: 13 },
    { header: 'n', width: 7, align: 'right' as const },
    { header: 'facil', width: 5, align: 'right' as const },
    { header: 'r_ir', width: 5, align: 'right' as const },
    { header: 'U-L', width: 5, align: 'right' as const },
    { header: 'DE%', width: 4, align: 'right' as const },
    { header: 'time', width: 4, align: 'right' as const },
    { header: 'flags', width: Math.max(8, cols - fixedWidth) },
  ];
  const rows = report.items.map((item) => [
    clean(item.id),
    count(item.n),
    fixed(item.facility, 2),
    fixed(item.itemRest, 2),
    fixed(item.upperLower, 2),
    fixed(item.efficiency, 0),
    seconds(item.meanTimeMs),
    [...new Set(item.flags.map((f) => FLAG_LABEL[f.kind]))].join(' '),
  ]);
  return ['', heading('ITEMS', 'most serious flags first; facil = share of points earned'), ...table(columns, rows)];
}

function suggestionBlock(report: Report, cols: number): string[] {
  const flagged = report.items.filter((i) => i.flags.length > 0);
  if (flagged.length === 0) return ['', 'SUGGESTIONS', '  no item is flagged'];
  const lines = ['', 'SUGGESTIONS'];
  for (const item of flagged) {
    for (const flag of item.flags) {
      lines.push(...wrap(`${clean(item.id)}: ${FLAG_TITLE[flag.kind]}: ${clean(flag.suggestion)}`, cols - 2, '    ').map((l) => `  ${l}`));
    }
    if (item.stem !== undefined) lines.push(truncate(`    ${clean(item.id)} asks: ${clean(item.stem)}`, cols));
  }
  return lines;
}

function distractorBlock(report: Report, cols: number): string[] {
  const flagged = report.items.filter((i) => i.flags.some((f) => f.kind === 'dead-distractor' || f.kind === 'distractor-draws-top' || f.kind === 'negative-discrimination') && i.options.length > 0);
  if (flagged.length === 0) return [];
  // With the bank's option texts, the option column shows them (cut) and the bar gives up the room.
  const texts = flagged.some((i) => i.options.some((o) => o.text !== undefined));
  const optionWidth = texts ? 22 : 6;
  const barWidth = Math.max(10, cols - 2 - 14 - 1 - optionWidth - 1 - 5 - 1 - 6 - 1 - 6 - 1);
  const columns = [
    { header: 'item', width: 14 },
    { header: 'option', width: optionWidth },
    { header: 'share chosen', width: barWidth },
    { header: 'all', width: 5, align: 'right' as const },
    { header: 'top', width: 6, align: 'right' as const },
    { header: 'bottom', width: 6, align: 'right' as const },
  ];
  const rows: string[][] = [];
  for (const item of flagged) {
    item.options.forEach((o, i) => {
      const label = `${clean(o.id)}${o.key ? '*' : ''}`;
      rows.push([i === 0 ? clean(item.id) : '', o.text !== undefined ? `${label.padEnd(3)}${clean(o.text)}` : label, bar(o.share, 1, barWidth, '·'), pct(o.share), pct(o.upperShare), pct(o.lowerShare)]);
    });
  }
  return ['', heading('DISTRACTORS', '* = key; top/bottom = best/worst 27% overall'), ...table(columns, rows)];
}

function prePostBlock(p: PrePost, cols: number, maxAgents: number): string[] {
  const lines = [
    '',
    'PRE/POST',
    truncate(`  before: ${counted(p.before.attempts, 'attempt')} on ${clean(p.before.bank.id)} ${clean(p.before.bank.version)}`, cols),
    truncate(`  after:  ${counted(p.after.attempts, 'attempt')} on ${clean(p.after.bank.id)} ${clean(p.after.bank.version)}`, cols),
    truncate(`  ${counted(p.overall.n, 'agent')} paired by employee id (${p.unpairedBefore} before only, ${p.unpairedAfter} after only)`, cols),
    `  change = after − before in percent points; d_z = mean change / SD of changes`,
  ];
  const limit = Math.max(5, ...[p.overall, ...p.competencies].map((c) => Math.abs(c.meanDifference)).filter(Number.isFinite));
  const barWidth = Math.max(9, cols - 2 - 18 - 5 - 5 - 6 - 15 - 5 - 7);
  const columns = [
    { header: '', width: 18 },
    { header: 'pre', width: 5, align: 'right' as const },
    { header: 'post', width: 5, align: 'right' as const },
    { header: 'change', width: 6, align: 'right' as const },
    { header: `${Math.round(p.overall.confidence * 100)}% CI`, width: 15, align: 'right' as const },
    { header: 'd_z', width: 5, align: 'right' as const },
    { header: '−  change  +', width: barWidth },
  ];
  const row = (name: string, c: PrePost['overall']): string[] => [
    name,
    fixed(c.meanBefore),
    fixed(c.meanAfter),
    signed(c.meanDifference),
    `[${signed(c.ci[0])}, ${signed(c.ci[1])}]`,
    fixed(c.dz, 2),
    divergingBar(c.meanDifference, limit, barWidth),
  ];
  const rows = [row('overall', p.overall), ...p.competencies.flatMap((c) => {
    const [, ...cells] = row('', c);
    return namedRows(clean(c.title), 18, cells);
  })];
  lines.push(...table(columns, rows));
  if (p.agents.length > 0) {
    const agentLimit = Math.max(5, ...p.agents.map((a) => Math.abs(a.change)).filter(Number.isFinite));
    const agentBar = Math.max(9, cols - 2 - 28 - 5 - 5 - 6 - 4);
    const agentColumns = [
      { header: 'agent', width: 28 },
      { header: 'pre', width: 5, align: 'right' as const },
      { header: 'post', width: 5, align: 'right' as const },
      { header: 'change', width: 6, align: 'right' as const },
      { header: '−  change  +', width: agentBar },
    ];
    const sorted = [...p.agents].sort((a, b) => a.change - b.change);
    const shown = sorted.slice(0, maxAgents);
    lines.push('', ...table(agentColumns, shown.map((a) => [`${clean(a.employeeId)} ${clean(a.name)}`, fixed(a.before), fixed(a.after), signed(a.change), divergingBar(a.change, agentLimit, agentBar)])));
    if (sorted.length > shown.length) lines.push(`  … ${sorted.length - shown.length} more agents (smallest changes shown first; all in --json / --csv)`);
  }
  return lines;
}

function kappaCells(a: CriterionAgreementFigures): [string, string] {
  const q = a.quadratic;
  if (a.pairs === 0) return [dash, 'no reply has a first and a second mark'];
  if (q === null) return [dash, 'one level used throughout: no kappa'];
  if (q.low === null || q.high === null) return [fixed(q.kappa, 2), `n too small for a CI (needs ${a.minPairs})`];
  return [fixed(q.kappa, 2), `[${fixed(q.low, 2)}, ${fixed(q.high, 2)}]`];
}

const replies = (n: number): string => `${count(n)} ${n === 1 ? 'reply' : 'replies'}`;

const VERDICT: Record<MarkerSeverity['verdict'], string> = { severe: 'severe', lenient: 'lenient', 'in line': 'in line', 'too few': 'too few to say' };

function writtenBlock(w: WrittenSection, cols: number): string[] {
  const lines = [
    '',
    heading('WRITTEN REPLIES', `marks from ${clean(w.marksFile)}`),
    ...wrap(
      `${replies(w.replies)} with text: ${count(w.marked)} marked; waiting for a first mark ${count(w.waiting.first)}, a second ${count(w.waiting.second)}, a third ${count(w.waiting.third)}`,
      cols - 2,
      '  ',
    ).map((l) => `  ${l}`),
  ];
  const nameWidth = Math.max(20, cols - 2 - 6 - 6 - 7 - 6 - 4 - 4 - 6);
  const columns = [
    { header: 'item / criterion', width: nameWidth },
    { header: 'mean', width: 5, align: 'right' as const },
    { header: 'max', width: 5, align: 'right' as const },
    { header: 'marked', width: 6, align: 'right' as const },
    { header: 'wait1', width: 5, align: 'right' as const },
    { header: '2nd', width: 3, align: 'right' as const },
    { header: '3rd', width: 3, align: 'right' as const },
  ];
  const rows: string[][] = [];
  for (const item of w.items) {
    rows.push([`${clean(item.id)} (${replies(item.replies)})`, '', '', count(item.marked), count(item.waiting.first), count(item.waiting.second), count(item.waiting.third)]);
    for (const c of item.criteria) rows.push([`  ${clean(c.id)} ${clean(c.criterion)}`, fixed(c.mean, 2), fixed(c.max, 0)]);
  }
  lines.push(...table(columns, rows));
  const agreementColumns = [
    { header: 'item criterion', width: Math.max(16, cols - 2 - 6 - 6 - 38 - 3) },
    { header: 'pairs', width: 5, align: 'right' as const },
    { header: 'kappa', width: 5, align: 'right' as const },
    { header: '95% CI', width: 38 },
  ];
  const agreementRows = w.items.flatMap((item) =>
    item.criteria.map((c) => [`${clean(item.id)} ${clean(c.id)}`, count(c.agreement.pairs), ...kappaCells(c.agreement)]),
  );
  lines.push('', heading('  AGREEMENT', 'first vs second marks, quadratic-weighted kappa'), ...table(agreementColumns, agreementRows));
  lines.push('', heading('  MARKERS', 'total points minus the other markers\' on the same replies'));
  if (w.markers.length === 0) lines.push('  no reply has marks from two markers yet');
  else {
    const markerColumns = [
      { header: 'marker', width: Math.max(12, cols - 2 - 8 - 7 - 17 - 15 - 4) },
      { header: 'replies', width: 7, align: 'right' as const },
      { header: 'mean', width: 6, align: 'right' as const },
      { header: '95% CI', width: 16 },
      { header: 'verdict', width: 15 },
    ];
    lines.push(
      ...table(
        markerColumns,
        w.markers.map((m) => [clean(m.marker), count(m.responses), signed(m.meanDeviation, 2), Number.isFinite(m.low) ? `[${signed(m.low, 2)}, ${signed(m.high, 2)}]` : dash, VERDICT[m.verdict]]),
      ),
    );
    lines.push(...wrap(`severe/lenient: the 95% CI excludes 0, on ${w.minSeverityReplies} or more replies`, cols - 2, '  ').map((l) => `  ${l}`));
  }
  if (w.warnings.length > 0) {
    lines.push('', heading('  WARNINGS', `${counted(w.warnings.length, 'marks line')} left out`));
    for (const warning of w.warnings.slice(0, 10)) lines.push(...wrap(clean(warning), cols - 4, '    ').map((l) => `  ${l}`));
    if (w.warnings.length > 10) lines.push(`  … and ${w.warnings.length - 10} more (all in --json)`);
  }
  return lines;
}

export function renderText(report: Report, options: TextOptions = {}): string {
  const cols = options.columns ?? 80;
  const lines = [
    ...header(report, cols),
    ...skippedBlock(report, cols, options.maxSkipped ?? 5),
    ...testBlock(report, cols),
    ...groupBlock(report, cols),
    ...competencyBlock(report, cols),
    ...weakestBlock(report, cols),
    ...itemBlock(report, cols),
    ...suggestionBlock(report, cols),
    ...distractorBlock(report, cols),
    ...(report.written ? writtenBlock(report.written, cols) : []),
    ...(report.prePost ? prePostBlock(report.prePost, cols, options.maxAgents ?? 25) : []),
  ];
  return `${lines.map((l) => truncate(l, cols)).join('\n')}\n`;
}
