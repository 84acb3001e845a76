import { useKeys } from '../hooks/use-keys.js';
import { Lines, line, type Line } from '../layout/line.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { wrapHanging, wrapText } from '../layout/wrap.js';

const KEYS: Array<[string, string]> = [
  ['up/down, k/j', 'move between options'],
  ['1-9', 'choose that option (tick or untick it, when several are allowed)'],
  ['space', 'choose or tick the highlighted option'],
  ['Enter', 'choose the highlighted option and go to the next question'],
  ['n or right', 'next question'],
  ['p or left', 'previous question (when the test allows going back)'],
  ['Ordering', 'u/d or shift+up/down move the highlighted entry; Enter confirms'],
  ['Rating', 'a digit rates the highlighted response and moves down to the next; left/right change a rating; p/n change question'],
  ['Conversation', 'up/down or a digit pick a reply; Enter says it (it is final)'],
  ['f', 'flag the question for review (or unflag it)'],
  ['c', 'read the case study full screen'],
  ['PgUp/PgDn', 'scroll a long case study or conversation'],
  ['r', 'review: see unanswered, incomplete and flagged questions, jump to any'],
  ['s', 'submit (asks first)'],
  ['t', 'say the time left (with --screen-reader)'],
  ['Ctrl-C', 'quit; `frontline take --resume` continues the saved attempt'],
];

export function layoutHelp(width: number): Line[] {
  return [
    line('Keys', { bold: true }),
    ...KEYS.flatMap(([keys, does]) => wrapHanging(`${keys.padEnd(14)} `, does, width).map((t) => line(t))),
    line(''),
    ...wrapText('Every answer is saved the moment you give it. The clock keeps running while this help is open.', width).map((t) => line(t)),
    line('Any key: back to the test', { dim: true }),
  ];
}

export function HelpScreen({ onClose }: { onClose: () => void }) {
  const { columns } = useTerminalSize();
  useKeys(() => onClose());
  return <Lines lines={layoutHelp(columns - 1)} />;
}
