import { useEffect, useMemo } from 'react';
import { useApp } from 'ink';
import type { QueueEntry } from '../../core/attempt/marking-queue.js';
import { useKeys } from '../hooks/use-keys.js';
import { useSyncReducer } from '../hooks/use-sync-reducer.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { Lines } from '../layout/line.js';
import { layoutMarkScreen, type MarkScreenProps } from './mark-lines.js';
import { initMarkQueue, markQueueReducer, type MarkDraft } from './mark-queue-state.js';

export interface MarkOutcome {
  /** Marks saved in this session. */
  saved: number;
  /** Replies in the queue left without a mark from this marker. */
  left: number;
  /** Left with Ctrl-C. */
  interrupted: boolean;
}

export interface MarkQueueProps extends MarkScreenProps {
  /** Saves one mark (appended and fsynced); an error message comes back as a value, shown on the screen. */
  onSave: (entry: QueueEntry, draft: MarkDraft) => Promise<{ ok: true } | { ok: false; message: string }>;
  onExit: (outcome: MarkOutcome) => void;
}

/** The marking queue: one reply at a time, a level per criterion by key, saved at once. */
export function MarkQueue(props: MarkQueueProps) {
  const { columns, rows } = useTerminalSize();
  const reducer = useMemo(() => markQueueReducer(props.entries), [props.entries]);
  const [state, dispatch, latest] = useSyncReducer(reducer, props.entries, initMarkQueue);
  const { exit } = useApp();
  const width = Math.max(20, columns - 1);
  const layout = layoutMarkScreen(props, state, width, rows);

  useEffect(() => {
    if (state.mode !== 'quit') return;
    const left = props.entries.filter((e, i) => !state.saved[i] && e.own === undefined).length;
    props.onExit({ saved: state.saved.filter(Boolean).length, left, interrupted: state.interrupted === true });
    exit();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.mode]);

  const save = () => {
    dispatch({ type: 'save-start' });
    const now = latest();
    if (!now.saving) return;
    const entry = props.entries[now.index]!;
    const draft = now.drafts[now.index]!;
    void props.onSave(entry, draft).then(
      (result) => dispatch(result.ok ? { type: 'save-done' } : { type: 'save-done', error: result.message }),
      (error: unknown) => dispatch({ type: 'save-done', error: `not saved: ${(error as Error).message}` }),
    );
  };

  useKeys((input, key) => {
    const mode = latest().mode;
    if (key.ctrl && input === 'c') {
      dispatch({ type: 'quit', force: true });
      return;
    }
    if (mode === 'comment') {
      if (key.return) dispatch({ type: 'comment-close', keep: true });
      else if (key.escape) dispatch({ type: 'comment-close', keep: false });
      else if (key.backspace || key.delete) dispatch({ type: 'comment-erase' });
      else if (!key.ctrl && !key.meta && input) dispatch({ type: 'comment-type', text: input });
      return;
    }
    if (mode === 'confirm-quit') {
      if (input === 'q') dispatch({ type: 'quit' });
      else if (key.escape) dispatch({ type: 'quit-cancel' });
      else if (key.return) {
        dispatch({ type: 'quit-cancel' });
        save();
      }
      return;
    }
    if (input === 'q') dispatch({ type: 'quit' });
    else if (mode === 'done') {
      if (input === 'p') dispatch({ type: 'go', delta: -1 });
    } else if (/^[0-9]$/.test(input)) dispatch({ type: 'level', points: Number(input) });
    else if (key.rightArrow || input === 'l') dispatch({ type: 'step-level', delta: 1 });
    else if (key.leftArrow || input === 'h') dispatch({ type: 'step-level', delta: -1 });
    else if (key.downArrow || input === 'j' || key.tab) dispatch({ type: 'step-criterion', delta: 1 });
    else if (key.upArrow || input === 'k') dispatch({ type: 'step-criterion', delta: -1 });
    else if (input === 'n' || input === 's') dispatch({ type: 'go', delta: 1 });
    else if (input === 'p') dispatch({ type: 'go', delta: -1 });
    else if (input === 'c') dispatch({ type: 'comment-open' });
    else if (key.pageDown || input === ' ') dispatch({ type: 'scroll', delta: layout.window, max: layout.maxScroll });
    else if (key.pageUp) dispatch({ type: 'scroll', delta: -layout.window, max: layout.maxScroll });
    else if (key.return) save();
  });

  if (state.mode === 'quit') return null;
  return <Lines lines={layout.lines} />;
}
