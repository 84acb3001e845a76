import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WrittenItem } from '../../../src/core/bank/types.js';
import { ItemScreen, type ItemScreenProps } from '../../../src/ui/item/item-screen.js';
import { TranscriptRoot } from '../../../src/ui/layout/transcript.js';
import { KeysRouter } from '../../../src/ui/hooks/keys-router.js';
import { layoutPreview } from '../../../src/ui/preview/preview-lines.js';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';
import { loadUiTour } from '../helpers/fixture-bank.js';

const item: WrittenItem = {
  id: 'w-1',
  type: 'written',
  competency: 'listening',
  stem: 'Write your next message to Sam.',
  channel: 'chat',
  words: { min: 20, max: 60 },
  modelAnswer: 'Sam, I am sorry.\n\nYour refund went out today.',
  rubric: [{ id: 'ack', criterion: 'Acknowledges \u001b[31mSam', competency: 'listening', levels: [{ points: 0, descriptor: 'Ignores it' }, { points: 2, descriptor: 'Names it' }] }],
};

let screen: Screen | undefined;
afterEach(() => screen?.unmount());

const PASTE_START = '\u001B[200~';
const PASTE_END = '\u001B[201~';
const CTRL_R = '\u0012';

interface Mounted {
  screen: Screen;
  calls: string[];
  writes: string[];
  last: () => string;
}

/** One written item as the take app holds it: the driver's part (onWrite, onFlush, the response) kept in the harness. */
function mountWritten(overrides: Partial<ItemScreenProps> = {}, size?: { columns: number; rows: number }, wrap: (tree: ReactElement) => ReactElement = (t) => t): Mounted {
  const calls: string[] = [];
  const writes: string[] = [];
  const props: ItemScreenProps = {
    item,
    entry: { itemId: item.id },
    caseStudy: undefined,
    index: 1,
    total: 3,
    answeredCount: 0,
    response: null,
    answered: false,
    flagged: false,
    locked: false,
    timedOut: false,
    warning: undefined,
    late: false,
    testRemainingMs: 600_000,
    itemRemainingMs: undefined,
    canGoBack: true,
    canFlag: true,
    isLast: false,
    now: () => 0,
    onAnswer: () => calls.push('answer'),
    onNext: () => calls.push('next'),
    onPrevious: () => calls.push('previous'),
    onFlag: () => calls.push('flag'),
    onReview: () => calls.push('review'),
    onSubmit: () => calls.push('submit'),
    onHelp: () => calls.push('help'),
    onQuit: () => calls.push('quit'),
    onWrite: (text) => writes.push(text),
    onFlush: () => calls.push('flush'),
    ...overrides,
  };
  // Under the keys router, as in take: a screen takes the keys in the commit that draws it.
  const screen = renderScreen(wrap(<KeysRouter><ItemScreen {...props} /></KeysRouter>), size);
  const initial = props.response?.type === 'written' ? props.response.text : '';
  return { screen, calls, writes, last: () => writes.at(-1) ?? initial };
}

const until = async (s: Screen, ok: () => boolean, what: () => string) =>
  s.waitFor(ok).catch(() => {
    throw new Error(what());
  });

describe('a written item in take', () => {
  it('opens with the editor: every printable key is text (n, p, r, s too), Enter a new line; each change goes to the driver', async () => {
    const m = mountWritten();
    screen = m.screen;
    const first = await m.screen.waitFor('0 words (20-60 asked for)');
    expect(first).toContain('Write your next message to Sam.');
    expect(first).toContain('Write a chat message of at least 20 and at most 60 words.');
    expect(first).toContain('Esc done writing');
    m.screen.press('Hi Sam, sorry: nnp rs');
    m.screen.press('enter');
    m.screen.press('?c');
    await until(m.screen, () => m.last() === 'Hi Sam, sorry: nnp rs\n?c', () => `text is ${JSON.stringify(m.last())}`);
    expect(m.calls).toEqual([]);
    await m.screen.waitFor('5 words (20-60 asked for)');
  });

  it('Esc journals the draft and gives the keys back to the test; Enter or w writes again, the cursor where it was', async () => {
    const m = mountWritten({ response: { type: 'written', text: 'Dear Sam' } });
    screen = m.screen;
    await m.screen.waitFor('2 words');
    m.screen.press('escape');
    await m.screen.waitFor('Enter/w write');
    expect(m.calls).toEqual(['flush']);
    m.screen.press('n');
    m.screen.press('f');
    await until(m.screen, () => m.calls.length === 3, () => `calls ${JSON.stringify(m.calls)}`);
    expect(m.calls).toEqual(['flush', 'next', 'flag']);
    m.screen.press('w');
    await m.screen.waitFor('Esc done writing');
    m.screen.press(',');
    await until(m.screen, () => m.last() === 'Dear Sam,', () => `text is ${JSON.stringify(m.last())}`);
    m.screen.press('escape');
    await m.screen.waitFor('Enter/w write');
    m.screen.press('enter');
    await m.screen.waitFor('Esc done writing');
    m.screen.press('!');
    await until(m.screen, () => m.last() === 'Dear Sam,!', () => `text is ${JSON.stringify(m.last())}`);
  });

  it('says plainly when the reply is over the limit, and lets it stand', async () => {
    const m = mountWritten({ item: { ...item, words: { max: 3 } } });
    screen = m.screen;
    await m.screen.waitFor('0 words (at most 3)');
    m.screen.press('one two three four five');
    await m.screen.waitFor('! 5 words: 2 over the limit of 3');
    expect(m.last()).toBe('one two three four five');
  });

  it('a paste keeps its line breaks and draws no escape sequence it carried', async () => {
    const m = mountWritten();
    screen = m.screen;
    await m.screen.waitFor('0 words');
    m.screen.press(`${PASTE_START}Hello\r\n\u001B[31mred\u001B[0m \u001B]0;title\u0007done${PASTE_END}`);
    await until(m.screen, () => m.last() === 'Hello\nred done', () => `text is ${JSON.stringify(m.last())}`);
    const frame = await m.screen.waitFor('3 words');
    expect(frame).toContain('Hello\nred done');
    expect(m.screen.written()).not.toContain('\u001B]0;');
    expect(m.screen.written()).not.toContain('\u001B[31m');
  });

  it('Ctrl-C in the editor journals the draft, then asks to quit', async () => {
    const m = mountWritten();
    screen = m.screen;
    await m.screen.waitFor('0 words');
    m.screen.press('x');
    await until(m.screen, () => m.last() === 'x', () => 'no x');
    m.screen.press('ctrlC');
    await until(m.screen, () => m.calls.length === 2, () => `calls ${JSON.stringify(m.calls)}`);
    expect(m.calls).toEqual(['flush', 'quit']);
  });

  it('a locked item shows the reply as recorded, takes no text, and Enter goes on', async () => {
    const m = mountWritten({ locked: true, timedOut: true, response: { type: 'written', text: 'Sam, sorry.\nRefund today.' }, answered: true });
    screen = m.screen;
    const frame = await m.screen.waitFor('Refund today.');
    expect(frame).toContain('(locked)');
    expect(frame).toContain('Sam, sorry.');
    expect(frame).not.toContain('Enter/w write');
    m.screen.press('x');
    m.screen.press('enter');
    await until(m.screen, () => m.calls.includes('next'), () => `calls ${JSON.stringify(m.calls)}`);
    expect(m.writes).toEqual([]);
  });

  it('fits 80x24 with a long case and a long question: the question shortened with a way to read it whole, the count always shown', async () => {
    const { bank } = loadUiTour();
    const caseStudy = bank.cases?.[0];
    const long = { ...item, stem: `${'Write the final response to Dr Osei, answering every point he raised. '.repeat(20)}End of question.` };
    const m = mountWritten({ item: long, caseStudy, response: { type: 'written', text: 'Dear Dr Osei,\n\n'.repeat(12) } });
    screen = m.screen;
    const frame = await m.screen.waitFor(/\d+ words \(20-60 asked for\)/);
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(23);
    expect(Math.max(...rows.map((r) => r.length))).toBeLessThanOrEqual(80);
    expect(frame).toContain('Question 2 of 3');
    expect(frame).toContain('Esc done writing');
    expect(frame).toContain('(Esc, then c: the whole question)');
    expect(frame).not.toContain('End of question.');
    // Opened on a long reply, the editor shows its end, where the cursor is.
    expect(frame).toMatch(/rows \d+-25 of 25/);
    m.screen.press('escape');
    await m.screen.waitFor('Enter/w write');
    const reader = await m.screen.pressAndWait('c', 'c or Esc: back to your reply');
    expect(reader.split('\n').length).toBeLessThanOrEqual(24);
    let seen = reader;
    for (let i = 0; i < 10 && !seen.includes('End of question.'); i += 1) seen = await m.screen.pressAndWait('pageDown', (f) => f !== seen || f.includes('End of question.'));
    expect(seen).toContain('End of question.');
    m.screen.press('escape');
    await m.screen.waitFor('Enter/w write');
  });
});

describe('a written item in the smallest window (40x12)', () => {
  it('keeps the title, the case line, the start of the question, the editor and its count within the window', async () => {
    const { bank } = loadUiTour();
    const long = { ...item, channel: 'email' as const, stem: 'Write the final response to Dr Osei, answering every point he raised in his email. '.repeat(4) };
    const m = mountWritten({ item: long, caseStudy: bank.cases?.[0] }, { columns: 40, rows: 12 });
    screen = m.screen;
    const frame = await m.screen.waitFor('0 words (20-60 asked for)');
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(11);
    expect(Math.max(...rows.map((r) => r.length))).toBeLessThanOrEqual(40);
    expect(rows[0]).toContain('Question 2 of 3');
    expect(frame).toMatch(/^Case: .+\(Esc, c: read\)$/m);
    expect(frame).toContain('Write the final response');
    expect(frame).toContain('Esc done writing');
  });
});

describe('a written item for a screen reader', () => {
  const previous = process.env['INK_SCREEN_READER'];
  afterEach(() => {
    if (previous === undefined) delete process.env['INK_SCREEN_READER'];
    else process.env['INK_SCREEN_READER'] = previous;
  });

  it('reads the question, the reply so far and its count once, in order, with no cursor drawn; Ctrl-R reads the reply back', async () => {
    process.env['INK_SCREEN_READER'] = 'true';
    const m = mountWritten({ response: { type: 'written', text: 'Hi Sam,\nsorry.' } }, undefined, (tree) => <TranscriptRoot>{tree}</TranscriptRoot>);
    screen = m.screen;
    const first = await m.screen.waitFor('Ctrl-R read it back');
    const order = ['Question 2 of 3', 'Write your next message to Sam.', 'Write a chat message', 'Hi Sam,', 'sorry.', '3 words (20-60 asked for)', 'Esc done writing'];
    const at = order.map((t) => first.indexOf(t));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(m.screen.written()).not.toContain('\u001B[7m');
    m.screen.press(' Bye');
    await until(m.screen, () => m.last() === 'Hi Sam,\nsorry. Bye', () => `text is ${JSON.stringify(m.last())}`);
    expect(m.screen.frame()).not.toContain('4 words');
    const read = await m.screen.pressAndWait(CTRL_R, 'Your reply, 4 words:');
    expect(read.slice(read.indexOf('Your reply, 4 words:'))).toContain('sorry. Bye');
  });
});

describe('a written item in preview', () => {
  it('shows the reply\'s shape; with --answers the rubric and the model answer, sanitised', () => {
    const { bank } = loadUiTour();
    const text = (answers: boolean) => layoutPreview(bank, [item], { answers, width: 80, plain: true }).map((l) => l.text).join('\n');
    expect(text(false)).toContain('Write a chat message of at least 20 and at most 60 words.');
    expect(text(false)).not.toContain('rubric');
    const withAnswers = text(true);
    expect(withAnswers).toContain('Marked by a trainer against this rubric:');
    expect(withAnswers).toContain(' - Acknowledges Sam (listening)');
    expect(withAnswers).toContain('     2: Names it');
    expect(withAnswers).toContain('Model answer:\n  Sam, I am sorry.\n\n  Your refund went out today.');
    expect(withAnswers).not.toContain('\u001b');
  });
});
