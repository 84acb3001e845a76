import {
  backspace,
  deleteForward,
  draftOf,
  insertText,
  layoutDraft,
  moveDown,
  moveLeft,
  moveRight,
  moveUp,
  replaceText,
  rowEnd,
  rowStart,
  wordLeft,
  wordRight,
  type Draft,
} from '../../core/text/draft-buffer.js';
import { assertNever } from '../../core/bank/types.js';
import { NO_PASTE, type EditorCommand, type PasteState } from './editor-keys.js';

export interface DraftEditorState {
  draft: Draft;
  paste: PasteState;
  /** The first text row on screen. */
  top: number;
  /** A one-line message about the last action (a paste cut short, an editor that failed), until the next key. */
  notice: string | undefined;
}

/** The text area's size: rows are wrapped at `width` columns (one more is kept for the cursor), `height` of them show. */
export interface EditorBox {
  width: number;
  height: number;
}

export type DraftEditorAction =
  | { type: 'command'; command: EditorCommand; box: EditorBox; maxLength: number }
  | { type: 'paste'; paste: PasteState }
  | { type: 'replace'; text: string; box: EditorBox; maxLength: number; source: string }
  | { type: 'notice'; text: string };

/** The editor as it opens on a draft: the cursor at the end of the text, scrolled into view (a resumed reply shows where it left off). */
export const initialDraftEditor = (text: string, box?: EditorBox): DraftEditorState => {
  const state: DraftEditorState = { draft: draftOf(text), paste: NO_PASTE, top: 0, notice: undefined };
  return box ? follow(state, box) : state;
};

const cutNotice = (maxLength: number, what: string): string =>
  `! ${what} was cut at the ${maxLength.toLocaleString('en')}-character limit of a reply.`;

/** Scrolls as little as keeps the cursor's row in view. */
function follow(state: DraftEditorState, box: EditorBox): DraftEditorState {
  const { cursorRow, rows } = layoutDraft(state.draft, box.width);
  const height = Math.max(1, box.height);
  const maxTop = Math.max(0, rows.length - height);
  let top = Math.min(state.top, maxTop);
  if (cursorRow < top) top = cursorRow;
  else if (cursorRow >= top + height) top = cursorRow - height + 1;
  return top === state.top ? state : { ...state, top };
}

function edit(draft: Draft, command: EditorCommand, box: EditorBox, maxLength: number): { draft: Draft; notice?: string } {
  switch (command.type) {
    case 'insert': {
      const result = insertText(draft, command.text, maxLength);
      if (!result.truncated && command.dropped !== true) return { draft: result.draft };
      return { draft: result.draft, notice: command.pasted ? cutNotice(maxLength, 'The pasted text') : `! The reply is at its ${maxLength.toLocaleString('en')}-character limit.` };
    }
    case 'backspace':
      return { draft: backspace(draft) };
    case 'delete':
      return { draft: deleteForward(draft) };
    case 'left':
      return { draft: moveLeft(draft) };
    case 'right':
      return { draft: moveRight(draft) };
    case 'up':
      return { draft: moveUp(draft, box.width) };
    case 'down':
      return { draft: moveDown(draft, box.width) };
    case 'row-start':
      return { draft: rowStart(draft, box.width) };
    case 'row-end':
      return { draft: rowEnd(draft, box.width) };
    case 'word-left':
      return { draft: wordLeft(draft) };
    case 'word-right':
      return { draft: wordRight(draft) };
    case 'page': {
      let moved = draft;
      for (let i = 0; i < Math.max(1, box.height - 1); i += 1) moved = command.pages < 0 ? moveUp(moved, box.width) : moveDown(moved, box.width);
      return { draft: moved };
    }
    case 'leave':
    case 'external':
    case 'read-back':
    case 'quit':
      // Handled by the input hook: they reach outside the text.
      return { draft };
    default:
      return assertNever(command, 'editor command');
  }
}

export function draftEditorReducer(state: DraftEditorState, action: DraftEditorAction): DraftEditorState {
  switch (action.type) {
    case 'command': {
      const result = edit(state.draft, action.command, action.box, action.maxLength);
      if (result.draft === state.draft && result.notice === undefined && state.notice === undefined) return state;
      return follow({ ...state, draft: result.draft, notice: result.notice }, action.box);
    }
    case 'paste':
      return action.paste === state.paste ? state : { ...state, paste: action.paste };
    case 'replace': {
      const result = replaceText(action.text, action.maxLength);
      return follow({ ...state, draft: result.draft, notice: result.truncated ? cutNotice(action.maxLength, `The text from ${action.source}`) : undefined }, action.box);
    }
    case 'notice':
      return { ...state, notice: action.text };
    default:
      return assertNever(action, 'editor action');
  }
}
