import { useState } from 'react';
import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { KeysRouter } from '../../../src/ui/hooks/keys-router.js';
import { useKeys, useTextKeys } from '../../../src/ui/hooks/use-keys.js';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';

let screen: Screen | undefined;
afterEach(() => screen?.unmount());

function First({ seen, onNext }: { seen: string[]; onNext: () => void }) {
  useKeys((input) => {
    seen.push(`first:${input}`);
    if (input === 'x') onNext();
  });
  return <Text>first screen</Text>;
}

function Second({ seen }: { seen: string[] }) {
  useKeys((input) => seen.push(`second:${input}`));
  return <Text>second screen</Text>;
}

function Screens({ seen }: { seen: string[] }) {
  const [which, setWhich] = useState<'first' | 'second'>('first');
  return which === 'first' ? <First seen={seen} onNext={() => setWhich('second')} /> : <Second seen={seen} />;
}

/**
 * Waits, one turn of the event loop at a time, until the frame shows `text`:
 * React draws a screen in one turn and runs its passive effects (where Ink's
 * useInput subscribes) in a later one, so a key sent at once falls between.
 */
async function untilDrawn(s: Screen, text: string): Promise<void> {
  for (let turn = 0; !s.frame().includes(text); turn += 1) {
    if (turn > 1000) throw new Error(`never drew ${text}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('keys under a KeysRouter', () => {
  it('go to the screen drawn last from the moment it is drawn, before its effects run', async () => {
    const seen: string[] = [];
    screen = renderScreen(
      <KeysRouter>
        <Screens seen={seen} />
      </KeysRouter>,
    );
    await screen.waitFor('first screen');
    screen.press('x');
    await untilDrawn(screen, 'second screen');
    screen.press('y');
    await screen.waitFor(() => seen.length === 2);
    expect(seen).toEqual(['first:x', 'second:y']);
  });

  it('hands the second of two keys in one write to the screen the first one drew', async () => {
    const seen: string[] = [];
    screen = renderScreen(
      <KeysRouter>
        <Screens seen={seen} />
      </KeysRouter>,
    );
    await screen.waitFor('first screen');
    // The switch is a React state update: the second key waits for its render.
    screen.press('xy');
    await screen.waitFor(() => seen.length === 2);
    expect(seen).toEqual(['first:x', 'second:y']);
  });

  it('holds the next key until settle resolves (the take app: the event is written and shown)', async () => {
    const seen: string[] = [];
    let release: () => void = () => {};
    const settle = () => new Promise<void>((resolve) => (release = resolve));
    screen = renderScreen(
      <KeysRouter settle={settle}>
        <Second seen={seen} />
      </KeysRouter>,
    );
    await screen.waitFor('second screen');
    screen.press('ab');
    await screen.waitFor(() => seen.length === 1);
    // Many turns of the event loop: still only the first key.
    for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['second:a']);
    release();
    await screen.waitFor(() => seen.length === 2);
    expect(seen).toEqual(['second:a', 'second:b']);
  });
});

describe('a paste under a KeysRouter that holds paste', () => {
  it('never reaches a screen of single-key commands: a pasted "s…y" neither submits nor confirms', async () => {
    const seen: string[] = [];
    screen = renderScreen(
      <KeysRouter holdPaste>
        <Second seen={seen} />
      </KeysRouter>,
    );
    await screen.waitFor('second screen');
    screen.press('\u001B[200~see you soon. yes\u001B[201~');
    screen.press('n');
    await screen.waitFor(() => seen.length === 1);
    expect(seen).toEqual(['second:n']);
  });

  it('still reaches a handler that takes keys whole (an editor), markers and all', async () => {
    const seen: string[] = [];
    function Editor() {
      useTextKeys((press) => seen.push(press.raw ?? press.input));
      return <Text>editor</Text>;
    }
    screen = renderScreen(
      <KeysRouter holdPaste>
        <Editor />
      </KeysRouter>,
    );
    await screen.waitFor('editor');
    screen.press('\u001B[200~hi\u001B[201~');
    await screen.waitFor(() => seen.join('').includes('\u001B[201~'));
    expect(seen.join('')).toBe('\u001B[200~hi\u001B[201~');
  });
});
