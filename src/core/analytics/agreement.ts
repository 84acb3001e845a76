import type { Mark } from '../attempt/marking.js';
import type { Bank, WrittenItem } from '../bank/types.js';
import { tQuantile } from './student-t.js';

/** How much a disagreement between categories i and j of k counts against agreement. */
export type KappaWeighting = 'unweighted' | 'linear' | 'quadratic';

/** Two-sided 95% normal quantile. */
const Z95 = 1.959963984540054;

export interface Kappa {
  /** Ratings in the table. */
  n: number;
  /** Weighted observed and chance-expected agreement. */
  observed: number;
  expected: number;
  kappa: number;
  /** Large-sample standard error (Fleiss, Cohen & Everitt 1969), for the confidence interval. */
  se: number;
  /** Standard error under the hypothesis kappa = 0, for the z test. */
  seNull: number;
  z: number;
  /** 95% interval kappa ± 1.96 se, kept within [-1, 1]. */
  low: number;
  high: number;
}

/** Agreement weight of categories i and j out of k: 1 on the diagonal, 0 at the far corner. */
export function agreementWeight(weighting: KappaWeighting, i: number, j: number, k: number): number {
  switch (weighting) {
    case 'unweighted':
      return i === j ? 1 : 0;
    case 'linear':
      return 1 - Math.abs(i - j) / (k - 1);
    case 'quadratic':
      return 1 - ((i - j) / (k - 1)) ** 2;
    default: {
      const never: never = weighting;
      throw new Error(`unexpected weighting ${String(never)}`);
    }
  }
}

/**
 * Cohen's kappa (weighted: Cohen 1968) for a k×k table of counts, rows the
 * first rater's categories and columns the second's, in scale order. The
 * standard errors are those of Fleiss, Cohen & Everitt (1969), Psychological
 * Bulletin 72(5), 323–327: the non-null one for the interval,
 *   var = [Σ p_ij (w_ij − (w̄_i. + w̄_.j)(1 − κ))² − (κ − p_e(1 − κ))²] / (n (1 − p_e)²),
 * and the null one for the z test,
 *   var0 = [Σ p_i. p_.j (w_ij − (w̄_i. + w̄_.j))² − p_e²] / (n (1 − p_e)²),
 * with w̄_i. = Σ_j p_.j w_ij and w̄_.j = Σ_i p_i. w_ij. Undefined when the
 * table is empty or chance agreement is already perfect (one category used
 * by both raters): kappa is then 0/0.
 */
export function cohensKappa(table: readonly (readonly number[])[], weighting: KappaWeighting = 'quadratic'): Kappa | undefined {
  const k = table.length;
  if (k < 2 || table.some((row) => row.length !== k)) return undefined;
  const n = table.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  if (n === 0) return undefined;
  const p = table.map((row) => row.map((count) => count / n));
  const w = (i: number, j: number) => agreementWeight(weighting, i, j, k);
  const rows = p.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = p[0]!.map((_, j) => p.reduce((sum, row) => sum + row[j]!, 0));
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i += 1) {
    for (let j = 0; j < k; j += 1) {
      observed += w(i, j) * p[i]![j]!;
      expected += w(i, j) * rows[i]! * cols[j]!;
    }
  }
  if (1 - expected < 1e-12) return undefined;
  const kappa = (observed - expected) / (1 - expected);
  const rowMean = rows.map((_, i) => cols.reduce((sum, c, j) => sum + c * w(i, j), 0));
  const colMean = cols.map((_, j) => rows.reduce((sum, r, i) => sum + r * w(i, j), 0));
  let inner = 0;
  let innerNull = 0;
  for (let i = 0; i < k; i += 1) {
    for (let j = 0; j < k; j += 1) {
      inner += p[i]![j]! * (w(i, j) - (rowMean[i]! + colMean[j]!) * (1 - kappa)) ** 2;
      innerNull += rows[i]! * cols[j]! * (w(i, j) - (rowMean[i]! + colMean[j]!)) ** 2;
    }
  }
  const scale = n * (1 - expected) ** 2;
  const se = Math.sqrt(Math.max(0, inner - (kappa - expected * (1 - kappa)) ** 2) / scale);
  const seNull = Math.sqrt(Math.max(0, innerNull - expected ** 2) / scale);
  return {
    n,
    observed,
    expected,
    kappa,
    se,
    seNull,
    z: seNull > 0 ? kappa / seNull : Number.NaN,
    low: Math.max(-1, kappa - Z95 * se),
    high: Math.min(1, kappa + Z95 * se),
  };
}

/** The latest mark of each role per (attempt, item): a marker who re-marks replaces their mark. */
function latest(marks: readonly Mark[]): Map<string, Map<Mark['role'], Mark>> {
  const byResponse = new Map<string, Map<Mark['role'], Mark>>();
  for (const mark of marks) {
    const key = `${mark.attempt}\n${mark.item}`;
    const roles = byResponse.get(key) ?? new Map<Mark['role'], Mark>();
    const held = roles.get(mark.role);
    if (held === undefined || Date.parse(mark.at) >= Date.parse(held.at)) roles.set(mark.role, mark);
    byResponse.set(key, roles);
  }
  return byResponse;
}

export interface CriterionAgreement {
  item: string;
  criterion: string;
  /** Replies marked by both the first and the second marker. */
  pairs: number;
  /** Counts of (first level, second level), rows the first marker's, levels in the rubric's order. */
  table: number[][];
  /** Quadratic-weighted kappa between first and second marks; undefined with too little spread to say. */
  kappa: Kappa | undefined;
}

/**
 * Inter-rater agreement per rubric criterion, first marker against second,
 * on the replies both marked: quadratic-weighted kappa over the criterion's
 * levels in order (a one-level miss costs little, a far miss a lot).
 */
export function markerAgreement(bank: Bank, marks: readonly Mark[]): CriterionAgreement[] {
  const written = bank.items.filter((i): i is WrittenItem => i.type === 'written');
  const responses = latest(marks);
  const out: CriterionAgreement[] = [];
  for (const item of written) {
    const pairs = [...responses.entries()].filter(([key]) => key.endsWith(`\n${item.id}`)).flatMap(([, roles]) => {
      const first = roles.get('first');
      const second = roles.get('second');
      return first && second ? [{ first, second }] : [];
    });
    for (const criterion of item.rubric) {
      const index = new Map(criterion.levels.map((level, i) => [level.points, i]));
      const k = criterion.levels.length;
      const table = Array.from({ length: k }, () => new Array<number>(k).fill(0));
      let counted = 0;
      for (const { first, second } of pairs) {
        const a = index.get(first.levels[criterion.id] ?? Number.NaN);
        const b = index.get(second.levels[criterion.id] ?? Number.NaN);
        if (a === undefined || b === undefined) continue;
        table[a]![b]! += 1;
        counted += 1;
      }
      out.push({ item: item.id, criterion: criterion.id, pairs: counted, table, kappa: counted > 0 ? cohensKappa(table, 'quadratic') : undefined });
    }
  }
  return out;
}

/** Fewer shared replies than this, and a marker is not called severe or lenient whatever their mean. */
export const MIN_SEVERITY_REPLIES = 5;

/**
 * `severe` or `lenient` only when the 95% t interval of the mean difference
 * excludes 0 (a paired t test at 5%) on MIN_SEVERITY_REPLIES or more replies;
 * `in line` when it includes 0; `too few` below that many replies.
 */
export type SeverityVerdict = 'severe' | 'lenient' | 'in line' | 'too few';

export interface MarkerSeverity {
  marker: string;
  /** Replies this marker marked that someone else marked too. */
  responses: number;
  /**
   * Mean, over those replies, of this marker's total rubric points minus the
   * mean total the other markers gave the same reply: below 0 harsher than
   * the others, above 0 more lenient.
   */
  meanDeviation: number;
  /** Sample SD of those differences (NaN for one reply). */
  sd: number;
  /** 95% t interval of the mean difference; NaN with fewer than two replies. */
  low: number;
  high: number;
  verdict: SeverityVerdict;
}

/** Each marker's severity against the others on the same replies, harshest first. */
export function markerSeverity(marks: readonly Mark[]): MarkerSeverity[] {
  const total = (mark: Mark) => Object.values(mark.levels).reduce((a, b) => a + b, 0);
  const deviations = new Map<string, number[]>();
  for (const roles of latest(marks).values()) {
    const given = [...roles.values()];
    for (const mark of given) {
      const others = given.filter((m) => m.marker !== mark.marker);
      if (others.length === 0) continue;
      const deviation = total(mark) - others.reduce((sum, m) => sum + total(m), 0) / others.length;
      const own = deviations.get(mark.marker);
      if (own) own.push(deviation);
      else deviations.set(mark.marker, [deviation]);
    }
  }
  return [...deviations.entries()]
    .map(([marker, ds]) => severityOf(marker, ds))
    .sort((a, b) => a.meanDeviation - b.meanDeviation || a.marker.localeCompare(b.marker));
}

function severityOf(marker: string, ds: readonly number[]): MarkerSeverity {
  const n = ds.length;
  const mean = ds.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(ds.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (n - 1)) : Number.NaN;
  const half = n > 1 ? tQuantile(0.975, n - 1) * (sd / Math.sqrt(n)) : Number.NaN;
  const low = mean - half;
  const high = mean + half;
  // Differences are sums of halves at worst: a mean within rounding of 0 is 0.
  const verdict: SeverityVerdict = n < MIN_SEVERITY_REPLIES ? 'too few' : low > 1e-9 ? 'lenient' : high < -1e-9 ? 'severe' : 'in line';
  return { marker, responses: n, meanDeviation: mean, sd, low, high, verdict };
}
