import type { ReactElement } from 'react';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import stripAnsi from 'strip-ansi';

/** Keys by name, as the bytes a terminal sends for them. */
export const keys = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  shiftUp: '\u001B[1;2A',
  shiftDown: '\u001B[1;2B',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  enter: '\r',
  space: ' ',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

export type KeyName = keyof typeof keys;

export interface Screen {
  /** The last frame, without colour codes, trailing spaces trimmed per line. */
  frame(): string;
  /** Sends a named key (see `keys`) or literal text. */
  press(key: KeyName | (string & {})): void;
  /** Waits until the last frame contains `text` (or satisfies the predicate); fails with the frame. */
  waitFor(expected: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Presses a key, then waits for a frame that satisfies `expected`. */
  pressAndWait(key: KeyName | (string & {}), expected: string | RegExp | ((frame: string) => boolean)): Promise<string>;
  resize(columns: number, rows: number): void;
  /** Everything written to the terminal so far, control sequences included. */
  written(): string;
  unmount(): void;
}

const matches = (frame: string, expected: string | RegExp | ((frame: string) => boolean)): boolean =>
  typeof expected === 'string' ? frame.includes(expected) : expected instanceof RegExp ? expected.test(frame) : expected(frame);

const clean = (raw: string | undefined): string =>
  stripAnsi(raw ?? '')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');

/**
 * Renders a tree in ink-testing-library at a given terminal size (80x24 by
 * default; the library itself is fixed at 100 columns). Waits poll the frame
 * rather than sleep, so a test is as slow as the screen and no slower.
 */
export function renderScreen(tree: ReactElement, { columns = 80, rows = 24 } = {}): Screen {
  // Mount something empty first: the size must be set on the library's stdout before the real tree lays out.
  const instance = render(<Text>{''}</Text>);
  const size = { columns, rows };
  Object.defineProperty(instance.stdout, 'columns', { get: () => size.columns, configurable: true });
  Object.defineProperty(instance.stdout, 'rows', { get: () => size.rows, configurable: true });
  instance.rerender(tree);

  const screen: Screen = {
    frame: () => clean(instance.lastFrame()),
    press(key) {
      instance.stdin.write(key in keys ? keys[key as KeyName] : key);
    },
    async waitFor(expected, timeoutMs = 3000) {
      const start = Date.now();
      for (;;) {
        const frame = screen.frame();
        if (matches(frame, expected)) return frame;
        if (Date.now() - start > timeoutMs) {
          throw new Error(`screen never showed ${String(expected)} within ${timeoutMs} ms; last frame:\n${frame}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async pressAndWait(key, expected) {
      screen.press(key);
      return screen.waitFor(expected);
    },
    resize(c, r) {
      size.columns = c;
      size.rows = r;
      instance.stdout.emit('resize');
    },
    written: () => instance.frames.join(''),
    unmount: () => instance.unmount(),
  };
  return screen;
}
