import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { newSeed, parseExtraTime, parseTags } from '../../src/cli/run/take-options.js';

describe('take options', () => {
  it.each([
    [undefined, 1],
    ['1', 1],
    ['1.5', 1.5],
    ['4', 4],
  ])('--extra-time %s gives %s', (value, expected) => {
    expect(parseExtraTime(value)).toBe(expected);
  });

  it.each(['0.5', '15', 'abc', '', 'Infinity'])('--extra-time %s is a usage error', (value) => {
    expect(() => parseExtraTime(value)).toThrow(UserError);
    try {
      parseExtraTime(value);
    } catch (error) {
      expect((error as UserError).exitCode).toBe(2);
    }
  });

  it('parses key=value tags, keeping = inside values', () => {
    expect(parseTags(['site=leeds', 'team = blue ', 'note=a=b'])).toEqual({ site: 'leeds', team: 'blue', note: 'a=b' });
    expect(parseTags(undefined)).toEqual({});
  });

  it.each(['site', '=leeds'])('rejects the tag %s', (value) => {
    expect(() => parseTags([value])).toThrow(/expected key=value/);
  });

  it('makes distinct seeds', () => {
    expect(newSeed()).toMatch(/^[0-9a-f]{16}$/);
    expect(newSeed()).not.toBe(newSeed());
  });
});
