import { useEffect, useRef, useState } from 'react';
import { useIsScreenReaderEnabled, useStdout } from 'ink';

export interface TerminalSize {
  columns: number;
  rows: number;
}

const read = (stdout: NodeJS.WriteStream): TerminalSize => ({
  columns: stdout.columns || 80,
  rows: stdout.rows || 24,
});

/** Erase the screen and put the cursor home. */
const CLEAR_SCREEN = '\u001B[2J\u001B[H';

/**
 * The terminal's size, updated on resize. Ink itself ignores resize under CI,
 * so screens listen here to re-fit their content either way.
 *
 * Terminals (tmux, most emulators) re-wrap what is on screen when the width
 * changes, so the rows of the last frame are no longer where Ink erases by
 * line count, and stale rows stay above the new frame. The screen is cleared
 * on every resize, through Ink, which then redraws the frame.
 */
export function useTerminalSize(): TerminalSize {
  const { stdout, write } = useStdout();
  const plain = useIsScreenReaderEnabled();
  const [size, setSize] = useState(() => read(stdout));
  const last = useRef(size);
  useEffect(() => {
    const onResize = () => {
      const now = read(stdout);
      if (now.columns === last.current.columns && now.rows === last.current.rows) return;
      last.current = now;
      // Screen-reader output is a plain stream of text: nothing to clear.
      if (!plain) write(CLEAR_SCREEN);
      setSize(now);
    };
    stdout.on('resize', onResize);
    // A resize between the first render and this subscription would otherwise be missed.
    onResize();
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, write, plain]);
  return size;
}
