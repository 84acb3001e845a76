import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/cli/errors.js';
import { ioError, UserError } from '../../src/errors/user-error.js';
import { ExitCode } from '../../src/errors/exit-codes.js';

describe('describeError', () => {
  it('shows a user error as one line with its hint and no stack', () => {
    const report = describeError(new UserError('bank.yaml:3:1: bad', { hint: 'fix it', exitCode: ExitCode.invalidInput }), false);
    expect(report).toEqual({ lines: ['frontline: bank.yaml:3:1: bad', 'hint: fix it'], exitCode: ExitCode.invalidInput });
  });

  it('keeps a message with line breaks in it (JSON.parse quotes the input) on one line', () => {
    let parseError: Error | undefined;
    try {
      JSON.parse('garbage\n\n');
    } catch (error) {
      parseError = error as Error;
    }
    const report = describeError(new UserError(`attempt.json: not valid JSON (${parseError?.message})`), false);
    expect(report.lines).toHaveLength(1);
    expect(report.lines[0]).toMatch(/^frontline: attempt\.json: not valid JSON \(Unexpected token .+\)$/);
  });

  it('adds the stack of a user error only with --debug', () => {
    const report = describeError(new UserError('bad'), true);
    expect(report.lines[1]).toMatch(/UserError: bad\n\s+at /);
  });

  it('calls anything else an internal error and hides its stack without --debug', () => {
    const report = describeError(new TypeError('x is undefined'), false);
    expect(report.exitCode).toBe(ExitCode.internal);
    expect(report.lines.join('\n')).not.toMatch(/\bat /);
    expect(report.lines[0]).toBe('frontline: internal error: x is undefined');
  });

  it('shows the stack of an internal error with --debug', () => {
    expect(describeError(new TypeError('boom'), true).lines[1]).toMatch(/TypeError: boom\n\s+at /);
  });
});

describe('a file-system error no command caught (issue 17.17)', () => {
  it.each([
    ['EROFS', 'mkdir', '/data/journals', 'frontline: /data/journals: cannot write: read-only file system'],
    ['ENOSPC', 'write', '/data/attempts/a.json', 'frontline: /data/attempts/a.json: cannot write: no space left on device'],
    ['EACCES', 'open', '/data/config.json', 'frontline: /data/config.json: cannot open: permission denied'],
  ])('%s from %s is an io error naming the path, not an internal one', (code, syscall, path, line) => {
    const raw = Object.assign(new Error(`${code}: raw, ${syscall} '${path}'`), { code, syscall, path });
    const report = describeError(raw, false);
    expect(report.exitCode).toBe(ExitCode.io);
    expect(report.lines).toEqual([line]);
  });
});

describe('ioError', () => {
  it.each([
    ['ENOENT', 'no such file or directory'],
    ['EACCES', 'permission denied'],
    ['EISDIR', 'is a directory'],
    ['ENOSPC', 'no space left on device'],
    ['EROFS', 'read-only file system'],
  ])('names the file and says %s plainly', (code, words) => {
    const error = ioError('banks/a.yaml', Object.assign(new Error('raw'), { code }));
    expect(error.message).toBe(`banks/a.yaml: cannot read: ${words}`);
    expect(error.exitCode).toBe(ExitCode.io);
  });
});

describe('exit codes', () => {
  it('gives every outcome its own number', () => {
    const values = Object.values(ExitCode);
    expect(new Set(values).size).toBe(values.length);
  });
});
