import { render, type RenderOptions } from 'ink';
import { TakeApp, type TakeAppProps, type TakeOutcome } from './take/take-app.js';

export interface RenderTakeOptions {
  /** Plain linear text for screen readers. @default INK_SCREEN_READER === 'true' */
  screenReader?: boolean;
  /** Aborting ends the app at once with outcome `failed` and the signal's reason (a journal that cannot be written). */
  signal?: AbortSignal;
}

/** How `take` asks Ink to draw (exported for the test that a key's frame is not held back). */
export function takeRenderOptions(screenReader: boolean) {
  return {
    // Ctrl-C is a key the app asks about (the attempt can be resumed), not an instant exit.
    exitOnCtrlC: false,
    // A clock tick then rewrites the clock's row, not the whole frame (about 180 bytes at 80x24).
    incrementalRendering: true,
    // The frame a key causes is drawn at once (patches/ink: leading edge for input); this caps
    // only the rest of a burst (a paste, a batched key repeat) and renders no key caused.
    maxFps: 30,
    isScreenReaderEnabled: screenReader,
  } satisfies RenderOptions;
}

/**
 * The one bridge from the `take` command to the screens: resolves when the app
 * has unmounted, with how it ended. Components never exit the process.
 */
export async function renderTake(props: Omit<TakeAppProps, 'onExit'>, options: RenderTakeOptions = {}): Promise<TakeOutcome> {
  let outcome: TakeOutcome = { kind: 'quit', started: false };
  const instance = render(
    <TakeApp
      {...props}
      onExit={(o) => {
        outcome = o;
      }}
    />,
    takeRenderOptions(options.screenReader ?? process.env['INK_SCREEN_READER'] === 'true'),
  );
  const stop = () => {
    outcome = { kind: 'failed', error: options.signal?.reason instanceof Error ? options.signal.reason : new Error(String(options.signal?.reason)) };
    instance.unmount();
  };
  if (options.signal?.aborted) stop();
  else options.signal?.addEventListener('abort', stop, { once: true });
  await instance.waitUntilExit();
  options.signal?.removeEventListener('abort', stop);
  return outcome;
}
