import { isAscii } from 'node:buffer';
import { closeSync, readSync, statSync } from 'node:fs';
import { oneLine } from '../core/text/one-line.js';
import { openRegular } from './regular-file.js';
import { expand } from './attempt-paths.js';
import { ReadingThreads } from '../core/analytics/reading-threads.js';
import { FactsReader, FactsWriter, type AttemptFacts, type FactsBatch } from '../core/analytics/attempt-facts.js';
import type { AttemptRecord } from '../core/attempt/types.js';
import { parseAttemptRecord } from '../core/attempt/parse-record.js';
import { scoreAttempt } from '../core/attempt/scoring.js';
import { resolvedPoints, type Mark, type MarkingRule } from '../core/attempt/marking.js';
import type { Bank } from '../core/bank/types.js';
import { HERE, MOST_THREADS, poolThreads, runPool, type Work } from './worker-pool.js';

/** Where one record came from: a file, or a line of a JSONL file (`file:line`). */
export interface RecordSink {
  addFacts(record: AttemptFacts, source: string): void;
  /** A record read but not counted (after a JSONL file's first failure): its form may still teach options (see AttemptFacts.form). */
  learnForm(record: AttemptFacts): void;
  invalid(source: string, message: string): void;
}

export interface ReadSummary {
  /** Records seen (good and bad). */
  read: number;
  /** Paths given that do not exist or cannot be read at all. */
  unreadable: string[];
}

export interface ReadOptions {
  /**
   * Reading threads. 0 reads and parses on the calling thread; n > 0 uses n
   * worker threads whatever the size of the set.
   * @default one per CPU when the set is large enough to pay for starting them, else 0
   */
  threads?: number;
  /**
   * The bank the report is about: a record taken on it (same hash) is scored
   * again from its form and answers, and the result it carries is not
   * trusted (it was computed on the candidate's machine).
   */
  rescore?: Rescore;
  /**
   * Bytes of a JSONL file per unit of work (small units put unit boundaries everywhere, for tests).
   * @default 8 MiB
   */
  unitBytes?: number;
  /** Called after each unit is merged: records (estimated for JSONL files) done of the total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The bank the report is about, and the trainers' marks on its written
 * replies (checked against the rubric by the caller): a reply's resolved
 * marks score it, and an attempt with a reply still waiting stays
 * `awaiting-marking`.
 */
export interface Rescore {
  bank: Bank;
  hash: string;
  marks?: readonly Mark[];
  rule?: MarkingRule;
}

/** Files per unit of work; units are handed out one at a time, so both threads stay busy to the end. */
const FILES_PER_UNIT = 200;
/** Bytes of a JSONL file per unit of work; a unit reads the lines that start in its range. */
const BYTES_PER_UNIT = 8 * 1024 * 1024;
/** Fewer records than this per thread, and starting threads (~50 ms each) costs more than it saves. */
const RECORDS_PER_THREAD = 1000;
/** A record of a 10,000-item attempt is about 2 MB; a .json file far past that is not one. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;
/** Bytes per record assumed when sizing a JSONL file. */
const RECORD_BYTES = 16 * 1024;

/** Parses and checks one record's text into the batch at position `at`. */
function take(text: string, at: number, out: FactsWriter): void {
  const parsed = parseAttemptRecord(text);
  if (!parsed.ok) {
    out.problem(at, parsed.problem);
    return;
  }
  const { record } = parsed;
  if (rescoring === undefined || record.bank.hash !== rescoring.hash) {
    out.record(at, record);
    return;
  }
  let result: AttemptRecord['result'];
  try {
    const marks = marksOf(record.id);
    result = scoreAttempt(rescoring.bank, record.form, record.answers, marks.length > 0 ? resolvedPoints(rescoring.bank, record, marks, rescoring.rule) : undefined);
  } catch (error) {
    out.problem(at, `cannot be scored on the bank given: ${oneLine((error as Error).message)}`);
    return;
  }
  out.record(at, { ...record, result });
}

/** The bank records are scored on again in this thread (see ReadOptions.rescore). */
let rescoring: ReadOptions['rescore'];
/** rescoring.marks by attempt id, made on first use in each thread. */
let marksByAttempt: Map<string, Mark[]> | undefined;

function marksOf(attempt: string): readonly Mark[] {
  if (!rescoring?.marks || rescoring.marks.length === 0) return [];
  if (marksByAttempt === undefined) {
    marksByAttempt = new Map();
    for (const mark of rescoring.marks) {
      const own = marksByAttempt.get(mark.attempt);
      if (own) own.push(mark);
      else marksByAttempt.set(mark.attempt, [mark]);
    }
  }
  return marksByAttempt.get(attempt) ?? [];
}

/** A unit of work: some files, or the lines of a JSONL file that start in a byte range. */
type Unit = { kind: 'files'; paths: string[] } | { kind: 'lines'; path: string; start: number; end: number };

interface UnitResult {
  batch: FactsBatch;
  /** Lines that start in a `lines` unit's range, blank ones included. */
  lines: number;
  /** Why a `lines` unit could not read on (after the lines in its batch). */
  failed?: string;
}

/**
 * One buffer per thread for a whole file, or for a JSONL unit's bytes (the text is copied out of it as strings):
 * fewer reads than readFileSync (which reads 8 KB at a time here), and no fresh buffer per file or unit, which cost
 * page faults and, as external memory, full garbage collections.
 */
let scratch = Buffer.allocUnsafe(1 << 20);

/** The file's text as UTF-8 (as `readFileSync(path, 'utf8')`). */
function readText(path: string): string {
  const opened = openRegular(path);
  if (!opened.ok) throw new Error(opened.message);
  const { fd } = opened;
  let length = 0;
  try {
    for (;;) {
      if (length === scratch.length) {
        const grown = Buffer.allocUnsafe(scratch.length * 2);
        scratch.copy(grown, 0, 0, length);
        scratch = grown;
      }
      const n = readSync(fd, scratch, length, scratch.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > MAX_RECORD_BYTES) throw new Error(`larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB: not an attempt record`);
    }
  } finally {
    closeSync(fd);
  }
  // Records are mostly ASCII, which decodes faster as Latin-1 (the same characters).
  return scratch.toString(isAscii(scratch.subarray(0, length)) ? 'latin1' : 'utf8', 0, length);
}

function readFiles(paths: readonly string[], out: FactsWriter): void {
  paths.forEach((path, i) => {
    let text: string;
    try {
      text = readText(path);
    } catch (error) {
      out.problem(i, `cannot read: ${(error as Error).message}`);
      return;
    }
    take(text, i, out);
  });
}

const LF = 10;
const CR = 13;
/** How much more of a JSONL file to load when a line runs past what is loaded. */
const GROW = 1024 * 1024;

/**
 * The lines of a JSONL file that start in [start, end), numbered from 1 in the
 * range, split as readline splits them (LF, CRLF or a lone CR). The last one
 * may run past `end`.
 */
function readLines(path: string, start: number, end: number, out: FactsWriter): { lines: number; failed?: string } {
  let lines = 0;
  let fd: number | undefined;
  try {
    const opened = openRegular(path);
    if (!opened.ok) throw new Error(opened.message);
    fd = opened.fd;
    const file = fd;
    const { size } = opened.stats;
    // `data` holds the file from `base` on; one byte before `start` tells whether `start` begins a line.
    const base = Math.max(0, start - 1);
    let data = Buffer.alloc(0);
    // Next LF and CR at or after the last search; Infinity: none in what is loaded.
    let lf = -1;
    let cr = -1;
    const load = (upTo: number): boolean => {
      const want = Math.min(size, upTo) - base;
      if (want <= data.length) return false;
      // Into the thread's buffer, grown when a unit (or a line running past it) needs more.
      if (want > scratch.length) {
        const bigger = Buffer.allocUnsafe(Math.max(want, scratch.length * 2));
        data.copy(bigger);
        scratch = bigger;
      }
      const grown = scratch;
      let length = data.length;
      while (length < want) {
        const n = readSync(file, grown, length, want - length, base + length);
        if (n === 0) break;
        length += n;
      }
      const more = length > data.length;
      data = grown.subarray(0, length);
      if (lf === Infinity) lf = -1;
      if (cr === Infinity) cr = -1;
      return more;
    };
    /** Position (in `data`) of the next line end at or after `from`; Infinity at the end of the file. */
    const find = (byte: number, from: number): number => {
      const at = data.indexOf(byte, from);
      return at < 0 ? Infinity : at;
    };
    const lineEnd = (from: number): number => {
      for (;;) {
        if (lf < from) lf = find(LF, from);
        if (cr < from) cr = find(CR, from);
        const at = Math.min(lf, cr);
        if (at !== Infinity || !load(base + data.length + GROW)) return at;
      }
    };
    /** Where the line after the line end at `at` starts. */
    const after = (at: number): number => {
      if (data[at] === CR) {
        if (at + 1 >= data.length) load(base + at + 2);
        if (data[at + 1] === LF) return at + 2;
      }
      return at + 1;
    };
    load(end + 1);
    const stop = Math.min(end, size) - base;
    let p = start - base;
    if (start > 0 && !(data[p - 1] === LF || (data[p - 1] === CR && data[p] !== LF))) {
      // `start` is inside a line (or between its CR and LF): that line belongs to the range before.
      const at = lineEnd(p);
      p = at === Infinity ? Infinity : after(at);
    }
    while (p < stop) {
      const at = lineEnd(p);
      lines += 1;
      const text = data.toString('utf8', p, at === Infinity ? data.length : at);
      if (text.trim() !== '') take(text, lines, out);
      if (at === Infinity) break;
      p = after(at);
    }
    return { lines };
  } catch (error) {
    return { lines, failed: `cannot read: ${(error as Error).message}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function runUnit(unit: Unit, out: FactsWriter): UnitResult {
  if (unit.kind === 'files') {
    readFiles(unit.paths, out);
    return { batch: out.flush(), lines: 0 };
  }
  const { lines, failed } = readLines(unit.path, unit.start, unit.end, out);
  return { batch: out.flush(), lines, ...(failed !== undefined ? { failed } : {}) };
}

function unitsOf(files: readonly string[], unitBytes: number): { units: Unit[]; records: number } {
  const units: Unit[] = [];
  let records = 0;
  let paths: string[] = [];
  const flush = (): void => {
    if (paths.length) units.push({ kind: 'files', paths });
    paths = [];
  };
  for (const path of files) {
    if (!path.endsWith('.jsonl')) {
      paths.push(path);
      records += 1;
      if (paths.length === FILES_PER_UNIT) flush();
      continue;
    }
    flush();
    let size = 0;
    try {
      size = statSync(path).size;
    } catch {
      // Reading it will say why.
    }
    records += Math.ceil(size / RECORD_BYTES);
    // An empty (or unreadable) file still gets a unit, which finds no lines (or says why it cannot read).
    for (let start = 0; start < Math.max(size, 1); start += unitBytes) units.push({ kind: 'lines', path, start, end: Math.min(size, start + unitBytes) || 1 });
  }
  flush();
  return { units, records };
}

/**
 * Hands every unit's entries to the sink in unit order: sources, skipped
 * records and duplicates come out the same however many threads read them.
 */
class Merger {
  read = 0;
  private lineBase = 0;
  private failedPath: string | undefined;

  constructor(
    private readonly sink: RecordSink,
    private readonly merged: (unit: Unit) => void = () => undefined,
  ) {}

  merge(unit: Unit, result: UnitResult, reader: FactsReader): void {
    this.mergeUnit(unit, result, reader);
    this.merged(unit);
  }

  private mergeUnit(unit: Unit, result: UnitResult, reader: FactsReader): void {
    if (unit.kind === 'files') {
      reader.read(result.batch, {
        record: (at, facts) => {
          this.read += 1;
          this.sink.addFacts(facts, unit.paths[at]!);
        },
        problem: (at, problem) => {
          this.read += 1;
          const source = unit.paths[at]!;
          this.sink.invalid(source, `${source}: ${problem}`);
        },
      });
      return;
    }
    if (unit.start === 0) {
      this.lineBase = 0;
      this.failedPath = undefined;
    }
    // Reading stops at the first failure in a file, as a stream would; the batch is still read, for what later ones leave out.
    if (this.failedPath === unit.path) {
      reader.read(result.batch, { record: (_, facts) => this.sink.learnForm(facts), problem: () => undefined });
      return;
    }
    const base = this.lineBase;
    reader.read(result.batch, {
      record: (at, facts) => {
        this.read += 1;
        this.sink.addFacts(facts, `${unit.path}:${base + at}`);
      },
      problem: (at, problem) => {
        this.read += 1;
        const source = `${unit.path}:${base + at}`;
        this.sink.invalid(source, `${source}: ${problem}`);
      },
    });
    this.lineBase += result.lines;
    if (result.failed !== undefined) {
      this.read += 1;
      this.failedPath = unit.path;
      this.sink.invalid(unit.path, `${unit.path}: ${result.failed}`);
    }
  }
}

/** Counts merged units as records (a JSONL unit as its bytes over RECORD_BYTES) for `onProgress`. */
function progressOf(units: readonly Unit[], onProgress: ReadOptions['onProgress']): ((unit: Unit) => void) | undefined {
  if (!onProgress) return undefined;
  const weight = (unit: Unit): number => (unit.kind === 'files' ? unit.paths.length : Math.max(1, Math.ceil((unit.end - unit.start) / RECORD_BYTES)));
  const total = units.reduce((sum, unit) => sum + weight(unit), 0);
  let done = 0;
  return (unit) => {
    done += weight(unit);
    onProgress(done, total);
  };
}

/** Sets up a reading thread of readAttemptSet (report's bundle exports it: the pool loads it from there). */
export function attemptReaderWorker(data: { rescore: ReadOptions['rescore'] }): Work<Unit, UnitResult> {
  rescoring = data.rescore;
  marksByAttempt = undefined;
  const writer = new FactsWriter();
  return (unit, buffer) => {
    // A buffer of an earlier batch, merged and sent back to be written into again.
    if (buffer) writer.recycle(new Float64Array(buffer));
    const result = runUnit(unit, writer);
    return { result, transfer: [result.batch.data.buffer as ArrayBuffer] };
  };
}

/**
 * Reads the units on `threads` pool threads (or on this one, for 0), while
 * this thread merges finished units in order. Threads are added, up to
 * `most`, while the files come from the disk (see ReadingThreads).
 */
async function readUnits(units: readonly Unit[], merger: Merger, threads: number, most: number): Promise<void> {
  const hereWriter = new FactsWriter();
  const hereReader = new FactsReader();
  // Strings are numbered per thread in the order it sent them, so each thread's batches are read with its own reader.
  const readers: FactsReader[] = [];
  const readerOf = (thread: number): FactsReader => (thread === HERE ? hereReader : (readers[thread] ??= new FactsReader()));
  // Buffers of merged batches, on their way back to the thread that wrote them.
  const spare: ArrayBuffer[][] = [];
  const diskReads = (): number => process.resourceUsage().fsRead;
  const growth = new ReadingThreads(Math.min(threads, units.length), most, diskReads());
  await runPool<Unit, UnitResult>({
    worker: { url: import.meta.url, name: 'attemptReaderWorker', data: { rescore: rescoring } },
    threads,
    tasks: units,
    label: 'report: reading attempts',
    ...(threads === 0 ? { here: (unit: Unit) => runUnit(unit, hereWriter) } : {}),
    attach: (thread) => spare[thread]?.pop(),
    received: (result, thread) => readerOf(thread).receive(result.batch),
    grow: (thread, upcoming) => growth.finished(thread, diskReads(), upcoming?.kind === 'files'),
    done: (result, index, thread) => {
      merger.merge(units[index]!, result, readerOf(thread));
      const buffer = result.batch.data.buffer as ArrayBuffer;
      if (thread === HERE) hereWriter.recycle(new Float64Array(buffer));
      else (spare[thread] ??= []).push(buffer);
    },
  });
}

/**
 * Reads attempt records from files, JSONL files and directories (recursively:
 * `*.json`, `*.jsonl`) and hands each to `sink` as soon as its unit is read,
 * in name (and line) order, so that the caller keeps only what it needs. Bad
 * records go to `sink.invalid`; nothing here throws for a bad file.
 */
export async function readAttemptSet(paths: readonly string[], sink: RecordSink, options: ReadOptions = {}): Promise<ReadSummary> {
  const files: string[] = [];
  const unreadable: string[] = [];
  for (const path of paths) await expand(path, files, unreadable);
  const { units, records } = unitsOf(files, options.unitBytes ?? BYTES_PER_UNIT);
  const merger = new Merger(sink, progressOf(units, options.onProgress));
  rescoring = options.rescore;
  marksByAttempt = undefined;
  // Reading is synchronous within a unit: attempt records are small and usually in the page cache, where promise-based reads
  // spent more time in open/fstat/close round trips through the thread pool than in reading. One reading thread reads no
  // faster than this one, which merges.
  const fit = poolThreads(records, RECORDS_PER_THREAD);
  const threads = options.threads ?? (fit >= 2 ? fit : 0);
  // Threads asked for are what is used; chosen here, twice as many may be used while the disk is what everyone waits for.
  await readUnits(units, merger, threads, options.threads ?? Math.min(2 * threads, MOST_THREADS));
  return { read: merger.read, unreadable };
}
