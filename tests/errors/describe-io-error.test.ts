import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { describeIoError, ioError } from '../../src/errors/user-error.js';

/** The error a real fs call throws for `path`. */
function failureOf(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    return error;
  }
  throw new Error('the call did not fail');
}

describe('describeIoError: the one errno -> words table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontline-errno-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'file'), 'x');
  symlinkSync('loop-b', join(dir, 'loop-a'));
  symlinkSync('loop-a', join(dir, 'loop-b'));

  it.each([
    ['a missing file', () => readFileSync(join(dir, 'missing')), 'no such file or directory'],
    ['a directory', () => readFileSync(dir), 'is a directory'],
    ['a path through a file', () => readFileSync(join(dir, 'file', 'below')), 'a part of the path is not a directory'],
    ['a loop of symbolic links', () => readFileSync(join(dir, 'loop-a')), 'too many levels of symbolic links'],
  ])('names %s from the real error', (_, read, words) => {
    expect(describeIoError(failureOf(read))).toBe(words);
  });

  it.each([
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['ENOSPC', 'no space left on device'],
  ])('names %s', (code, words) => {
    expect(describeIoError(Object.assign(new Error('raw'), { code }))).toBe(words);
  });

  it('falls back to the message of an error it has no words for', () => {
    expect(describeIoError(Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' }))).toBe('EMFILE: too many open files');
  });

  it('is what ioError says after the file and verb', () => {
    const error = ioError('bank.yaml', failureOf(() => readFileSync(join(dir, 'missing'))), 'open');
    expect(error.message).toBe('bank.yaml: cannot open: no such file or directory');
    expect(error.exitCode).toBe(ExitCode.io);
  });
});
