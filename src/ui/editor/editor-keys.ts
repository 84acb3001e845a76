import type { KeyPress } from '../hooks/split-keys.js';

/** What a keypress does in the draft editor, before it touches the draft. */
export type EditorCommand =
  | { type: 'insert'; text: string; pasted: boolean; dropped?: boolean }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'row-start' }
  | { type: 'row-end' }
  | { type: 'word-left' }
  | { type: 'word-right' }
  | { type: 'page'; pages: number }
  | { type: 'leave' }
  | { type: 'external' }
  | { type: 'read-back' }
  | { type: 'quit' };

/**
 * A bracketed paste under way: what the terminal sent between ESC[200~ and
 * ESC[201~, kept raw (escape sequences and all) and sanitised once, whole,
 * when it ends. Past `PASTE_KEEP` characters the rest is counted, not kept:
 * the draft's cap is far smaller.
 */
export type PasteState = { active: false } | { active: true; raw: string; dropped: boolean };

export const NO_PASTE: PasteState = { active: false };
const PASTE_START = '\u001B[200~';
const PASTE_END = '\u001B[201~';
const PASTE_KEEP = 4 * 1024 * 1024;

export interface EditorKeys {
  paste: PasteState;
  commands: EditorCommand[];
}

/**
 * The editor's key map. Text (typed, or pasted without bracketed paste, when
 * it comes in bursts) is inserted; inside a burst a line break is a new line
 * and DEL a backspace, as they would be typed. Backspace and the Delete key
 * are told apart by their bytes (DEL, ESC[3~), which Ink reports alike.
 */
export function editorKeys(paste: PasteState, press: KeyPress): EditorKeys {
  const raw = press.raw ?? press.input;
  if (paste.active) {
    if (raw === PASTE_END) return { paste: NO_PASTE, commands: [{ type: 'insert', text: paste.raw, pasted: true, ...(paste.dropped ? { dropped: true } : {}) }] };
    if (paste.raw.length + raw.length > PASTE_KEEP) return { paste: { ...paste, dropped: true }, commands: [] };
    return { paste: { active: true, raw: paste.raw + raw, dropped: paste.dropped }, commands: [] };
  }
  if (raw === PASTE_START) return { paste: { active: true, raw: '', dropped: false }, commands: [] };
  return { paste, commands: keyCommands(press, raw) };
}

function keyCommands({ input, key }: KeyPress, raw: string): EditorCommand[] {
  if (key.ctrl && input === 'c') return [{ type: 'quit' }];
  if (key.escape) return [{ type: 'leave' }];
  if (key.ctrl && input === 'o') return [{ type: 'external' }];
  if (key.ctrl && input === 'r') return [{ type: 'read-back' }];
  if ((key.ctrl && input === 'a') || key.home) return [{ type: 'row-start' }];
  if ((key.ctrl && input === 'e') || key.end) return [{ type: 'row-end' }];
  if (key.leftArrow) return [{ type: key.ctrl || key.meta ? 'word-left' : 'left' }];
  if (key.rightArrow) return [{ type: key.ctrl || key.meta ? 'word-right' : 'right' }];
  if (key.meta && input === 'b') return [{ type: 'word-left' }];
  if (key.meta && input === 'f') return [{ type: 'word-right' }];
  if (key.upArrow) return [{ type: 'up' }];
  if (key.downArrow) return [{ type: 'down' }];
  if (key.pageUp) return [{ type: 'page', pages: -1 }];
  if (key.pageDown) return [{ type: 'page', pages: 1 }];
  if (key.return) return [{ type: 'insert', text: '\n', pasted: false }];
  if (key.tab) return [{ type: 'insert', text: '\t', pasted: false }];
  if (raw === '\u007F' || raw === '\b' || key.backspace) return [{ type: 'backspace' }];
  if (key.delete) return [{ type: 'delete' }];
  if (key.ctrl || key.meta || input === '') return [];
  return burstCommands(raw);
}

/** A run of keys the terminal sent as one string: text, with the editing keys that can hide inside it. */
function burstCommands(raw: string): EditorCommand[] {
  const commands: EditorCommand[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') commands.push({ type: 'insert', text, pasted: raw.length > 1 });
    text = '';
  };
  for (const char of raw) {
    if (char === '\u007F' || char === '\b') {
      flush();
      commands.push({ type: 'backspace' });
    } else if (char === '\u0003') {
      flush();
      commands.push({ type: 'quit' });
    } else if (char === '\r' || char === '\n' || char === '\t' || char >= ' ') {
      text += char;
    }
  }
  flush();
  return commands;
}
