import { useReducer } from 'react';
import { useIsScreenReaderEnabled } from 'ink';
import { useKeys } from '../hooks/use-keys.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { Lines, line, type Line } from '../layout/line.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { formatClock } from '../widgets/countdown.js';
import { keyHintRows } from '../widgets/key-hints.js';
import { scrollWindow } from '../widgets/scroll-window.js';

export interface ReviewEntry {
  stem: string;
  answered: boolean;
  /** Answered, but with responses still unrated (a rating item). */
  incomplete: boolean;
  flagged: boolean;
  /** Its handle time ran out. */
  timedOut: boolean;
  /** Policy or position forbids going there (no going back). */
  reachable: boolean;
}

export interface ReviewScreenProps {
  entries: ReviewEntry[];
  /** The question the candidate came from; the cursor starts there. */
  current: number;
  testRemainingMs: number;
  onJump: (index: number) => void;
  onBack: () => void;
  onSubmit: () => void;
  onHelp: () => void;
  onQuit: () => void;
}

type Action = { type: 'move'; delta: number; count: number } | { type: 'to'; index: number };

function cursorReducer(cursor: number, action: Action): number {
  switch (action.type) {
    case 'move':
      return Math.max(0, Math.min(action.count - 1, cursor + action.delta));
    case 'to':
      return action.index;
  }
}

const status = (e: ReviewEntry): string =>
  [!e.answered ? 'UNANSWERED' : e.incomplete ? 'INCOMPLETE' : 'answered  ', e.flagged ? 'flagged' : '       ', e.timedOut ? 'time up' : ''].join(' ').trimEnd();

/** The title with the clock at the right edge; in a narrow window the title gives way, never the clock. */
function reviewTitle(clock: string, width: number): string {
  const time = `Test ${clock} left`;
  const title = 'Review before submitting'.length + 2 + time.length <= width ? 'Review before submitting' : 'Review';
  return `${title}${' '.repeat(Math.max(2, width - title.length - time.length))}${time}`;
}

function layoutReview(p: ReviewScreenProps, cursor: number, columns: number, rows: number, plain: boolean): Line[] {
  const width = columns - 1;
  const unanswered = p.entries.filter((e) => !e.answered).length;
  const incomplete = p.entries.filter((e) => e.answered && e.incomplete).length;
  const flagged = p.entries.filter((e) => e.flagged).length;
  const header = [
    line(reviewTitle(formatClock(p.testRemainingMs), width), { bold: true, ticks: true }),
    line(
      `${p.entries.length - unanswered - incomplete} answered, ${incomplete ? `${incomplete} incomplete, ` : ''}${unanswered} unanswered, ${flagged} flagged`,
    ),
  ];
  // The status column is as wide as its widest entry, so the questions get the rest.
  const statusWidth = Math.max(...p.entries.map((e) => status(e).length));
  const numberWidth = String(p.entries.length).length;
  const list = p.entries.map((e, i) => {
    const here = i === cursor;
    const prefix = `${here ? '> ' : '  '}${String(i + 1).padStart(numberWidth)}. ${status(e).padEnd(statusWidth)}  `;
    const stem = sanitizeText(e.stem).replace(/\s+/g, ' ');
    const room = Math.max(10, width - prefix.length);
    const text = stem.length > room ? `${stem.slice(0, room - 3)}...` : stem;
    return line(`${prefix}${plain ? stem : text}${e.reachable ? '' : ' (cannot go back)'}`, { bold: here, inverse: here && !plain });
  });
  const footer = keyHintRows(
    [
      { keys: 'up/down', does: 'pick' },
      { keys: 'Enter', does: 'open it' },
      { keys: 'u', does: 'next to finish' },
      { keys: 'Esc', does: 'back' },
      { keys: 's', does: 'submit' },
      { keys: '?', does: 'help' },
    ],
    width,
  ).map((t) => line(t, { dim: true }));
  if (plain) return [...header, ...list, ...footer];
  const height = rows - 1 - header.length - footer.length;
  const view = scrollWindow(list, cursor - Math.floor((height - 2) / 2), height, 'up/down');
  return [...header, ...view.lines, ...footer];
}

export function ReviewScreen(props: ReviewScreenProps) {
  const { columns, rows } = useTerminalSize();
  const plain = useIsScreenReaderEnabled();
  const [cursor, dispatch] = useReducer(cursorReducer, props.current);
  const count = props.entries.length;
  useKeys((input, key) => {
    if (key.ctrl && input === 'c') props.onQuit();
    else if (key.upArrow || input === 'k') dispatch({ type: 'move', delta: -1, count });
    else if (key.downArrow || input === 'j') dispatch({ type: 'move', delta: 1, count });
    else if (key.pageUp) dispatch({ type: 'move', delta: -10, count });
    else if (key.pageDown) dispatch({ type: 'move', delta: 10, count });
    else if (input === 'u') {
      const unfinished = (e: ReviewEntry): boolean => (!e.answered || e.incomplete) && e.reachable;
      const next = props.entries.findIndex((e, i) => i > cursor && unfinished(e));
      const first = props.entries.findIndex(unfinished);
      const to = next >= 0 ? next : first;
      if (to >= 0) dispatch({ type: 'to', index: to });
    } else if (key.return) {
      if (props.entries[cursor]?.reachable) props.onJump(cursor);
    } else if (key.escape || input === 'r' || input === 'b') props.onBack();
    else if (input === 's') props.onSubmit();
    else if (input === '?') props.onHelp();
  });
  return <Lines lines={layoutReview(props, cursor, columns, rows, plain)} />;
}
