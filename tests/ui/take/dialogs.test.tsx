import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmScreen } from '../../../src/ui/take/confirm-screen.js';
import { HelpScreen } from '../../../src/ui/take/help-screen.js';
import { submitPromptLines } from '../../../src/ui/take/take-app.js';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';

let screen: Screen | undefined;
afterEach(() => screen?.unmount());

describe('help and confirmation', () => {
  it('lists every key in words within 80x24 and closes on any key', async () => {
    let closed = 0;
    screen = renderScreen(<HelpScreen onClose={() => (closed += 1)} />);
    const frame = await screen.waitFor('Keys');
    for (const words of ['flag the question', 'review: see unanswered', 'Ordering', 'Rating', 'Conversation', 'Enter says it', 'Written reply', 'Esc: the test keys', 'take --resume']) {
      expect(frame).toContain(words);
    }
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    // Nothing is cut at the edge: every sentence is wrapped whole.
    expect(frame).toContain('this help is open.');
    expect(Math.max(...rows.map((r) => r.length))).toBeLessThanOrEqual(79);
    screen.press('x');
    await screen.waitFor(() => closed === 1);
  });

  it('scrolls at 60x18, where it is taller than the window, and closes on another key', async () => {
    let closed = 0;
    screen = renderScreen(<HelpScreen onClose={() => (closed += 1)} />, { columns: 60, rows: 18 });
    const top = await screen.waitFor('Keys');
    expect(top.split('\n').length).toBeLessThan(18);
    expect(top).toContain('more lines below');
    expect(top).not.toContain('take --resume');
    let frame = top;
    for (let i = 0; i < 20 && !frame.includes('take --resume'); i += 1) frame = await screen.pressAndWait('down', (f) => f !== frame || f.includes('take --resume'));
    expect(frame).toContain('take --resume');
    expect(frame.split('\n').length).toBeLessThan(18);
    expect(closed).toBe(0);
    screen.press('x');
    await screen.waitFor(() => closed === 1);
  });

  it('answers only to y and n, so a stray Enter does nothing', async () => {
    const said: string[] = [];
    screen = renderScreen(
      <ConfirmScreen title="Submit your answers?" body={['2 of 6 questions are unanswered.']} yes="submit now" no="keep working" onYes={() => said.push('yes')} onNo={() => said.push('no')} />,
    );
    await screen.waitFor('y: submit now    n: keep working');
    screen.press('enter');
    screen.press('space');
    screen.press('n');
    screen.press('y');
    await screen.waitFor(() => said.length === 2);
    expect(said).toEqual(['no', 'yes']);
  });
});

describe('the submit prompt counts in words', () => {
  it.each([
    [1, 0, 0, 'The question is answered.'],
    [8, 0, 0, 'All 8 questions are answered.'],
    [1, 1, 0, '1 of 1 question is unanswered; it will score nothing.'],
    [8, 1, 0, '1 of 8 questions is unanswered; it will score nothing.'],
    [8, 3, 0, '3 of 8 questions are unanswered; they will score nothing.'],
    [8, 0, 1, '7 of 8 questions answered in full.'],
  ])('%i questions, %i unanswered, %i incomplete: %s', (total, unanswered, incomplete, expected) => {
    expect(submitPromptLines(total, unanswered, incomplete)[0]).toBe(expected);
  });
});

