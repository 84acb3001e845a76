import { useCallback, useLayoutEffect, useRef } from 'react';
import { useInput, type Key } from 'ink';
import { useKeyRouter } from './keys-router.js';
import { keyQueue, splitKeys } from './split-keys.js';

/**
 * The keys for a screen, handled by its latest render. Under a KeysRouter
 * (the take app) the screen registers in a layout effect, so it gets the keys
 * from the moment it is drawn; alone (a component test) it subscribes to Ink.
 *
 * Ink re-subscribes a changed handler only after the effect runs, so a key
 * typed right after a frame could otherwise reach the previous render's
 * handler and act on a stale answer (a lost tick in a multiple-response item):
 * hence the ref. Keys that arrive together (fast typing, a paste, a terminal
 * or multiplexer that batches) come from Ink as one string; they are replayed
 * one at a time (see splitKeys), so "Ada<Tab>" types a name and moves on.
 */
export function useKeys(handler: (input: string, key: Key) => void, isActive = true, take: 'as-screen' | 'from-screens' = 'as-screen'): void {
  const router = useKeyRouter();
  const latest = useRef(handler);
  // A layout effect runs as the frame is committed, before Ink reads the next key.
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(() => {
    if (!router || !isActive) return undefined;
    // 'from-screens': something drawn over the screens takes every key from them (see KeyRouter.capture).
    return take === 'from-screens' ? router.capture(latest) : router.register(latest);
  }, [router, isActive, take]);
  // Made at the first key, not during render: the queue only keeps the handler to call later.
  const queue = useRef<ReturnType<typeof keyQueue> | null>(null);
  const stable = useCallback((input: string, key: Key) => {
    queue.current ??= keyQueue((i, k) => latest.current(i, k));
    queue.current(splitKeys(input, key));
  }, []);
  useInput(stable, { isActive: isActive && !router });
}
