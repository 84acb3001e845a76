import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmScreen } from '../../../src/ui/take/confirm-screen.js';
import { HelpScreen } from '../../../src/ui/take/help-screen.js';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';

let screen: Screen | undefined;
afterEach(() => screen?.unmount());

describe('help and confirmation', () => {
  it('lists every key in words within 80x24 and closes on any key', async () => {
    let closed = 0;
    screen = renderScreen(<HelpScreen onClose={() => (closed += 1)} />);
    const frame = await screen.waitFor('Keys');
    for (const words of ['flag the question', 'review: see unanswered', 'Ordering', 'Rating', 'Conversation', 'Enter says it', 'take --resume']) {
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
