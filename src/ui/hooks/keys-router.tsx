import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode, type RefObject } from 'react';
import { useInput, useStdout, type Key } from 'ink';
import { keyQueue, splitKeys } from './split-keys.js';
import { useRawInput } from './use-raw-input.js';

export type KeyHandler = (input: string, key: Key, raw?: string) => void;

/** How a handler takes keys: split into single keypresses (every screen), or whole as the terminal sent them, with the raw bytes (a text editor: a paste stays one string). */
export type KeyMode = 'split' | 'whole';

interface Registered {
  handler: RefObject<KeyHandler>;
  mode: KeyMode;
}

interface KeyRouter {
  /** Makes the handler the one keys go to, until the returned function is called. */
  register(handler: RefObject<KeyHandler>, mode?: KeyMode): () => void;
  /**
   * Takes every key from the screens, whichever registers later, until the
   * returned function is called: for something drawn over them (a terminal
   * too small to show them), so no key acts on a screen nobody can see.
   */
  capture(handler: RefObject<KeyHandler>, mode?: KeyMode): () => void;
  /** The router keeps bracketed paste on for the whole app (an editor need not turn it on and off). */
  holdsPaste: boolean;
}

const PASTE_ON = '\u001B[?2004h';
const PASTE_OFF = '\u001B[?2004l';
const PASTE_START = '\u001B[200~';
const PASTE_END = '\u001B[201~';

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
 * `settle` (see keyQueue) holds the next key until the app is done with one.
 *
 * With `holdPaste` the terminal marks pastes (bracketed paste) for as long as
 * the app runs, and a paste reaches only a handler that takes keys whole (an
 * editor). Elsewhere it is dropped: a pasted "…soon. Yes…" must not press s
 * (submit) and then y (confirm) on a screen of single-key commands.
 */
export function KeysRouter({ children, settle, holdPaste = false }: { children: ReactNode; settle?: () => Promise<void>; holdPaste?: boolean }) {
  const handlers = useRef<Registered[]>([]);
  const captures = useRef<Registered[]>([]);
  const current = useCallback(() => captures.current.at(-1) ?? handlers.current.at(-1), []);
  const toCurrent = useCallback((input: string, key: Key, raw?: string) => current()?.handler.current(input, key, raw), [current]);
  const raw = useRawInput();
  // Made at the first key, not during render: the queue only keeps toCurrent to call later.
  const queue = useRef<ReturnType<typeof keyQueue> | null>(null);
  const droppingPaste = useRef(false);
  const { stdout } = useStdout();
  useEffect(() => {
    if (!holdPaste || !stdout.isTTY) return undefined;
    stdout.write(PASTE_ON);
    return () => {
      stdout.write(PASTE_OFF);
    };
  }, [holdPaste, stdout]);
  useInput(
    useCallback(
      (input: string, key: Key) => {
        const whole = current()?.mode === 'whole';
        if (droppingPaste.current || (!whole && raw.current === PASTE_START)) {
          droppingPaste.current = raw.current !== PASTE_END;
          return;
        }
        queue.current ??= keyQueue(toCurrent, settle);
        queue.current(whole ? [{ input, key, raw: raw.current }] : splitKeys(input, key));
      },
      [toCurrent, current, raw, settle],
    ),
  );
  const router = useMemo<KeyRouter>(
    () => ({
      register(handler, mode = 'split') {
        handlers.current.push({ handler, mode });
        return () => {
          handlers.current = handlers.current.filter((h) => h.handler !== handler);
        };
      },
      capture(handler, mode = 'split') {
        captures.current.push({ handler, mode });
        return () => {
          captures.current = captures.current.filter((h) => h.handler !== handler);
        };
      },
      holdsPaste: holdPaste,
    }),
    [holdPaste],
  );
  return <KeyRouterContext.Provider value={router}>{children}</KeyRouterContext.Provider>;
}
