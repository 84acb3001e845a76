import { afterEach, expect, it } from 'vitest';
import { Text } from 'ink';
import { useState } from 'react';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';
import { useKeys, useTextKeys } from '../../../src/ui/hooks/use-keys.js';

let screen: Screen | undefined;
afterEach(() => screen?.unmount());

function Raw() {
  const [seen, setSeen] = useState<string[]>([]);
  useTextKeys((press) => setSeen((s) => [...s, [...(press.raw ?? '')].map((c) => (c < ' ' || c === '\u007F' ? `^${c.charCodeAt(0).toString(16)}` : c)).join('')]));
  return <Text>{seen.join(' ')}</Text>;
}

// useRawInput rests on Ink 6's internal stdin emitter: this fails if a new Ink drops or changes it.
it('gives each keypress its bytes as the terminal sent them, not as Ink names them', async () => {
  screen = renderScreen(<Raw />);
  for (const raw of ['\u007F', '\u001B[3~', '\u001B[200~', 'ab\rc']) screen.press(raw);
  const frame = await screen.waitFor('ab^dc');
  expect(frame).toBe('^7f ^1b[3~ ^1b[200~ ab^dc');
});

function Keys() {
  const [seen, setSeen] = useState('');
  useKeys((input) => setSeen((s) => s + input));
  return <Text>seen:{seen}</Text>;
}

// patches/ink+6.8.0.patch: Ink 6.8 threw a TypeError (and the app died) on a CSI sequence with a modifier and no key name.
it('a pasted colour sequence reaches a screen as nothing, without throwing', async () => {
  screen = renderScreen(<Keys />);
  screen.press('a');
  screen.press('\u001B[31m');
  screen.press('\u001B[0m');
  screen.press('b');
  expect(await screen.waitFor('seen:ab')).toBe('seen:ab');
});
