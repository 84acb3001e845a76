import { createContext, useCallback, useContext, useMemo, useRef, type ReactNode, type RefObject } from 'react';
import { useInput, type Key } from 'ink';
import { keyQueue, splitKeys } from './split-keys.js';

export type KeyHandler = (input: string, key: Key) => void;

interface KeyRouter {
  /** Makes the handler the one keys go to, until the returned function is called. */
  register(handler: RefObject<KeyHandler>): () => void;
  /**
   * Takes every key from the screens, whichever registers later, until the
   * returned function is called: for something drawn over them (a terminal
   * too small to show them), so no key acts on a screen nobody can see.
   */
  capture(handler: RefObject<KeyHandler>): () => void;
}

const KeyRouterContext = createContext<KeyRouter | undefined>(undefined);

export const useKeyRouter = (): KeyRouter | undefined => useContext(KeyRouterContext);

/**
 * One input subscription for the whole app, handing each key to the screen
 * drawn last. Ink's useInput subscribes in a passive effect, which React runs
 * only after the new screen is on the terminal: a key typed as it appeared
 * (Enter on the start screen, then at once a digit) reached the screen that
 * had gone, and was lost. Screens register here in a layout effect, in the
 * same commit that draws them. The one subscription also keeps the terminal
 * in raw mode between screens, so keys typed while saving are not echoed.
 */
export function KeysRouter({ children }: { children: ReactNode }) {
  const handlers = useRef<Array<RefObject<KeyHandler>>>([]);
  const captures = useRef<Array<RefObject<KeyHandler>>>([]);
  const toCurrent = useCallback((input: string, key: Key) => (captures.current.at(-1) ?? handlers.current.at(-1))?.current(input, key), []);
  // Made at the first key, not during render: the queue only keeps toCurrent to call later.
  const queue = useRef<ReturnType<typeof keyQueue> | null>(null);
  useInput(
    useCallback(
      (input: string, key: Key) => {
        queue.current ??= keyQueue(toCurrent);
        queue.current(splitKeys(input, key));
      },
      [toCurrent],
    ),
  );
  const router = useMemo<KeyRouter>(
    () => ({
      register(handler) {
        handlers.current.push(handler);
        return () => {
          handlers.current = handlers.current.filter((h) => h !== handler);
        };
      },
      capture(handler) {
        captures.current.push(handler);
        return () => {
          captures.current = captures.current.filter((h) => h !== handler);
        };
      },
    }),
    [],
  );
  return <KeyRouterContext.Provider value={router}>{children}</KeyRouterContext.Provider>;
}
