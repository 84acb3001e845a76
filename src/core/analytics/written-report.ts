import { checkMark, DEFAULT_MARKING_RULE, resolveMarks, type Mark, type MarkingRule } from '../attempt/marking.js';
import type { Bank, WrittenItem } from '../bank/types.js';
import { cohensKappa, markerAgreement, markerSeverity, MIN_SEVERITY_REPLIES, type Kappa, type MarkerSeverity } from './agreement.js';
import type { AttemptRow, BankTable } from './attempt-table.js';

/** A mark as read from a marks file, with the line it is on. */
export interface MarkLine {
  mark: Mark;
  line: number;
}

/**
 * Splits marks into those that fit their item's rubric and warnings naming
 * `file:LINE` for those that do not. A mark naming an item this bank does
 * not have as a written item is another bank's (marks.jsonl is shared by the
 * data dir): left out without a warning.
 */
export function checkMarkLines(bank: Bank, lines: readonly MarkLine[], file: string): { marks: Mark[]; warnings: string[] } {
  const written = new Map(bank.items.filter((i): i is WrittenItem => i.type === 'written').map((i) => [i.id, i]));
  const marks: Mark[] = [];
  const warnings: string[] = [];
  for (const { mark, line } of lines) {
    const item = written.get(mark.item);
    if (item === undefined) continue;
    const problem = checkMark(item, mark);
    if (problem === undefined) marks.push(mark);
    else warnings.push(`${file}:${line}: ${problem}`);
  }
  return { marks, warnings };
}

/**
 * Pairs below 2k² (k levels of the criterion), and kappa is given without an
 * interval: Cicchetti (1981, Applied Psychological Measurement 5(1), 101–104),
 * after the Monte Carlo studies of Cicchetti & Fleiss (1977), puts the least
 * number of subjects for the large-sample theory of weighted kappa at 2k².
 */
export function minPairsForInterval(levels: number): number {
  return 2 * levels * levels;
}

/** A kappa as reported: the interval only when there are enough pairs for it. */
export interface KappaFigure {
  kappa: number;
  /** Large-sample standard error (Fleiss, Cohen & Everitt 1969). */
  se: number;
  /** z against kappa = 0, with the standard error under that hypothesis. */
  z: number;
  /** 95% interval; null when the pairs are fewer than `minPairs`. */
  low: number | null;
  high: number | null;
}

export interface CriterionAgreementFigures {
  /** Replies with both a first and a second mark. */
  pairs: number;
  /** Pairs needed before an interval is given (2k²). */
  minPairs: number;
  /** Quadratic-weighted kappa: the figure to read. Null when it cannot be computed (no pairs, or one level used throughout). */
  quadratic: KappaFigure | null;
  /** Cohen's unweighted kappa: agreement on the exact level, beyond chance. */
  unweighted: KappaFigure | null;
}

export interface CriterionSummary {
  id: string;
  criterion: string;
  competency: string;
  /** Top points of the criterion. */
  max: number;
  /** Replies whose marks stand (resolved). */
  n: number;
  /** Mean of the points standing on those replies; NaN with none. */
  mean: number;
  agreement: CriterionAgreementFigures;
}

export interface WaitingCounts {
  /** No mark yet. */
  first: number;
  /** A first mark; a second is required. */
  second: number;
  /** First and second disagree beyond the tolerance. */
  third: number;
}

export interface WrittenItemSummary {
  id: string;
  stem: string;
  /** Replies with text in the attempts the report uses (an empty reply scores 0 and needs no marker). */
  replies: number;
  /** Replies whose marks stand. */
  marked: number;
  waiting: WaitingCounts;
  criteria: CriterionSummary[];
}

export interface WrittenSection {
  /** Where the marks came from (the file's name). */
  marksFile: string;
  rule: MarkingRule;
  replies: number;
  marked: number;
  waiting: WaitingCounts;
  items: WrittenItemSummary[];
  /** Markers' severity against the others on the same replies, harshest first; see SeverityVerdict. */
  markers: MarkerSeverity[];
  /** Replies below this, and no marker is called severe or lenient. */
  minSeverityReplies: number;
  /** Marks lines that do not fit the rubric, as `file:LINE: why`; torn lines too. */
  warnings: string[];
}

function figure(k: Kappa | undefined, interval: boolean): KappaFigure | null {
  if (k === undefined) return null;
  return { kappa: k.kappa, se: k.se, z: k.z, low: interval ? k.low : null, high: interval ? k.high : null };
}

export interface WrittenInput {
  bank: Bank;
  table: BankTable;
  /** The attempts the report uses. */
  rows: readonly AttemptRow[];
  /** Marks that fit their rubric (see checkMarkLines). */
  marks: readonly Mark[];
  marksFile: string;
  warnings: readonly string[];
  rule?: MarkingRule;
}

/**
 * The written replies section: per item and criterion the mean points that
 * stand and how many replies wait for which marker, each marker's severity,
 * and first-against-second agreement per criterion. Only replies in the
 * attempts the report uses count, and only the marks on them. Undefined when
 * the bank has no written item.
 */
export function buildWrittenSection(input: WrittenInput): WrittenSection | undefined {
  const { bank, table, rows } = input;
  const rule = input.rule ?? DEFAULT_MARKING_RULE;
  const items = bank.items.filter((i): i is WrittenItem => i.type === 'written');
  if (items.length === 0) return undefined;
  const byReply = new Map<string, Mark[]>();
  for (const mark of input.marks) {
    const key = `${mark.attempt}\n${mark.item}`;
    const own = byReply.get(key);
    if (own) own.push(mark);
    else byReply.set(key, [mark]);
  }
  const used: Mark[] = [];
  const summaries = items.map((item): WrittenItemSummary => {
    const column = table.items.findIndex((c) => c.id === item.id);
    const waiting: WaitingCounts = { first: 0, second: 0, third: 0 };
    const sums = new Map(item.rubric.map((c) => [c.id, 0]));
    let replies = 0;
    let marked = 0;
    for (const row of rows) {
      if (column < 0 || column >= row.choices.length || row.choices[column] === 0) continue;
      replies += 1;
      const marks = byReply.get(`${row.id}\n${item.id}`) ?? [];
      used.push(...marks);
      const resolution = resolveMarks(item, marks, rule);
      switch (resolution.state) {
        case 'unmarked':
          waiting.first += 1;
          break;
        case 'awaiting-second':
          waiting.second += 1;
          break;
        case 'awaiting-third':
          waiting.third += 1;
          break;
        case 'resolved':
          marked += 1;
          for (const c of item.rubric) sums.set(c.id, sums.get(c.id)! + (resolution.points[c.id] ?? 0));
          break;
        default: {
          const never: never = resolution;
          throw new Error(`unexpected resolution ${String(never)}`);
        }
      }
    }
    return { id: item.id, stem: item.stem, replies, marked, waiting, criteria: item.rubric.map((c) => ({
      id: c.id,
      criterion: c.criterion,
      competency: c.competency,
      max: Math.max(0, ...c.levels.map((l) => l.points)),
      n: marked,
      mean: marked > 0 ? sums.get(c.id)! / marked : Number.NaN,
      agreement: { pairs: 0, minPairs: minPairsForInterval(c.levels.length), quadratic: null, unweighted: null },
    })) };
  });
  const agreement = markerAgreement(bank, used);
  for (const a of agreement) {
    const criterion = summaries.find((s) => s.id === a.item)?.criteria.find((c) => c.id === a.criterion);
    if (criterion === undefined) continue;
    const interval = a.pairs >= criterion.agreement.minPairs;
    criterion.agreement = {
      pairs: a.pairs,
      minPairs: criterion.agreement.minPairs,
      quadratic: figure(a.kappa, interval),
      unweighted: figure(a.pairs > 0 ? cohensKappa(a.table, 'unweighted') : undefined, interval),
    };
  }
  const sum = (pick: (s: WrittenItemSummary) => number): number => summaries.reduce((total, s) => total + pick(s), 0);
  return {
    marksFile: input.marksFile,
    rule,
    replies: sum((s) => s.replies),
    marked: sum((s) => s.marked),
    waiting: { first: sum((s) => s.waiting.first), second: sum((s) => s.waiting.second), third: sum((s) => s.waiting.third) },
    items: summaries,
    markers: markerSeverity(used),
    minSeverityReplies: MIN_SEVERITY_REPLIES,
    warnings: [...input.warnings],
  };
}
