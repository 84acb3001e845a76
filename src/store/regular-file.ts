import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs'; // sync: verify starts sooner without node:fs/promises
import { describeIoError } from '../errors/user-error.js';

// O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer, for ever.
// Windows has no such flag (and no FIFOs by that name), so it is 0 there.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export type RegularFileRead =
  | { ok: true; bytes: Buffer }
  /** A FIFO, a device, a socket or a directory: not read at all. */
  | { ok: false; kind: 'not-regular'; message: string }
  | { ok: false; kind: 'too-large'; message: string }
  | { ok: false; kind: 'io'; message: string; cause: unknown };

/** What a file that is not a regular file is, in words. */
export function describeFileType(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Opens a file to read if it is a regular file; a FIFO, a device, a socket or
 * a folder is closed again and named. Throws what openSync throws.
 */
export function openRegular(path: string): { ok: true; fd: number; stats: Stats } | { ok: false; message: string } {
  const fd = openSync(path, OPEN_FLAGS);
  const stats = fstatSync(fd);
  if (stats.isFile()) return { ok: true, fd, stats };
  closeSync(fd);
  return { ok: false, message: `${describeFileType(stats)}, not a file` };
}

/**
 * The bytes of a regular file of at most `maxBytes`, or why not. Never blocks
 * on a FIFO, never reads a device (a link to /dev/zero has no end), and stops
 * one byte past the limit even if the file grows while it is read.
 *
 * With `scratch` (more than `maxBytes` long) the bytes are read into it and
 * returned as a view of it, valid until the next read into it: a batch of
 * small files then allocates no buffer per file (~8 µs and a garbage
 * collection's worth of memory less per certificate).
 */
export function readRegularFile(path: string, maxBytes: number, scratch?: Buffer): RegularFileRead {
  let fd: number | undefined;
  try {
    const opened = openRegular(path);
    if (!opened.ok) return { ok: false, kind: 'not-regular', message: opened.message };
    fd = opened.fd;
    const { stats } = opened;
    if (stats.size > maxBytes) return tooLarge(maxBytes);
    if (scratch !== undefined && scratch.length > maxBytes) return readRest(fd, scratch.subarray(0, maxBytes + 1), 0, maxBytes, stats.size);
    const buffer = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) {
        if (length > maxBytes) return tooLarge(maxBytes);
        // It grew since fstat: read on, still bounded.
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, length * 2));
        buffer.copy(grown, 0, 0, length);
        return readRest(fd, grown, length, maxBytes, stats.size);
      }
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, kind: 'io', message: describeIoError(error), cause: error };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Reads on into `buffer` until the end of the file or the end of the buffer.
 * Once the `size` fstat gave has been read, a read that gives less than it was
 * asked for is the end of a regular file: one system call a file less than
 * reading on until a read gives nothing (a batch opens, reads and closes
 * each file, so that is a fifth of its calls).
 */
function readRest(fd: number, buffer: Buffer, from: number, maxBytes: number, size: number): RegularFileRead {
  let length = from;
  while (length < buffer.length) {
    const wanted = buffer.length - length;
    const n = readSync(fd, buffer, length, wanted, null);
    length += n;
    if (n === 0 || (n < wanted && length >= size)) return { ok: true, bytes: buffer.subarray(0, length) };
  }
  return tooLarge(maxBytes);
}

function tooLarge(maxBytes: number): RegularFileRead {
  const size = maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MB` : `${maxBytes / 1024} KB`;
  return { ok: false, kind: 'too-large', message: `larger than ${size}` };
}
