import { useEffect, useRef, useState } from 'react';
import { useApp } from 'ink';
import { sanitizeLine } from '../../core/text/sanitize.js';
import { useKeys } from '../hooks/use-keys.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { Lines, line, type Line } from '../layout/line.js';
import { wrapText } from '../layout/wrap.js';
import { keyHintRows } from '../widgets/key-hints.js';

/** One row of the exam host's menu, in words already. */
export interface HostMenuItem {
  id: string;
  title: string;
  /** The window, the attempt, what waits: one line. */
  detail: string;
  /** Start or resume, or nothing (not open yet, cooldown, no bank). */
  action: 'start' | 'resume' | undefined;
}

export type HostMenuOutcome = { kind: 'chosen'; id: string } | { kind: 'quit' } | { kind: 'idle' };

export interface HostMenuProps {
  /** Whose session it is: "Dana Li (E123)". */
  who: string;
  items: HostMenuItem[];
  /** No key for this long ends the session. */
  idleMs: number;
  onExit: (outcome: HostMenuOutcome) => void;
}

export function layoutHostMenu(props: Pick<HostMenuProps, 'who' | 'items' | 'idleMs'>, cursor: number, width: number): Line[] {
  const minutes = Math.max(1, Math.round(props.idleMs / 60_000));
  const rows: Line[] = [line(sanitizeLine(`Exam host: ${props.who}`).slice(0, width), { bold: true }), line(''), line('Your tests:')];
  props.items.forEach((item, i) => {
    const here = i === cursor;
    const tag = item.action === 'resume' ? ' [resume]' : '';
    rows.push(line(`${here ? '>' : ' '} ${i + 1}. ${sanitizeLine(item.title)}${tag}`.slice(0, width), { bold: here, dim: item.action === undefined }));
    for (const text of wrapText(sanitizeLine(item.detail), Math.max(20, width - 5))) rows.push(line(`     ${text}`, { dim: true }));
  });
  rows.push(line(''));
  for (const text of keyHintRows(
    [
      { keys: 'up/down:', does: 'choose' },
      { keys: 'Enter:', does: 'start or resume' },
      { keys: 'q:', does: 'leave' },
    ],
    width,
  ))
    rows.push(line(text, { dim: true }));
  rows.push(line(`The session closes after ${minutes} min without a key.`, { dim: true }));
  return rows;
}

/** The agent's menu: their assignments on this host; Enter starts or resumes the one under the cursor. */
export function HostMenu(props: HostMenuProps) {
  const { columns } = useTerminalSize();
  const [cursor, setCursor] = useState(() => Math.max(0, props.items.findIndex((i) => i.action !== undefined)));
  const [done, setDone] = useState<HostMenuOutcome | undefined>();
  const { exit } = useApp();
  const lastKey = useRef(0);

  useEffect(() => {
    lastKey.current = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - lastKey.current >= props.idleMs) setDone((d) => d ?? { kind: 'idle' });
    }, Math.min(1_000, props.idleMs));
    return () => clearInterval(timer);
  }, [props.idleMs]);

  useEffect(() => {
    if (!done) return;
    props.onExit(done);
    exit();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [done]);

  useKeys((input, key) => {
    lastKey.current = Date.now();
    if ((key.ctrl && input === 'c') || input === 'q' || key.escape) setDone((d) => d ?? { kind: 'quit' });
    else if (key.upArrow || input === 'k') setCursor((c) => Math.max(0, c - 1));
    else if (key.downArrow || input === 'j') setCursor((c) => Math.min(props.items.length - 1, c + 1));
    else if (/^[1-9]$/.test(input) && Number(input) <= props.items.length) setCursor(Number(input) - 1);
    else if (key.return) {
      const item = props.items[cursor];
      if (item?.action) setDone((d) => d ?? { kind: 'chosen', id: item.id });
    }
  });

  if (done) return null;
  return <Lines lines={layoutHostMenu(props, cursor, columns - 1)} />;
}
