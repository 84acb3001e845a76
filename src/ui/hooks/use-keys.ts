import { useCallback, useRef } from 'react';
import { useInput, type Key } from 'ink';

const PLAIN = /^[\x20-\x7E]+$/;

/**
 * useInput with a handler that always sees the latest render. Ink re-subscribes
 * a changed handler only after the effect runs, so a key typed right after a
 * frame could otherwise reach the previous render's handler and act on a stale
 * answer (a lost tick in a multiple-response item).
 *
 * Keys that arrive together (fast typing, a paste, a terminal that batches)
 * come from Ink as one string; they are replayed one at a time, each after the
 * render of the one before, so "333" rates three responses, not one three times.
 */
export function useKeys(handler: (input: string, key: Key) => void, isActive = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  const stable = useCallback((input: string, key: Key) => {
    // Enter typed before Ink switched the terminal to raw mode arrives as a line feed.
    if (input === '\n' || input === '\r\n') {
      latest.current('', { ...key, return: true });
      return;
    }
    if (input.length <= 1 || !PLAIN.test(input) || key.ctrl || key.meta) {
      latest.current(input, key);
      return;
    }
    const [first, ...rest] = [...input];
    latest.current(first as string, { ...key, shift: /[A-Z]/.test(first as string) });
    const next = () => {
      const char = rest.shift();
      if (char === undefined) return;
      latest.current(char, { ...key, shift: /[A-Z]/.test(char) });
      setImmediate(next);
    };
    setImmediate(next);
  }, []);
  useInput(stable, { isActive });
}
