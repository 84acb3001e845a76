import { useReducer } from 'react';
import { useIsScreenReaderEnabled } from 'ink';
import { useKeys } from '../hooks/use-keys.js';
import { Lines, line } from '../layout/line.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { scrollBy, scrollWindow } from '../widgets/scroll-window.js';
import { layoutResults, type ResultsInput } from './results-lines.js';

export type ResultsScreenProps = Omit<ResultsInput, 'width' | 'plain'> & { onClose: () => void };

type ScrollAction = { type: 'scroll'; delta: number; length: number; height: number };

function scrollReducer(offset: number, action: ScrollAction): number {
  switch (action.type) {
    case 'scroll':
      return scrollBy(offset, action.delta, action.length, action.height);
  }
}

export function ResultsScreen({ onClose, ...input }: ResultsScreenProps) {
  const { columns, rows } = useTerminalSize();
  const plain = useIsScreenReaderEnabled();
  const [offset, dispatch] = useReducer(scrollReducer, 0);
  const content = layoutResults({ ...input, width: columns - 1, plain });
  // In screen-reader mode the whole text is printed once, top to bottom.
  const height = plain ? content.length : rows - 2;
  const view = scrollWindow(content, offset, height, 'up/down, PgUp/PgDn');

  useKeys((input, key) => {
    const page = Math.max(1, height - 3);
    if (key.upArrow || input === 'k') dispatch({ type: 'scroll', delta: -1, length: content.length, height });
    else if (key.downArrow || input === 'j') dispatch({ type: 'scroll', delta: 1, length: content.length, height });
    else if (key.pageUp) dispatch({ type: 'scroll', delta: -page, length: content.length, height });
    else if (key.pageDown || input === ' ') dispatch({ type: 'scroll', delta: page, length: content.length, height });
    else if (key.return || input === 'q' || key.escape) onClose();
  });

  return <Lines lines={[...view.lines, line('Enter or q: close', { dim: true })]} />;
}
