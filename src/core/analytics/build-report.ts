import type { TrainingModule } from '../bank/types.js';
import type { AttemptRow, BankKey, BankTable, Skipped } from './attempt-table.js';
import { describe } from './descriptive.js';
import { analyseItems, type ItemStats } from './item-analysis.js';
import { FLAG_LIMITS, flagItem, flagRank, type ItemFlag } from './item-flags.js';
import { pairedComparison, type PairedComparison } from './paired.js';
import { cronbachAlpha, errorRatio, standardError } from './reliability.js';
import { own } from '../own.js';
import type { WrittenSection } from './written-report.js';

/** An item must be on at least this share of forms to count toward alpha (forms drawn from a pool differ). */
const ALPHA_PRESENCE = 0.9;
/** Weakest competencies listed with their modules. */
const WEAKEST = 3;

export interface TestStats {
  n: number;
  mean: number;
  median: number;
  sd: number;
  min: number;
  max: number;
  skewness: number;
  kurtosis: number;
  alpha: number;
  /** 'KR-20' when every item score in the alpha basis is 0 or 1. */
  alphaKind: 'KR-20' | 'alpha';
  alphaItems: number;
  alphaAttempts: number;
  /** Percent points. */
  sem: number;
  errorRatio: number;
  /** The bank's pass mark, in percent. */
  passMark: number;
  /** Share passed of the attempts decided: those awaiting marking are neither passed nor failed. */
  passRate: number;
  /** Attempts whose written replies wait for a marker (their percent counts what is scored so far). */
  awaitingMarking: number;
  /** Attempts per tenth of the percent scale (0–10, 10–20, ... 90–100). */
  distribution: number[];
}

export interface GroupSummary {
  group: string;
  n: number;
  mean: number;
  sd: number;
  /** Share below the competency floor (for a competency) or failing (for the whole test). */
  below: number;
}

export interface CompetencySummary {
  id: string;
  title: string;
  floor: number;
  n: number;
  mean: number;
  sd: number;
  belowFloor: number;
  /** Share of attempts that met the floor as scored. */
  metRate: number;
  groups: GroupSummary[];
  modules: TrainingModule[];
}

export interface ItemReport extends ItemStats {
  flags: ItemFlag[];
}

export interface CompetencyChange extends PairedComparison {
  id: string;
  title: string;
}

export interface AgentChange {
  employeeId: string;
  name: string;
  before: number;
  after: number;
  change: number;
  /** Competency percent changes, in the order of `prePost.competencies`; null where either side lacks it. */
  competencies: Array<number | null>;
}

export interface PrePost {
  before: { bank: BankKey; attempts: number };
  after: { bank: BankKey; attempts: number };
  overall: PairedComparison;
  competencies: CompetencyChange[];
  agents: AgentChange[];
  unpairedBefore: number;
  unpairedAfter: number;
}

/** Something a reader must know to read the figures right. */
export type ReportNoteKind = 'simulated' | 'no-bank' | 'few-attempts' | 'after-set-only' | 'untagged' | 'awaiting-marking';

export interface ReportNote {
  kind: ReportNoteKind;
  message: string;
}

export interface Report {
  bank: BankKey;
  /** Whether the bank file was given (titles, floors, modules, stems and option texts from it) or only the records were read. */
  bankGiven: boolean;
  attempts: { read: number; used: number; agents: number; allAttempts: boolean; simulated: number };
  notes: ReportNote[];
  skipped: Skipped[];
  by?: string;
  test: TestStats;
  groups: GroupSummary[];
  competencies: CompetencySummary[];
  weakest: CompetencySummary[];
  items: ItemReport[];
  /** Present when the bank has written items (and was given: the rubric is in it). */
  written?: WrittenSection;
  prePost?: PrePost;
}

function groupOf(row: AttemptRow, by: string | undefined): string {
  return by === undefined ? 'all' : (own(row.tags, by) ?? '(none)');
}

/** `present[c]`: attempts whose form had item column c (ItemStats.n). */
function testStats(rows: readonly AttemptRow[], present: readonly number[], passMark: number): TestStats {
  const percents = Float64Array.from(rows, (r) => r.percent);
  const d = describe(percents);
  const cols = [...present.keys()].filter((c) => present[c]! >= ALPHA_PRESENCE * rows.length && present[c]! > 0);
  // Attempts that have every one of those items, as a matrix (plain loops: this runs 6 million times for 100,000 attempts).
  const width = cols.length;
  const matrix = new Float32Array(rows.length * width);
  let complete = 0;
  for (const row of rows) {
    const scores = row.scores;
    const at = complete * width;
    let j = 0;
    for (; j < width; j += 1) {
      const c = cols[j]!;
      const x = c < scores.length ? scores[c]! : Number.NaN;
      if (Number.isNaN(x)) break;
      matrix[at + j] = x;
    }
    if (j === width) complete += 1;
  }
  const reliability = cronbachAlpha(matrix, complete, width);
  const awaiting = rows.filter((r) => r.awaiting).length;
  const decided = rows.length - awaiting;
  const distribution = new Array<number>(10).fill(0);
  for (const p of percents) {
    const bin = Math.min(9, Math.max(0, Math.floor(p / 10)));
    distribution[bin] = distribution[bin]! + 1;
  }
  return {
    n: d.n,
    mean: d.mean,
    median: d.median,
    sd: d.sd,
    min: d.min,
    max: d.max,
    skewness: d.skewness,
    kurtosis: d.kurtosis,
    alpha: reliability.alpha,
    alphaKind: reliability.dichotomous ? 'KR-20' : 'alpha',
    alphaItems: width,
    alphaAttempts: complete,
    sem: standardError(d.sd, reliability.alpha),
    errorRatio: errorRatio(reliability.alpha),
    passMark,
    passRate: decided ? rows.filter((r) => r.passed).length / decided : Number.NaN,
    awaitingMarking: awaiting,
    distribution,
  };
}

/** Each row's group under `by` as an index into `keys` (one group, 'all', without `by`). */
function groupsOf(rows: readonly AttemptRow[], by: string | undefined): { keys: string[]; index: Uint32Array } {
  const index = new Uint32Array(rows.length);
  if (by === undefined) return { keys: ['all'], index };
  const numbers = new Map<string, number>();
  rows.forEach((row, r) => {
    const key = groupOf(row, by);
    let g = numbers.get(key);
    if (g === undefined) numbers.set(key, (g = numbers.size));
    index[r] = g;
  });
  return { keys: [...numbers.keys()], index };
}

/**
 * Count, mean, sample sd and share flagged per group of the values that are
 * not NaN: `spread` per group, with the same two passes in row order, over
 * typed arrays instead of a list of values per group and competency.
 */
function summariseGroups(values: Float64Array, flagged: Uint8Array, groups: { keys: string[]; index: Uint32Array }): GroupSummary[] {
  const G = groups.keys.length;
  const n = new Float64Array(G);
  const sum = new Float64Array(G);
  const marked = new Float64Array(G);
  const ss = new Float64Array(G);
  const { index } = groups;
  for (let r = 0; r < values.length; r += 1) {
    const v = values[r]!;
    if (Number.isNaN(v)) continue;
    const g = index[r]!;
    n[g] = n[g]! + 1;
    sum[g] = sum[g]! + v;
    marked[g] = marked[g]! + flagged[r]!;
  }
  const mean = sum.map((s, g) => (n[g] ? s / n[g]! : Number.NaN));
  for (let r = 0; r < values.length; r += 1) {
    const v = values[r]!;
    if (Number.isNaN(v)) continue;
    const g = index[r]!;
    ss[g] = ss[g]! + (v - mean[g]!) ** 2;
  }
  return groups.keys.map((group, g) => ({
    group,
    n: n[g]!,
    mean: mean[g]!,
    sd: n[g]! > 1 ? Math.sqrt(ss[g]! / (n[g]! - 1)) : Number.NaN,
    below: n[g] ? marked[g]! / n[g]! : Number.NaN,
  }));
}

function byName(groups: GroupSummary[]): GroupSummary[] {
  return groups.sort((a, b) => a.group.localeCompare(b.group));
}

function competencySummaries(rows: readonly AttemptRow[], table: BankTable, by: string | undefined): CompetencySummary[] {
  const whole = groupsOf(rows, undefined);
  const grouped = by === undefined ? undefined : groupsOf(rows, by);
  const values = new Float64Array(rows.length);
  const below = new Uint8Array(rows.length);
  return table.competencies.map((column, c) => {
    let met = 0;
    rows.forEach((row, r) => {
      const p = c < row.competency.length ? row.competency[c]! : Number.NaN;
      values[r] = p;
      below[r] = p < column.floor ? 1 : 0;
      if (!Number.isNaN(p) && row.met[c]) met += 1;
    });
    const all = summariseGroups(values, below, whole)[0]!;
    return {
      id: column.id,
      title: column.title,
      floor: column.floor,
      n: all.n,
      mean: all.mean,
      sd: all.sd,
      belowFloor: all.below,
      metRate: all.n ? met / all.n : Number.NaN,
      groups: grouped ? byName(summariseGroups(values, below, grouped)) : [],
      modules: column.modules,
    };
  });
}

function testGroups(rows: readonly AttemptRow[], by: string | undefined): GroupSummary[] {
  if (by === undefined) return [];
  const percents = Float64Array.from(rows, (row) => row.percent);
  const failed = Uint8Array.from(rows, (row) => (row.passed || row.awaiting ? 0 : 1));
  const groups = groupsOf(rows, by);
  const all = summariseGroups(percents, failed, groups);
  // The share failing is of the attempts decided: one awaiting marking has not failed.
  const decided = summariseGroups(Float64Array.from(rows, (row) => (row.awaiting ? Number.NaN : row.percent)), failed, groups);
  return byName(all.map((g, i) => ({ ...g, below: decided[i]!.below })));
}

/**
 * Weakest first: most attempts below the floor, then the lowest mean relative
 * to the floor. Only competencies someone fell short in: one everybody met is
 * not a training need, however it ranks.
 */
function weakest(competencies: readonly CompetencySummary[]): CompetencySummary[] {
  return competencies
    .filter((c) => c.n > 0 && c.belowFloor > 0)
    .sort((a, b) => b.belowFloor - a.belowFloor || a.mean - a.floor - (b.mean - b.floor))
    .slice(0, WEAKEST);
}

export interface ReportInput {
  table: BankTable;
  rows: readonly AttemptRow[];
  read: number;
  skipped: Skipped[];
  allAttempts: boolean;
  by?: string;
  /** Whether the bank file was given. @default false */
  bankGiven?: boolean;
  /** Set when the rows are the after set of --compare, given no other paths: names that set. */
  afterSetOnly?: string;
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function notesOf(input: ReportInput, used: number, simulated: number): ReportNote[] {
  const notes: ReportNote[] = [];
  if (simulated > 0) {
    notes.push({ kind: 'simulated', message: `${simulated === used ? `all ${plural(used, 'attempt')}` : `${simulated} of ${plural(used, 'attempt')}`} simulated by frontline simulate: practice data, not results of people` });
  }
  if (input.afterSetOnly !== undefined) {
    notes.push({ kind: 'after-set-only', message: `test, competency and item figures describe the after set of --compare (${input.afterSetOnly})` });
  }
  if (!input.bankGiven) {
    notes.push({ kind: 'no-bank', message: 'no --bank: titles and floors come from the records, training modules only from recorded gaps, and items show no stem or option text' });
  }
  if (used < FLAG_LIMITS.minAttempts) {
    notes.push({ kind: 'few-attempts', message: `${plural(used, 'attempt')}: alpha, SEM, skewness and kurtosis need ${FLAG_LIMITS.minAttempts} or more to mean anything, and no item is flagged` });
  }
  const awaiting = input.rows.filter((r) => r.awaiting).length;
  if (awaiting > 0) {
    notes.push({
      kind: 'awaiting-marking',
      message: `${plural(awaiting, 'attempt')} awaiting marking: neither passed nor failed (the pass rate is of the ${used - awaiting} decided); their scores count only what is marked${input.bankGiven ? '' : ' (give --bank to score them with the marks)'}`,
    });
  }
  if (input.by !== undefined) {
    const untagged = input.rows.filter((r) => r.tags[input.by!] === undefined).length;
    if (untagged > 0) notes.push({ kind: 'untagged', message: `(none) = ${plural(untagged, 'attempt')} without a ${input.by} tag` });
  }
  return notes;
}

export function buildReport(input: ReportInput): Report {
  const { table, rows, by } = input;
  const simulated = rows.filter((r) => r.simulated).length;
  const competencies = competencySummaries(rows, table, by);
  const itemStats = analyseItems(rows, table.items);
  const items = itemStats
    .map((stats) => ({ ...stats, flags: flagItem(stats) }))
    .sort((a, b) => flagRank(a.flags) - flagRank(b.flags) || a.itemRest - b.itemRest || a.id.localeCompare(b.id));
  return {
    bank: table.bank,
    bankGiven: input.bankGiven === true,
    attempts: { read: input.read, used: rows.length, agents: new Set(rows.map((r) => r.employeeId)).size, allAttempts: input.allAttempts, simulated },
    notes: notesOf(input, rows.length, simulated),
    skipped: input.skipped,
    ...(by !== undefined ? { by } : {}),
    test: testStats(rows, itemStats.map((stats) => stats.n), table.passMark),
    groups: testGroups(rows, by),
    competencies,
    weakest: weakest(competencies),
    items,
  };
}

/**
 * Pairs attempts by employee id (one per employee on each side, as selected)
 * and compares each competency present on both sides. Before and after may be
 * different bank versions (parallel forms); competencies pair by id.
 */
export function comparePrePost(
  before: { table: BankTable; rows: readonly AttemptRow[] },
  after: { table: BankTable; rows: readonly AttemptRow[] },
  confidence = 0.95,
): PrePost {
  const afterBy = new Map(after.rows.map((r) => [r.employeeId, r]));
  const pairs: Array<[AttemptRow, AttemptRow]> = [];
  for (const row of before.rows) {
    const match = afterBy.get(row.employeeId);
    if (match) pairs.push([row, match]);
  }
  pairs.sort(([a], [b]) => a.employeeId.localeCompare(b.employeeId));
  const shared = before.table.competencies
    .map((c, i) => ({ id: c.id, title: c.title, b: i, a: after.table.competencies.findIndex((x) => x.id === c.id) }))
    .filter((c) => c.a >= 0);
  const at = (arr: Float32Array, i: number): number => (i < arr.length ? arr[i]! : Number.NaN);
  const competencies = shared.map((c) => {
    const b: number[] = [];
    const a: number[] = [];
    for (const [x, y] of pairs) {
      const pb = at(x.competency, c.b);
      const pa = at(y.competency, c.a);
      if (!Number.isNaN(pb) && !Number.isNaN(pa)) {
        b.push(pb);
        a.push(pa);
      }
    }
    return { id: c.id, title: c.title, ...pairedComparison(b, a, confidence) };
  });
  const agents = pairs.map(([x, y]) => ({
    employeeId: x.employeeId,
    name: y.name || x.name,
    before: x.percent,
    after: y.percent,
    change: y.percent - x.percent,
    competencies: shared.map((c) => {
      const d = at(y.competency, c.a) - at(x.competency, c.b);
      return Number.isNaN(d) ? null : d;
    }),
  }));
  return {
    before: { bank: before.table.bank, attempts: before.rows.length },
    after: { bank: after.table.bank, attempts: after.rows.length },
    overall: pairedComparison(pairs.map(([x]) => x.percent), pairs.map(([, y]) => y.percent), confidence),
    competencies,
    agents,
    unpairedBefore: before.rows.length - pairs.length,
    unpairedAfter: after.rows.length - pairs.length,
  };
}
