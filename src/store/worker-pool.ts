import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { ExitCode } from '../errors/exit-codes.js';
import { UserError } from '../errors/user-error.js';

/**
 * Threads a pool starts at most, whatever the CPUs: each holds its own heap
 * and copy of the job, and past this memory grows faster than throughput.
 */
export const MOST_THREADS = 8;

/** The calling thread, as the `thread` of a result it worked out itself (PoolOptions.here). */
export const HERE = -1;

/**
 * Threads worth working on `work` units when each should get at least
 * `perThread` of them (starting a thread costs 50-100 ms of CPU): one per CPU
 * at most, and MOST_THREADS.
 */
export function poolThreads(work: number, perThread: number): number {
  return Math.min(availableParallelism(), MOST_THREADS, Math.floor(work / perThread));
}

/**
 * What a pool's threads run: the module (a command's bundle: its own
 * `import.meta.url`, which must export `name`) and the name of the export
 * that, called once per thread with `data`, returns the function that does
 * one task. Tasks, results and `data` cross threads by structured clone.
 */
export interface PoolWorker {
  url: string;
  name: string;
  data?: unknown;
}

/** The export PoolWorker names: set up once per thread, then one call per task. */
export type WorkerSetup<Task, Result> = (data: never) => Work<Task, Result> | Promise<Work<Task, Result>>;
/** One task's work in a pool thread; `attached` is what PoolOptions.attach sent with it. The result's `transfer` is moved back, not copied. */
export type Work<Task, Result> = (task: Task, attached: ArrayBuffer | undefined) => { result: Result; transfer?: ArrayBuffer[] };

export interface PoolOptions<Task, Result> {
  worker: PoolWorker;
  /** Worker threads to start (0: only `here` works). */
  threads: number;
  /** Handed out in this order, the next to whichever thread has room. */
  tasks: readonly Task[];
  /** What the command calls itself in the message when a thread stops (`verify`, `report`). */
  label: string;
  /**
   * The calling thread works too: it takes the next task whenever it is free
   * (between results). Without it, the calling thread only hands out tasks and
   * takes results.
   */
  here?: (task: Task) => Result;
  /** Something to move to `thread` with its next task (a buffer of an earlier result, to be written into again). */
  attach?: (thread: number) => ArrayBuffer | undefined;
  /** Each result as it arrives, before `done` (results from one thread arrive in the order it was given them). */
  received?: (result: Result, thread: number) => void;
  /** Each result, in task order. */
  done: (result: Result, index: number, thread: number) => void;
  /** After a worker's result arrives: true starts one more thread (`upcoming` is the next task to hand out). */
  grow?: (thread: number, upcoming: Task | undefined) => boolean;
  /** Threads startThreads started for this `worker`: taken over first; those not needed are stopped. */
  started?: StartedThreads;
}

/** A thread startThreads started, and what stopped it before runPool took it over. */
interface EarlyThread {
  thread: Worker;
  stopped?: { why: string; cause?: unknown };
  /** Removes the listeners that recorded `stopped`: runPool's own take over. */
  adopt: () => void;
}

/**
 * Threads started before their tasks are known, for runPool (`started`) to
 * take over: they load their module while the caller still lists its work.
 */
export interface StartedThreads {
  threads: EarlyThread[];
}

/**
 * Starts `count` pool threads for `worker` now. Until runPool takes them over
 * they do not keep the process alive (a caller that fails before its pool
 * runs exits as it would have), and an error or exit is kept, for runPool to
 * report as it reports a thread that stops while it runs.
 */
export async function startThreads(worker: PoolWorker, count: number): Promise<StartedThreads> {
  const { Worker } = await import('node:worker_threads');
  const threads: EarlyThread[] = [];
  for (let i = 0; i < count; i += 1) {
    const thread = new Worker(BOOT, { eval: true, workerData: worker });
    thread.unref();
    const early: EarlyThread = { thread, adopt: () => undefined };
    const onError = (error: Error): void => void (early.stopped ??= { why: error.message, cause: error });
    const onExit = (code: number): void => void (early.stopped ??= { why: `exit code ${code}` });
    thread.on('error', onError).on('exit', onExit);
    early.adopt = () => {
      thread.off('error', onError).off('exit', onExit);
      thread.ref();
    };
    threads.push(early);
  }
  return { threads };
}

/** Tasks a worker holds at once: one it works on, one queued for when it finishes, so it never waits on this thread. */
const DEPTH = 2;

/**
 * The code every pool thread starts with: it loads the module PoolWorker
 * names (a command's CommonJS bundle by require(), as the CLI loads it; else
 * by import()), sets up once, and answers each task with its index.
 */
const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, name, data } = workerData;
const load = url.endsWith('.cjs') ? Promise.resolve(require(require('node:url').fileURLToPath(url))) : import(url);
load.then((module) => module[name](data)).then((work) => {
  parentPort.on('message', ({ index, task, attached }) => {
    const { result, transfer } = work(task, attached);
    parentPort.postMessage({ index, result }, transfer ?? []);
  });
});
`;

interface FromWorker<Result> {
  index: number;
  result: Result;
}

/**
 * Runs every task on `threads` worker threads (and on this one, given
 * `here`), and hands each result to `done` in task order as soon as those
 * before it are in. A thread that fails or stops with tasks unanswered ends
 * the run with a UserError naming it (never a wait for results that will not
 * come); every thread is stopped before this returns or throws.
 */
export async function runPool<Task, Result>(options: PoolOptions<Task, Result>): Promise<void> {
  try {
    await runThreads(options);
  } finally {
    // Started early but not needed (fewer tasks or threads than guessed): stopped with the rest.
    await Promise.all((options.started?.threads.splice(0) ?? []).map(({ thread }) => thread.terminate()));
  }
}

async function runThreads<Task, Result>(options: PoolOptions<Task, Result>): Promise<void> {
  const { tasks, here, done } = options;
  if (options.threads <= 0) {
    if (!here) throw new Error('runPool: no worker threads and no work here');
    tasks.forEach((task, index) => {
      const result = here(task);
      options.received?.(result, HERE);
      done(result, index, HERE);
    });
    return;
  }
  const { Worker } = await import('node:worker_threads');
  const workers: Worker[] = [];
  const finished = new Map<number, { result: Result; thread: number }>();
  let next = 0;
  let merged = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let over = false;
      const fail = (error: unknown): void => {
        over = true;
        reject(error);
      };
      const stopped = (thread: number, why: string, cause?: unknown): void =>
        fail(
          new UserError(`${options.label}: thread ${thread + 1} of ${workers.length} stopped (${why}) with ${tasks.length - merged} of ${tasks.length} tasks unfinished`, {
            exitCode: ExitCode.internal,
            hint: 'this is a bug in frontline or too little memory: run again with --debug for the cause, and report it',
            cause,
          }),
        );
      const mergeInOrder = (): void => {
        for (let entry = finished.get(merged); entry; entry = finished.get(merged)) {
          finished.delete(merged);
          done(entry.result, merged, entry.thread);
          merged += 1;
        }
        if (merged === tasks.length) {
          over = true;
          resolve();
        }
      };
      const give = (thread: number): void => {
        if (next >= tasks.length) return;
        const index = next++;
        const attached = options.attach?.(thread);
        workers[thread]!.postMessage({ index, task: tasks[index], attached }, attached ? [attached] : []);
      };
      const start = (): void => {
        const thread = workers.length;
        const early = options.started?.threads.shift();
        early?.adopt();
        const worker = early?.thread ?? new Worker(BOOT, { eval: true, workerData: options.worker });
        workers.push(worker);
        worker.on('message', (message: FromWorker<Result>) => {
          if (over) return;
          try {
            options.received?.(message.result, thread);
            if (options.grow?.(thread, tasks[next])) start();
            give(thread);
            finished.set(message.index, { result: message.result, thread });
            mergeInOrder();
          } catch (error) {
            fail(error);
          }
        });
        worker.on('error', (error) => {
          if (!over) stopped(thread, error.message, error);
        });
        worker.on('messageerror', (error) => {
          if (!over) stopped(thread, `a message could not be read: ${error.message}`, error);
        });
        worker.on('exit', (code) => {
          if (!over) stopped(thread, `exit code ${code}`);
        });
        if (early?.stopped) {
          stopped(thread, early.stopped.why, early.stopped.cause);
          return;
        }
        for (let i = 0; i < DEPTH; i += 1) give(thread);
      };
      for (let thread = 0; thread < Math.min(options.threads, tasks.length); thread += 1) start();
      if (tasks.length === 0) resolve();
      if (!here) return;
      // This thread takes a task whenever it gets a turn, so results from the others are taken between its tasks.
      const work = (): void => {
        if (over || next >= tasks.length) return;
        const index = next++;
        try {
          const result = here(tasks[index]!);
          options.received?.(result, HERE);
          finished.set(index, { result, thread: HERE });
          mergeInOrder();
        } catch (error) {
          fail(error);
          return;
        }
        setImmediate(work);
      };
      setImmediate(work);
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
