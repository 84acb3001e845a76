import { PassThrough, Writable } from 'node:stream';
import { useState } from 'react';
import { render, Text } from 'ink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeysRouter } from '../../../src/ui/hooks/keys-router.js';
import { useKeys } from '../../../src/ui/hooks/use-keys.js';
import { takeRenderOptions } from '../../../src/ui/render-take.js';

// As Ink decides (is-in-ci): under CI it draws no live frames, only the last one, so there is no throttle to test.
const inkInCi = ['CI', 'CONTINUOUS_INTEGRATION'].some((k) => k in process.env && process.env[k] !== '0' && process.env[k] !== 'false');

// Ink opens each frame on a terminal with "begin synchronized update".
const FRAME_START = '\u001B[?2026h';

function KeyCounter() {
  const [count, setCount] = useState(0);
  useKeys(() => setCount((c) => c + 1));
  return <Text>{`keys ${count}`}</Text>;
}

/** A terminal for Ink: what is written, and keys to type. */
function fakeTerminal() {
  let written = '';
  const stdout = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        written += String(chunk);
        done();
      },
    }),
    { isTTY: true, columns: 80, rows: 24 },
  );
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: () => stdin,
    ref: () => stdin,
    unref: () => stdin,
  });
  return { stdout, stdin, written: () => written };
}

/** Lets the event loop run (key queue, React's scheduler, stream events) until nothing more is written; no timers fire. */
async function settle(written: () => string): Promise<void> {
  let quietTurns = 0;
  let last = written().length;
  for (let turn = 0; turn < 500 && quietTurns < 20; turn += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    quietTurns = written().length === last ? quietTurns + 1 : 0;
    last = written().length;
  }
}

const framesIn = (text: string): string[] => text.split(FRAME_START).slice(1);

describe.skipIf(inkInCi)('a key in take is drawn at once (frames on a terminal, timers stopped)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws the frame of a key typed right after the last one, and holds the rest of a burst for the throttle', async () => {
    // Only timers are stopped: a frame that waits for Ink's render throttle is never drawn until they run.
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
    const term = fakeTerminal();
    const app = render(
      <KeysRouter>
        <KeyCounter />
      </KeysRouter>,
      {
        ...takeRenderOptions(false),
        patchConsole: false,
        stdout: term.stdout as unknown as NodeJS.WriteStream,
        stdin: term.stdin as unknown as NodeJS.ReadStream,
      },
    );
    try {
      await settle(term.written);
      expect(framesIn(term.written()).at(-1)).toContain('keys 0');
      await vi.advanceTimersByTimeAsync(1_000);

      let from = term.written().length;
      term.stdin.write('a');
      await settle(term.written);
      expect(framesIn(term.written().slice(from))).toEqual([expect.stringContaining('keys 1')]);

      // Within the throttle's window of the frame just drawn: before the patch it waited for a timer.
      from = term.written().length;
      term.stdin.write('b');
      await settle(term.written);
      expect(framesIn(term.written().slice(from))).toEqual([expect.stringContaining('keys 2')]);

      // Ten keys in one read, handed over one per turn: one frame at once, the rest only when the throttle's timer runs.
      from = term.written().length;
      term.stdin.write('cdefghijkl');
      await settle(term.written);
      const atOnce = framesIn(term.written().slice(from));
      expect(atOnce).toHaveLength(1);
      expect(atOnce[0]).not.toContain('keys 12');
      await vi.advanceTimersByTimeAsync(1_000);
      await settle(term.written);
      const burst = framesIn(term.written().slice(from));
      expect(burst).toHaveLength(2);
      expect(burst[1]).toContain('keys 12');
    } finally {
      app.unmount();
    }
  });
});
