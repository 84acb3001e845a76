import { afterEach, describe, expect, it } from 'vitest';
import { ReviewScreen, type ReviewEntry } from '../../../src/ui/review/review-screen.js';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';

let screen: Screen | undefined;
afterEach(() => screen?.unmount());

const entries: ReviewEntry[] = Array.from({ length: 30 }, (_, i) => ({
  stem: `Question stem number ${i + 1} \u001B[2Jwith a long tail that will not fit on one line of an eighty column terminal`,
  answered: i % 3 !== 0,
  // A rating item with responses left unrated.
  incomplete: i === 7,
  flagged: i === 4,
  timedOut: false,
  reachable: true,
}));

function mount(current = 0, size?: { columns: number; rows: number }) {
  const calls: string[] = [];
  screen = renderScreen(
    <ReviewScreen
      entries={entries}
      current={current}
      testRemainingMs={125_000}
      onJump={(i) => calls.push(`jump ${i}`)}
      onBack={() => calls.push('back')}
      onSubmit={() => calls.push('submit')}
      onHelp={() => calls.push('help')}
      onQuit={() => calls.push('quit')}
    />,
    size,
  );
  return { screen, calls };
}

describe('review screen', () => {
  it('keeps the clock whole in the least window (40x12)', async () => {
    const { screen } = mount(0, { columns: 40, rows: 12 });
    const frame = await screen.waitFor('Test 02:05 left');
    expect(frame.split('\n')[0]).toMatch(/^Review +Test 02:05 left$/);
    expect(frame.split('\n').length).toBeLessThan(12);
  });

  it('counts unanswered and flagged items in words and lists them within 80x24', async () => {
    const { screen } = mount();
    const frame = await screen.waitFor('Review before submitting');
    expect(frame).toContain('19 answered, 1 incomplete, 10 unanswered, 1 flagged');
    expect(frame).toMatch(/ {2}8\. INCOMPLETE +Question stem number 8/);
    expect(frame).toContain('Test 02:05 left');
    expect(frame).toMatch(/> {2}1\. UNANSWERED/);
    expect(frame).toMatch(/5\. answered {3}flagged/);
    expect(frame).toContain('more lines below');
    // The status column takes only the room its words need; the question gets the rest.
    expect(frame).toMatch(/ {2}2\. answered {12}Question stem number 2 with a long tail that will/);
    expect(frame).not.toContain('\u001B');
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(Math.max(...rows.map((r) => r.length))).toBeLessThanOrEqual(80);
  });

  it('jumps to the next unanswered or incomplete item with u and to the chosen item with Enter', async () => {
    const { screen, calls } = mount();
    await screen.pressAndWait('u', /> {2}4\. UNANSWERED/);
    await screen.pressAndWait('u', /> {2}7\. UNANSWERED/);
    await screen.pressAndWait('u', /> {2}8\. INCOMPLETE/);
    await screen.pressAndWait('u', /> 10\. UNANSWERED/);
    await screen.pressAndWait('up', /> {2}9\. answered/);
    await screen.pressAndWait('up', /> {2}8\. INCOMPLETE/);
    await screen.pressAndWait('up', /> {2}7\. UNANSWERED/);
    await screen.pressAndWait('up', /> {2}6\. answered/);
    await screen.pressAndWait('up', /> {2}5\. answered/);
    screen.press('enter');
    await screen.waitFor(() => calls.length === 1);
    expect(calls).toEqual(['jump 4']);
  });

  it('goes back with Esc and asks to submit with s', async () => {
    const { screen, calls } = mount(12);
    await screen.waitFor(/> 13\./);
    screen.press('s');
    screen.press('escape');
    await screen.waitFor(() => calls.length === 2);
    expect(calls).toEqual(['submit', 'back']);
  });
});
