import type { Key } from 'ink';

export interface KeyPress {
  input: string;
  key: Key;
  /** The bytes the terminal sent (see useRawInput); only on presses handed over whole. */
  raw?: string;
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** One character as Ink would report it had it arrived alone (same names as Ink's parse-keypress). */
function singleKey(char: string): KeyPress {
  switch (char) {
    case '\r':
    case '\n':
      return { input: '', key: { ...NO_KEY, return: true } };
    case '\t':
      return { input: '', key: { ...NO_KEY, tab: true } };
    case '\b':
      return { input: '', key: { ...NO_KEY, backspace: true } };
    case '\x7f':
      return { input: '', key: { ...NO_KEY, delete: true } };
    default:
      if (char < ' ') {
        // Ctrl+letter: Ink reports the letter with ctrl set.
        return { input: String.fromCharCode(char.charCodeAt(0) + 96), key: { ...NO_KEY, ctrl: true } };
      }
      return { input: char, key: { ...NO_KEY, shift: /^[A-Z]$/.test(char) } };
  }
}

/**
 * Ink splits escape sequences into separate keypresses but hands a run of
 * other characters over as one string: "Ada\t" typed fast, a burst of
 * backspaces, or "2\r" (choose then Enter). Such a run is split here into the
 * keypresses it is made of, so Tab, Enter and Backspace inside it still act.
 * A lone key, a named key and an Alt-combination pass through unchanged.
 */
export function splitKeys(input: string, key: Key): KeyPress[] {
  // Enter typed before Ink switched the terminal to raw mode arrives as a line feed.
  if (input === '\n' || input === '\r\n') return [{ input: '', key: { ...key, return: true } }];
  const chars = [...input.replace(/\r\n/g, '\r')];
  if (chars.length <= 1 || key.ctrl || key.meta) return [{ input, key }];
  return chars.map(singleKey);
}

/**
 * Hands keypresses over one at a time, each once the one before has been
 * acted on and drawn, so each sees where the last left the screen: "333"
 * rates three responses, not one three times; "nnn" goes three questions on.
 * `settle` says when the app is done with a key (the take app: its event is
 * in the journal and in the view, which is shown only after it is written).
 * Then one more turn of the event loop: React renders an update made outside
 * its own events in a task its scheduler posts with setImmediate from a
 * microtask, so this setImmediate, posted after it, runs after that render.
 * Keys that arrive while an earlier one is still being handed over (or is
 * not yet settled) wait their turn: "Rita Review", Tab, "E9009", Enter typed
 * fast stay in that order.
 */
export function keyQueue(deliver: (input: string, key: Key, raw?: string) => void, settle: () => Promise<void> = () => Promise.resolve()): (presses: KeyPress[]) => void {
  const waiting: KeyPress[] = [];
  let draining = false;
  const next = () => {
    const press = waiting.shift();
    if (press === undefined) {
      draining = false;
      return;
    }
    deliver(press.input, press.key, press.raw);
    void settle().then(
      () => setImmediate(next),
      () => setImmediate(next),
    );
  };
  return (presses) => {
    waiting.push(...presses);
    if (draining) return;
    draining = true;
    next();
  };
}
