import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';
import { useInput, type Key } from 'ink';
import { useKeyRouter, type KeyHandler } from './keys-router.js';
import { keyQueue, splitKeys, type KeyPress } from './split-keys.js';
import { useRawInput } from './use-raw-input.js';

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

const current = (ref: RefObject<string>): string => ref.current;

/**
 * Keys for a text editor: each keypress as the terminal sent it, not split
 * (a burst of typing or a paste is one string, its line breaks text, not
 * Enter keys), with its raw bytes (see useRawInput). While active it takes
 * every key from the screens around it (KeyRouter.capture): the letters that
 * are commands elsewhere (n, p, r, s) are text here.
 */
export function useTextKeys(handler: (press: KeyPress) => void, isActive = true): void {
  const router = useKeyRouter();
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  const routed = useRef<KeyHandler>((input, key, raw) => latest.current({ input, key, raw: raw ?? input }));
  useLayoutEffect(() => {
    if (!router || !isActive) return undefined;
    return router.capture(routed, 'whole');
  }, [router, isActive]);
  const raw = useRawInput();
  const queue = useRef<ReturnType<typeof keyQueue> | null>(null);
  const stable = useCallback((input: string, key: Key) => {
    queue.current ??= keyQueue((i, k, r) => latest.current({ input: i, key: k, raw: r ?? i }));
    queue.current([{ input, key, raw: current(raw) }]);
  }, [raw]);
  useInput(stable, { isActive: isActive && !router });
}
