import type { AttemptRecord } from '../attempt/types.js';
import type { Bank, Item, TrainingModule } from '../bank/types.js';
import { competencyFloor } from '../bank/defaults.js';
import { ANSWER_MULTIPLE, ANSWER_NONE, ANSWER_NULL, ANSWER_SINGLE, ANSWER_TRUE_FALSE, ANSWER_WRITTEN, withFacts, type AttemptFacts } from './attempt-facts.js';

/** What kind of answer an item takes, as far as distractor analysis cares. */
export type ChoiceKind = 'single' | 'multiple' | 'true-false' | 'other';

export interface ItemColumn {
  id: string;
  competency: string;
  kind: ChoiceKind;
  /** Option ids in bit order: bit i of a choice mask is `options[i]`. */
  options: string[];
  /** Keyed option ids, from the bank when given. */
  key?: string[];
  optionText?: Record<string, string>;
  /** The item's stem, from the bank when given. */
  stem?: string;
}

export interface CompetencyColumn {
  id: string;
  title: string;
  floor: number;
  modules: TrainingModule[];
}

/**
 * One attempt kept compactly: typed arrays indexed by item and competency
 * column, so 100,000 attempts fit in tens of megabytes instead of holding every
 * parsed record. Arrays may be shorter than the final column count (columns are
 * discovered as records arrive); a missing entry means "not on this form".
 */
export interface AttemptRow {
  id: string;
  employeeId: string;
  name: string;
  tags: Record<string, string>;
  startedAt: number;
  percent: number;
  passed: boolean;
  /** Written replies wait for a marker: neither passed nor failed yet (`percent` counts what is scored). */
  awaiting: boolean;
  /** Made by `frontline simulate`. */
  simulated: boolean;
  /** Competency percents; NaN where the form had none. */
  competency: Float32Array;
  met: Uint8Array;
  /** Item score fraction (−1..1); NaN where the item was not on the form, or is a written reply waiting for a marker. */
  scores: Float32Array;
  /** Bit mask of chosen options; 0 = no response; for a written reply, 1 when it holds text. */
  choices: Uint32Array;
  timeMs: Float32Array;
  source: string;
}

export interface BankKey {
  id: string;
  version: string;
  title: string;
  hash: string;
}

export type SkipReason = 'invalid' | 'duplicate' | 'other-bank';

export interface Skipped {
  source: string;
  reason: SkipReason;
  message: string;
}

const MAX_OPTIONS = 32;

function choiceKind(item: Item | undefined, answer: number): ChoiceKind {
  if (item) return item.type === 'single' || item.type === 'multiple' || item.type === 'true-false' ? item.type : 'other';
  return answer === ANSWER_SINGLE ? 'single' : answer === ANSWER_MULTIPLE ? 'multiple' : answer === ANSWER_TRUE_FALSE ? 'true-false' : 'other';
}

/** Elements per slab: row arrays are views into shared slabs, because 100,000 rows × 5 small ArrayBuffers cost more in bookkeeping than in data. */
const SLAB = 1 << 16;

class Slabs<T extends Float32Array | Uint32Array | Uint8Array> {
  private slab: T | undefined;
  private used = 0;

  constructor(private readonly make: (length: number) => T) {}

  take(length: number): T {
    if (!this.slab || this.used + length > this.slab.length) {
      this.slab = this.make(Math.max(SLAB, length));
      this.used = 0;
    }
    const view = this.slab.subarray(this.used, this.used + length) as T;
    this.used += length;
    return view;
  }
}

/** Rows for one bank hash, with their column dictionaries. */
export class BankTable {
  private readonly floats = new Slabs((n) => new Float32Array(n));
  private readonly words = new Slabs((n) => new Uint32Array(n));
  private readonly bytes = new Slabs((n) => new Uint8Array(n));
  readonly items: ItemColumn[] = [];
  readonly competencies: CompetencyColumn[] = [];
  readonly rows: AttemptRow[] = [];
  /** The pass mark: the bank's when given, else the first record's (every record of one bank hash has the same). */
  passMark = Number.NaN;
  private readonly itemIndex = new Map<string, number>();
  private readonly competencyIndex = new Map<string, number>();
  /** Options the forms showed, by item id, for columns that do not count choices yet (or do not exist yet). */
  private readonly formOptions = new Map<string, string[]>();

  constructor(
    readonly bank: BankKey,
    private readonly source?: Bank,
  ) {
    if (source) {
      this.passMark = source.policy.passMark;
      for (const c of source.competencies) this.competencyColumn(c.id, c.title, competencyFloor(c), c.modules ?? []);
      for (const item of source.items) this.itemColumn(item.id, item.competency, item, ANSWER_NULL);
    }
  }

  private competencyColumn(id: string, title: string, floor: number, modules: TrainingModule[]): number {
    let index = this.competencyIndex.get(id);
    if (index === undefined) {
      index = this.competencies.length;
      this.competencyIndex.set(id, index);
      this.competencies.push({ id, title, floor, modules: [...modules] });
    }
    return index;
  }

  private itemColumn(id: string, competency: string, item: Item | undefined, answer: number): number {
    let index = this.itemIndex.get(id);
    if (index === undefined) {
      index = this.items.length;
      this.itemIndex.set(id, index);
      const column: ItemColumn = { id, competency, kind: choiceKind(item, answer), options: [], ...(item ? { stem: item.stem } : {}) };
      if (item && (item.type === 'single' || item.type === 'multiple')) {
        column.options = item.options.map((o) => o.id).slice(0, MAX_OPTIONS);
        column.key = item.type === 'single' ? [item.answer] : [...item.answer];
        column.optionText = Object.fromEntries(item.options.map((o) => [o.id, o.text]));
      } else if (item && item.type === 'true-false') {
        column.options = ['true', 'false'];
        column.key = [String(item.answer)];
      } else if (column.kind === 'true-false') {
        column.options = ['true', 'false'];
      }
      this.items.push(column);
      this.takeFormOptions(column);
    } else if (this.items[index]!.kind === 'other' && !this.source && answer > ANSWER_NULL) {
      // Without a bank an unanswered first sighting leaves the kind unknown; the first response settles it.
      const kind = choiceKind(undefined, answer);
      if (kind !== 'other') {
        this.items[index]!.kind = kind;
        if (kind === 'true-false') this.items[index]!.options = ['true', 'false'];
        this.takeFormOptions(this.items[index]!);
      }
    }
    return index;
  }

  /**
   * Without the bank, the forms are the only place an option nobody chose shows
   * up (a dead distractor). Call for every record read, counted or not: each
   * item's options come once per reading thread (see AttemptFacts.form).
   */
  learnOptions(f: AttemptFacts): void {
    if (this.source) return;
    for (let e = 0; e < f.form; e += 1) {
      const id = f.formItemId[e]!;
      const known = this.formOptions.get(id);
      if (known === undefined) this.formOptions.set(id, [...f.formOptions[e]!]);
      else for (const option of f.formOptions[e]!) if (!known.includes(option)) known.push(option);
      const index = this.itemIndex.get(id);
      if (index !== undefined) this.takeFormOptions(this.items[index]!);
    }
  }

  private takeFormOptions(column: ItemColumn): void {
    if (column.kind !== 'single' && column.kind !== 'multiple') return;
    for (const option of this.formOptions.get(column.id) ?? []) this.optionBit(column, option);
  }

  private optionBit(column: ItemColumn, option: string): number {
    let bit = column.options.indexOf(option);
    if (bit < 0) {
      if (column.options.length >= MAX_OPTIONS) return 0;
      bit = column.options.push(option) - 1;
    }
    return 1 << bit >>> 0;
  }

  private choiceMask(column: ItemColumn, answer: number, choices: readonly string[], from: number, to: number): number {
    switch (answer) {
      case ANSWER_SINGLE:
      case ANSWER_TRUE_FALSE:
        return this.optionBit(column, choices[from]!);
      case ANSWER_MULTIPLE: {
        let mask = 0;
        for (let c = from; c < to; c += 1) mask = (mask | this.optionBit(column, choices[c]!)) >>> 0;
        // An empty multiple-response answer is still an answer: mark it with the top bit.
        return mask === 0 ? 0x80000000 : mask;
      }
      case ANSWER_WRITTEN:
        return to > from ? 1 : 0;
      default:
        return 0;
    }
  }

  /** Copies what the report needs from `f` (which the caller may reuse). */
  add(f: AttemptFacts, source: string): void {
    if (Number.isNaN(this.passMark)) this.passMark = f.passMark;
    for (const c of f.competencies) this.competencyColumn(c.id, c.title, c.floor, []);
    for (const gap of f.gaps) {
      const column = this.competencies[this.competencyColumn(gap.competency, gap.title, gap.floor, [])]!;
      if (column.modules.length === 0) column.modules = gap.modules.map((m) => ({ ...m }));
    }
    const columns = new Array<number>(f.items);
    for (let i = 0; i < f.items; i += 1) columns[i] = this.itemColumn(f.itemId[i]!, f.competency[i]!, undefined, f.answer[i]!);

    const competency = this.floats.take(this.competencies.length).fill(Number.NaN);
    const met = this.bytes.take(this.competencies.length);
    for (const c of f.competencies) {
      const index = this.competencyIndex.get(c.id)!;
      competency[index] = c.percent;
      met[index] = c.met ? 1 : 0;
    }
    const k = this.items.length;
    const scores = this.floats.take(k).fill(Number.NaN);
    const choices = this.words.take(k);
    const timeMs = this.floats.take(k);
    for (let i = 0; i < f.items; i += 1) {
      const index = columns[i]!;
      scores[index] = f.score[i]!;
      const answer = f.answer[i]!;
      if (answer !== ANSWER_NONE) {
        choices[index] = this.choiceMask(this.items[index]!, answer, f.choices, f.choiceStart[i]!, f.choiceStart[i + 1]!);
        timeMs[index] = f.timeSpentMs[i]!;
      }
    }
    this.rows.push({
      id: f.id,
      employeeId: f.employeeId,
      name: f.name,
      tags: f.tags,
      startedAt: f.startedAt,
      percent: f.percent,
      passed: f.passed,
      awaiting: f.awaiting,
      simulated: f.simulated,
      competency,
      met,
      scores,
      choices,
      timeMs,
      source,
    });
  }
}

/**
 * Collects records as they are read, one table per bank hash, and drops
 * duplicates. Which bank wins is decided at the end: the one given with
 * `--bank`, else the one most records were taken on.
 */
export class AttemptCollector {
  private readonly tables = new Map<string, BankTable>();
  private readonly seen = new Map<string, { source: string; hash: string }>();
  readonly skipped: Skipped[] = [];

  constructor(private readonly bank?: { bank: Bank; hash: string }) {}

  invalid(source: string, message: string): void {
    this.skipped.push({ source, reason: 'invalid', message });
  }

  /** A record that passed the attempt schema. */
  add(record: AttemptRecord, source: string): void {
    withFacts(record, (facts) => this.addFacts(facts, source));
  }

  addFacts(record: AttemptFacts, source: string): void {
    const table = this.learnForm(record);
    // "First" means first by source name, not by arrival: the same run always keeps the same copy.
    if (this.claim(record.id, source, record.bank.hash)) table.add(record, source);
  }

  /** Takes the options a record's form shows, also from a record that is not counted (see AttemptFacts.form). */
  learnForm(record: AttemptFacts): BankTable {
    let table = this.tables.get(record.bank.hash);
    if (!table) {
      const mine = this.bank && this.bank.hash === record.bank.hash ? this.bank.bank : undefined;
      table = new BankTable({ ...record.bank }, mine);
      this.tables.set(record.bank.hash, table);
    }
    table.learnOptions(record);
    return table;
  }

  /** Records the id as seen; false when an earlier-named copy is already kept. */
  private claim(id: string, source: string, hash: string): boolean {
    const first = this.seen.get(id);
    if (first !== undefined) {
      if (first.source <= source) {
        this.skipped.push({ source, reason: 'duplicate', message: `${source}: duplicate of attempt ${id} (kept ${first.source})` });
        return false;
      }
      const rows = this.tables.get(first.hash)!.rows;
      const index = rows.findIndex((r) => r.id === id);
      if (index >= 0) rows.splice(index, 1);
      this.skipped.push({ source: first.source, reason: 'duplicate', message: `${first.source}: duplicate of attempt ${id} (kept ${source})` });
    }
    this.seen.set(id, { source, hash });
    return true;
  }

  /** The chosen table (null when nothing was read) with every record of the other banks reported as skipped. */
  finish(): { table: BankTable | null; skipped: Skipped[] } {
    const tables = [...this.tables.values()];
    let chosen: BankTable | undefined;
    if (this.bank) chosen = this.tables.get(this.bank.hash);
    else chosen = tables.sort((a, b) => b.rows.length - a.rows.length)[0];
    const skipped = [...this.skipped];
    const expected = chosen
      ? `${chosen.bank.id} ${chosen.bank.version} (${shortHash(chosen.bank.hash)})`
      : this.bank
        ? `${this.bank.bank.id} ${this.bank.bank.version} (${shortHash(this.bank.hash)})`
        : '';
    for (const table of this.tables.values()) {
      if (table === chosen) continue;
      for (const row of table.rows) {
        skipped.push({
          source: row.source,
          reason: 'other-bank',
          message: `${row.source}: taken on ${table.bank.id} ${table.bank.version} (${shortHash(table.bank.hash)}), not ${expected}`,
        });
      }
    }
    return { table: chosen ?? null, skipped };
  }
}

export function shortHash(hash: string): string {
  const hex = hash.replace(/^sha256:/, '');
  return `sha256:${hex.slice(0, 8)}`;
}

/** One row per employee: the earliest attempt (or every attempt with `all`), in time order. */
export function selectAttempts(rows: readonly AttemptRow[], all: boolean): AttemptRow[] {
  const sorted = [...rows].sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
  if (all) return sorted;
  const seen = new Set<string>();
  return sorted.filter((row) => (seen.has(row.employeeId) ? false : (seen.add(row.employeeId), true)));
}

