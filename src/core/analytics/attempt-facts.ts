import type { AttemptRecord } from '../attempt/types.js';
import { isSimulated } from '../attempt/simulated.js';
import { hasWrittenText } from '../attempt/written.js';
import { assertNever } from '../bank/types.js';
import type { TrainingModule } from '../bank/types.js';

/**
 * What the report reads from one attempt record, and nothing else. A parsed
 * record of a 60-item bank is a few thousand objects; its facts are a few
 * hundred numbers in a buffer that moves between threads without copying, and
 * a reader turns them back into the flat columns below without building an
 * object per item.
 */
export interface AttemptFacts {
  id: string;
  employeeId: string;
  name: string;
  bank: { id: string; version: string; title: string; hash: string };
  tags: Record<string, string>;
  /** Milliseconds since the epoch (`Date.parse` of `startedAt`). */
  startedAt: number;
  percent: number;
  /** The pass mark the attempt was scored against. */
  passMark: number;
  passed: boolean;
  /** Written replies wait for a marker: neither passed nor failed yet. */
  awaiting: boolean;
  /** Made by `frontline simulate`. */
  simulated: boolean;
  competencies: CompetencyFact[];
  gaps: GapFact[];
  /** The result's items in record order, as columns of this length. */
  items: number;
  itemId: string[];
  competency: string[];
  /** NaN for a written reply waiting for a marker: it has no score yet. */
  score: number[];
  /** The item's (last) answer: one of the ANSWER_* codes. */
  answer: number[];
  timeSpentMs: number[];
  /** Item i's chosen options are `choices[choiceStart[i] .. choiceStart[i + 1])`: a single choice, multiple choices, or 'true'/'false'. */
  choiceStart: number[];
  choices: string[];
  /**
   * Items whose options this record's form shows and the writer had not yet
   * sent for this bank, as columns of this length: an item's options are the
   * same on every form of a bank (only their order is shuffled), so they travel
   * once per writer, and whoever keeps them must take them from every record
   * read, counted or not.
   */
  form: number;
  formItemId: string[];
  formOptions: ReadonlyArray<readonly string[]>;
}

export interface CompetencyFact {
  id: string;
  title: string;
  floor: number;
  percent: number;
  met: boolean;
}

export interface GapFact {
  competency: string;
  title: string;
  floor: number;
  modules: TrainingModule[];
}

/** The record has no answer for the item. */
export const ANSWER_NONE = 0;
/** An answer whose response is null: never answered. */
export const ANSWER_NULL = 1;
export const ANSWER_SINGLE = 2;
export const ANSWER_MULTIPLE = 3;
export const ANSWER_TRUE_FALSE = 4;
/** Ordering, rating and scenario answers: no options to count. */
const ANSWER_OTHER = 5;
/** A written reply: one "choice" when it holds text (it needs a marker), none when empty. */
export const ANSWER_WRITTEN = 6;

/** Entry tags in a batch. */
const RECORD = 1;
const PROBLEM = 2;

/** One writer's output since its last flush: plain arrays and one transferable buffer. */
export interface FactsBatch {
  /** Strings this writer saw for the first time, in the order it numbered them. */
  strings: string[];
  /** Strings used once (ids, names, messages), referenced as −1, −2, … */
  literals: string[];
  data: Float64Array;
}

/** What a batch holds, entry by entry: a record's facts, or why the text at `at` is not a record. */
export interface FactsVisitor {
  /** `facts` is reused for the next entry: copy what you keep. */
  record(at: number, facts: AttemptFacts): void;
  problem(at: number, problem: string): void;
}

/**
 * Flattens checked records into numbers. Repeated strings (item and option
 * ids, bank, tags) are numbered once per writer, so a batch carries each new
 * string once and every later use as a number.
 */
export class FactsWriter {
  private readonly numbers = new Map<string, number>();
  private strings: string[] = [];
  private literals: string[] = [];
  private data: Float64Array = new Float64Array(1 << 16);
  private length = 0;
  /** Buffers of read batches, given back to be written again: a fresh buffer per batch cost more than the copying it saved. */
  private readonly spare: Float64Array[] = [];
  /** By bank hash and item id, the options already sent (see AttemptFacts.form). */
  private readonly sentOptions = new Map<string, Map<string, Set<string>>>();
  /** By bank hash and competency id, a gap's training modules as JSON. */
  private readonly sentModules = new Map<string, Map<string, string>>();

  private put(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }

  private str(text: string): void {
    let n = this.numbers.get(text);
    if (n === undefined) {
      n = this.numbers.size;
      this.numbers.set(text, n);
      this.strings.push(text);
    }
    this.put(n);
  }

  private literal(text: string): void {
    this.put(-this.literals.push(text));
  }

  /** `at` says where the text came from (a file's index in its unit, or a line number). */
  problem(at: number, problem: string): void {
    this.put(PROBLEM);
    this.put(at);
    this.literal(problem);
  }

  /** A record that passed the attempt schema. */
  record(at: number, record: AttemptRecord): void {
    const result = record.result;
    if (result === undefined) {
      // A sealed attempt: its machine had no key, and only `issue` scores it.
      this.problem(at, `attempt ${record.id} was delivered sealed: it has no score until it is issued`);
      return;
    }
    this.put(RECORD);
    this.put(at);
    this.literal(record.id);
    this.literal(record.candidate.employeeId);
    this.literal(record.candidate.name);
    this.str(record.bank.id);
    this.str(record.bank.version);
    this.str(record.bank.title);
    this.str(record.bank.hash);
    const tags = record.tags ? Object.entries(record.tags) : [];
    this.put(tags.length);
    for (const [key, value] of tags) {
      this.str(key);
      this.str(value);
    }
    this.put(Date.parse(record.startedAt));
    this.put(result.percent);
    this.put(result.passMark);
    // Bit 0: passed; bit 1: simulated; bit 2: awaiting marking.
    this.put((result.passed ? 1 : 0) | (isSimulated(record) ? 2 : 0) | (result.status === 'awaiting-marking' ? 4 : 0));
    this.put(result.competencies.length);
    for (const c of result.competencies) {
      this.str(c.id);
      this.str(c.title);
      this.put(c.floor);
      this.put(c.percent);
      this.put(c.met ? 1 : 0);
    }
    this.put(result.gaps.length);
    let modules = this.sentModules.get(record.bank.hash);
    if (modules === undefined) this.sentModules.set(record.bank.hash, (modules = new Map()));
    for (const g of result.gaps) {
      this.str(g.competency);
      this.str(g.title);
      this.put(g.floor);
      // A gap's modules come from the bank, so every record of it (one hash) has the same: made text once.
      let json = modules.get(g.competency);
      if (json === undefined) modules.set(g.competency, (json = JSON.stringify(g.modules)));
      this.str(json);
    }
    // `take` writes one answer per item, in the result's order: then an item's answer is the one at its place.
    // Otherwise the last answer to an item counts, through a map from item id to answer. A map per record, not one
    // kept and cleared: a long-lived map's table holds the record's objects past the next young collection, which
    // then promotes every parsed record into the old generation (measured: 160 MB promoted per 20,000 records).
    const given = record.answers;
    const items = result.items;
    let inOrder = given.length === items.length;
    for (let i = 0; inOrder && i < items.length; i += 1) inOrder = given[i]!.itemId === items[i]!.itemId;
    let answers: Map<string, AttemptRecord['answers'][number]> | undefined;
    if (!inOrder) {
      answers = new Map();
      for (const answer of given) answers.set(answer.itemId, answer);
    }
    this.put(items.length);
    for (let i = 0; i < items.length; i += 1) {
      const item = items[i]!;
      this.str(item.itemId);
      this.str(item.competency);
      this.put(item.pending === true ? Number.NaN : item.score);
      const answer = answers === undefined ? given[i] : answers.get(item.itemId);
      if (answer === undefined) {
        this.put(ANSWER_NONE);
        continue;
      }
      const response = answer.response;
      if (response === null) {
        this.put(ANSWER_NULL);
        this.put(answer.timeSpentMs);
        this.put(0);
        continue;
      }
      switch (response.type) {
        case 'single':
          this.put(ANSWER_SINGLE);
          this.put(answer.timeSpentMs);
          this.put(1);
          this.str(response.choice);
          break;
        case 'multiple':
          this.put(ANSWER_MULTIPLE);
          this.put(answer.timeSpentMs);
          this.put(response.choices.length);
          for (const choice of response.choices) this.str(choice);
          break;
        case 'true-false':
          this.put(ANSWER_TRUE_FALSE);
          this.put(answer.timeSpentMs);
          this.put(1);
          this.str(response.value ? 'true' : 'false');
          break;
        case 'ordering':
        case 'rating':
        case 'scenario':
          this.put(ANSWER_OTHER);
          this.put(answer.timeSpentMs);
          this.put(0);
          break;
        case 'written': {
          const text = hasWrittenText(response.text);
          this.put(ANSWER_WRITTEN);
          this.put(answer.timeSpentMs);
          this.put(text ? 1 : 0);
          if (text) this.str('text');
          break;
        }
        default:
          assertNever(response, 'response type');
      }
    }
    // Most records show nothing new: their count is written last, over a placeholder.
    const countAt = this.length;
    this.put(0);
    let sentNow = 0;
    let sent = this.sentOptions.get(record.bank.hash);
    if (sent === undefined) this.sentOptions.set(record.bank.hash, (sent = new Map()));
    for (const entry of record.form) {
      const order = entry.optionOrder;
      if (order === undefined || order.length === 0) continue;
      let known = sent.get(entry.itemId);
      if (known !== undefined && knowsAll(known, order)) continue;
      if (known === undefined) sent.set(entry.itemId, (known = new Set()));
      for (const option of order) known.add(option);
      this.put(order.length);
      this.str(entry.itemId);
      for (const option of order) this.str(option);
      sentNow += 1;
    }
    this.data[countAt] = sentNow;
  }

  /** Everything written since the last flush; `data` is this writer's until given back with `recycle`. */
  flush(): FactsBatch {
    const batch = { strings: this.strings, literals: this.literals, data: this.data.subarray(0, this.length) };
    this.strings = [];
    this.literals = [];
    this.length = 0;
    this.data = this.spare.pop() ?? new Float64Array(this.data.length);
    return batch;
  }

  /** Takes back a flushed batch's buffer (whole, not only the part written) once it has been read. */
  recycle(buffer: Float64Array): void {
    if (buffer.length > 0) this.spare.push(buffer);
  }
}

function knowsAll(known: ReadonlySet<string>, options: readonly string[]): boolean {
  for (let o = 0; o < options.length; o += 1) if (!known.has(options[o]!)) return false;
  return true;
}

function emptyFacts(): AttemptFacts {
  return {
    id: '',
    employeeId: '',
    name: '',
    bank: { id: '', version: '', title: '', hash: '' },
    tags: {},
    startedAt: 0,
    percent: 0,
    passMark: 0,
    passed: false,
    awaiting: false,
    simulated: false,
    competencies: [],
    gaps: [],
    items: 0,
    itemId: [],
    competency: [],
    score: [],
    answer: [],
    timeSpentMs: [],
    choiceStart: [0],
    choices: [],
    form: 0,
    formItemId: [],
    formOptions: [],
  };
}

/** Reads the batches of one writer, in the order it flushed them. */
export class FactsReader {
  private readonly strings: string[] = [];
  private readonly modules = new Map<number, TrainingModule[]>();
  private readonly banks = new Map<string, AttemptFacts['bank']>();
  private readonly facts = emptyFacts();
  private readonly formOptions: (readonly string[])[] = [];

  /** Takes in the batch's new strings; call for every batch in flush order, before reading it. */
  receive(batch: FactsBatch): void {
    for (const s of batch.strings) this.strings.push(s);
  }

  /** Call for every batch, in flush order, even one whose entries are not wanted: see AttemptFacts.form. */
  read(batch: FactsBatch, visitor: FactsVisitor): void {
    const { data, literals } = batch;
    const strings = this.strings;
    const f = this.facts;
    let i = 0;
    const str = (): string => {
      const n = data[i++]!;
      return n < 0 ? literals[-n - 1]! : strings[n]!;
    };
    while (i < data.length) {
      const tag = data[i++]!;
      const at = data[i++]!;
      if (tag === PROBLEM) {
        visitor.problem(at, str());
        continue;
      }
      if (tag !== RECORD) throw new Error(`facts batch: unknown entry ${tag} at ${i - 2}`);
      f.id = str();
      f.employeeId = str();
      f.name = str();
      const bankKey = `${data[i]},${data[i + 1]},${data[i + 2]},${data[i + 3]}`;
      const bank = { id: str(), version: str(), title: str(), hash: str() };
      f.bank = this.banks.get(bankKey) ?? (this.banks.set(bankKey, bank), bank);
      const tags: Array<[string, string]> = [];
      for (let t = data[i++]!; t > 0; t -= 1) tags.push([str(), str()]);
      // fromEntries defines own properties, so a tag named __proto__ stays a tag.
      f.tags = Object.fromEntries(tags);
      f.startedAt = data[i++]!;
      f.percent = data[i++]!;
      f.passMark = data[i++]!;
      const marks = data[i++]!;
      f.passed = (marks & 1) === 1;
      f.simulated = (marks & 2) === 2;
      f.awaiting = (marks & 4) === 4;
      const competencies: CompetencyFact[] = [];
      for (let c = data[i++]!; c > 0; c -= 1) {
        const id = str();
        const title = str();
        competencies.push({ id, title, floor: data[i]!, percent: data[i + 1]!, met: data[i + 2] === 1 });
        i += 3;
      }
      f.competencies = competencies;
      const gaps: GapFact[] = [];
      for (let g = data[i++]!; g > 0; g -= 1) {
        const competency = str();
        const title = str();
        const floor = data[i++]!;
        const ref = data[i]!;
        const json = str();
        let modules = this.modules.get(ref);
        if (!modules) {
          modules = JSON.parse(json) as TrainingModule[];
          if (ref >= 0) this.modules.set(ref, modules);
        }
        gaps.push({ competency, title, floor, modules });
      }
      f.gaps = gaps;
      const items = data[i++]!;
      f.items = items;
      let chosen = 0;
      for (let k = 0; k < items; k += 1) {
        f.itemId[k] = str();
        f.competency[k] = str();
        f.score[k] = data[i++]!;
        const code = data[i++]!;
        f.answer[k] = code;
        if (code !== ANSWER_NONE) {
          f.timeSpentMs[k] = data[i++]!;
          for (let c = data[i++]!; c > 0; c -= 1) f.choices[chosen++] = str();
        }
        f.choiceStart[k + 1] = chosen;
      }
      const form = data[i++]!;
      f.form = form;
      const formOptions = this.formOptions;
      for (let e = 0; e < form; e += 1) {
        const count = data[i++]!;
        f.formItemId[e] = str();
        const options = new Array<string>(count);
        for (let o = 0; o < count; o += 1) options[o] = str();
        formOptions[e] = options;
      }
      f.formOptions = formOptions;
      visitor.record(at, f);
    }
  }
}

/** The facts of one checked record, through the same writer and reader the file reader uses. */
export function withFacts(record: AttemptRecord, use: (facts: AttemptFacts) => void): void {
  const writer = new FactsWriter();
  const reader = new FactsReader();
  writer.record(0, record);
  const batch = writer.flush();
  reader.receive(batch);
  reader.read(batch, { record: (_, facts) => use(facts), problem: () => undefined });
}
