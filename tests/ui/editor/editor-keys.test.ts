import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { NO_PASTE, editorKeys, type EditorCommand, type PasteState } from '../../../src/ui/editor/editor-keys.js';

const none: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

/** As Ink 6.8 reports each of these (probed: its useInput, the bytes in `raw`). */
const press = (raw: string, input: string, key: Partial<Key> = {}) => ({ raw, input, key: { ...none, ...key } });

describe('editorKeys', () => {
  it.each<[string, ReturnType<typeof press>, EditorCommand[]]>([
    ['a letter', press('a', 'a'), [{ type: 'insert', text: 'a', pasted: false }]],
    ['n, a command elsewhere, is text', press('n', 'n'), [{ type: 'insert', text: 'n', pasted: false }]],
    ['Enter', press('\r', '', { return: true }), [{ type: 'insert', text: '\n', pasted: false }]],
    ['Tab', press('\t', '', { tab: true }), [{ type: 'insert', text: '\t', pasted: false }]],
    // Ink names both `delete`: only the bytes tell them apart.
    ['Backspace (DEL)', press('\u007F', '', { delete: true }), [{ type: 'backspace' }]],
    ['Backspace (^H)', press('\b', '', { backspace: true }), [{ type: 'backspace' }]],
    ['Delete', press('\u001B[3~', '', { delete: true }), [{ type: 'delete' }]],
    ['Home', press('\u001B[H', '', { home: true }), [{ type: 'row-start' }]],
    ['Home (ESC[1~)', press('\u001B[1~', '', { home: true }), [{ type: 'row-start' }]],
    ['Ctrl-A', press('\u0001', 'a', { ctrl: true }), [{ type: 'row-start' }]],
    ['End', press('\u001B[F', '', { end: true }), [{ type: 'row-end' }]],
    ['Ctrl-E', press('\u0005', 'e', { ctrl: true }), [{ type: 'row-end' }]],
    ['Ctrl-left', press('\u001B[1;5D', '', { leftArrow: true, ctrl: true }), [{ type: 'word-left' }]],
    ['Alt-b', press('\u001Bb', 'b', { meta: true }), [{ type: 'word-left' }]],
    ['Alt-f', press('\u001Bf', 'f', { meta: true }), [{ type: 'word-right' }]],
    ['up', press('\u001B[A', '', { upArrow: true }), [{ type: 'up' }]],
    ['PgDn', press('\u001B[6~', '', { pageDown: true }), [{ type: 'page', pages: 1 }]],
    ['Esc', press('\u001B', '', { escape: true, meta: true }), [{ type: 'leave' }]],
    ['Ctrl-O', press('\u000F', 'o', { ctrl: true }), [{ type: 'external' }]],
    ['Ctrl-R', press('\u0012', 'r', { ctrl: true }), [{ type: 'read-back' }]],
    ['Ctrl-C', press('\u0003', 'c', { ctrl: true }), [{ type: 'quit' }]],
    ['another Ctrl key does nothing', press('\u0007', 'g', { ctrl: true }), []],
    ['a colour sequence typed or pasted bare does nothing', press('\u001B[31m', '', { ctrl: true, meta: true }), []],
    [
      'a burst: text, a line break, a backspace',
      press('Hi\rAnaa\u007F', 'Hi\rAnaa\u007F'),
      [{ type: 'insert', text: 'Hi\rAnaa', pasted: true }, { type: 'backspace' }],
    ],
    ['Ctrl-C inside a burst still quits', press('ab\u0003', 'ab\u0003'), [{ type: 'insert', text: 'ab', pasted: true }, { type: 'quit' }]],
  ])('%s', (_what, p, commands) => {
    expect(editorKeys(NO_PASTE, p)).toEqual({ paste: NO_PASTE, commands });
  });

  it('a bracketed paste is kept raw until it ends, then inserted whole', () => {
    let paste: PasteState = NO_PASTE;
    const all: EditorCommand[] = [];
    for (const raw of ['\u001B[200~', 'Hi\r', '\u001B[31m', 'there', '\u0003', '\u001B', '\u001B[201~']) {
      const out = editorKeys(paste, press(raw, raw.replace('\u001B', '')));
      paste = out.paste;
      all.push(...out.commands);
    }
    expect(paste).toEqual(NO_PASTE);
    expect(all).toEqual([{ type: 'insert', text: 'Hi\r\u001B[31mthere\u0003\u001B', pasted: true }]);
  });

  it('a paste over 4 MiB keeps its start and says that it dropped the rest', () => {
    let out = editorKeys(NO_PASTE, press('\u001B[200~', '[200~'));
    const chunk = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 5; i += 1) out = editorKeys(out.paste, press(chunk, chunk));
    expect(out.paste).toMatchObject({ active: true, dropped: true });
    expect(out.paste.active && out.paste.raw.length).toBe(4 * 1024 * 1024);
    out = editorKeys(out.paste, press('\u001B[201~', '[201~'));
    expect(out.commands).toEqual([{ type: 'insert', text: 'x'.repeat(4 * 1024 * 1024), pasted: true, dropped: true }]);
  });
});
