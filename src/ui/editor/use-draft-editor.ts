import { useEffect } from 'react';
import { useIsScreenReaderEnabled, useStdin, useStdout } from 'ink';
import { DRAFT_MAX_LENGTH, type ExternalEditOutcome } from '../../core/text/draft-buffer.js';
import { countWords as countBySpaces } from '../../core/text/count-words.js';
import { useTextKeys } from '../hooks/use-keys.js';
import { useKeyRouter } from '../hooks/keys-router.js';
import { useSyncReducer } from '../hooks/use-sync-reducer.js';
import type { Line } from '../layout/line.js';
import { useTranscript } from '../layout/transcript.js';
import { editorKeys } from './editor-keys.js';
import { draftEditorReducer, initialDraftEditor, type EditorBox } from './draft-editor-state.js';
import { layoutDraftEditor, type WordLimits } from './draft-editor-lines.js';

export interface DraftEditorProps {
  /** The draft as the attempt holds it; read once, when the editor appears. */
  text: string;
  /** Columns the text wraps at; the rows take one more, for the cursor after a full row. */
  width: number;
  /** Rows of text shown (the status line below is one more; a notice, one more again). */
  height: number;
  limits?: WordLimits | undefined;
  /** Every change of the text, as it happens: the caller journals it. */
  onChange: (text: string) => void;
  /** Esc: done writing for now (the draft is kept as it is). */
  onLeave: () => void;
  /** Ctrl-C. */
  onQuit: () => void;
  /**
   * Ctrl-O: edits the text in the candidate's own editor, synchronously, with
   * the terminal handed over (the store's editInExternalEditor). Absent, Ctrl-O
   * says it is not available.
   */
  editExternally?: ((text: string) => ExternalEditOutcome) | undefined;
  /** @default DRAFT_MAX_LENGTH (20,000) */
  maxLength?: number | undefined;
  /** How words are counted for the limits: the same function the marker's side and `validate` use. @default countWords (runs of non-space characters, as word processors count) */
  countWords?: ((text: string) => number) | undefined;
  /** Keys go to the editor and its cursor shows. @default true */
  isActive?: boolean | undefined;
}

const PASTE_ON = '\u001B[?2004h';
const PASTE_OFF = '\u001B[?2004l';
const HIDE_CURSOR = '\u001B[?25l';
const CLEAR_SCREEN = '\u001B[2J\u001B[H';

/**
 * The draft editor's state, keys and rows, for a screen that lays them out
 * among its own (the item screen) or alone (DraftEditor). While active it
 * takes every key, and asks the terminal for bracketed paste, so a pasted
 * block arrives marked as a paste and goes in as text, line breaks and all.
 */
export function useDraftEditor(props: DraftEditorProps): { lines: Line[] } {
  const { isActive = true, maxLength = DRAFT_MAX_LENGTH, countWords = countBySpaces } = props;
  const [state, dispatch, latest] = useSyncReducer(draftEditorReducer, { text: props.text, box: { width: props.width, height: props.height } }, (a) => initialDraftEditor(a.text, a.box));
  const plain = useIsScreenReaderEnabled();
  const transcript = useTranscript();
  const { stdin } = useStdin();
  const { stdout, write } = useStdout();
  const box: EditorBox = { width: props.width, height: props.height };

  const pasteHeld = useKeyRouter()?.holdsPaste === true;
  useEffect(() => {
    if (pasteHeld || !isActive || !stdout.isTTY) return undefined;
    stdout.write(PASTE_ON);
    return () => {
      stdout.write(PASTE_OFF);
    };
  }, [pasteHeld, isActive, stdout]);

  const external = () => {
    if (!props.editExternally) {
      dispatch({ type: 'notice', text: '! Your own editor is not available here.' });
      return;
    }
    // Ink keeps reading the keyboard in raw mode; the editor needs it to itself, in the mode it sets.
    // The child runs synchronously, so Ink neither reads nor draws until it exits.
    const tty = stdin.isTTY === true;
    if (stdout.isTTY) stdout.write(PASTE_OFF);
    if (tty) stdin.setRawMode(false);
    let outcome: ExternalEditOutcome;
    try {
      outcome = props.editExternally(latest().draft.text);
    } finally {
      if (tty) stdin.setRawMode(true);
      if (stdout.isTTY) stdout.write(PASTE_ON + HIDE_CURSOR);
      // The editor drew over the screen: clear it, and Ink draws the frame again.
      if (!plain) write(CLEAR_SCREEN);
    }
    if (outcome.ok) dispatch({ type: 'replace', text: outcome.text, box, maxLength, source: 'your editor' });
    else dispatch({ type: 'notice', text: `! ${outcome.message}` });
  };

  useTextKeys((press) => {
    const before = latest();
    const { paste, commands } = editorKeys(before.paste, press);
    dispatch({ type: 'paste', paste });
    for (const command of commands) {
      if (command.type === 'leave') props.onLeave();
      else if (command.type === 'quit') props.onQuit();
      else if (command.type === 'external') external();
      else if (command.type === 'read-back') transcript?.announce(readBack(latest().draft.text, countWords));
      else dispatch({ type: 'command', command, box, maxLength });
    }
    const text = latest().draft.text;
    if (text !== before.draft.text) props.onChange(text);
  }, isActive);

  return { lines: layoutDraftEditor({ state, box, limits: props.limits, plain, isActive, words: countWords(state.draft.text) }) };
}

/** What Ctrl-R says in screen-reader mode: the whole draft and its length. */
function readBack(text: string, countWords: (text: string) => number): string[] {
  const words = countWords(text);
  if (words === 0 && text.trim() === '') return ['Your reply is empty.'];
  return [`Your reply, ${words === 1 ? '1 word' : `${words} words`}:`, ...text.split('\n')];
}
