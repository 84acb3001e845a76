import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  columns: number;
  rows: number;
}

const read = (stdout: NodeJS.WriteStream): TerminalSize => ({
  columns: stdout.columns || 80,
  rows: stdout.rows || 24,
});

/**
 * The terminal's size, updated on resize. Ink itself ignores resize under CI,
 * so screens listen here to re-fit their content either way.
 */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    const onResize = () =>
      setSize((old) => {
        const now = read(stdout);
        return now.columns === old.columns && now.rows === old.rows ? old : now;
      });
    stdout.on('resize', onResize);
    // A resize between the first render and this subscription would otherwise be missed.
    onResize();
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
