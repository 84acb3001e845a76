import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { splitKeys } from '../../../src/ui/hooks/split-keys.js';

const none = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
} satisfies Key;

/** A keypress in words, e.g. "a", "Enter", "Tab", "ctrl+c". */
const named = (press: { input: string; key: Key }): string =>
  press.key.return
    ? 'Enter'
    : press.key.tab
      ? 'Tab'
      : press.key.backspace || press.key.delete
        ? 'Backspace'
        : press.key.ctrl
          ? `ctrl+${press.input}`
          : press.input;

describe('splitKeys', () => {
  it.each([
    ['a lone key', 'a', ['a']],
    ['a run of digits', '53', ['5', '3']],
    ['a name then Tab', 'Ada\t', ['A', 'd', 'a', 'Tab']],
    ['a digit then Enter', '2\r', ['2', 'Enter']],
    ['CR LF as one Enter', '2\r\n', ['2', 'Enter']],
    ['a line feed alone (before raw mode)', '\n', ['Enter']],
    ['backspaces', '\u007F\u007F\b', ['Backspace', 'Backspace', 'Backspace']],
    ['Ctrl-C in a run', 'x\u0003', ['x', 'ctrl+c']],
    ['letters beyond ASCII', 'Zoë', ['Z', 'o', 'ë']],
  ])('%s', (_, input, expected) => {
    expect(splitKeys(input, none).map(named)).toEqual(expected);
  });

  it('marks capitals as shifted, as Ink does for a lone key', () => {
    expect(splitKeys('aB', none).map((p) => p.key.shift)).toEqual([false, true]);
  });

  it('passes named keys and Alt-combinations through unchanged', () => {
    const up = { ...none, upArrow: true };
    expect(splitKeys('', up)).toEqual([{ input: '', key: up }]);
    const alt = { ...none, meta: true };
    expect(splitKeys('ab', alt)).toEqual([{ input: 'ab', key: alt }]);
  });
});
