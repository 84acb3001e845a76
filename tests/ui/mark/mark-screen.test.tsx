import { afterEach, describe, expect, it } from 'vitest';
import { markingQueue } from '../../../src/core/attempt/marking-queue.js';
import type { Mark } from '../../../src/core/attempt/marking.js';
import type { WrittenItem } from '../../../src/core/bank/types.js';
import { MarkQueue, type MarkOutcome } from '../../../src/ui/mark/mark-screen.js';
import type { MarkDraft } from '../../../src/ui/mark/mark-queue-state.js';
import { finishedAttempt, loadStarterBank, MARK_BANK } from '../../fixtures/attempt-builder.js';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';

let screen: Screen | undefined;
afterEach(() => screen?.unmount());

const { bank } = loadStarterBank(MARK_BANK);
const a1 = finishedAttempt({ id: 'aaaa1111-0000', name: 'Priya Shah', employeeId: 'E1042', bankFile: MARK_BANK, texts: { w1: 'Sorry Sam \u001b[31mred\u001b[0m, I will call by 3pm.\nSecond line.', w2: 'Call by 3pm.' } }).record;
const a2 = finishedAttempt({ id: 'bbbb2222-0000', name: 'Lee Wong', employeeId: 'E2000', bankFile: MARK_BANK, texts: { w1: 'Hello.', w2: '' } }).record;

function queueScreen(role: Mark['role'] = 'first', marks: Mark[] = [], showNames = false) {
  const saves: Array<{ attempt: string; item: string; draft: MarkDraft }> = [];
  const exits: MarkOutcome[] = [];
  const queue = markingQueue(bank, [a1, a2], marks, { role, marker: 'Cat' });
  screen = renderScreen(
    <MarkQueue
      bank={bank}
      entries={queue.entries}
      role={role}
      showNames={showNames}
      awaitingThird={queue.awaitingThird}
      onSave={async (entry, draft) => {
        saves.push({ attempt: entry.attemptId, item: entry.item.id, draft: structuredClone(draft) });
        return { ok: true };
      }}
      onExit={(o) => exits.push(o)}
    />,
  );
  return { saves, exits, screen };
}

describe('the marking queue', () => {
  it('shows one reply at a time without the name or employee id, sanitised and wrapped, with the rubric, within 80 columns', async () => {
    const { screen } = queueScreen();
    const frame = await screen.waitFor('reply 1 of 3');
    expect(frame).toContain('Marking: first mark · reply 1 of 3 · w1 · ref aaaa1111');
    expect(frame).toContain('Sorry Sam red, I will call by 3pm.');
    expect(frame).toContain('Second line.');
    expect(frame).toContain('Criterion 1 of 2: Acknowledges the repeat contacts');
    expect(frame).not.toMatch(/Priya|E1042/);
    expect(screen.written()).not.toContain('\u001b[31mred');
    expect(Math.max(...frame.split('\n').map((r) => r.length))).toBeLessThanOrEqual(79);
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
  });

  it('lists every level of the criterion with its descriptor before one is chosen', async () => {
    const { screen } = queueScreen();
    const frame = await screen.waitFor('reply 1 of 3');
    const ack = bank.items.find((i) => i.id === 'w1')!;
    for (const level of (ack as WrittenItem).rubric[0]!.levels) expect(frame).toContain(`  ${level.points}  ${level.descriptor.slice(0, 30)}`);
  });

  it('--show-names puts the candidate in the header', async () => {
    const { screen } = queueScreen('first', [], true);
    expect(await screen.waitFor('reply 1 of 3')).toContain('Priya Shah (E1042)');
  });

  it('a digit gives the criterion that level and moves on; the descriptor shows; Enter saves and opens the next reply', async () => {
    const { screen, saves } = queueScreen();
    await screen.waitFor('reply 1 of 3');
    let frame = await screen.pressAndWait('1', 'Criterion 2 of 2');
    expect(frame).toContain('Levels: ack 1 · next -');
    frame = await screen.pressAndWait('2', 'next 2');
    expect(frame).toContain('> 2  A next step with a time the customer can hold us to');
    await screen.pressAndWait('c', 'Enter: keep it');
    screen.press('good');
    await screen.waitFor('Comment: good');
    await screen.pressAndWait('enter', 'c: comment');
    frame = await screen.pressAndWait('enter', 'reply 2 of 3');
    expect(frame).toContain('saved reply 1');
    expect(saves).toEqual([{ attempt: 'aaaa1111-0000', item: 'w1', draft: { levels: { ack: 1, next: 2 }, comment: 'good' } }]);
  });

  it('arrows step through levels, a level the criterion lacks is refused, and Enter before every criterion has one saves nothing', async () => {
    const { screen, saves } = queueScreen();
    await screen.waitFor('reply 1 of 3');
    await screen.pressAndWait('7', 'ack has no level 7 (0, 1, 2)');
    await screen.pressAndWait('right', 'Levels: ack 0');
    await screen.pressAndWait('right', 'Levels: ack 1');
    await screen.pressAndWait('enter', 'choose a level for next first');
    expect(saves).toEqual([]);
  });

  it('n skips, p goes back; q with unsaved levels asks first', async () => {
    const { screen, exits } = queueScreen();
    await screen.waitFor('reply 1 of 3');
    await screen.pressAndWait('n', 'reply 2 of 3');
    await screen.pressAndWait('p', 'reply 1 of 3');
    await screen.pressAndWait('1', 'ack 1');
    await screen.pressAndWait('q', 'not saved. q: quit anyway');
    await screen.pressAndWait('escape', 'c: comment');
    screen.press('q');
    screen.press('q');
    await screen.waitFor(() => exits.length === 1);
    expect(exits).toEqual([{ saved: 0, left: 3, interrupted: false }]);
  });

  it('Ctrl-C leaves at once, even while typing a comment', async () => {
    const { screen, exits } = queueScreen();
    await screen.waitFor('reply 1 of 3');
    await screen.pressAndWait('c', 'Enter: keep it');
    screen.press('ctrlC');
    await screen.waitFor(() => exits.length === 1);
    expect(exits).toEqual([{ saved: 0, left: 3, interrupted: true }]);
  });

  it('the third marker sees both marks and where they differ', async () => {
    const marks: Mark[] = [
      { attempt: 'aaaa1111-0000', item: 'w1', levels: { ack: 2, next: 2 }, marker: 'Ann', at: '2026-12-06T09:00:00Z', role: 'first', comment: 'strong' },
      { attempt: 'aaaa1111-0000', item: 'w1', levels: { ack: 0, next: 2 }, marker: 'Bob', at: '2026-12-06T10:00:00Z', role: 'second' },
    ];
    const { screen } = queueScreen('third', marks);
    const frame = await screen.waitFor('reply 1 of 1');
    expect(frame).toContain('First and second marks (they differ on ack):');
    expect(frame).toContain('first, Ann: ack 2, next 2');
    expect(frame).toContain('second, Bob: ack 0, next 2');
    expect(frame).toContain('Acknowledges the repeat contacts (first 2, second 0)');
  });

  it('with nothing to mark it says so, and names the replies waiting for a third marker', async () => {
    const marks: Mark[] = [
      { attempt: 'bbbb2222-0000', item: 'w1', levels: { ack: 2, next: 2 }, marker: 'Ann', at: '2026-12-06T09:00:00Z', role: 'first' },
      { attempt: 'bbbb2222-0000', item: 'w1', levels: { ack: 0, next: 0 }, marker: 'Bob', at: '2026-12-06T10:00:00Z', role: 'second' },
    ];
    const { screen } = queueScreen('second', marks);
    const frame = await screen.waitFor('Nothing waits for this marking.');
    expect(frame.replace(/\s+/g, ' ')).toContain('1 reply waits for a third marker (first and second differ beyond the tolerance): frontline mark --third');
  });
});

describe('coming back to the queue', () => {
  it('opens at the end when every reply has this marker\'s mark; p shows the last one with its levels, to change', async () => {
    const mine: Mark[] = [
      { attempt: 'aaaa1111-0000', item: 'w1', levels: { ack: 1, next: 1 }, marker: 'Cat', at: '2026-12-06T09:00:00Z', role: 'first' },
      { attempt: 'bbbb2222-0000', item: 'w1', levels: { ack: 2, next: 0 }, marker: 'Cat', at: '2026-12-06T09:01:00Z', role: 'first' },
      { attempt: 'aaaa1111-0000', item: 'w2', levels: { clear: 2 }, marker: 'Cat', at: '2026-12-06T09:02:00Z', role: 'first', comment: 'spot on' },
    ];
    const { screen } = queueScreen('first', mine);
    await screen.waitFor('Every reply in this queue has your mark (0 saved now).');
    const frame = await screen.pressAndWait('p', 'reply 1 of 3');
    expect(frame).toContain('You marked this at 2026-12-06T09:00:00Z; saving again replaces it');
    expect(frame).toContain('Levels: ack 1 · next 1');
  });
});
