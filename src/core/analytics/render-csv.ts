import type { Report } from './build-report.js';
import { csvText } from '../text/csv-field.js';
import { roundFigure } from './round-figures.js';

/**
 * The report as one RFC 4180 table in long form (section, subject, group,
 * statistic, value): one shape for every block, so it loads into any
 * spreadsheet or pivot table without knowing the report's layout.
 */
const CSV_HEADER = ['section', 'subject', 'group', 'statistic', 'value'] as const;

export function csvField(value: string | number | boolean | null): string {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return '';
  // Text comes from banks and attempt records (ids, tags, employee ids): a formula there must not run.
  if (typeof value === 'string') return csvText(value);
  const text = String(typeof value === 'number' ? roundFigure(value) : value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(report: Report): string {
  const lines: string[] = [CSV_HEADER.join(',')];
  const put = (section: string, subject: string, group: string, statistic: string, value: string | number | boolean | null): void => {
    lines.push([section, subject, group, statistic].map(csvField).concat(csvField(value)).join(','));
  };
  put('bank', report.bank.id, '', 'version', report.bank.version);
  put('bank', report.bank.id, '', 'hash', report.bank.hash);
  put('attempts', '', '', 'read', report.attempts.read);
  put('attempts', '', '', 'used', report.attempts.used);
  put('attempts', '', '', 'agents', report.attempts.agents);
  put('attempts', '', '', 'skipped', report.skipped.length);
  for (const s of report.skipped) put('skipped', s.source, '', s.reason, s.message);
  const t = report.test;
  for (const key of ['n', 'mean', 'median', 'sd', 'min', 'max', 'skewness', 'kurtosis', 'alpha', 'alphaKind', 'alphaItems', 'sem', 'errorRatio', 'passRate', 'awaitingMarking'] as const) {
    put('test', '', '', key, t[key]);
  }
  for (const g of report.groups) {
    put('group', report.by ?? '', g.group, 'n', g.n);
    put('group', report.by ?? '', g.group, 'mean', g.mean);
    put('group', report.by ?? '', g.group, 'sd', g.sd);
    put('group', report.by ?? '', g.group, 'failRate', g.below);
  }
  for (const c of report.competencies) {
    for (const [group, s] of [['all', c] as const, ...c.groups.map((g) => [g.group, g] as const)]) {
      put('competency', c.id, group, 'n', s.n);
      put('competency', c.id, group, 'mean', s.mean);
      put('competency', c.id, group, 'sd', s.sd);
      put('competency', c.id, group, 'belowFloor', 'belowFloor' in s ? s.belowFloor : s.below);
    }
    put('competency', c.id, 'all', 'floor', c.floor);
    put('competency', c.id, 'all', 'metRate', c.metRate);
  }
  for (const item of report.items) {
    for (const key of ['n', 'facility', 'sd', 'itemRest', 'upperLower', 'efficiency', 'meanTimeMs', 'omitted'] as const) put('item', item.id, '', key, item[key]);
    for (const o of item.options) {
      put('option', item.id, o.id, 'key', o.key);
      put('option', item.id, o.id, 'share', o.share);
      put('option', item.id, o.id, 'upperShare', o.upperShare);
      put('option', item.id, o.id, 'lowerShare', o.lowerShare);
    }
    for (const f of item.flags) put('flag', item.id, f.option ?? '', f.kind, f.suggestion);
  }
  const w = report.written;
  if (w) {
    for (const item of w.items) {
      for (const key of ['replies', 'marked'] as const) put('written', item.id, '', key, item[key]);
      for (const role of ['first', 'second', 'third'] as const) put('written', item.id, '', `waiting.${role}`, item.waiting[role]);
      for (const c of item.criteria) {
        put('criterion', item.id, c.id, 'n', c.n);
        put('criterion', item.id, c.id, 'mean', c.mean);
        put('criterion', item.id, c.id, 'max', c.max);
        put('criterion', item.id, c.id, 'pairs', c.agreement.pairs);
        put('criterion', item.id, c.id, 'kappaQuadratic', c.agreement.quadratic?.kappa ?? null);
        put('criterion', item.id, c.id, 'kappaLow', c.agreement.quadratic?.low ?? null);
        put('criterion', item.id, c.id, 'kappaHigh', c.agreement.quadratic?.high ?? null);
      }
    }
    for (const m of w.markers) {
      for (const key of ['responses', 'meanDeviation', 'low', 'high', 'verdict'] as const) put('marker', m.marker, '', key, m[key]);
    }
    for (const warning of w.warnings) put('marks', w.marksFile, '', 'warning', warning);
  }
  const p = report.prePost;
  if (p) {
    for (const c of [{ id: 'overall', ...p.overall }, ...p.competencies]) {
      for (const key of ['n', 'meanBefore', 'meanAfter', 'meanDifference', 'sdDifference', 't', 'df', 'dz'] as const) put('prepost', c.id, '', key, c[key]);
      put('prepost', c.id, '', 'ciLow', c.ci[0]);
      put('prepost', c.id, '', 'ciHigh', c.ci[1]);
    }
    for (const a of p.agents) {
      put('agent', a.employeeId, '', 'before', a.before);
      put('agent', a.employeeId, '', 'after', a.after);
      put('agent', a.employeeId, '', 'change', a.change);
      p.competencies.forEach((c, i) => put('agent', a.employeeId, c.id, 'change', a.competencies[i] ?? null));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
