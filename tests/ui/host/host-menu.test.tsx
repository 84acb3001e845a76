import { afterEach, describe, expect, it } from 'vitest';
import { HostMenu, type HostMenuItem, type HostMenuOutcome } from '../../../src/ui/host/host-menu.js';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';

let screen: Screen | undefined;
afterEach(() => screen?.unmount());

const items: HostMenuItem[] = [
  { id: 'a', title: 'Refunds (version 2)', detail: 'opens 2026-12-07 09:00 UTC; attempt 1', action: undefined },
  { id: 'b', title: 'Chat basics (version 1.0.0)', detail: 'open until 2026-12-12 23:00 UTC; attempt 2 of 3', action: 'start' },
  { id: 'c', title: 'Escalations \u001b[31m(version 1)', detail: 'unfinished: 12:34 left; attempt 1', action: 'resume' },
];

describe("the exam host's menu", () => {
  it('lists every assignment with its window and attempt, lands on the first that can start, and fits 80 columns', async () => {
    screen = renderScreen(<HostMenu who="Dana Li (E123)" items={items} idleMs={600_000} onExit={() => undefined} />);
    const frame = await screen.waitFor('Your tests:');
    expect(frame).toContain('Exam host: Dana Li (E123)');
    expect(frame).toMatch(/> 2\. Chat basics \(version 1\.0\.0\)/);
    expect(frame).toContain('open until 2026-12-12 23:00 UTC; attempt 2 of 3');
    expect(frame).toContain('3. Escalations');
    expect(frame).toContain('[resume]');
    // A title from a bank file cannot colour (or move about) the agent's terminal.
    expect(screen.written()).not.toContain('\u001b[31m(version');
    expect(frame).toContain('The session closes after 10 min without a key.');
    expect(Math.max(...frame.split('\n').map((r) => r.length))).toBeLessThanOrEqual(79);
  });

  it('chooses with the arrows and Enter; Enter on a row that cannot start does nothing; q leaves', async () => {
    const outcomes: HostMenuOutcome[] = [];
    screen = renderScreen(<HostMenu who="Dana Li (E123)" items={items} idleMs={600_000} onExit={(o) => outcomes.push(o)} />);
    await screen.waitFor('> 2.');
    await screen.pressAndWait('up', (f) => f.includes('> 1.'));
    screen.press('enter');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(outcomes).toEqual([]);
    await screen.pressAndWait('down', (f) => f.includes('> 2.'));
    await screen.pressAndWait('down', (f) => f.includes('> 3.'));
    screen.press('enter');
    await screen.waitFor(() => outcomes.length === 1);
    expect(outcomes).toEqual([{ kind: 'chosen', id: 'c' }]);
  });

  it('q leaves, and no key for the idle time ends it as idle', async () => {
    const left: HostMenuOutcome[] = [];
    screen = renderScreen(<HostMenu who="E1" items={items} idleMs={600_000} onExit={(o) => left.push(o)} />);
    await screen.waitFor('Your tests:');
    screen.press('q');
    await screen.waitFor(() => left.length === 1);
    expect(left).toEqual([{ kind: 'quit' }]);
    screen.unmount();
    const idle: HostMenuOutcome[] = [];
    screen = renderScreen(<HostMenu who="E1" items={items} idleMs={300} onExit={(o) => idle.push(o)} />);
    await screen.waitFor(() => idle.length === 1);
    expect(idle).toEqual([{ kind: 'idle' }]);
  });
});
