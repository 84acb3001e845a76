import { useState } from 'react';
import { useKeys } from '../hooks/use-keys.js';
import { scrollWindow } from '../widgets/scroll-window.js';
import { Lines, line, type Line } from '../layout/line.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { wrapHanging, wrapText } from '../layout/wrap.js';

const KEYS: Array<[string, string]> = [
  ['up/down, k/j', 'move between options'],
  ['1-9', 'choose that option (tick or untick it, when several are allowed)'],
  ['space', 'choose or tick the highlighted option'],
  ['Enter', 'choose the highlighted option and go to the next question'],
  ['n / p', 'next / previous question (right/left too; back when the test allows)'],
  ['Ordering', 'u/d or shift+up/down move the highlighted entry; Enter confirms'],
  ['Rating', 'a digit rates the highlighted response and moves down to the next; left/right change a rating; p/n change question'],
  ['Conversation', 'up/down or a digit pick a reply; Enter says it (it is final)'],
  ['Written reply', 'keys are text while you write; Esc: the test keys; Enter or w: write again; Ctrl-O: your own editor; Ctrl-R: read it back'],
  ['f', 'flag the question for review (or unflag it)'],
  ['c', 'read the case study full screen'],
  ['PgUp/PgDn', 'scroll a long case study or conversation'],
  ['r', 'review: see unanswered, incomplete and flagged questions; jump'],
  ['s', 'submit (asks first)'],
  ['t', 'say the time left (with --screen-reader)'],
  ['Ctrl-C', 'quit; `frontline take --resume` continues the saved attempt'],
];

function layoutHelp(width: number): Line[] {
  return [
    line('Keys', { bold: true }),
    ...KEYS.flatMap(([keys, does]) => wrapHanging(`${keys.padEnd(14)} `, does, width).map((t) => line(t))),
    line(''),
    ...wrapText('Every answer is saved as you give it; the clock runs while this help is open.', width).map((t) => line(t)),
  ];
}

/** The help in a window of `rows`: scrolled with up/down and PgUp/PgDn when it is taller, closed by any other key. */
export function layoutHelpWindow(width: number, rows: number, offset: number): { lines: Line[]; offset: number; max: number } {
  const content = layoutHelp(width);
  // A row is kept free (as on every screen) and one says how to leave.
  const height = rows - 2;
  if (content.length <= height) return { lines: [...content, line('Any key: back to the test', { dim: true })], offset: 0, max: 0 };
  const view = scrollWindow(content, offset, height, 'up/down');
  return {
    lines: [...view.lines, line('up/down PgUp/PgDn: scroll  other keys: back', { dim: true })],
    offset: view.offset,
    max: Math.max(0, content.length - (height - 2)),
  };
}

export function HelpScreen({ onClose }: { onClose: () => void }) {
  const { columns, rows } = useTerminalSize();
  const [offset, setOffset] = useState(0);
  const help = layoutHelpWindow(columns - 1, rows, offset);
  useKeys((_input, key) => {
    const page = Math.max(1, rows - 5);
    const by = key.upArrow ? -1 : key.downArrow ? 1 : key.pageUp ? -page : key.pageDown ? page : 0;
    if (by !== 0 && help.max > 0) setOffset(Math.max(0, Math.min(help.max, help.offset + by)));
    else onClose();
  });
  return <Lines lines={help.lines} />;
}
