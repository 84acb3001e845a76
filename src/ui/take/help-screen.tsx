import { useKeys } from '../hooks/use-keys.js';
import { Lines, line, type Line } from '../layout/line.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { wrapHanging } from '../layout/wrap.js';

const KEYS: Array<[string, string]> = [
  ['up/down, k/j', 'move between options'],
  ['1-9', 'choose that option (tick it, when several answers are allowed)'],
  ['space', 'choose or tick the highlighted option'],
  ['Enter', 'choose the highlighted option and go to the next question'],
  ['1-9, then Enter', 'conversations: a digit only picks a reply; Enter says it (final)'],
  ['n / right', 'next question'],
  ['p / left', 'previous question (when the test allows going back)'],
  ['u/d, shift+up/down', 'ordering questions: move the highlighted entry up or down'],
  ['left/right, 1-5', 'rating questions: rate the highlighted response'],
  ['f', 'flag the question for review (or unflag it)'],
  ['c', 'read the case study full screen; PgUp/PgDn scroll it'],
  ['r', 'review: see unanswered and flagged questions, jump to any'],
  ['s', 'submit (asks first)'],
  ['Ctrl-C', 'quit; the attempt is saved and `frontline take --resume` continues it'],
];

export function layoutHelp(width: number): Line[] {
  return [
    line('Keys', { bold: true }),
    ...KEYS.flatMap(([keys, does]) => wrapHanging(`${keys.padEnd(20)} `, does, width).map((t) => line(t))),
    line(''),
    line('Every answer is saved the moment you give it. The clock keeps running while this help is open.'),
    line('Any key: back to the test', { dim: true }),
  ];
}

export function HelpScreen({ onClose }: { onClose: () => void }) {
  const { columns } = useTerminalSize();
  useKeys(() => onClose());
  return <Lines lines={layoutHelp(columns - 1)} />;
}
