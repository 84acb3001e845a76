import { useCallback, useRef } from 'react';
import { useInput, type Key } from 'ink';

/**
 * useInput with a handler that always sees the latest render. Ink re-subscribes
 * a changed handler only after the effect runs, so a key typed right after a
 * frame could otherwise reach the previous render's handler and act on a stale
 * answer (a lost tick in a multiple-response item).
 */
export function useKeys(handler: (input: string, key: Key) => void, isActive = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  const stable = useCallback((input: string, key: Key) => latest.current(input, key), []);
  useInput(stable, { isActive });
}
