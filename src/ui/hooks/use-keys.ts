import { useCallback, useRef } from 'react';
import { useInput, type Key } from 'ink';
import { splitKeys } from './split-keys.js';

/**
 * useInput with a handler that always sees the latest render. Ink re-subscribes
 * a changed handler only after the effect runs, so a key typed right after a
 * frame could otherwise reach the previous render's handler and act on a stale
 * answer (a lost tick in a multiple-response item).
 *
 * Keys that arrive together (fast typing, a paste, a terminal or multiplexer
 * that batches) come from Ink as one string; they are replayed one at a time,
 * each after the render of the one before, so "333" rates three responses, not
 * one three times, and "Ada<Tab>" types a name and moves to the next field.
 */
export function useKeys(handler: (input: string, key: Key) => void, isActive = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  const stable = useCallback((input: string, key: Key) => {
    const [first, ...rest] = splitKeys(input, key);
    if (!first) return;
    latest.current(first.input, first.key);
    const next = () => {
      const press = rest.shift();
      if (press === undefined) return;
      latest.current(press.input, press.key);
      setImmediate(next);
    };
    if (rest.length > 0) setImmediate(next);
  }, []);
  useInput(stable, { isActive });
}
