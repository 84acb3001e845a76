import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { UserError } from '../../src/errors/user-error.js';
import { HERE, runPool, startThreads, type PoolOptions } from '../../src/store/worker-pool.js';

const url = new URL('../fixtures/pool/workers.mjs', import.meta.url).href;

/** Runs the pool and lists what `done` was given, in the order it was given. */
async function collect<Task, Result>(options: Omit<PoolOptions<Task, Result>, 'done' | 'label'>): Promise<Array<{ result: Result; index: number; thread: number }>> {
  const out: Array<{ result: Result; index: number; thread: number }> = [];
  await runPool({ ...options, label: 'test', done: (result, index, thread) => out.push({ result, index, thread }) });
  return out;
}

describe('runPool', () => {
  const tasks = Array.from({ length: 12 }, (_, i) => i);
  // Early tasks slowest: on several threads they finish last, and must still come out first.
  const delays = tasks.map((n) => (n < 3 ? 60 - n * 20 : 0));

  it.each([
    ['one thread', 1, false],
    ['three threads', 3, false],
    ['two threads and this one', 2, true],
    ['this thread only', 0, true],
  ])('%s: every result once, in task order', async (_, threads, withHere) => {
    const out = await collect<number, { n: number; square: number; thread: number }>({
      worker: { url, name: 'square', data: { delays } },
      threads,
      tasks,
      ...(withHere ? { here: (n: number) => ({ n, square: n * n, thread: 0 }) } : {}),
    });
    expect(out.map((o) => o.index)).toEqual(tasks);
    expect(out.map((o) => o.result.square)).toEqual(tasks.map((n) => n * n));
    const threadsUsed = new Set(out.map((o) => o.thread));
    if (threads === 0) expect([...threadsUsed]).toEqual([HERE]);
    else expect(threadsUsed.size).toBeGreaterThan(threads > 1 || withHere ? 1 : 0);
    expect(threadsUsed.has(HERE)).toBe(withHere);
  });

  it('moves what attach gives to the thread, and the thread can move it back', async () => {
    const spare: ArrayBuffer[] = [];
    const reused: boolean[] = [];
    await runPool<number, { n: number; buffer: ArrayBuffer; reused: boolean }>({
      worker: { url, name: 'fill' },
      threads: 1,
      tasks,
      label: 'test',
      attach: () => spare.pop(),
      done: (result) => {
        expect(new Float64Array(result.buffer)[0]).toBe(result.n);
        reused.push(result.reused);
        spare.push(result.buffer);
      },
    });
    // The first two go out before any buffer comes back; later ones write into returned buffers.
    expect(reused.slice(0, 2)).toEqual([false, false]);
    expect(reused.slice(2).some(Boolean)).toBe(true);
  });

  it('starts another thread when grow says so', async () => {
    let asked = 0;
    const out = await collect<number, { thread: number }>({
      worker: { url, name: 'square', data: { delays: [] } },
      threads: 1,
      tasks,
      grow: () => ++asked === 1,
    });
    expect(new Set(out.map((o) => o.thread)).size).toBe(2);
  });

  it.each([
    ['throws', 'throw', /^test: thread \d of 2 stopped \(task 5 is broken\) with \d+ of 12 tasks unfinished$/],
    ['exits', 'exit', /^test: thread \d of 2 stopped \(exit code 3\) with \d+ of 12 tasks unfinished$/],
  ])('a thread that %s ends the run with a UserError naming it, not a wait', async (_, how, message) => {
    const run = collect({ worker: { url, name: 'failing', data: { bad: 5, how } }, threads: 2, tasks });
    await expect(run).rejects.toSatisfy((error: unknown) => error instanceof UserError && error.exitCode === ExitCode.internal && message.test(error.message));
  });

  it('a module without the named export ends the run with a UserError', async () => {
    const run = collect({ worker: { url, name: 'missing' }, threads: 1, tasks });
    await expect(run).rejects.toThrow(/^test: thread 1 of 1 stopped \(.*not a function\)/);
  });

  it('an error in done ends the run with that error', async () => {
    const run = runPool({ worker: { url, name: 'square', data: { delays: [] } }, threads: 2, tasks, label: 'test', done: () => {
      throw new Error('merge failed');
    } });
    await expect(run).rejects.toThrow('merge failed');
  });
});

describe('startThreads: threads started before their tasks are known', () => {
  const tasks = Array.from({ length: 12 }, (_, i) => i);
  const worker = { url, name: 'square', data: { delays: [] } };

  it('runPool takes them over instead of starting its own', async () => {
    const started = await startThreads(worker, 2);
    const ids = started.threads.map(({ thread }) => thread.threadId);
    const out = await collect<number, { square: number; thread: number }>({ worker, threads: 2, tasks, started });
    expect(out.map((o) => o.result.square)).toEqual(tasks.map((n) => n * n));
    expect(new Set(out.map((o) => o.result.thread))).toEqual(new Set(ids));
    expect(started.threads).toEqual([]);
  });

  it('stops those the run does not need, and starts more when it needs more', async () => {
    const started = await startThreads(worker, 3);
    const threads = started.threads.map(({ thread }) => thread);
    const exits = threads.map((thread) => new Promise<number>((resolve) => thread.once('exit', resolve)));
    await collect({ worker, threads: 1, tasks, started });
    await Promise.all(exits);
    const more = await startThreads(worker, 1);
    const out = await collect<number, { thread: number }>({ worker, threads: 3, tasks, started: more });
    expect(new Set(out.map((o) => o.result.thread)).size).toBe(3);
  });

  it('a thread that fails while it loads, before the run, ends the run with a UserError naming it', async () => {
    const started = await startThreads({ url, name: 'missing' }, 1);
    // Let it fail before runPool takes it over.
    await new Promise((resolve) => started.threads[0]!.thread.once('exit', resolve));
    const run = collect({ worker: { url, name: 'missing' }, threads: 1, tasks, started });
    await expect(run).rejects.toSatisfy((error: unknown) => error instanceof UserError && /^test: thread 1 of 1 stopped \(.*not a function\)/.test(error.message));
  });
});
