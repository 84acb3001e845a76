import type { ReactNode } from 'react';
import { Box, useIsScreenReaderEnabled } from 'ink';
import { useKeys } from '../hooks/use-keys.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { Lines, line } from '../layout/line.js';
import { wrapText } from '../layout/wrap.js';

/**
 * The smallest window every screen of the test fits: below it a frame is
 * taller than the terminal, which scrolls the question and the clock out of
 * sight while the keys still act on them.
 */
const MIN_COLUMNS = 40;
const MIN_ROWS = 12;

/**
 * Shows the test only in a window it fits, else says how large to make it.
 * The screens stay mounted underneath (hidden), so nothing typed or chosen is
 * lost, and they get no keys while hidden: Ctrl-C quits, nothing else acts.
 */
export function SizeGuard({ children, onQuit }: { children: ReactNode; onQuit: () => void }) {
  const { columns, rows } = useTerminalSize();
  // A screen reader gets the screens as plain text in reading order, which any window holds.
  const small = !useIsScreenReaderEnabled() && (columns < MIN_COLUMNS || rows < MIN_ROWS);
  return (
    <>
      <Box display={small ? 'none' : 'flex'} flexDirection="column">
        {children}
      </Box>
      {small ? <TooSmall columns={columns} rows={rows} onQuit={onQuit} /> : null}
    </>
  );
}

function TooSmall({ columns, rows, onQuit }: { columns: number; rows: number; onQuit: () => void }) {
  useKeys(
    (input, key) => {
      if (key.ctrl && input === 'c') onQuit();
    },
    true,
    'from-screens',
  );
  const width = Math.max(10, columns - 1);
  const text = [
    `This window is ${columns}x${rows}; the test needs at least ${MIN_COLUMNS}x${MIN_ROWS}. Make it larger to go on.`,
    'Once the test has started its clock keeps running, and every answer is saved.',
    'Ctrl-C: quit',
  ];
  return <Lines lines={text.flatMap((t, i) => wrapText(t, width).map((w) => line(w, { bold: i === 0 })))} />;
}
