import { afterEach, describe, expect, it } from 'vitest';
import { useState } from 'react';
import { Text } from 'ink';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';
import { DraftEditor } from '../../../src/ui/editor/draft-editor.js';
import type { DraftEditorProps } from '../../../src/ui/editor/use-draft-editor.js';
import { KeysRouter } from '../../../src/ui/hooks/keys-router.js';
import { useKeys } from '../../../src/ui/hooks/use-keys.js';
import { TranscriptRoot } from '../../../src/ui/layout/transcript.js';
import type { ExternalEditOutcome } from '../../../src/core/text/draft-buffer.js';

const PASTE_START = '\u001B[200~';
const PASTE_END = '\u001B[201~';
const DELETE = '\u001B[3~';
const HOME = '\u001B[H';
const END = '\u001B[F';
const CTRL_A = '\u0001';
const CTRL_E = '\u0005';
const CTRL_O = '\u000F';
const CTRL_R = '\u0012';

/** The frame's words with any wrapping undone: notices wrap at the editor's width. */
const says = (text: string) => (frame: string) => frame.replace(/\s+/g, ' ').includes(text);

let screen: Screen | undefined;
afterEach(() => {
  screen?.unmount();
  screen = undefined;
});

function mount(props: Partial<DraftEditorProps> = {}, size = { columns: 40, rows: 12 }) {
  const changes: string[] = [];
  const events: string[] = [];
  screen = renderScreen(
    <DraftEditor
      text=""
      width={30}
      height={4}
      onChange={(t) => changes.push(t)}
      onLeave={() => events.push('leave')}
      onQuit={() => events.push('quit')}
      {...props}
    />,
    size,
  );
  const last = () => changes.at(-1) ?? props.text ?? '';
  return { screen, changes, events, last };
}

/** Waits until the latest text the editor reported is `text`. */
async function textBecomes(s: Screen, last: () => string, text: string): Promise<void> {
  await s.waitFor(() => last() === text).catch(() => {
    throw new Error(`text is ${JSON.stringify(last())}, expected ${JSON.stringify(text)}`);
  });
}

describe('draft editor: typing', () => {
  it('types, wraps at the width, counts words, reports each change', async () => {
    const { screen: s, last, changes } = mount();
    s.press('Thank you for waiting, Ana. I have checked');
    await textBecomes(s, last, 'Thank you for waiting, Ana. I have checked');
    const frame = await s.waitFor('8 words');
    expect(frame).toContain('Thank you for waiting, Ana. I');
    expect(frame).toContain('have checked');
    expect(changes.length).toBeGreaterThan(0);
  });

  it('Enter starts a new line; Backspace deletes before the cursor, Delete after it', async () => {
    const { screen: s, last } = mount({ text: 'ab' });
    await s.waitFor('1 word');
    s.press('enter');
    s.press('cd');
    await textBecomes(s, last, 'ab\ncd');
    s.press('left');
    s.press('left');
    s.press(DELETE);
    await textBecomes(s, last, 'ab\nd');
    s.press('backspace');
    await textBecomes(s, last, 'abd');
  });

  it.each([
    ['Home', HOME, 'Xhello world'],
    ['Ctrl-A', CTRL_A, 'Xhello world'],
    ['End', END, 'hello worldX'],
    ['Ctrl-E', CTRL_E, 'hello worldX'],
  ])('%s moves to the row edge', async (_name, key, expected) => {
    const { screen: s, last } = mount({ text: 'hello world' });
    await s.waitFor('2 words');
    s.press('left');
    s.press('left');
    s.press(key);
    s.press('X');
    await textBecomes(s, last, expected);
  });

  it('up and down move between rows, keeping the column', async () => {
    const { screen: s, last } = mount({ text: 'abcdef\nab\nabcdefgh' });
    await s.waitFor('3 words');
    for (const k of [HOME, 'up', 'up', 'right', 'right', 'right', 'right', 'down', 'down'] as const) s.press(k);
    s.press('X');
    await textBecomes(s, last, 'abcdef\nab\nabcdXefgh');
  });

  it('scrolls to keep the cursor in view and says where the view is', async () => {
    const { screen: s } = mount({ text: '' });
    await s.waitFor('0 words');
    s.press('one\rtwo\rthree\rfour\rfive\rsix');
    const rows = (frame: string) => frame.split('\n').slice(0, 4);
    expect(rows(await s.waitFor('rows 3-6 of 6'))).toEqual(['three', 'four', 'five', 'six']);
    for (let i = 0; i < 5; i += 1) s.press('up');
    expect(rows(await s.waitFor('rows 1-4 of 6'))).toEqual(['one', 'two', 'three', 'four']);
  });

  it('over the word limit says so and typing goes on', async () => {
    const { screen: s, last } = mount({ text: 'one two three four', limits: { max: 5 } });
    await s.waitFor('4 words (at most 5)');
    s.press(' five six');
    await s.waitFor('! 6 words: 1 over the limit of 5');
    s.press(' seven');
    await textBecomes(s, last, 'one two three four five six seven');
    await s.waitFor('! 7 words: 2 over the limit of 5');
  });

  it('counts words as a word processor does by default (runs of non-space), or the way it is told to', async () => {
    const { screen: s } = mount({ text: 'open 24/7 — now', limits: { max: 4 } });
    await s.waitFor('4 words (at most 4)');
    s.unmount();
    const { screen: t } = mount({ text: 'open 24/7', limits: { max: 2 }, countWords: () => 9 });
    await t.waitFor('! 9 words: 7 over the limit of 2');
  });

  it('states a range of limits', async () => {
    const { screen: s } = mount({ text: 'Hi', limits: { min: 50, max: 150 } });
    await s.waitFor('1 word (50-150 asked for)');
  });

  it('Esc leaves and Ctrl-C quits, keeping the text', async () => {
    const { screen: s, events, last } = mount({ text: 'draft' });
    await s.waitFor('1 word');
    s.press('escape');
    await s.waitFor(() => events.includes('leave'));
    s.press('ctrlC');
    await s.waitFor(() => events.includes('quit'));
    expect(last()).toBe('draft');
  });
});

describe('draft editor: paste', () => {
  it('a bracketed paste goes in as text: line breaks kept, escapes, Esc and Ctrl-C inside it inert', async () => {
    const { screen: s, last, events } = mount();
    await s.waitFor('0 words');
    s.press(`${PASTE_START}Hi Ana,\r\n\r\nSorry \u001B[31mabout\u001B[0m that.\u0003\u001B]0;owned\u0007\u001Bx${PASTE_END}`);
    await textBecomes(s, last, 'Hi Ana,\n\nSorry about that.x');
    expect(events).toEqual([]);
    // "that.x" is one word (UAX #29 joins letters across a full stop).
    const frame = await s.waitFor('5 words');
    expect(frame).not.toContain('owned');
  });

  it('a paste split across many reads is one insert', async () => {
    const { screen: s, last, changes } = mount({ text: 'Start. ' });
    await s.waitFor('1 word');
    s.press(PASTE_START);
    s.press('first part, ');
    s.press('\r');
    s.press('second part');
    s.press(PASTE_END);
    await textBecomes(s, last, 'Start. first part, \nsecond part');
    expect(changes).toEqual(['Start. first part, \nsecond part']);
  });

  it('without bracketed paste, a burst is text: its line breaks are new lines, DEL a backspace', async () => {
    const { screen: s, last } = mount();
    await s.waitFor('0 words');
    s.press('Line one\rLine twoo\u007F');
    await textBecomes(s, last, 'Line one\nLine two');
  });

  it('a megabyte paste is cut at the length cap, with a notice', async () => {
    const { screen: s, last } = mount();
    await s.waitFor('0 words');
    const line = 'We have refunded order 12345 in full.\r\n';
    s.press(PASTE_START + line.repeat(Math.ceil(1_048_576 / line.length)) + PASTE_END);
    await s.waitFor(() => last().length === 20_000, 20_000);
    const frame = await s.waitFor(says('The pasted text was cut at the 20,000-character limit of a reply.'));
    expect(last().startsWith('We have refunded order 12345 in full.\nWe have')).toBe(true);
    expect(frame).toContain('rows');
  });
});

describe('draft editor: your own editor (Ctrl-O)', () => {
  it('takes the text the editor saved', async () => {
    const seen: string[] = [];
    const editExternally = (text: string): ExternalEditOutcome => {
      seen.push(text);
      return { ok: true, text: `${text}, edited\r\nelsewhere\u001B[2J` };
    };
    const { screen: s, last } = mount({ text: 'Dear Ana', editExternally });
    await s.waitFor('2 words');
    s.press(CTRL_O);
    await textBecomes(s, last, 'Dear Ana, edited\nelsewhere');
    expect(seen).toEqual(['Dear Ana']);
  });

  it('an editor that fails leaves the draft as it was, and says why', async () => {
    const editExternally = (): ExternalEditOutcome => ({ ok: false, message: 'The editor "nope" was not found; your reply is unchanged.' });
    const { screen: s, changes } = mount({ text: 'Dear Ana', editExternally });
    await s.waitFor('2 words');
    s.press(CTRL_O);
    const frame = await s.waitFor(says('The editor "nope" was not found; your reply is unchanged.'));
    expect(frame).toContain('Dear Ana');
    expect(changes).toEqual([]);
    // The notice goes at the next key.
    s.press('!');
    await s.waitFor((f) => !says('was not found')(f));
  });

  it('without one, Ctrl-O says it is not available and the hints do not offer it', async () => {
    const { screen: s } = mount({ text: 'x' });
    const frame = await s.waitFor('Esc done');
    expect(frame).not.toContain('Ctrl-O');
    s.press(CTRL_O);
    await s.waitFor(says('Your own editor is not available here.'));
  });
});

function Below({ log }: { log: string[] }) {
  const [seen, setSeen] = useState('');
  useKeys((input) => {
    log.push(input);
    setSeen((x) => x + input);
  });
  return <Text>below:{seen}</Text>;
}

describe('draft editor inside the take app', () => {
  it('takes every key from the screen under it: n, p, s are text', async () => {
    const log: string[] = [];
    const changes: string[] = [];
    screen = renderScreen(
      <KeysRouter>
        <Below log={log} />
        <DraftEditor text="" width={30} height={3} onChange={(t) => changes.push(t)} onLeave={() => {}} onQuit={() => {}} />
      </KeysRouter>,
    );
    await screen.waitFor('0 words');
    screen.press('n');
    screen.press('ps');
    screen.press(`${PASTE_START}a\rb${PASTE_END}`);
    await screen.waitFor(() => changes.at(-1) === 'npsa\nb');
    expect(log).toEqual([]);
  });
});

describe('draft editor for screen readers', () => {
  const previous = process.env['INK_SCREEN_READER'];
  afterEach(() => {
    if (previous === undefined) delete process.env['INK_SCREEN_READER'];
    else process.env['INK_SCREEN_READER'] = previous;
  });

  it('reads the text and its word count when it appears, not at every key; Ctrl-R reads it back', async () => {
    process.env['INK_SCREEN_READER'] = 'true';
    const changes: string[] = [];
    screen = renderScreen(
      <TranscriptRoot>
        <DraftEditor text={'Hi Ana,\nthanks.'} width={30} height={3} onChange={(t) => changes.push(t)} onLeave={() => {}} onQuit={() => {}} />
      </TranscriptRoot>,
    );
    const first = await screen.waitFor('3 words');
    expect(first).toContain('Hi Ana,');
    expect(first).toContain('thanks.');
    expect(first).toContain('Ctrl-R read it back');
    screen.press(' Bye');
    await screen.waitFor(() => changes.at(-1) === 'Hi Ana,\nthanks. Bye');
    expect(screen.frame()).not.toContain('4 words');
    const read = await screen.pressAndWait(CTRL_R, 'Your reply, 4 words:');
    expect(read.slice(read.indexOf('Your reply, 4 words:'))).toContain('thanks. Bye');
  });
});
