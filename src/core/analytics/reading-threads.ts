/**
 * Disk reads (in 512-byte blocks, as getrusage counts them) between two
 * finished units above which reading waits on the disk: 1 MiB. From the page
 * cache the count stays near zero.
 */
export const DISK_BOUND = 2048;

/**
 * When to add a reading thread: while the files come from the disk rather than
 * the page cache, one thread's reading overlaps another's parsing and the disk
 * serves several reads at once (100,000 attempt files on this project's 2-CPU
 * VM: 20 s on two threads, 14 s on four); from the cache, more threads than
 * CPUs only share them. One thread is added at a time, and the next only after
 * the last one added has finished a unit.
 */
export class ReadingThreads {
  private lastReads: number;
  private waitingFor: number | undefined;

  /** `count` threads run now; `diskReads` is the process's count of blocks read so far. */
  constructor(
    private count: number,
    private readonly most: number,
    diskReads: number,
  ) {
    this.lastReads = diskReads;
  }

  get threads(): number {
    return this.count;
  }

  /**
   * Thread `thread` (numbered from 0 in the order they were added) finished a
   * unit; true: add one more now. `mayAdd` says whether one more could help
   * (units are left, and of many small files: a JSONL file is read in order,
   * which the kernel reads ahead of, and more threads only cost memory).
   */
  finished(thread: number, diskReads: number, mayAdd: boolean): boolean {
    const read = diskReads - this.lastReads;
    this.lastReads = diskReads;
    if (thread === this.waitingFor) this.waitingFor = undefined;
    if (this.waitingFor !== undefined || this.count >= this.most || !mayAdd || read <= DISK_BOUND) return false;
    this.waitingFor = this.count;
    this.count += 1;
    return true;
  }
}
