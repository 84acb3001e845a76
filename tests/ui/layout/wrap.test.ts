import { describe, expect, it } from 'vitest';
import { wrapHanging, wrapText } from '../../../src/ui/layout/wrap.js';

describe('wrapText', () => {
  it.each([
    ['short', 10, ['short']],
    ['one two three four', 9, ['one two', 'three', 'four']],
    ['para one\n\npara two', 20, ['para one', '', 'para two']],
    ['abcdefghijkl', 5, ['abcde', 'fghij', 'kl']],
    ['see https://example.net/a/very/long/path now', 12, ['see', 'https://exam', 'ple.net/a/ve', 'ry/long/path', 'now']],
  ])('%j at %i columns', (text, width, expected) => {
    expect(wrapText(text, width)).toEqual(expected);
  });

  it('never returns a line wider than asked', () => {
    const text = 'The customer says the router light is orange and flashing, and it keeps dropping every afternoon.';
    for (const width of [8, 13, 40, 79]) {
      for (const l of wrapText(text, width)) expect(l.length).toBeLessThanOrEqual(width);
    }
  });
});

describe('wrapHanging', () => {
  it('indents continuation lines under the text, not the prefix', () => {
    expect(wrapHanging('> 1. ', 'alpha beta gamma delta', 16)).toEqual(['> 1. alpha beta', '     gamma delta']);
  });
});
