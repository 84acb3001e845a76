import { describe, expect, it } from 'vitest';
import { DISK_BOUND, ReadingThreads } from '../../../src/core/analytics/reading-threads.js';

describe('ReadingThreads', () => {
  it('adds no thread while the files come from the page cache', () => {
    const growth = new ReadingThreads(2, 4, 1000);
    let reads = 1000;
    for (let unit = 0; unit < 50; unit += 1) {
      reads += 8; // a few blocks of metadata now and then
      expect(growth.finished(unit % 2, reads, true)).toBe(false);
    }
    expect(growth.threads).toBe(2);
  });

  it('adds one thread at a time while units wait on the disk, each after the last added has finished a unit, up to the most', () => {
    const growth = new ReadingThreads(2, 4, 0);
    let reads = 0;
    const cold = (thread: number): boolean => growth.finished(thread, (reads += 40 * DISK_BOUND), true);
    expect(cold(0)).toBe(true); // thread 2 starts
    expect(growth.threads).toBe(3);
    expect([cold(1), cold(0), cold(1)]).toEqual([false, false, false]); // thread 2 has not finished one yet
    expect(cold(2)).toBe(true); // now it has: thread 3 starts
    expect([cold(0), cold(3), cold(1), cold(2), cold(3)]).toEqual([false, false, false, false, false]); // four is the most
    expect(growth.threads).toBe(4);
  });

  it('judges by what was read since the last finished unit, and adds none when told one could not help', () => {
    const growth = new ReadingThreads(1, 3, 0);
    expect(growth.finished(0, DISK_BOUND, true)).toBe(false); // exactly at the bound: not above it
    expect(growth.finished(0, DISK_BOUND + 1, true)).toBe(false); // one block since the last unit
    expect(growth.finished(0, 3 * DISK_BOUND, false)).toBe(false); // read from disk, but no files left to read
    expect(growth.finished(0, 5 * DISK_BOUND, true)).toBe(true);
    expect(growth.threads).toBe(2);
  });
});
