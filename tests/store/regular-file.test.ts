import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readRegularFile } from '../../src/store/regular-file.js';

// readSync, watched: how many calls a file takes, and what each one gives.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, readSync: vi.fn(actual.readSync) };
});
const readSync = vi.mocked(fs.readSync);

const root = mkdtempSync(join(tmpdir(), 'frontline-regular-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  readSync.mockClear();
});

describe('readRegularFile: system calls per file', () => {
  const file = join(root, 'cert.json');
  const text = `${JSON.stringify({ a: 'x'.repeat(5000) }, null, 2)}\n`;
  writeFileSync(file, text);

  it('reads a whole file in one read: a short read past the size fstat gave is its end', () => {
    const read = readRegularFile(file, 1024 * 1024, Buffer.allocUnsafe(1024 * 1024 + 1));
    expect(read.ok && read.bytes.toString()).toBe(text);
    expect(readSync).toHaveBeenCalledTimes(1);
  });

  it('reads on after a short read that stops before that size', () => {
    const actual = readSync.getMockImplementation()! as (fd: number, buffer: Buffer, offset: number, length: number, position: null) => number;
    // The first read gives 100 bytes only, as a file system may.
    const shortRead = (fd: number, buffer: Buffer, offset: number, _length: number, position: null): number => actual(fd, buffer, offset, 100, position);
    readSync.mockImplementationOnce(shortRead as typeof fs.readSync);
    const read = readRegularFile(file, 1024 * 1024, Buffer.allocUnsafe(1024 * 1024 + 1));
    expect(read.ok && read.bytes.toString()).toBe(text);
    expect(readSync).toHaveBeenCalledTimes(2);
  });

  it('still stops one byte past the cap', () => {
    const read = readRegularFile(file, 1024, Buffer.allocUnsafe(4096));
    expect(read).toMatchObject({ ok: false, kind: 'too-large' });
    expect(readSync).not.toHaveBeenCalled();
  });
});
